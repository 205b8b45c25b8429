"""The factsheet as one self-contained HTML file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..format import join_ranges

if TYPE_CHECKING:
    from .build import Factsheet



def render_html(factsheet: Factsheet, bytecode_cache: Any = None) -> str:
    """Self-contained HTML (figures embedded), laid out for two A4 pages in print.
    ``bytecode_cache``: a jinja2 ``BytecodeCache`` that keeps the compiled template between
    runs (:func:`maatwerk_stats.publish.template_cache.bytecode_cache`), or None."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("maatwerk_stats.report.factsheet", "templates"),
                              autoescape=select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              bytecode_cache=bytecode_cache)
    template = environment.get_template("factsheet.html.j2")
    return join_ranges(template.render(f=factsheet))
