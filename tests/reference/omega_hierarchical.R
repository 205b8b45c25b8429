# Golden values for omega hierarchical (omega_h) of a total scale with declared subscales:
# a confirmatory bifactor model fitted with lavaan, omega_h from psych::omegaFromSem.
#
#   cd tests/reference && Rscript omega_hierarchical.R      (or: make references)
#
# Needs: r-base-core, r-cran-psych, r-cran-gparotation, r-cran-lavaan, r-cran-haven.
# Written with R 4.2.2, psych 2.2.9, lavaan 0.6, haven 2.5.1 (Debian 12).
#
# Model (as src/maatwerk_stats/stats/bifactor.py): every item loads on a general factor g,
# each item of a subscale also on that subscale's group factor; all factors orthogonal with
# variance 1 (std.lv = TRUE, orthogonal = TRUE); ML on the correlation matrix of the complete
# cases (sample.cov.rescale = FALSE, so R itself is fitted). A two-item subscale gets equal
# group loadings (only their product is identified). f_ml: the ML discrepancy
# log|S| + tr(R S^-1) - log|R| - p at lavaan's solution S (the test checks that ours is not
# worse). omega_h = psych::omegaFromSem(fit)$omega
# = (sum |g|)^2 / 1'R1 with items loading negatively on g flipped.
#
# Data (real and public, plus the demo's structure):
#   - lavaan::HolzingerSwineford1939: 301 pupils, x1-x9, subscales visual (x1-x3), textual
#     (x4-x6), speed (x7-x9); exported to data/holzinger.csv.
#   - psych::bfi (data/bfi.csv, written by reliability.R): the 25 items as one total with the
#     five Big Five scales as subscales, psych's keys reverse coded (A1 C4 C5 E1 E2 O2 O5).
#   - the paired demo (data/demo/gewogen_maatwerk.sav, synthetic): methodisch werken, eight
#     items in four two-item steps; all 120 rows (both measurements) and measurement 1 only;
#     the items exported to data/gewogen_methodisch.csv.
# For information (not tested) also psych::omega's exploratory Schmid-Leiman omega_h with
# nfactors = number of subscales.

suppressPackageStartupMessages({
  library(psych)
  library(lavaan)
  library(haven)
})

hs <- lavaan::HolzingerSwineford1939[, c("id", paste0("x", 1:9))]
write.csv(hs, "data/holzinger.csv", row.names = FALSE)

bfi <- read.csv("data/bfi.csv")
for (item in c("A1", "C4", "C5", "E1", "E2", "O2", "O5")) bfi[[item]] <- 7 - bfi[[item]]

demo <- as.data.frame(lapply(haven::read_sav("../../data/demo/gewogen_maatwerk.sav"),
                             as.numeric))
methodisch <- demo[, c("respnr", "meting", paste0("methodisch_", 1:8))]
write.csv(methodisch, "data/gewogen_methodisch.csv", row.names = FALSE, na = "")

steps <- list(stap_intake = c("methodisch_1", "methodisch_2"),
              stap_trajectplan = c("methodisch_3", "methodisch_7"),
              stap_uitvoeren = c("methodisch_4", "methodisch_8"),
              stap_terugblik = c("methodisch_5", "methodisch_6"))
cases <- list(
  list(dataset = "holzinger", scale = "ability", data = hs,
       subscales = list(visual = c("x1", "x2", "x3"), textual = c("x4", "x5", "x6"),
                        speed = c("x7", "x8", "x9"))),
  list(dataset = "bfi", scale = "big_five", data = bfi,
       subscales = list(agreeableness = paste0("A", 1:5), conscientiousness = paste0("C", 1:5),
                        extraversion = paste0("E", 1:5), neuroticism = paste0("N", 1:5),
                        openness = paste0("O", 1:5))),
  list(dataset = "gewogen_all", scale = "methodisch", data = methodisch, subscales = steps),
  list(dataset = "gewogen_meting_1", scale = "methodisch",
       data = methodisch[methodisch$meting == 1, ], subscales = steps)
)

bifactor_model <- function(subscales, bounded = FALSE) {
  items <- unlist(subscales)
  lines <- paste("g =~", paste(paste0("NA*", items), collapse = " + "))
  if (bounded) lines <- c(lines, paste0(items, " ~~ psi_", items, "*", items),
                          paste0("psi_", items, " > 0.005"))
  for (name in names(subscales)) {
    sub <- subscales[[name]]
    terms <- if (length(sub) == 2) paste0("l_", name, "*", sub) else paste0("NA*", sub)
    lines <- c(lines, paste(name, "=~", paste(terms, collapse = " + ")))
  }
  paste(lines, collapse = "\n")
}

# Holzinger-Swineford is a Heywood case: lavaan's unique variance of x1 is -0.84. The toolkit
# holds unique variances at 0.005 or above (as psych::fa's bound); the row "holzinger_bounded"
# fits lavaan with that same bound (psi > 0.005), the row "holzinger" without.
cases <- c(cases[1], list(modifyList(cases[[1]], list(dataset = "holzinger_bounded",
                                                      bounded = TRUE))), cases[-1])

rows <- list()
for (case in cases) {
  items <- unlist(case$subscales)
  x <- na.omit(case$data[, items])
  r <- cor(x)
  fit <- lavaan::cfa(bifactor_model(case$subscales, isTRUE(case$bounded)), sample.cov = r, sample.nobs = nrow(x),
                     std.lv = TRUE, orthogonal = TRUE, sample.cov.rescale = FALSE,
                     control = list(iter.max = 10000))
  om <- psych::omegaFromSem(fit, plot = FALSE)
  std <- lavaan::inspect(fit, "std")$lambda[, "g"]
  implied <- lavaan::fitted(fit)$cov
  f_ml <- log(det(implied)) + sum(diag(r %*% solve(implied))) - log(det(r)) - ncol(r)
  sl <- suppressWarnings(suppressMessages(
    psych::omega(x, nfactors = length(case$subscales), fm = "minres", plot = FALSE)))
  rows[[length(rows) + 1]] <- data.frame(
    dataset = case$dataset, scale = case$scale, n_items = length(items), n = nrow(x),
    n_subscales = length(case$subscales), omega_h = om$omega,
    omega_h_std = sum(abs(std))^2 / sum(diag(sign(std)) %*% r %*% diag(sign(std))),
    converged = lavaan::lavInspect(fit, "converged"),
    min_unique_variance = min(diag(lavaan::inspect(fit, "est")$theta)),
    f_ml = f_ml,
    omega_h_schmid_leiman = sl$omega_h)
}
result <- do.call(rbind, rows)
write.csv(result, "omega_hierarchical.csv", row.names = FALSE)
options(digits = 15)
print(result)
