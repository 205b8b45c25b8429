"""Numerics on arrays only: reliability, two-sample tests, effect sizes, power, mixed models
(REML, Satterthwaite), cluster-robust errors, OLS, ordinal models, association measures."""
