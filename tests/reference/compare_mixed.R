# Golden values for `maatwerk-stats compare --model mixed`: a linear mixed model per variable
# with a random intercept per respondent, using every respondent (also those measured once).
#
#   cd tests/reference && Rscript compare_mixed.R      (or: make references)
#
# Needs: r-base-core, r-cran-lme4, r-cran-lmertest, r-cran-emmeans. Written with R 4.2.2,
# lme4 1.1-31, lmerTest 3.1-3, emmeans 1.8.4-1 (Debian 12).
#
# Data (real, public; written here to data/ so both sides read the very same file):
#   - lme4::sleepstudy (Belenky et al. 2003; reaction times of 18 subjects over 10 days of
#     sleep deprivation), days 0 ("voor") and 9 ("na"), thinned to incomplete pairs: subjects
#     308, 330 and 337 lose day 9 (measured only before), 349 and 372 lose day 0 (only
#     after) -> data/sleepstudy_thinned.csv (subject, meting, reaction, reaction_log).
#     Two variables: reaction and log(reaction); config sleepstudy.toml.
#   - nlme::Orthodont (Potthoff & Roy 1964; distance pituitary-pterygomaxillary fissure of 16
#     boys and 11 girls at ages 8, 10, 12, 14), ages 8, 12 and 14 as three measurements,
#     thinned: M01, M04, F02 lose age 14; M05, F08 lose age 12; M10, F11 lose age 8; M16
#     keeps only age 8 -> data/orthodont_thinned.csv (subject, age, sex, distance);
#     config orthodont.toml. The model means per measurement are emmeans(m, ~ time) with
#     Satterthwaite df.
#
# Conventions mirrored (DESIGN.md section 5, "Pre/post designs beyond two groups"):
#   lmerTest::lmer(score ~ meting + (1 | subject), REML = TRUE) per variable; the contrasts
#   are emmeans(m, ~ meting, lmer.df = "satterthwaite") with contrast(., "revpairwise")
#   (later minus earlier, "na - voor"), summary(infer = TRUE, adjust = "none"): estimate, SE,
#   Satterthwaite df, t, p and the t-based 95 % CI; p_adjusted = p.adjust(method = "holm") over
#   all rows of a site (every variable x contrast: the table is the family, as compare_scales).
#   Attrition check: Welch t.test of the baseline score of those not measured every time
#   against those measured every time (mean_diff = incomplete - complete).

suppressPackageStartupMessages({
  library(lmerTest)
  library(emmeans)
})
options(warn = 1)
dir.create("data", showWarnings = FALSE)

# ---------------------------------------------------------------------------------------------
# Data

sleep2 <- subset(lme4::sleepstudy, Days %in% c(0, 9))
sleep2$meting <- ifelse(sleep2$Days == 0, "voor", "na")
drop <- (sleep2$Subject %in% c("308", "330", "337") & sleep2$meting == "na") |
  (sleep2$Subject %in% c("349", "372") & sleep2$meting == "voor")
sleep2 <- sleep2[!drop, ]
orth <- as.data.frame(nlme::Orthodont)
orth <- orth[orth$age %in% c(8, 12, 14), ]
orth$Subject <- as.character(orth$Subject)
drop <- (orth$Subject %in% c("M01", "M04", "F02") & orth$age == 14) |
  (orth$Subject %in% c("M05", "F08") & orth$age == 12) |
  (orth$Subject %in% c("M10", "F11") & orth$age == 8) |
  (orth$Subject == "M16" & orth$age != 8)
orth <- orth[!drop, ]
orth_out <- data.frame(subject = orth$Subject, age = orth$age, sex = as.character(orth$Sex),
                       distance = orth$distance)
write.csv(orth_out, "data/orthodont_thinned.csv", row.names = FALSE)

sleep_out <- data.frame(subject = as.character(sleep2$Subject), meting = sleep2$meting,
                        reaction = sleep2$Reaction, reaction_log = log(sleep2$Reaction))
write.csv(sleep_out, "data/sleepstudy_thinned.csv", row.names = FALSE)

# ---------------------------------------------------------------------------------------------
# Models

