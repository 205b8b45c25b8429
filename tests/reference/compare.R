# Golden values for `maatwerk-stats compare`: t-tests, rank tests, effect sizes, adjusted
# differences and proportional-odds models from R.
#
#   cd tests/reference && Rscript compare.R      (or: make references)
#
# Needs: r-base-core (stats, MASS), r-cran-effectsize, r-cran-psych, r-cran-haven,
# r-cran-sandwich. Written with R 4.2.2, effectsize 0.8.3, MASS 7.3-58.2, psych 2.2.9,
# haven 2.5.1, sandwich 3.0-2 (Debian 12).
#
# Data:
#   - R's `sleep` (paired: 10 people, two drugs, matched on ID) -> data/sleep.csv
#   - psych::bfi split by gender (1 = male = group_1, 2 = female = group_2; independent). The
#     items are data/bfi.csv (written by reliability.R); gender, age and education are written
#     here to data/bfi_demographics.csv (education as text, so it is a categorical covariate).
#     Scales as bfi.toml: reverse-keyed items 7 - x, score = mean of the answered items when at
#     least 3 of 5 are answered.
#   - a synthetic pre/post questionnaire with SPSS user-missing codes (9 = "weet niet"),
#     written with haven to data/prepost.sav: 24 people measured twice, 6 only before,
#     4 only after. Analysed as independent groups (all rows) and as paired data (the 24).
#     Scales as prepost.toml: a = a_1..a_4 (a_4 reverse-keyed, 6 - x, at least 3 answered),
#     b = b_1..b_3 (at least 2 answered).
#
# Conventions mirrored (DESIGN.md section 5): mean_diff = group 2 - group 1; t.test (Welch,
# Student, paired); wilcox.test(correct = TRUE, exact = FALSE) with W = U of group 2 and V =
# sum of positive ranks of (after - before); effectsize::hedges_g (pooled SD, exact J, CI from
# the noncentral t), effectsize::cohens_d(paired = TRUE) for d_z, effectsize::rank_biserial
# (with its Fisher-z CI; paired: on the differences, see paired_row); d_av = mean difference / mean of the two SDs (Lakens 2013) with the CI of the
# mean difference divided by that SD (Bird 2002; effectsize 0.8.3 has no d_av); p.adjust
# (holm, BH) within each table; minimal detectable effect at 80 % power (two-sided .05) from
# power.t.test(strict = TRUE, tol = 1e-12) where it applies (equal n, paired), and by solving the same
# noncentral-t power equation with uniroot for unequal n; lm for the adjusted difference;
# MASS::polr for the proportional-odds model (Wald CI), with sandwich::vcovCL(type = "HC0",
# cadjust = TRUE) (cluster-robust by person) for paired data.

suppressPackageStartupMessages({
  library(effectsize)
  library(haven)
  library(MASS)
  library(sandwich)
})
options(warn = 1)

dir.create("data", showWarnings = FALSE)

# ---------------------------------------------------------------------------------------------
# Data

write.csv(sleep[, c("ID", "group", "extra")], "data/sleep.csv", row.names = FALSE)

bfi_full <- psych::bfi
education_labels <- c("HS", "finished HS", "some college", "college graduate",
                      "graduate degree")
bfi_demo <- data.frame(id = seq_len(nrow(bfi_full)), gender = bfi_full$gender,
                       age = bfi_full$age,
                       education = education_labels[bfi_full$education])
write.csv(bfi_demo, "data/bfi_demographics.csv", row.names = FALSE, na = "")

