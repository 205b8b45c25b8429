# Reference values for `maatwerk-stats design` (tests/test_design.py).
#
# D-efficiency as Kuhfeld (SAS TS-722, 2010): det(X'X)^(1/p) / N with X the main-effects model
# matrix in orthonormal coding (R's contr.poly scaled by sqrt(L), mean square 1 per level), so
# an orthogonal balanced design has efficiency 1. Computed here with model.matrix() and
# det(), independently of the Python code, on known designs; the largest |correlation|
# between the coded columns of two different factors with cor(). design_optimum.csv holds
# the best D-efficiency over *all* subsets of the full factorial of a given size (exhaustive
# search), which the Fedorov exchange must reach.
#
# Run from the repository root:  Rscript tests/reference/design.R

out <- "tests/reference"

coded <- function(runs, levels) {
  frame <- as.data.frame(lapply(seq_along(levels), function(f)
    factor(runs[, f], levels = 0:(levels[f] - 1))))
  names(frame) <- paste0("f", seq_along(levels))
  ctr <- lapply(levels, function(k) contr.poly(k) * sqrt(k))
  names(ctr) <- names(frame)
  model.matrix(~ ., frame, contrasts.arg = ctr)
}

d_eff <- function(x) {
  d <- det(crossprod(x))
  if (d <= 1e-9) return(0)
  d^(1 / ncol(x)) / nrow(x)
}

max_cor <- function(x, levels) {
  x <- x[, -1, drop = FALSE]
  owner <- rep(seq_along(levels), levels - 1)
  r <- suppressWarnings(cor(x))
  other <- outer(owner, owner, "!=")
  if (!any(other)) return(0)
  max(abs(r[other]))
}

full <- function(levels) {
  g <- expand.grid(rev(lapply(levels, function(k) 0:(k - 1))))
  as.matrix(g[, rev(seq_along(levels))])  # first factor slowest
}

designs <- list(
  worked_2x2_3runs = list(levels = c(2, 2), runs = rbind(c(0, 0), c(1, 0), c(0, 1))),
  full_2x2x2 = list(levels = c(2, 2, 2), runs = full(c(2, 2, 2))),
  half_2x2x2 = list(levels = c(2, 2, 2),
                    runs = rbind(c(0, 0, 0), c(0, 1, 1), c(1, 0, 1), c(1, 1, 0))),
  full_3x3x2 = list(levels = c(3, 3, 2), runs = full(c(3, 3, 2))),
  leeratelier_plus_repeat = list(levels = c(2, 2, 2), runs = rbind(full(c(2, 2, 2)),
                                                                    c(0, 0, 0))),
  uneven_3x2_5runs = list(levels = c(3, 2),
                          runs = rbind(c(0, 0), c(1, 1), c(2, 0), c(0, 1), c(2, 1))),
  uneven_4x3x2_9runs = list(levels = c(4, 3, 2),
                            runs = rbind(c(0, 0, 0), c(1, 1, 1), c(2, 2, 0), c(3, 0, 1),
                                         c(0, 1, 1), c(1, 2, 0), c(2, 0, 1), c(3, 1, 0),
                                         c(0, 2, 1)))
)

rows <- list()
values <- list()
for (name in names(designs)) {
  d <- designs[[name]]
  for (i in seq_len(nrow(d$runs))) {
    level <- rep(NA, 4)
    level[seq_along(d$levels)] <- d$runs[i, ]
    rows[[length(rows) + 1]] <- data.frame(design = name, run = i, f1 = level[1],
                                           f2 = level[2], f3 = level[3], f4 = level[4])
  }
  x <- coded(d$runs, d$levels)
  values[[length(values) + 1]] <- data.frame(
    design = name, levels = paste(d$levels, collapse = "x"), n_runs = nrow(d$runs),
    d_efficiency = d_eff(x), max_abs_correlation = max_cor(x, d$levels))
}
write.csv(do.call(rbind, rows), file.path(out, "design_runs.csv"), row.names = FALSE,
          na = "")
write.csv(do.call(rbind, values), file.path(out, "design_efficiency.csv"), row.names = FALSE)

# exhaustive search: the best D-efficiency of any n distinct runs of the full factorial
optimum <- list()
for (case in list(list(levels = c(2, 2, 2, 2), n = 6), list(levels = c(3, 2, 2), n = 6),
                  list(levels = c(3, 3), n = 7), list(levels = c(2, 2, 2, 2), n = 10))) {
  f <- full(case$levels)
  x <- coded(f, case$levels)
  subsets <- combn(nrow(f), case$n)
  best <- max(apply(subsets, 2, function(s) d_eff(x[s, , drop = FALSE])))
  optimum[[length(optimum) + 1]] <- data.frame(levels = paste(case$levels, collapse = "x"),
                                               n_runs = case$n, best_d_efficiency = best)
}
write.csv(do.call(rbind, optimum), file.path(out, "design_optimum.csv"), row.names = FALSE)
cat("wrote design_runs.csv, design_efficiency.csv, design_optimum.csv\n")
