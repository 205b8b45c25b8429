# Golden values for omega_total on degenerate item matrices, where the one-factor model is
# not identified or a loading is exactly zero: every column order, psych::omega.
#
#   cd tests/reference && Rscript omega_degenerate.R      (or: make references)
#
# Needs: r-base-core, r-cran-psych, r-cran-gparotation. Written with R 4.2.2, psych 2.2.9.
#
# Data: two small matrices found by the order property in tests/test_properties.py (the
# answers themselves are in this script and in tests/test_omega.py):
#   - flat_valley (6 x 3): items 1-2 and 2-3 correlate exactly 0, so only the product of the
#     loadings of items 1 and 3 is determined; any point of the valley fits equally well.
#   - zero_loadings (6 x 4): items 1 and 3 load exactly 0; the sign the solver leaves on a
#     zero loading must not decide which items are flipped.
# psych::omega(nfactors = 1, fm = "minres")$omega.tot for all orders of the columns.

suppressPackageStartupMessages(library(psych))

cases <- list(
  flat_valley = matrix(c(1, 3, 1,  4, 1, 2,  4, 3, 4,  4, 5, 2,  3, 4, 4,  3, 2, 4),
                       ncol = 3, byrow = TRUE),
  zero_loadings = matrix(c(5, 2, 5, 5,  4, 2, 2, 4,  1, 1, 5, 5,  5, 2, 5, 3,  3, 4, 4, 2,
                           5, 1, 3, 5), ncol = 4, byrow = TRUE)
)

permutations <- function(v) {
  if (length(v) == 1) return(list(v))
  out <- list()
  for (i in seq_along(v)) for (rest in permutations(v[-i])) out[[length(out) + 1]] <- c(v[i], rest)
  out
}

rows <- list()
for (name in names(cases)) {
  x <- cases[[name]]
  for (order in permutations(seq_len(ncol(x)))) {
    om <- suppressWarnings(suppressMessages(
      psych::omega(x[, order], nfactors = 1, fm = "minres", plot = FALSE)))
    rows[[length(rows) + 1]] <- data.frame(case = name, order = paste(order, collapse = " "),
                                           omega_total = om$omega.tot)
  }
}
result <- do.call(rbind, rows)
write.csv(result, "omega_degenerate.csv", row.names = FALSE)
options(digits = 15)
print(result)
