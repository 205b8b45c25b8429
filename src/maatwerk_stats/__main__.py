"""``python -m maatwerk_stats`` = ``maatwerk-stats``."""

from .cli import main

main()
