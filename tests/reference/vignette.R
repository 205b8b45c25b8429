# Golden values for `maatwerk-stats vignette`: mixed models (lme4 + lmerTest), OLS with
# cluster-robust standard errors (sandwich, clubSandwich), simple effects, interaction terms
# and marginal means of the pooled (factor x group) models.
#
#   cd tests/reference && Rscript vignette.R      (or: make references)
#
# Needs: r-base-core with lme4, lmerTest, sandwich, clubSandwich, emmeans, lmtest.
# Written with R 4.2.2, lme4 1.1-31, lmerTest 3.1-3, sandwich 3.0-2, clubSandwich 0.5.8,
# emmeans 1.8.4-1 (Debian 12).
#
# Data:
#   - demo: the toolkit's demo vignette study (../../data/demo/vignetten.csv; 58 respondents x
#     9 ratings, 3 ratings missing, two groups voor/na). Unbalanced because of the missing
#     ratings.
#   - unbalanced: the demo with many more ratings removed (seeded here, written to
#     data/vignette_unbalanced.csv so the Python tests read the same rows): 20% of the ratings
#     dropped at random, and respondents 101 and 201 keep only 2 ratings.
#   - boundary: the demo ratings centred within respondent (plus the grand mean), so that the
#     respondents' means are equal and the REML estimate of the respondent variance is 0
#     (lme4: "boundary (singular) fit"); written to data/vignette_boundary.csv.
#   - taxes: the cregg tax-plan conjoint (Ballard-Rosa, Martin & Scheve 2016; data/taxes.csv.gz,
#     2,000 respondents x 16 profiles, seven factors), `chose_plan` (0/1) as the outcome; groups
#     from `partyid` (three levels, rows without partyid left out of the grouped models).
#
# Conventions mirrored (DESIGN.md section 5):
#   - mixed: lmer(y ~ factors + (1 | respondent), REML = TRUE); Satterthwaite df and p from
#     lmerTest (summary / contest1D for simple effects, i.e. linear combinations L'beta).
#   - ols_cr1: lm + sandwich::vcovCL(cluster = respondent, type = "HC1"), t with G - 1 df.
#   - ols_cr2: clubSandwich::vcovCR(type = "CR2") with Satterthwaite df
#     (coef_test / linear_contrast, test = "Satterthwaite").
#   - pooled models: y ~ group * (factors); simple effect of factor level l in group g =
#     beta[l] + beta[g:l]; interaction = beta[g:l] (difference with the first group).
#   - marginal means: emmeans(~ factor | group), equal weights over the other factors' levels.
# Terms are named as in the output contract: Intercept, factor[level].

suppressPackageStartupMessages({
  library(lme4)
  library(lmerTest)
  library(sandwich)
  library(clubSandwich)
  library(emmeans)
})
emm_options(lmer.df = "asymptotic", rg.limit = 1e6)  # SEs only; df not compared

read_demo <- function() {
  d <- read.csv2("../../data/demo/vignetten.csv", fileEncoding = "UTF-8-BOM",
                 stringsAsFactors = FALSE)
  d$respondent <- factor(d$respondent)
  d$meting <- factor(d$meting, levels = c("voor", "na"))
  d$reputatie <- factor(d$reputatie, levels = c("niet_succesvol", "succesvol"))
  d$hulpbehoevendheid <- factor(d$hulpbehoevendheid, levels = c("goed_ter_been", "slecht_ter_been"))
  d$capaciteiten <- factor(d$capaciteiten, levels = c("slecht_voorbereid", "goed_voorbereid"))
  d
}

demo <- read_demo()

# unbalanced: drop 20 % of the ratings at random; respondents 101 and 201 keep 2 ratings
set.seed(20230401)
unbalanced <- demo
drop <- sample(nrow(unbalanced), round(0.2 * nrow(unbalanced)))
unbalanced$bereidheid[drop] <- NA
for (id in c("101", "201")) {
  rows <- which(unbalanced$respondent == id)
  unbalanced$bereidheid[rows[-(1:2)]] <- NA
}
write.csv(transform(unbalanced, respondent = as.character(respondent)),
          "data/vignette_unbalanced.csv", row.names = FALSE, na = "")

# boundary: ratings centred within respondent -> respondent variance estimate 0
boundary <- demo
means <- ave(boundary$bereidheid, boundary$respondent, FUN = function(x) mean(x, na.rm = TRUE))
boundary$bereidheid <- boundary$bereidheid - means + mean(boundary$bereidheid, na.rm = TRUE)
write.csv(transform(boundary, respondent = as.character(respondent)),
          "data/vignette_boundary.csv", row.names = FALSE, na = "")

