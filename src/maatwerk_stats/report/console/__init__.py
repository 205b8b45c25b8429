"""Terminal renderings of results (``--format table``)."""