fit_model <- function(data, v, id, time, levels) {
  d <- data[!is.na(data[[v]]), ]
  d$time <- factor(d[[time]], levels = levels)
  d$id <- factor(d[[id]])
  d$y <- d[[v]]
  list(model = lmer(y ~ time + (1 | id), data = d, REML = TRUE), data = d)
}

means_rows <- function(data, dataset, variables, id, time, levels) {
  rows <- list()
  for (v in variables) {
    fit <- fit_model(data, v, id, time, levels)
    mm <- as.data.frame(summary(emmeans(fit$model, ~ time, lmer.df = "satterthwaite"),
                                infer = TRUE))
    rows[[v]] <- data.frame(
      dataset = dataset, variable = v, site = "all", group = as.character(mm$time),
      estimate = mm$emmean, std_error = mm$SE, df = mm$df, conf_low = mm$lower.CL,
      conf_high = mm$upper.CL, n = as.vector(table(fit$data$time)))
  }
  do.call(rbind, rows)
}

mixed_rows <- function(data, dataset, variables, id, time, levels) {
  rows <- list()
  for (v in variables) {
    fit <- fit_model(data, v, id, time, levels)
    m <- fit$model
    emm <- emmeans(m, ~ time, lmer.df = "satterthwaite")
    ct <- as.data.frame(summary(contrast(emm, "revpairwise"), infer = TRUE, adjust = "none"))
    holm <- as.data.frame(summary(contrast(emm, "revpairwise"), adjust = "holm"))
    rows[[v]] <- data.frame(
      dataset = dataset, variable = v, site = "all", contrast = gsub("time", "", as.character(ct$contrast)),
      estimate = ct$estimate, std_error = ct$SE, df = ct$df, p_value = ct$p.value,
      conf_low = ct$lower.CL, conf_high = ct$upper.CL,
      n_respondents = nlevels(fit$data$id), n_observations = nrow(fit$data),
      var_respondent = as.data.frame(VarCorr(m))$vcov[1],
      var_residual = sigma(m)^2, p_holm_within_variable = holm$p.value)
  }
  out <- do.call(rbind, rows)
  out$p_adjusted <- p.adjust(out$p_value, method = "holm")
  out
}

attrition_rows <- function(data, dataset, variables, id, time, waves) {
  rows <- list()
  for (v in variables) {
    d <- data[!is.na(data[[v]]), ]
    seen <- tapply(d[[time]], d[[id]], function(x) all(waves %in% x))
    complete <- names(seen)[seen]
    base <- d[d[[time]] == waves[1], ]
    incomplete_x <- base[[v]][!(base[[id]] %in% complete)]
    complete_x <- base[[v]][base[[id]] %in% complete]
    tt <- t.test(incomplete_x, complete_x)
    rows[[v]] <- data.frame(
      dataset = dataset, variable = v, n_complete = length(complete_x),
      n_incomplete = length(incomplete_x), mean_complete = mean(complete_x),
      mean_incomplete = mean(incomplete_x),
      mean_diff = mean(incomplete_x) - mean(complete_x), t = unname(tt$statistic),
      df = unname(tt$parameter), p_value = tt$p.value)
  }
  do.call(rbind, rows)
}

mixed <- rbind(
  mixed_rows(sleep_out, "sleepstudy", c("reaction", "reaction_log"), "subject", "meting",
             c("voor", "na")),
  mixed_rows(orth_out, "orthodont", "distance", "subject", "age", c(8, 12, 14)))
write.csv(mixed, "compare_mixed.csv", row.names = FALSE)

means <- rbind(
  means_rows(sleep_out, "sleepstudy", c("reaction", "reaction_log"), "subject", "meting",
             c("voor", "na")),
  means_rows(orth_out, "orthodont", "distance", "subject", "age", c(8, 12, 14)))
write.csv(means, "compare_mixed_means.csv", row.names = FALSE)

attrition <- rbind(
  attrition_rows(sleep_out, "sleepstudy", c("reaction", "reaction_log"), "subject", "meting",
                 c("voor", "na")),
  attrition_rows(orth_out, "orthodont", "distance", "subject", "age", c(8, 12, 14)))
write.csv(attrition, "compare_mixed_attrition.csv", row.names = FALSE)
