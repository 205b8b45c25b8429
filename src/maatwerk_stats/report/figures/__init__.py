"""Figures: the data behind each figure, the drawing, and PNG + SVG output."""
