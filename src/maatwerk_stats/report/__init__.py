"""Rendering: number formatting, terminal tables, figures and the factsheet."""