set.seed(20240611)
both <- 1:24; pre_only <- 25:30; post_only <- 31:34
people <- 1:34
trait <- rnorm(34)
organisatie <- sample(1:3, 34, replace = TRUE, prob = c(.4, .35, .25))
ervaring <- round(rgamma(34, 2, 0.25) * 2) / 2
make_items <- function(ids, shift) {
  n <- length(ids)
  latent_a <- 3.1 + shift + 0.8 * trait[ids]
  latent_b <- 3.4 + shift / 2 + 0.6 * trait[ids]
  item <- function(latent, mean_offset) {
    pmin(5, pmax(1, round(latent + mean_offset + rnorm(n, 0, 0.7))))
  }
  out <- data.frame(respnr = ids,
                    a_1 = item(latent_a, 0.2), a_2 = item(latent_a, -0.1),
                    a_3 = item(latent_a, 0), a_4 = item(latent_a, 0.1),
                    b_1 = item(latent_b, 0), b_2 = item(latent_b, 0.3),
                    b_3 = item(latent_b, -0.3))
  out$a_4 <- 6 - out$a_4   # stored reverse-keyed
  out
}
pre <- make_items(c(both, pre_only), 0)
post <- make_items(c(both, post_only), 0.45)
pre$meting <- 1; post$meting <- 2
raw <- rbind(pre, post)
items <- c("a_1", "a_2", "a_3", "a_4", "b_1", "b_2", "b_3")
cells <- as.matrix(raw[, items])
u <- matrix(runif(length(cells)), nrow(cells))
cells[u < 0.06] <- 9          # weet niet (user-missing)
cells[u > 0.98] <- NA         # left blank
raw[, items] <- cells
raw$organisatie <- organisatie[raw$respnr]
raw$ervaring <- ervaring[raw$respnr]
raw <- raw[, c("respnr", "meting", items, "organisatie", "ervaring")]

likert <- c("helemaal mee oneens" = 1, "mee oneens" = 2, "neutraal" = 3, "mee eens" = 4,
            "helemaal mee eens" = 5, "weet niet" = 9)
sav <- raw
sav$meting <- labelled(raw$meting, c(voor = 1, na = 2), label = "Meting")
for (item in items) {
  sav[[item]] <- labelled_spss(raw[[item]], likert, na_values = 9,
                               label = paste("Stelling", item))
}
sav$organisatie <- labelled(raw$organisatie, c(Gemeente = 1, Wijkteam = 2, Welzijn = 3),
                            label = "Organisatie")
write_sav(sav, "data/prepost.sav")
# a fixed creation date and time in the .sav header (offset 92: 9 + 8 characters), as the
# toolkit's own write_sav does, so rerunning this script gives the same bytes
stamp <- file("data/prepost.sav", "r+b")
seek(stamp, 92, rw = "write")
writeBin(charToRaw("01 Jan 2400:00:00"), stamp)
close(stamp)

# ---------------------------------------------------------------------------------------------
# Scoring (as the toolkit: missing codes first, then reverse coding, then the scale mean)

score <- function(x, min_items) {
  answered <- rowSums(!is.na(x))
  s <- rowMeans(x, na.rm = TRUE)
  s[answered < min_items] <- NA
  s
}

bfi_items <- bfi_full[, 1:25]
for (item in c("A1", "C4", "C5", "E1", "E2", "O2", "O5")) bfi_items[[item]] <- 7 - bfi_items[[item]]
bfi_scales <- list(agreeableness = c("A1", "A2", "A3", "A4", "A5"),
                   conscientiousness = c("C1", "C2", "C3", "C4", "C5"),
                   extraversion = c("E1", "E2", "E3", "E4", "E5"),
                   neuroticism = c("N1", "N2", "N3", "N4", "N5"),
                   openness = c("O1", "O2", "O3", "O4", "O5"))
bfi_scores <- as.data.frame(lapply(bfi_scales, function(i) score(bfi_items[, i], 3)))

pp <- raw
pp[, items][pp[, items] == 9] <- NA
pp$a_4 <- 6 - pp$a_4
pp_scores <- data.frame(a = score(pp[, c("a_1", "a_2", "a_3", "a_4")], 3),
                        b = score(pp[, c("b_1", "b_2", "b_3")], 2))

# ---------------------------------------------------------------------------------------------
# Helpers

mde_equation <- function(delta, df, scale) {
  crit <- qt(0.975, df)
  1 - pt(crit, df, ncp = delta * scale) + pt(-crit, df, ncp = delta * scale) - 0.8
}
mde_two <- function(n1, n2) {
  uniroot(mde_equation, c(1e-6, 20), df = n1 + n2 - 2, scale = sqrt(n1 * n2 / (n1 + n2)),
          tol = 1e-12)$root
}
mde_one <- function(n) uniroot(mde_equation, c(1e-6, 50), df = n - 1, scale = sqrt(n),
                               tol = 1e-12)$root

