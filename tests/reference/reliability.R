# Golden values for `maatwerk-stats scales`: reliability and item statistics from R's psych.
#
#   cd tests/reference && Rscript reliability.R      (or: make references)
#
# Needs: r-base-core, r-cran-psych, r-cran-gparotation (omega), r-cran-haven.
# Written with R 4.2.2, psych 2.2.9, GPArotation 2022.10-2, haven 2.5.1 (Debian 12).
#
# Data (both real and public):
#   - psych::bfi: 2,800 respondents, the 25 Big Five items (1-6), with missing answers;
#     exported to data/bfi.csv so the Python tests read the same numbers.
#   - PSPP's example hotel.sav (17 guests, 5 items 1-5), copied to data/hotel.sav.
# Reverse-keyed items are reverse coded first (min + max - x): bfi as psych's own keys
# (A1 C4 C5 E1 E2 O2 O5); hotel v3 (negatively worded; it correlates -.90 with v1).
# hotel "all_items" keeps v2, which loads negatively on the common factor: psych::omega then
# flips it (flip = TRUE), which the toolkit mirrors.
#
# Conventions mirrored (DESIGN.md §5): alpha etc. on listwise complete cases; Feldt CI as
# psych::alpha.ci; omega_total as psych::omega(nfactors = 1, fm = "minres")$omega.tot on the
# same complete cases. Item n / mean / sd use every answer to the item (pairwise).

suppressPackageStartupMessages({
  library(psych)
  library(haven)
})

bfi_items <- psych::bfi[, 1:25]
write.csv(cbind(id = seq_len(nrow(bfi_items)), bfi_items), "data/bfi.csv",
          row.names = FALSE, na = "")

hotel <- as.data.frame(lapply(haven::read_sav("data/hotel.sav"), as.numeric))

scales <- list(
  list(dataset = "bfi", data = bfi_items, range = c(1, 6), scales = list(
    agreeableness = list(items = c("A1", "A2", "A3", "A4", "A5"), reverse = c("A1")),
    conscientiousness = list(items = c("C1", "C2", "C3", "C4", "C5"), reverse = c("C4", "C5")),
    extraversion = list(items = c("E1", "E2", "E3", "E4", "E5"), reverse = c("E1", "E2")),
    neuroticism = list(items = c("N1", "N2", "N3", "N4", "N5"), reverse = character(0)),
    openness = list(items = c("O1", "O2", "O3", "O4", "O5"), reverse = c("O2", "O5"))
  )),
  list(dataset = "hotel", data = hotel, range = c(1, 5), scales = list(
    satisfaction = list(items = c("v1", "v3", "v4", "v5"), reverse = c("v3")),
    all_items = list(items = c("v1", "v2", "v3", "v4", "v5"), reverse = c("v3"))
  ))
)

scale_rows <- list()
item_rows <- list()
for (study in scales) {
  for (name in names(study$scales)) {
    spec <- study$scales[[name]]
    x <- study$data[, spec$items]
    for (item in spec$reverse) x[[item]] <- study$range[1] + study$range[2] - x[[item]]
    complete <- na.omit(x)
    n <- nrow(complete)
    k <- ncol(complete)
    a <- psych::alpha(complete, check.keys = FALSE, warnings = FALSE)
    ci <- psych::alpha.ci(a$total$raw_alpha, n.obs = n, n.var = k, p.val = 0.05)
    om <- suppressWarnings(suppressMessages(
      psych::omega(complete, nfactors = 1, fm = "minres", plot = FALSE)))
    scale_rows[[length(scale_rows) + 1]] <- data.frame(
      dataset = study$dataset, scale = name, n_items = k, n = n,
      alpha = a$total$raw_alpha, alpha_std = a$total$std.alpha,
      alpha_conf_low = ci$lower.ci, alpha_conf_high = ci$upper.ci,
      omega_total = om$omega.tot)
    item_rows[[length(item_rows) + 1]] <- data.frame(
      dataset = study$dataset, scale = name, item = spec$items,
      n = sapply(x, function(v) sum(!is.na(v))),
      mean = sapply(x, mean, na.rm = TRUE),
      sd = sapply(x, sd, na.rm = TRUE),
      item_rest_r = a$item.stats$r.drop,
      alpha_if_deleted = a$alpha.drop$raw_alpha)
  }
}

write.csv(do.call(rbind, scale_rows), "reliability_scales.csv", row.names = FALSE)
write.csv(do.call(rbind, item_rows), "reliability_items.csv", row.names = FALSE)
options(digits = 15)
print(do.call(rbind, scale_rows))
