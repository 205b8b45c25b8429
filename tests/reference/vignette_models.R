# Reference values for the extended vignette model and the per-vignette table
# (tests/test_vignette_models.py): lmerTest (REML, Satterthwaite) on
#  1. the demo (data/demo/vignetten.csv) with respondent covariates merged from the
#     questionnaire (data/demo/vragenlijst.csv, by respnr): ervaring (numeric) and
#     organisatie (categorical) as covariates, ervaring as a cross-level moderator of every
#     factor, and reputatie x capaciteiten;
#  2. the cregg tax-plan conjoint (tests/reference/data/taxes.csv.gz, the data of
#     ../shared/reference/cregg_taxes/): partyid as moderator of taxrev (cross-level) and
#     taxrate1 x taxrev;
#  3. the per-vignette table on the demo: lmer(y ~ 0 + vignette + (1 | respondent)) and
#     contest1D for each vignette mean minus the mean of the vignette means.
#
# Run from the repository root:  Rscript tests/reference/vignette_models.R

suppressPackageStartupMessages(library(lmerTest))
out <- "tests/reference"

tidy <- function(m, model) {
  s <- summary(m)$coefficients
  data.frame(model = model, term = rownames(s), estimate = s[, "Estimate"],
             std_error = s[, "Std. Error"], df = s[, "df"], statistic = s[, "t value"],
             p_value = s[, "Pr(>|t|)"], row.names = NULL)
}

# 1. demo + questionnaire
v <- read.csv2("data/demo/vignetten.csv", fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE)
q <- read.csv2("data/demo/vragenlijst.csv", fileEncoding = "latin1", stringsAsFactors = FALSE)
d <- merge(v, q[, c("respnr", "ervaring", "organisatie")], by.x = "respondent", by.y = "respnr")
d$reputatie <- factor(d$reputatie, levels = c("niet_succesvol", "succesvol"))
d$hulpbehoevendheid <- factor(d$hulpbehoevendheid, levels = c("goed_ter_been", "slecht_ter_been"))
d$capaciteiten <- factor(d$capaciteiten, levels = c("slecht_voorbereid", "goed_voorbereid"))
d$organisatie <- factor(d$organisatie, levels = sort(unique(d$organisatie)))
m1 <- lmer(bereidheid ~ reputatie + hulpbehoevendheid + capaciteiten + ervaring + organisatie +
             reputatie:ervaring + hulpbehoevendheid:ervaring + capaciteiten:ervaring +
             reputatie:capaciteiten + (1 | respondent), data = d, REML = TRUE)
demo <- tidy(m1, "demo")

# 2. taxes
tx <- read.csv(gzfile("tests/reference/data/taxes.csv.gz"), stringsAsFactors = FALSE)
levels <- list(
  taxrate1 = c("<10k: 0%", "<10k: 5%", "<10k: 15%", "<10k: 25%"),
  taxrate2 = c("10-35k: 5%", "10-35k: 15%", "10-35k: 25%", "10-35k: 35%"),
  taxrate3 = c("35-85k: 5%", "35-85k: 15%", "35-85k: 25%", "35-85k: 35%"),
  taxrate4 = c("85-175k: 5%", "85-175k: 15%", "85-175k: 25%", "85-175k: 35%"),
  taxrate5 = c("175-375k: 5%", "175-375k: 15%", "175-375k: 25%", "175-375k: 35%",
               "175-375k: 45%"),
  taxrate6 = c(">375k: 5%", ">375k: 15%", ">375k: 25%", ">375k: 35%", ">375k: 45%",
               ">375k: 55%"),
  taxrev = c("<75%", "75-95%", "95-105%", "105-125%", ">125%"))
for (f in names(levels)) tx[[f]] <- factor(tx[[f]], levels = levels[[f]])
tx$partyid <- factor(tx$partyid, levels = sort(unique(na.omit(tx$partyid))))
m2 <- lmer(chose_plan ~ taxrate1 + taxrate2 + taxrate3 + taxrate4 + taxrate5 + taxrate6 +
             taxrev + partyid + taxrev:partyid + taxrate1:taxrev + (1 | ID), data = tx,
           REML = TRUE)
taxes <- tidy(m2, "taxes")

coefs <- rbind(demo, taxes)
write.csv(coefs, file.path(out, "vignette_models_coefficients.csv"), row.names = FALSE)
fits <- data.frame(model = c("demo", "taxes"),
                   var_respondent = c(as.data.frame(VarCorr(m1))$vcov[1],
                                      as.data.frame(VarCorr(m2))$vcov[1]),
                   var_residual = c(sigma(m1)^2, sigma(m2)^2),
                   n_ratings = c(nobs(m1), nobs(m2)))
write.csv(fits, file.path(out, "vignette_models_fit.csv"), row.names = FALSE)

# 3. per vignette (demo)
d$vignette <- factor(d$vignette, levels = sort(unique(d$vignette)))
m3 <- lmer(bereidheid ~ 0 + vignette + (1 | respondent), data = d, REML = TRUE)
k <- nlevels(d$vignette)
rows <- lapply(seq_len(k), function(j) {
  L <- rep(-1 / k, k)
  L[j] <- L[j] + 1
  r <- contest1D(m3, L)
  data.frame(vignette = levels(d$vignette)[j], mean = mean(d$bereidheid[d$vignette ==
             levels(d$vignette)[j]], na.rm = TRUE), estimate = r$Estimate, std_error = r$`Std. Error`,
             df = r$df, statistic = r$`t value`, p_value = r$`Pr(>|t|)`)
})
write.csv(do.call(rbind, rows), file.path(out, "vignette_per_vignette.csv"), row.names = FALSE)
cat("wrote vignette_models_coefficients.csv, vignette_models_fit.csv, vignette_per_vignette.csv\n")