# The *_exact columns: noncentral-t limits by uniroot to 1e-13 (exact_ncp) and Hedges' J, as
# the toolkit computes them (effectsize's optim can miss the root by a few 1e-4).
source("noncentral.R")

independent_row <- function(dataset, kind, variable, x1, x2, equal_var) {
  x1 <- x1[!is.na(x1)]; x2 <- x2[!is.na(x2)]
  tt <- t.test(x2, x1, var.equal = equal_var)
  wt <- wilcox.test(x2, x1, correct = TRUE, exact = FALSE)
  g <- hedges_g(x2, x1, ci = 0.95)
  rb <- rank_biserial(x2, x1, ci = 0.95)
  n1 <- length(x1); n2 <- length(x2); hn <- 1 / n1 + 1 / n2
  sp <- sqrt(((n1 - 1) * var(x1) + (n2 - 1) * var(x2)) / (n1 + n2 - 2))
  g_exact <- exact_ncp((mean(x2) - mean(x1)) / sp / sqrt(hn), n1 + n2 - 2) * sqrt(hn) *
    J(n1 + n2 - 2)
  data.frame(dataset = dataset, kind = kind, variable = variable, equal_var = equal_var,
             n_1 = length(x1), n_2 = length(x2), mean_1 = mean(x1), mean_2 = mean(x2),
             sd_1 = sd(x1), sd_2 = sd(x2), mean_diff = mean(x2) - mean(x1),
             diff_conf_low = tt$conf.int[1], diff_conf_high = tt$conf.int[2],
             t = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value,
             hedges_g = g$Hedges_g, g_conf_low = g$CI_low, g_conf_high = g$CI_high,
             g_conf_low_exact = g_exact[1], g_conf_high_exact = g_exact[2],
             u = unname(wt$statistic), p_value_rank = wt$p.value,
             rank_biserial = rb$r_rank_biserial, rank_biserial_conf_low = rb$CI_low,
             rank_biserial_conf_high = rb$CI_high, mde_g = mde_two(length(x1), length(x2)))
}

paired_row <- function(dataset, kind, variable, x1, x2) {
  keep <- !is.na(x1) & !is.na(x2)
  x1 <- x1[keep]; x2 <- x2[keep]; n <- length(x1)
  tt <- t.test(x2, x1, paired = TRUE)
  wt <- wilcox.test(x2, x1, paired = TRUE, correct = TRUE, exact = FALSE)
  dz <- cohens_d(x2, x1, paired = TRUE, ci = 0.95)
  # one-sample form on the differences: effectsize 0.8.3's rank_biserial(x2, x1, paired = TRUE)
  # gives the same r, but its CI counts the non-zero values of x2 instead of the non-zero
  # differences (nd in its SE); on the differences both are the same thing
  rb <- rank_biserial(x2 - x1, ci = 0.95)
  s_av <- (sd(x1) + sd(x2)) / 2
  dz_exact <- exact_ncp(mean(x2 - x1) / sd(x2 - x1) * sqrt(n), n - 1) / sqrt(n)
  data.frame(dataset = dataset, kind = kind, variable = variable, n_pairs = n,
             mean_1 = mean(x1), mean_2 = mean(x2), sd_1 = sd(x1), sd_2 = sd(x2),
             mean_diff = mean(x2 - x1),
             diff_conf_low = tt$conf.int[1], diff_conf_high = tt$conf.int[2],
             t = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value,
             d_z = dz$Cohens_d, d_z_conf_low = dz$CI_low, d_z_conf_high = dz$CI_high,
             d_z_conf_low_exact = dz_exact[1], d_z_conf_high_exact = dz_exact[2],
             d_av = mean(x2 - x1) / s_av, d_av_conf_low = tt$conf.int[1] / s_av,
             d_av_conf_high = tt$conf.int[2] / s_av,
             w = unname(wt$statistic), p_value_rank = wt$p.value,
             rank_biserial = rb$r_rank_biserial, rank_biserial_conf_low = rb$CI_low,
             rank_biserial_conf_high = rb$CI_high, mde_d_z = mde_one(n))
}

