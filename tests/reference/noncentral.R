# Shared by compare.R and compare_mixed.R (both run from tests/reference: `source("noncentral.R")`).
#
# effectsize finds the noncentral-t limits with optim (Nelder-Mead, abstol 1e-9), which can miss
# the root by a few 1e-4 (bfi extraversion: 2.7e-4). exact_ncp solves the same equations
# P(T <= t; df, ncp) = .975 / .025 with uniroot to 1e-13, as the toolkit does: the 95 % limits
# of the noncentrality parameter for an observed t on df degrees of freedom.
exact_ncp <- function(t, df) {
  width <- 3 * sqrt(1 + t^2 / (2 * df))
  root <- function(p) suppressWarnings(uniroot(function(x) pt(t, df, x) - p,
                                               c(t - 2 * width, t + 2 * width),
                                               tol = 1e-13)$root)
  c(root(0.975), root(0.025))
}
# Hedges' exact small-sample factor J(df) = Γ(df/2) / (√(df/2) Γ((df−1)/2)).
J <- function(df) exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