taxes <- read.csv(gzfile("data/taxes.csv.gz"), stringsAsFactors = FALSE, check.names = FALSE)
tax_levels <- list(
  taxrate1 = c("<10k: 0%", "<10k: 5%", "<10k: 15%", "<10k: 25%"),
  taxrate2 = c("10-35k: 5%", "10-35k: 15%", "10-35k: 25%", "10-35k: 35%"),
  taxrate3 = c("35-85k: 5%", "35-85k: 15%", "35-85k: 25%", "35-85k: 35%"),
  taxrate4 = c("85-175k: 5%", "85-175k: 15%", "85-175k: 25%", "85-175k: 35%"),
  taxrate5 = c("175-375k: 5%", "175-375k: 15%", "175-375k: 25%", "175-375k: 35%",
               "175-375k: 45%"),
  taxrate6 = c(">375k: 5%", ">375k: 15%", ">375k: 25%", ">375k: 35%", ">375k: 45%",
               ">375k: 55%"),
  taxrev = c("<75%", "75-95%", "95-105%", "105-125%", ">125%"))
for (f in names(tax_levels)) taxes[[f]] <- factor(taxes[[f]], levels = tax_levels[[f]])
taxes$ID <- factor(taxes$ID)
taxes$partyid <- factor(taxes$partyid, levels = c("Democrat", "Independent", "Republican"))

demo_factors <- c("reputatie", "hulpbehoevendheid", "capaciteiten")
studies <- list(
  demo = list(data = demo, y = "bereidheid", id = "respondent", factors = demo_factors,
              group = "meting", mixed_groups = TRUE, cr2 = TRUE),
  unbalanced = list(data = unbalanced, y = "bereidheid", id = "respondent",
                    factors = demo_factors, group = "meting", mixed_groups = TRUE, cr2 = TRUE),
  boundary = list(data = boundary, y = "bereidheid", id = "respondent",
                  factors = demo_factors, group = "meting", mixed_groups = TRUE, cr2 = TRUE),
  taxes = list(data = taxes, y = "chose_plan", id = "ID", factors = names(tax_levels),
               group = "partyid", mixed_groups = FALSE, cr2 = FALSE)
)

# contract term names for the columns of a model matrix
term_names <- function(data, factors, group = NULL) {
  names <- "Intercept"
  glev <- if (is.null(group)) NULL else levels(droplevels(data[[group]]))
  if (!is.null(group)) names <- c(names, sprintf("%s[%s]", group, glev[-1]))
  for (f in factors) names <- c(names, sprintf("%s[%s]", f, levels(data[[f]])[-1]))
  if (!is.null(group)) {
    # R orders the columns of a term group:factor with the group varying fastest
    for (f in factors) for (l in levels(data[[f]])[-1]) {
      names <- c(names, sprintf("%s[%s]:%s[%s]", group, glev[-1], f, l))
    }
  }
  names
}

# contrast rows (simple effects per group) of the pooled model, named (group, term)
simple_effect_contrasts <- function(data, factors, group, coef_names) {
  glev <- levels(droplevels(data[[group]]))
  p <- length(coef_names)
  rows <- list()
  labels <- list()
  for (k in seq_along(glev)) {
    g <- glev[k]
    L <- numeric(p)
    L[1] <- 1
    if (k > 1) L[match(sprintf("%s[%s]", group, g), coef_names)] <- 1
    rows[[length(rows) + 1]] <- L
    labels[[length(labels) + 1]] <- c(g, "Intercept")
    for (f in factors) for (l in levels(data[[f]])[-1]) {
      L <- numeric(p)
      L[match(sprintf("%s[%s]", f, l), coef_names)] <- 1
      if (k > 1) L[match(sprintf("%s[%s]:%s[%s]", group, g, f, l), coef_names)] <- 1
      rows[[length(rows) + 1]] <- L
      labels[[length(labels) + 1]] <- c(g, sprintf("%s[%s]", f, l))
    }
  }
  list(L = do.call(rbind, rows), group = sapply(labels, `[`, 1), term = sapply(labels, `[`, 2))
}

# "group[g]:factor[level]" -> c("group[g]", "factor[level]") (levels may contain ":")
split_interaction <- function(x) {
  cut <- regexpr("]:", x, fixed = TRUE)
  cbind(substr(x, 1, cut), substr(x, cut + 2, nchar(x)))
}

coef_rows <- list()
fit_rows <- list()
interaction_rows <- list()
mm_rows <- list()

add <- function(list_, df) { list_[[length(list_) + 1]] <- df; list_ }

