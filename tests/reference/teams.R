# Golden values for the team-survey commands (`correlate`, `teams`, `regress`): correlations
# (cor.test, psych::corr.test with Holm), within/between-team correlations (psych::statsBy),
# agreement (multilevel::rwg.j, ICC1, ICC2), regressions (lm, sandwich::vcovCL HC1,
# lmerTest::lmer), VIF (car::vif) and simple slopes (emmeans::emtrends).
#
#   cd tests/reference && Rscript teams.R      (or: make references)
#
# Needs: r-base-core with multilevel, psych, lme4, lmerTest, sandwich, car, emmeans.
# Written with R 4.2.2, multilevel 2.7, psych 2.2.9, lme4 1.1-31, lmerTest 3.1-3,
# sandwich 3.0-2 (Debian 12).
#
# Data (extracted here from the multilevel package, so the Python tests never need R):
#   - data/bh1996.csv: multilevel::bh1996 (Bliese & Halverson 1996; 7,382 soldiers in 99
#     companies): GRP, COHES, LEAD, HRS, WBEING, plus HRS_M = HRS with 10 % of the values
#     removed at random (seeded below) for pairwise-complete correlations.
#   - data/bhr2000.csv: multilevel::bhr2000 (5,400 soldiers in 99 companies, item level):
#     GRP and the eleven 5-point leadership items AF06 ... AS28.
#
# Conventions mirrored (DESIGN.md section 5, "Surveys in teams"):
#   - correlations: cor.test (Pearson, Fisher-z CI, t with n - 2 df), pairwise complete;
#     p_adjusted = psych::corr.test(adjust = "holm") over the lower triangle.
#   - within / between: psych::statsBy(group = "GRP"): rwg (correlations of the
#     team-mean-centred scores; p from t with N - G - 2 df, CI by Fisher z on nw) and rbg
#     (team means weighted by team size; t with G - 2 df, CI by Fisher z on G).
#   - rwg(j): multilevel::rwg.j(items, GRP, ranvar = (A^2 - 1) / 12), A = 5 categories;
#     ICC(1), ICC(2): multilevel::ICC1 / ICC2 of aov(score ~ as.factor(GRP)).
#   - regressions: lm; CR1 = sandwich::vcovCL(cluster = ~GRP, type = "HC1") with t on G - 1 df;
#     mixed = lmerTest::lmer(REML) + summary (Satterthwaite); icc_null from lmer(y ~ 1 + (1|GRP));
#     std_estimate = b * sd(x) / sd(y) on the model's columns; simple slopes of LEAD at
#     COHES mean - 1 SD, mean, mean + 1 SD (emmeans::emtrends; by hand with the CR1 vcov).
#   - within-team centring: the W.HRS / W.LEAD (minus the team mean) and G.HRS / G.LEAD (team
#     mean) columns of bh1996 itself, so the reference does not rest on our centring.

suppressPackageStartupMessages({
  library(multilevel)
  library(psych)
  library(lme4)
  library(lmerTest)
  library(sandwich)
  library(car)
  library(emmeans)
})

write <- function(frame, name) write.csv(frame, name, row.names = FALSE)

data(bh1996, package = "multilevel")
data(bhr2000, package = "multilevel")
bh <- bh1996[, c("GRP", "COHES", "LEAD", "HRS", "WBEING")]
set.seed(20240612)
bh$HRS_M <- bh$HRS
bh$HRS_M[sample(nrow(bh), round(0.1 * nrow(bh)))] <- NA
write(bh, "data/bh1996.csv")
items <- c("AF06", "AF07", "AP12", "AP17", "AP33", "AP34", "AS14", "AS15", "AS16", "AS17",
           "AS28")
write(bhr2000[, c("GRP", items)], "data/bhr2000.csv")

# ---- correlations: cor.test pair by pair, Holm from psych::corr.test ----------------------
vars <- c("COHES", "LEAD", "HRS_M", "WBEING")
ct <- corr.test(bh[, vars], adjust = "holm")
rows <- list()
for (j in 1:(length(vars) - 1)) for (k in (j + 1):length(vars)) {
  test <- cor.test(bh[[vars[j]]], bh[[vars[k]]])
  rows[[length(rows) + 1]] <- data.frame(
    variable_1 = vars[j], variable_2 = vars[k], n = sum(complete.cases(bh[, vars[c(j, k)]])),
    r = unname(test$estimate), conf_low = test$conf.int[1], conf_high = test$conf.int[2],
    p_value = test$p.value, p_adjusted = ct$p[vars[j], vars[k]])  # upper triangle: adjusted
}
write(do.call(rbind, rows), "teams_correlations.csv")
write(data.frame(variable = vars, n = colSums(!is.na(bh[, vars])),
                 mean = colMeans(bh[, vars], na.rm = TRUE),
                 sd = apply(bh[, vars], 2, sd, na.rm = TRUE),
                 min = apply(bh[, vars], 2, min, na.rm = TRUE),
                 max = apply(bh[, vars], 2, max, na.rm = TRUE)),
      "teams_descriptives.csv")

