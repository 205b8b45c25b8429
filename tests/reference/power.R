# Reference values for `maatwerk-stats power compare` (tests/test_power.py): R's
# power.t.test (stats), for independent groups (two.sample), paired data and one sample,
# two- and one-sided, strict = TRUE (both tails, our default) and FALSE (R's default),
# solving for power, for n and for delta (uniroot with tol = 1e-12).
#
# Run from the repository root:  Rscript tests/reference/power.R

cases <- expand.grid(type = c("two.sample", "paired", "one.sample"),
                     alternative = c("two.sided", "one.sided"), strict = c(TRUE, FALSE),
                     stringsAsFactors = FALSE)
settings <- data.frame(n = c(10, 22, 36, 60, 7.5), delta = c(0.5, 0.8, 0.3, 0.25, 1.2),
                       sd = c(1, 1.5, 0.9, 1, 2), sig.level = c(0.05, 0.05, 0.01, 0.10, 0.05),
                       power = c(0.8, 0.9, 0.8, 0.5, 0.7))
rows <- list()
for (i in seq_len(nrow(cases))) {
  for (j in seq_len(nrow(settings))) {
    cs <- cases[i, ]
    s <- settings[j, ]
    if (!cs$strict && cs$alternative == "one.sided") next  # strict changes only two-sided
    p <- power.t.test(n = s$n, delta = s$delta, sd = s$sd, sig.level = s$sig.level,
                      type = cs$type, alternative = cs$alternative, strict = cs$strict)$power
    n <- power.t.test(delta = s$delta, sd = s$sd, sig.level = s$sig.level, power = s$power,
                      type = cs$type, alternative = cs$alternative, strict = cs$strict,
                      tol = 1e-12)$n
    d <- power.t.test(n = s$n, sd = s$sd, sig.level = s$sig.level, power = s$power,
                      type = cs$type, alternative = cs$alternative, strict = cs$strict,
                      tol = 1e-12)$delta
    rows[[length(rows) + 1]] <- data.frame(
      type = cs$type, alternative = cs$alternative, strict = cs$strict, n = s$n,
      delta = s$delta, sd = s$sd, sig_level = s$sig.level, target_power = s$power,
      power = p, n_for_power = n, delta_for_power = d)
  }
}
write.csv(do.call(rbind, rows), "tests/reference/power_t_test.csv", row.names = FALSE)
cat("wrote tests/reference/power_t_test.csv\n")