for (name in names(studies)) {
  s <- studies[[name]]
  d <- s$data
  d <- d[!is.na(d[[s$y]]), ]
  G_all <- length(unique(d[[s$id]]))
  rhs <- paste(s$factors, collapse = " + ")

  for (pooled in c(FALSE, TRUE)) {
    if (pooled) {
      dd <- d[!is.na(d[[s$group]]), ]
      dd[[s$group]] <- droplevels(dd[[s$group]])
      form_fixed <- sprintf("%s ~ %s * (%s)", s$y, s$group, rhs)
      names_ <- term_names(dd, s$factors, s$group)
    } else {
      dd <- d
      form_fixed <- sprintf("%s ~ %s", s$y, rhs)
      names_ <- term_names(dd, s$factors)
    }
    dd[[s$id]] <- droplevels(dd[[s$id]])
    G <- nlevels(dd[[s$id]])
    cl <- dd[[s$id]]

    # --- OLS, clustered ----------------------------------------------------------------
    ols <- lm(as.formula(form_fixed), data = dd)
    stopifnot(length(coef(ols)) == length(names_))
    stopifnot(identical(gsub("[^A-Za-z0-9]", "", names(coef(ols))[-1]),
                        gsub("[^A-Za-z0-9]", "", gsub("\\[|\\]", "", names_[-1]))))
    V1 <- vcovCL(ols, cluster = cl, type = "HC1")
    V0 <- vcovCL(ols, cluster = cl, type = "HC0")
    b <- coef(ols)
    if (!pooled) {
      se1 <- sqrt(diag(V1))
      coef_rows <- add(coef_rows, data.frame(
        dataset = name, model = "ols_cr1", group = "all", term = names_, estimate = b,
        std_error = se1, df = G - 1, statistic = b / se1,
        p_value = 2 * pt(-abs(b / se1), G - 1), std_error_cr0 = sqrt(diag(V0))))
    }
    if (s$cr2) {
      V2 <- vcovCR(ols, cluster = cl, type = "CR2")
      if (!pooled) {
        ct <- coef_test(ols, vcov = V2, test = "Satterthwaite")
        coef_rows <- add(coef_rows, data.frame(
          dataset = name, model = "ols_cr2", group = "all", term = names_,
          estimate = ct$beta, std_error = ct$SE, df = ct$df_Satt, statistic = ct$tstat,
          p_value = ct$p_Satt, std_error_cr0 = NA))
      }
    }
    if (pooled) {
      con <- simple_effect_contrasts(dd, s$factors, s$group, names_)
      est <- drop(con$L %*% b)
      se1 <- sqrt(diag(con$L %*% V1 %*% t(con$L)))
      coef_rows <- add(coef_rows, data.frame(
        dataset = name, model = "ols_cr1", group = con$group, term = con$term,
        estimate = est, std_error = se1, df = G - 1, statistic = est / se1,
        p_value = 2 * pt(-abs(est / se1), G - 1), std_error_cr0 = NA))
      inter <- grepl("]:", names_, fixed = TRUE)
      se_i <- sqrt(diag(V1))[inter]
      parts <- split_interaction(names_[inter])
      interaction_rows <- add(interaction_rows, data.frame(
        dataset = name, model = "ols_cr1", group = sub(".*\\[(.*)\\]$", "\\1", parts[, 1]),
        term = parts[, 2], estimate = b[inter], std_error = se_i, df = G - 1,
        p_value = 2 * pt(-abs(b[inter] / se_i), G - 1)))
      if (s$cr2) {
        lc <- linear_contrast(ols, vcov = V2, contrasts = con$L, test = "Satterthwaite",
                              p_values = TRUE)
        coef_rows <- add(coef_rows, data.frame(
          dataset = name, model = "ols_cr2", group = con$group, term = con$term,
          estimate = lc$Est, std_error = lc$SE, df = lc$df, statistic = lc$Est / lc$SE,
          p_value = lc$p_val, std_error_cr0 = NA))
        ct <- coef_test(ols, vcov = V2, test = "Satterthwaite")
        interaction_rows <- add(interaction_rows, data.frame(
          dataset = name, model = "ols_cr2",
          group = sub(".*\\[(.*)\\]$", "\\1", parts[, 1]), term = parts[, 2],
          estimate = ct$beta[inter], std_error = ct$SE[inter], df = ct$df_Satt[inter],
          p_value = ct$p_Satt[inter]))
      }
      # marginal means (equal weights), OLS with the CR1 covariance
      for (f in s$factors) {
        em <- summary(emmeans(ols, as.formula(sprintf("~ %s | %s", f, s$group)),
                              vcov. = V1))
        mm_rows <- add(mm_rows, data.frame(
          dataset = name, model = "ols_cr1", factor = f, level = as.character(em[[f]]),
          group = as.character(em[[s$group]]), estimate = em$emmean, std_error = em$SE))
      }
    } else {
      for (f in s$factors) {
        em <- summary(emmeans(ols, as.formula(sprintf("~ %s", f)), vcov. = V1))
        mm_rows <- add(mm_rows, data.frame(
          dataset = name, model = "ols_cr1", factor = f, level = as.character(em[[f]]),
          group = "all", estimate = em$emmean, std_error = em$SE))
      }
    }

    # --- mixed model ---------------------------------------------------------------------
    if (pooled && !s$mixed_groups) next
    form <- as.formula(sprintf("%s + (1 | %s)", form_fixed, s$id))
    m <- suppressMessages(lmerTest::lmer(form, data = dd, REML = TRUE))
    vc <- as.data.frame(VarCorr(m))
    fit_rows <- add(fit_rows, data.frame(
      dataset = name, model = "mixed", group = if (pooled) "pooled" else "all",
      n_ratings = nrow(dd), n_respondents = G,
      var_respondent = vc$vcov[vc$grp == s$id], var_residual = vc$vcov[vc$grp == "Residual"],
      theta = getME(m, "theta"), sigma = sigma(m), reml_deviance = REMLcrit(m),
      singular = isSingular(m)))
    sm <- summary(m)$coefficients
    stopifnot(nrow(sm) == length(names_))
    if (!pooled) {
      coef_rows <- add(coef_rows, data.frame(
        dataset = name, model = "mixed", group = "all", term = names_,
        estimate = sm[, "Estimate"], std_error = sm[, "Std. Error"], df = sm[, "df"],
        statistic = sm[, "t value"], p_value = sm[, "Pr(>|t|)"], std_error_cr0 = NA))
      for (f in s$factors) {
        em <- summary(emmeans(m, as.formula(sprintf("~ %s", f))))
        mm_rows <- add(mm_rows, data.frame(
          dataset = name, model = "mixed", factor = f, level = as.character(em[[f]]),
          group = "all", estimate = em$emmean, std_error = em$SE))
      }
    } else {
      con <- simple_effect_contrasts(dd, s$factors, s$group, names_)
      ce <- do.call(rbind, lapply(seq_len(nrow(con$L)), function(i)
        lmerTest::contest1D(m, con$L[i, ])))
      coef_rows <- add(coef_rows, data.frame(
        dataset = name, model = "mixed", group = con$group, term = con$term,
        estimate = ce$Estimate, std_error = ce[["Std. Error"]], df = ce$df,
        statistic = ce[["t value"]], p_value = ce[["Pr(>|t|)"]], std_error_cr0 = NA))
      inter <- grepl("]:", names_, fixed = TRUE)
      parts <- split_interaction(names_[inter])
      interaction_rows <- add(interaction_rows, data.frame(
        dataset = name, model = "mixed", group = sub(".*\\[(.*)\\]$", "\\1", parts[, 1]),
        term = parts[, 2], estimate = sm[inter, "Estimate"],
        std_error = sm[inter, "Std. Error"], df = sm[inter, "df"],
        p_value = sm[inter, "Pr(>|t|)"]))
      for (f in s$factors) {
        em <- summary(emmeans(m, as.formula(sprintf("~ %s | %s", f, s$group))))
        mm_rows <- add(mm_rows, data.frame(
          dataset = name, model = "mixed", factor = f, level = as.character(em[[f]]),
          group = as.character(em[[s$group]]), estimate = em$emmean, std_error = em$SE))
      }
    }
  }
}