add_adjusted <- function(table, keys) {
  table$p_holm <- NA; table$p_bh <- NA
  for (key in unique(do.call(paste, table[keys]))) {
    rows <- do.call(paste, table[keys]) == key
    table$p_holm[rows] <- p.adjust(table$p_value[rows], "holm")
    table$p_bh[rows] <- p.adjust(table$p_value[rows], "BH")
  }
  table
}

# ---------------------------------------------------------------------------------------------
# Independent groups

rows <- list()
male <- bfi_full$gender == 1; female <- bfi_full$gender == 2
first <- pp$meting == 1; second <- pp$meting == 2
for (equal_var in c(FALSE, TRUE)) {
  for (s in names(bfi_scales)) rows[[length(rows) + 1]] <-
    independent_row("bfi", "scale", s, bfi_scores[[s]][male], bfi_scores[[s]][female], equal_var)
  for (i in unlist(bfi_scales)) rows[[length(rows) + 1]] <-
    independent_row("bfi", "item", i, bfi_items[[i]][male], bfi_items[[i]][female], equal_var)
  for (s in c("a", "b")) rows[[length(rows) + 1]] <-
    independent_row("prepost", "scale", s, pp_scores[[s]][first], pp_scores[[s]][second],
                    equal_var)
  for (i in items) rows[[length(rows) + 1]] <-
    independent_row("prepost", "item", i, pp[[i]][first], pp[[i]][second], equal_var)
}
independent <- add_adjusted(do.call(rbind, rows), c("dataset", "kind", "equal_var"))
write.csv(independent, "compare_independent.csv", row.names = FALSE)

# ---------------------------------------------------------------------------------------------
# Paired

rows <- list()
s1 <- sleep[sleep$group == 1, ]; s2 <- sleep[sleep$group == 2, ]
s2 <- s2[match(s1$ID, s2$ID), ]
rows[[1]] <- paired_row("sleep", "scale", "extra", s1$extra, s2$extra)
rows[[2]] <- paired_row("sleep", "item", "extra", s1$extra, s2$extra)
ids <- sort(intersect(pp$respnr[first], pp$respnr[second]))
at1 <- match(ids, pp$respnr[first]); at2 <- match(ids, pp$respnr[second])
for (s in c("a", "b")) rows[[length(rows) + 1]] <- paired_row(
  "prepost", "scale", s, pp_scores[[s]][first][at1], pp_scores[[s]][second][at2])
for (i in items) rows[[length(rows) + 1]] <- paired_row(
  "prepost", "item", i, pp[[i]][first][at1], pp[[i]][second][at2])
paired <- add_adjusted(do.call(rbind, rows), c("dataset", "kind"))
write.csv(paired, "compare_paired.csv", row.names = FALSE)

# ---------------------------------------------------------------------------------------------
# Minimal detectable effects: power.t.test(strict = TRUE) where it applies

power <- data.frame(
  design = c("independent", "independent", "independent", "paired", "paired"),
  n_1 = c(10, 22, 40, 10, 57), n_2 = c(10, 36, 40, 10, 57))
power$mde <- c(power.t.test(n = 10, power = 0.8, strict = TRUE, tol = 1e-12)$delta,
               mde_two(22, 36),
               power.t.test(n = 40, power = 0.8, strict = TRUE, tol = 1e-12)$delta,
               power.t.test(n = 10, power = 0.8, strict = TRUE, tol = 1e-12, type = "paired")$delta,
               power.t.test(n = 57, power = 0.8, strict = TRUE, tol = 1e-12, type = "paired")$delta)
power$source <- c("power.t.test", "uniroot", "power.t.test", "power.t.test", "power.t.test")
write.csv(power, "compare_power.csv", row.names = FALSE)

