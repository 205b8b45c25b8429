"""Publish results: suppression of small groups, tables + results.json + provenance, and the
factsheet run."""
