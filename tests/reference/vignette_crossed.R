# Reference values for the crossed random intercepts (tests/test_vignette_crossed.py):
# lmerTest::lmer(y ~ factors + (1 | respondent) + (1 | vignette)), REML, Satterthwaite, on
#  1. the demo (data/demo/vignetten.csv; 9 vignettes, vignette 9 repeats vignette 1);
#  2. a simulated 3 x 3 x 2 study with a vignette variance (written here, with its data,
#     tests/reference/data/vignette_crossed.csv), so the vignette variance is not 0.
#
# Run from the repository root:  Rscript tests/reference/vignette_crossed.R

suppressPackageStartupMessages(library(lmerTest))
out <- "tests/reference"
tidy <- function(m, model) {
  s <- summary(m)$coefficients
  vc <- as.data.frame(VarCorr(m))
  data.frame(model = model, term = rownames(s), estimate = s[, "Estimate"],
             std_error = s[, "Std. Error"], df = s[, "df"], p_value = s[, "Pr(>|t|)"],
             var_respondent = vc$vcov[vc$grp == "respondent"],
             var_vignette = vc$vcov[vc$grp == "vignette"], var_residual = sigma(m)^2,
             row.names = NULL)
}
v <- read.csv2("data/demo/vignetten.csv", fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE)
v$reputatie <- factor(v$reputatie, levels = c("niet_succesvol", "succesvol"))
v$hulpbehoevendheid <- factor(v$hulpbehoevendheid, levels = c("goed_ter_been", "slecht_ter_been"))
v$capaciteiten <- factor(v$capaciteiten, levels = c("slecht_voorbereid", "goed_voorbereid"))
v$vignette <- factor(v$vignette)
m1 <- lmer(bereidheid ~ reputatie + hulpbehoevendheid + capaciteiten + (1 | respondent) +
             (1 | vignette), data = v, REML = TRUE)

set.seed(20261201)
deck <- expand.grid(c = c("c1", "c2"), b = c("b1", "b2", "b3"), a = c("a1", "a2", "a3"))
deck <- deck[, c("a", "b", "c")]
deck$vignette <- seq_len(nrow(deck))
sets <- list(c(1, 5, 9, 11, 15, 16), c(2, 6, 7, 12, 13, 17), c(3, 4, 8, 10, 14, 18))
rows <- do.call(rbind, lapply(1:90, function(r) data.frame(respondent = r,
                                                           vignette = sets[[(r - 1) %% 3 + 1]])))
d <- merge(rows, deck, by = "vignette")
w <- rnorm(18, 0, 0.5)
u <- rnorm(90, 0, 1)
d$rating <- round(5 + 0.8 * (d$a == "a2") + 0.4 * (d$a == "a3") + 0.6 * (d$b == "b3") -
                    0.3 * (d$c == "c2") + w[d$vignette] + u[d$respondent] +
                    rnorm(nrow(d), 0, 1), 3)
d <- d[order(d$respondent, d$vignette), c("respondent", "vignette", "a", "b", "c", "rating")]
write.csv(d, "tests/reference/data/vignette_crossed.csv", row.names = FALSE)
d$vignette <- factor(d$vignette)
m2 <- lmer(rating ~ a + b + c + (1 | respondent) + (1 | vignette), data = d, REML = TRUE)
write.csv(rbind(tidy(m1, "demo"), tidy(m2, "simulated")),
          file.path(out, "vignette_crossed.csv"), row.names = FALSE)
cat("wrote vignette_crossed.csv and data/vignette_crossed.csv\n")