# ---- within / between: psych::statsBy --------------------------------------------------------
wb_vars <- c("COHES", "LEAD", "HRS", "WBEING")
G <- length(unique(bh$GRP))
sb <- statsBy(bh[, c("GRP", wb_vars)], group = "GRP", cors = FALSE)
rows <- list()
for (j in 1:(length(wb_vars) - 1)) for (k in (j + 1):length(wb_vars)) {
  a <- wb_vars[j]; b <- wb_vars[k]
  i <- length(rows) + 1  # r.ci rows are the pairs in this order
  rows[[length(rows) + 1]] <- data.frame(
    variable_1 = a, variable_2 = b,
    r_within = sb$rwg[paste0(a, ".wg"), paste0(b, ".wg")],
    n_within = sb$nw[paste0(a, ".wg"), paste0(b, ".wg")],
    p_within = sb$pwg[paste0(a, ".wg"), paste0(b, ".wg")],
    low_within = sb$ci.wg$r.ci[i, "lower"], high_within = sb$ci.wg$r.ci[i, "upper"],
    r_between = sb$rbg[paste0(a, ".bg"), paste0(b, ".bg")], n_between = length(unique(bh$GRP)),
    p_between = sb$pbg[paste0(a, ".bg"), paste0(b, ".bg")],
    low_between = sb$ci.bg$r.ci[i, "lower"], high_between = sb$ci.bg$r.ci[i, "upper"])
}
wb <- do.call(rbind, rows)
# statsBy computes p as 2 * (1 - pt(|t|, df)), which is 0 below 1e-16: the same t and df
# through pt's lower tail, to compare small p-values too
N <- nrow(bh)
t_w <- wb$r_within * sqrt(wb$n_within - 2) / sqrt(1 - wb$r_within^2)
wb$p_within_exact <- 2 * pt(-abs(t_w), N - G - 2)
t_b <- wb$r_between * sqrt(G - 2) / sqrt(1 - wb$r_between^2)
wb$p_between_exact <- 2 * pt(-abs(t_b), G - 2)
write(wb, "teams_within_between.csv")

# ---- agreement: rwg(j), ICC(1), ICC(2) ---------------------------------------------------------
ranvar <- (5^2 - 1) / 12
rwg <- rwg.j(bhr2000[, items], bhr2000$GRP, ranvar = ranvar)
write(data.frame(team = rwg$grpid, rwg_j = rwg$rwg.j, n = rwg$gsize), "teams_rwg_j.csv")
bhr2000$LEADSCALE <- rowMeans(bhr2000[, items])
icc <- function(y, g) {
  model <- aov(y ~ as.factor(g))
  c(icc1 = ICC1(model), icc2 = ICC2(model))
}
agreement <- rbind(
  data.frame(variable = "bhr2000_items", t(icc(bhr2000$LEADSCALE, bhr2000$GRP)),
             rwg_j_mean = mean(rwg$rwg.j), rwg_j_median = median(rwg$rwg.j),
             rwg_j_share_70 = mean(rwg$rwg.j >= 0.70)),
  do.call(rbind, lapply(wb_vars, function(v) data.frame(
    variable = v, t(icc(bh[[v]], bh$GRP)), rwg_j_mean = NA, rwg_j_median = NA,
    rwg_j_share_70 = NA))))
write(agreement, "teams_agreement.csv")