# order effect: position as a covariate in the mixed model (all ratings), demo data
m_pos <- lmerTest::lmer(bereidheid ~ reputatie + hulpbehoevendheid + capaciteiten + positie +
                          (1 | respondent), data = demo[!is.na(demo$bereidheid), ], REML = TRUE)
sp <- summary(m_pos)$coefficients["positie", ]
coef_rows <- add(coef_rows, data.frame(
  dataset = "demo_position", model = "mixed", group = "all", term = "positie",
  estimate = sp["Estimate"], std_error = sp["Std. Error"], df = sp["df"],
  statistic = sp["t value"], p_value = sp["Pr(>|t|)"], std_error_cr0 = NA))

write_table <- function(rows, file) {
  out <- do.call(rbind, rows)
  rownames(out) <- NULL
  num <- vapply(out, is.numeric, logical(1))
  out[num] <- lapply(out[num], function(x) ifelse(is.na(x), NA, sprintf("%.17g", x)))
  write.csv(out, file, row.names = FALSE, na = "", quote = TRUE)
}
write_table(coef_rows, "vignette_coefficients.csv")
write_table(fit_rows, "vignette_fit.csv")
write_table(interaction_rows, "vignette_interactions.csv")
write_table(mm_rows, "vignette_marginal_means.csv")
cat("wrote vignette_coefficients.csv, vignette_fit.csv, vignette_interactions.csv,",
    "vignette_marginal_means.csv\n")
