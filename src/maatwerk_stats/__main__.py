"""``python -m maatwerk_stats`` = ``maatwerk-stats``."""

from .cli.process_exit import run

run()