# ---- regressions -------------------------------------------------------------------------------
bh$W.LEAD <- bh1996$W.LEAD
bh$G.LEAD <- bh1996$G.LEAD
bh$W.HRS <- bh1996$W.HRS
bh$G.HRS <- bh1996$G.HRS
models <- list(
  main = WBEING ~ HRS + LEAD + COHES,
  interaction = WBEING ~ HRS + LEAD * COHES,
  centred = WBEING ~ W.HRS + W.LEAD + G.HRS + G.LEAD
)
coef_rows <- list(); fit_rows <- list(); slope_rows <- list(); vif_rows <- list()
null_fit <- lmer(WBEING ~ 1 + (1 | GRP), data = bh, REML = TRUE)
null_vc <- as.data.frame(VarCorr(null_fit))$vcov
icc_null <- null_vc[1] / sum(null_vc)
tidy <- function(name, model, est, se, df, stat_p = NULL) {
  stat <- est / se
  p <- 2 * pt(-abs(stat), df)
  q <- qt(0.975, df)
  data.frame(regression = name, model = model, term = names(est), estimate = unname(est),
             std_error = unname(se), statistic = unname(stat), df = unname(df),
             p_value = unname(p), conf_low = unname(est - q * se),
             conf_high = unname(est + q * se))
}
for (name in names(models)) {
  formula <- models[[name]]
  ols <- lm(formula, data = bh)
  x <- model.matrix(ols)
  y <- model.response(model.frame(ols))
  sd_ratio <- apply(x, 2, sd) / sd(y)  # b * sd(x) / sd(y) with each model's own b
  sd_ratio[1] <- NA
  s <- summary(ols)$coefficients
  ols_tab <- tidy(name, "ols", s[, 1], s[, 2], rep(ols$df.residual, nrow(s)))
  v_cl <- vcovCL(ols, cluster = ~GRP, type = "HC1")
  cl_tab <- tidy(name, "ols_cluster", coef(ols), sqrt(diag(v_cl)), rep(G - 1, nrow(s)))
  mixed <- lmer(update(formula, . ~ . + (1 | GRP)), data = bh, REML = TRUE)
  sm <- summary(mixed)$coefficients
  mixed_tab <- tidy(name, "mixed", sm[, "Estimate"], sm[, "Std. Error"], sm[, "df"])
  for (tab in list(ols_tab, cl_tab, mixed_tab)) {
    tab$std_estimate <- tab$estimate * unname(sd_ratio)
    coef_rows[[length(coef_rows) + 1]] <- tab
  }
  vc <- as.data.frame(VarCorr(mixed))$vcov
  fit_rows[[length(fit_rows) + 1]] <- data.frame(
    regression = name, model = c("ols", "ols_cluster", "mixed"), n = nrow(x),
    n_teams = c(NA, G, G), r_squared = c(summary(ols)$r.squared, summary(ols)$r.squared, NA),
    adj_r_squared = c(summary(ols)$adj.r.squared, summary(ols)$adj.r.squared, NA),
    var_team = c(NA, NA, vc[1]), var_residual = c(NA, NA, vc[2]),
    icc = c(NA, NA, vc[1] / sum(vc)), icc_null = icc_null,
    reml_deviance = c(NA, NA, REMLcrit(mixed)))
  if (name == "main") {
    v <- vif(ols)
    vif_rows[[1]] <- data.frame(regression = name, term = names(v), vif = unname(v))
  }
  if (name == "interaction") {
    m <- mean(bh$COHES); s_mod <- sd(bh$COHES)
    at <- c(m - s_mod, m, m + s_mod)
    for (model in c("ols", "mixed")) {
      fitted <- if (model == "ols") ols else mixed
      emm_options(lmer.df = "satterthwaite", lmerTest.limit = 1e5)
      tr <- summary(emtrends(fitted, ~ COHES, var = "LEAD", at = list(COHES = at)),
                    infer = TRUE)
      slope_rows[[length(slope_rows) + 1]] <- data.frame(
        regression = name, model = model, predictor = "LEAD", moderator = "COHES",
        moderator_value = at, estimate = tr$LEAD.trend, std_error = tr$SE, df = tr$df,
        p_value = tr$p.value, conf_low = tr$lower.CL, conf_high = tr$upper.CL)
    }
    b <- coef(ols)
    for (z in at) {
      L <- setNames(rep(0, length(b)), names(b))
      L["LEAD"] <- 1; L["LEAD:COHES"] <- z
      est <- sum(L * b); se <- sqrt(drop(t(L) %*% v_cl %*% L))
      tab <- tidy(name, "ols_cluster", c(x = est), se, G - 1)
      slope_rows[[length(slope_rows) + 1]] <- data.frame(
        regression = name, model = "ols_cluster", predictor = "LEAD", moderator = "COHES",
        moderator_value = z, estimate = est, std_error = se, df = G - 1,
        p_value = tab$p_value, conf_low = tab$conf_low, conf_high = tab$conf_high)
    }
  }
}
write(do.call(rbind, coef_rows), "teams_regression_coefficients.csv")
write(do.call(rbind, fit_rows), "teams_regression_fit.csv")
write(do.call(rbind, slope_rows), "teams_simple_slopes.csv")
write(do.call(rbind, vif_rows), "teams_vif.csv")
