"""The factsheet: build (text and tables) · html · docx."""
