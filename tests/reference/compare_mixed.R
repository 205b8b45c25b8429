# Golden values for `maatwerk-stats compare --model mixed`: a linear mixed model per variable
# with a random intercept per respondent, using every respondent (also those measured once).
#
#   cd tests/reference && Rscript compare_mixed.R      (or: make references)
#
# Needs: r-base-core, r-cran-lme4, r-cran-lmertest, r-cran-emmeans, r-cran-effectsize.
# Written with R 4.2.2, lme4 1.1-31, lmerTest 3.1-3, emmeans 1.8.4-1, effectsize 0.8.3
# (Debian 12).
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
#   --site (sex in Orthodont; sites in sorted order, Female first): one pooled model
#   lmer(score ~ time * site + (1 | subject)) (paired) or lm(score ~ time * site) (Orthodont's
#   ages 8 and 14 treated as independent groups); per-site changes = emmeans(m, ~ time | site)
#   + contrast("revpairwise"); interaction = contrast(<those>, "trt.vs.ctrl", by =
#   "contrast") (the change in Male minus the change in Female); per-site means =
#   emmeans(m, ~ time | site). compare_sites: t.test per site (paired: complete pairs of
#   ages 8 and 12; independent: Welch, ages 8 and 14).
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

# ---------------------------------------------------------------------------------------------
# Sites

site_models <- function(data, dataset, v, id, time, levels, site, paired) {
  d <- data[!is.na(data[[v]]), ]
  d$time <- factor(d[[time]], levels = levels)
  d$site <- factor(d[[site]], levels = sort(unique(d[[site]])))
  d$id <- factor(d[[id]])
  d$y <- d[[v]]
  if (paired) {
    m <- lmer(y ~ time * site + (1 | id), data = d, REML = TRUE)
    emm <- emmeans(m, ~ time | site, lmer.df = "satterthwaite")
  } else {
    m <- lm(y ~ time * site, data = d)
    emm <- emmeans(m, ~ time | site)
  }
  ct <- contrast(emm, "revpairwise")
  changes <- as.data.frame(summary(ct, infer = TRUE, adjust = "none"))
  inter <- as.data.frame(summary(contrast(ct, "trt.vs.ctrl", by = "contrast"),
                                 infer = TRUE, adjust = "none"))
  means <- as.data.frame(summary(emm, infer = TRUE))
  model <- if (paired) "mixed" else "ols"
  list(
    changes = data.frame(dataset = dataset, model = model, variable = v,
                         site = as.character(changes$site),
                         contrast = gsub("time", "", as.character(changes$contrast)),
                         estimate = changes$estimate, std_error = changes$SE,
                         df = changes$df, p_value = changes$p.value,
                         conf_low = changes$lower.CL, conf_high = changes$upper.CL),
    interaction = data.frame(dataset = dataset, model = model, variable = v,
                             site = sub(" - .*", "", as.character(inter$contrast1)),
                             contrast = gsub("time", "", as.character(inter$contrast)),
                             estimate = inter$estimate, std_error = inter$SE, df = inter$df,
                             p_value = inter$p.value, conf_low = inter$lower.CL,
                             conf_high = inter$upper.CL),
    means = data.frame(dataset = dataset, model = model, variable = v,
                       site = as.character(means$site), group = as.character(means$time),
                       estimate = means$emmean, std_error = means$SE, df = means$df,
                       conf_low = means$lower.CL, conf_high = means$upper.CL))
}

paired_sites <- site_models(orth_out, "orthodont", "distance", "subject", "age", c(8, 12, 14),
                            "sex", paired = TRUE)
orth_two <- orth_out[orth_out$age %in% c(8, 14), ]
independent_sites <- site_models(orth_two, "orthodont_independent", "distance", "subject",
                                 "age", c(8, 14), "sex", paired = FALSE)
write.csv(rbind(paired_sites$changes, independent_sites$changes), "compare_site_changes.csv",
          row.names = FALSE)
write.csv(rbind(paired_sites$interaction, independent_sites$interaction),
          "compare_site_interaction.csv", row.names = FALSE)
write.csv(rbind(paired_sites$means, independent_sites$means), "compare_site_means.csv",
          row.names = FALSE)

# The effect size per site (paired: d_z = mean / sd of the differences; independent: Hedges'
# g with the exact J), each with its 95 % CI from the noncentral t solved with uniroot to
# 1e-13 (as compare.R's *_exact columns; effectsize's optim can miss by a few 1e-4).
# effectsize::cohens_d(paired = TRUE) and effectsize::hedges_g give the point estimates.
source("noncentral.R")  # exact_ncp and J, as in compare.R
site_tests <- list()
for (sx in c("Female", "Male")) {
  d <- orth_out[orth_out$sex == sx, ]
  a <- d[d$age == 8, c("subject", "distance")]
  b <- d[d$age == 12, c("subject", "distance")]
  both <- merge(a, b, by = "subject")
  tt <- t.test(both$distance.y, both$distance.x, paired = TRUE)
  n <- nrow(both); diff <- both$distance.y - both$distance.x
  dz <- effectsize::cohens_d(both$distance.y, both$distance.x, paired = TRUE)$Cohens_d
  dz_ci <- exact_ncp(mean(diff) / sd(diff) * sqrt(n), n - 1) / sqrt(n)
  site_tests[[paste("p", sx)]] <- data.frame(
    dataset = "orthodont", site = sx, n_pairs = nrow(both), mean_diff = unname(tt$estimate),
    t = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value,
    effect = dz, effect_conf_low = dz_ci[1], effect_conf_high = dz_ci[2])
  x8 <- d$distance[d$age == 8]; x14 <- d$distance[d$age == 14]
  tt <- t.test(x14, x8)
  n1 <- length(x8); n2 <- length(x14); hn <- 1 / n1 + 1 / n2
  sp <- sqrt(((n1 - 1) * var(x8) + (n2 - 1) * var(x14)) / (n1 + n2 - 2))
  g <- effectsize::hedges_g(x14, x8)$Hedges_g
  g_ci <- exact_ncp((mean(x14) - mean(x8)) / sp / sqrt(hn), n1 + n2 - 2) * sqrt(hn) *
    J(n1 + n2 - 2)
  site_tests[[paste("i", sx)]] <- data.frame(
    dataset = "orthodont_independent", site = sx, n_pairs = NA,
    mean_diff = mean(x14) - mean(x8), t = unname(tt$statistic), df = unname(tt$parameter),
    p_value = tt$p.value, effect = g, effect_conf_low = g_ci[1], effect_conf_high = g_ci[2])
}
write.csv(do.call(rbind, site_tests), "compare_sites.csv", row.names = FALSE)
