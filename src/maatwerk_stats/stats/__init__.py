"""Statistics: scales and reliability, comparisons, vignette models."""
