# Golden values for the README walkthrough "your own study": data/voorbeeld/enquete.csv
# (a Dutch Excel export) from `maatwerk-stats init` to the factsheet, computed independently
# of maatwerk-stats, from the raw export.
#
#   cd tests/reference && Rscript walkthrough.R      (or: make references)
#
# Needs: r-base-core, r-cran-psych, r-cran-effectsize. Written with R 4.2.2, psych 2.2.9,
# effectsize 0.8.3 (Debian 12).
#
# Rules applied by hand (DESIGN.md section 5, and what the walkthrough's config says):
#   - the export is Windows-1252, ";"-separated, decimal comma;
#   - beïnvloeding_1..3 hold Dutch agreement answers: helemaal mee oneens = 1 ... helemaal mee
#     eens = 5, "weet niet" = missing; samenwerking_1..4 hold 1..5 with 9 = weet niet = missing;
#   - scale score = mean of the answered items when at least half of them (rounded up) are
#     answered: 2 of 3, 2 of 4;
#   - groups: meting, voor (group 1) before na (group 2); independent groups;
#   - per scale: n, mean and sd per group, mean_diff = na - voor, Welch t.test, Hedges' g
#     (effectsize::hedges_g, pooled SD) with its CI; Cronbach's alpha (psych::alpha) on the
#     respondents who answered every item, per group and pooled.

suppressPackageStartupMessages({library(psych); library(effectsize)})

raw <- read.csv("../../data/voorbeeld/enquete.csv", sep = ";", dec = ",",
                fileEncoding = "windows-1252", check.names = FALSE, stringsAsFactors = FALSE)
answers <- c("helemaal mee oneens" = 1, "mee oneens" = 2, "neutraal" = 3, "mee eens" = 4,
             "helemaal mee eens" = 5)
scales <- list(
  "beïnvloeding" = paste0("beïnvloeding_", 1:3),
  samenwerking = paste0("samenwerking_", 1:4))
items <- data.frame(row.names = seq_len(nrow(raw)))
for (item in scales[["beïnvloeding"]]) {
  text <- tolower(trimws(raw[[item]]))
  stopifnot(all(text %in% c(names(answers), "weet niet")))
  items[[item]] <- unname(answers[text])           # "weet niet" -> NA
}
for (item in scales$samenwerking) {
  value <- raw[[item]]
  value[value == 9] <- NA
  items[[item]] <- value
}
score <- function(cols) {
  block <- as.matrix(items[, cols])
  answered <- rowSums(!is.na(block))
  ifelse(answered >= ceiling(length(cols) / 2), rowMeans(block, na.rm = TRUE), NA)
}

compare_rows <- list()
alpha_rows <- list()
for (name in names(scales)) {
  s <- score(scales[[name]])
  voor <- s[raw$meting == "voor" & !is.na(s)]
  na <- s[raw$meting == "na" & !is.na(s)]
  welch <- t.test(na, voor, var.equal = FALSE)
  g <- hedges_g(na, voor, pooled_sd = TRUE, ci = 0.95)
  compare_rows[[name]] <- data.frame(
    variable = name, n_1 = length(voor), n_2 = length(na), mean_1 = mean(voor),
    mean_2 = mean(na), sd_1 = sd(voor), sd_2 = sd(na), mean_diff = mean(na) - mean(voor),
    diff_conf_low = welch$conf.int[1], diff_conf_high = welch$conf.int[2],
    t = unname(welch$statistic), df = unname(welch$parameter), p_value = welch$p.value,
    hedges_g = g$Hedges_g, g_conf_low = g$CI_low, g_conf_high = g$CI_high,
    check.names = FALSE)
  for (group in c("all", "voor", "na")) {
    rows <- if (group == "all") TRUE else raw$meting == group
    block <- items[rows, scales[[name]]]
    block <- block[complete.cases(block), ]
    a <- psych::alpha(block, warnings = FALSE)$total
    alpha_rows[[paste(name, group)]] <- data.frame(
      scale = name, group = group, n = nrow(block), alpha = a$raw_alpha,
      mean = mean(s[rows], na.rm = TRUE), check.names = FALSE)
  }
}
write.csv(do.call(rbind, compare_rows), "walkthrough_compare.csv", row.names = FALSE,
          fileEncoding = "UTF-8")
write.csv(do.call(rbind, alpha_rows), "walkthrough_reliability.csv", row.names = FALSE,
          fileEncoding = "UTF-8")