# ---------------------------------------------------------------------------------------------
# Adjusted differences (ANCOVA-style OLS)

adjusted_row <- function(dataset, variable, covariates, frame) {
  fit <- lm(as.formula(paste("y ~", paste(c(covariates, "group"), collapse = " + "))),
            data = frame)
  co <- summary(fit)$coefficients["group", ]
  ci <- confint(fit)["group", ]
  data.frame(dataset = dataset, variable = variable,
             covariates = paste(covariates, collapse = ","), n = nobs(fit),
             estimate = co[["Estimate"]], std_error = co[["Std. Error"]],
             t = co[["t value"]], df = fit$df.residual, p_value = co[["Pr(>|t|)"]],
             conf_low = ci[[1]], conf_high = ci[[2]])
}
rows <- list()
in_bfi <- bfi_full$gender %in% c(1, 2)
for (s in names(bfi_scales)) {
  frame <- data.frame(y = bfi_scores[[s]], group = as.numeric(bfi_full$gender == 2),
                      age = bfi_full$age, education = factor(bfi_demo$education))[in_bfi, ]
  rows[[length(rows) + 1]] <- adjusted_row("bfi", s, c("age", "education"), frame)
}
for (s in c("a", "b")) {
  frame <- data.frame(y = pp_scores[[s]], group = as.numeric(pp$meting == 2),
                      organisatie = factor(pp$organisatie), ervaring = pp$ervaring)
  rows[[length(rows) + 1]] <- adjusted_row("prepost", s, c("organisatie", "ervaring"), frame)
}
adjusted <- add_adjusted(do.call(rbind, rows), "dataset")
write.csv(adjusted, "compare_adjusted.csv", row.names = FALSE)

# ---------------------------------------------------------------------------------------------
# Proportional odds (MASS::polr, logit), odds ratio group 2 vs group 1 with a Wald CI

ordinal_row <- function(dataset, design, variable, y, group, cluster = NULL) {
  keep <- !is.na(y)
  y <- factor(y[keep], ordered = TRUE); group <- group[keep]
  fit <- polr(y ~ group, Hess = TRUE, control = list(reltol = 1e-14, maxit = 10000))
  v <- if (is.null(cluster)) vcov(fit) else
    vcovCL(fit, cluster = cluster[keep], type = "HC0", cadjust = TRUE)
  est <- unname(coef(fit)["group"]); se <- sqrt(v["group", "group"])
  data.frame(dataset = dataset, design = design, variable = variable, n = length(y),
             n_categories = nlevels(y), estimate = est, std_error = se, statistic = est / se,
             p_value = 2 * pnorm(-abs(est / se)),
             conf_low = est - qnorm(0.975) * se, conf_high = est + qnorm(0.975) * se,
             odds_ratio = exp(est))
}
rows <- list()
for (i in unlist(bfi_scales)) rows[[length(rows) + 1]] <-
  ordinal_row("bfi", "independent", i, bfi_items[[i]][in_bfi],
              as.numeric(bfi_full$gender[in_bfi] == 2))
for (i in items) rows[[length(rows) + 1]] <-
  ordinal_row("prepost", "independent", i, pp[[i]], as.numeric(pp$meting == 2))
for (i in items) {
  y1 <- pp[[i]][first][at1]; y2 <- pp[[i]][second][at2]
  keep <- !is.na(y1) & !is.na(y2)
  rows[[length(rows) + 1]] <- ordinal_row(
    "prepost", "paired", i, c(y1[keep], y2[keep]), rep(c(0, 1), each = sum(keep)),
    cluster = rep(ids[keep], 2))
}
ordinal <- add_adjusted(do.call(rbind, rows), c("dataset", "design"))
write.csv(ordinal, "compare_ordinal.csv", row.names = FALSE)

options(digits = 10)
print(independent[independent$dataset == "prepost" & !independent$equal_var,
                  c("variable", "n_1", "n_2", "mean_diff", "t", "p_value", "hedges_g")])
print(paired[, c("dataset", "variable", "n_pairs", "mean_diff", "t", "d_z", "w")])
print(power)
