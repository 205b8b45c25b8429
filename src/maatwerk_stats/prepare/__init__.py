"""Prepare data for analysis: items (missing codes, ranges, value maps, reverse coding,
scores) · measurements (order, stacking, pairing) · ratings (long/wide vignette data)."""
