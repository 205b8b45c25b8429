"""Analyses: prepared objects in, frozen results (tables, notes, warnings, labels) out.
Nothing here reads a file."""
