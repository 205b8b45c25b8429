"""The factsheet's figures, each started as soon as the protected result it shows exists.

:func:`~.factsheet.run_analyses` hands each result to a :class:`FactsheetFigures` the moment it
is protected for publication (the comparison before the vignettes are read), so the figures of
the comparison render in the figure process (:mod:`.figure_process`) while the vignette
analysis runs in this process. The Likert chart, the
comparison's longest figure, starts even before the tests, once the answer distributions are
counted and protected (:meth:`FactsheetFigures.start_likert`). The two key figures at their
printed size
(:mod:`maatwerk_stats.report.figures.printed`) are jobs of that process too, rendered into
PNG bytes in the staging folder (not outputs), so this process never imports matplotlib for
them; :meth:`FactsheetFigures.embedded` waits for those two jobs only, not for every figure,
so the HTML, DOCX and ``results.json`` are written while the other figures still render. The
figure process runs its jobs one per core in the order sent, except that the jobs the
factsheet waits for (the printed twins, the interviews' code tree, the per-vignette figure)
are sent :func:`~.figure_process.ahead` of the others: each starts as soon as a core is free,
before any standalone figure still waiting, so none queues behind the comparison's Likert and
forest figures. The standalone figures are sent as soon as their result exists, so they
render on the second core while this process analyses the vignettes (held back until the last
printed twin was sent, as before, they left that core idle meanwhile). The code tree and the
per-vignette figure are read as soon as they alone are drawn
(``OutputWriter.read_bytes(only=...)``).

Without a figure process (not Linux, or the job could not be sent) a printed figure is drawn
here, as before; a job that fails in the figure process is drawn again here
(``FigureProcess.submit``), so the bytes and any error are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from ..analyses.codes import CodesResult
    from ..analyses.compare import Comparison, Distribution
    from ..analyses.vignette import VignetteResult
    from ..io.write import OutputWriter
    from ..report.factsheet.build import Figure
    from .survey import SurveyResults

# the figure files that have a printed twin (printed.py), and the twin's name in the factsheet
PRINTED = {"figures/compare_scale_means.png": "scale_means",
           "figures/vignette_coefficients.png": "coefficients"}


class FactsheetFigures:
    """Starts the figures of one factsheet run into ``writer`` (figures/ PNG + SVG) and the
    printed twins of the two key figures; each ``start_*`` runs at most once."""

    def __init__(self, writer: OutputWriter, lang: str) -> None:
        self.writer, self.lang = writer, lang
        self.names: list[str] = []  # the figure files, in the order they were started
        self._printed: dict[str, Callable[[], bytes]] = {}
        self._files: dict[str, tuple[str, list[Callable[[bool], None]]]] = {}
        self._started: set[str] = set()
        self._likert: list[str] | None = None  # the Likert chart's files (start_likert)
        self._survey: list[Any] = []  # the embedded survey figures (start_survey)

    def start_likert(self, distribution: Distribution) -> None:
        """figures/compare_items_likert, the comparison's longest figure, started as soon as
        the answer distributions are counted (``compare(on_distribution=...)``), before the
        tests and models: it needs nothing else, so it renders while they run (as in the
        ``compare`` command). ``distribution`` must be protected already
        (:func:`~.privacy.protect_distribution`: what :meth:`start_comparison` would draw
        from the suppressed comparison); :meth:`start_comparison` then draws the others."""
        if "likert" in self._started or "comparison" in self._started:
            return
        self._started.add("likert")
        from ..report.figures.compare import start_likert

        self._likert = start_likert(distribution, self.writer, self.lang)

    def start_comparison(self, comparison: Comparison) -> None:
        """figures/compare_* (:func:`~maatwerk_stats.report.figures.compare.write_figures`)
        and the printed scale means."""
        if "comparison" in self._started:
            return
        self._started.add("comparison")
        from ..report.figures.compare import scale_means_data, write_figures
        from ..report.figures.printed import scale_means_figure

        # the printed twin first (and ahead of any waiting figure): the factsheet's HTML and
        # DOCX wait for it; it carries its table (computed here, where scipy's t quantiles
        # are loaded), not the Comparison, so the figure process need not import the
        # analyses to unpickle it
        self._start_printed("scale_means", partial(scale_means_figure, None, self.lang,
                                                   data=scale_means_data(comparison)))
        self._keep_printed(write_figures(comparison, self.writer, self.lang,
                                         likert=self._likert),
                           "figures/compare_scale_means.png")

    def start_vignette(self, result: VignetteResult) -> None:
        """figures/vignette_coefficients and _marginal_means and the printed coefficients
        (sent first, as in :meth:`start_comparison`)."""
        if "vignette" in self._started:
            return
        self._started.add("vignette")
        from ..report.figures.printed import coefficient_figure
        from ..report.figures.vignette import (
            FigureStudy,
            coefficient_plot_columns,
            write_vignette_figures,
        )

        # its table as lists and of the result only its outcome label (as the standalone
        # vignette figures): the figure process imports no analysis module to unpickle it
        self._start_printed("coefficients", partial(
            coefficient_figure, FigureStudy(result.study.outcome_label), self.lang,
            data=coefficient_plot_columns(result, self.lang)))
        self._keep_printed(write_vignette_figures(result, self.writer, self.lang),
                           "figures/vignette_coefficients.png")

    def _keep_printed(self, names: list[str], file: str) -> None:
        """Add ``names`` to :attr:`names`; the printed twin of ``file`` is embedded only when
        that figure file is among them (a printed figure stands in for its figure)."""
        self.names += names
        if file not in names:
            self._printed.pop(PRINTED[file], None)

    def _start_printed(self, twin: str, draw: Callable[[], Any]) -> None:
        """The printed twin ``twin`` (a value of :data:`PRINTED`), as a figure job."""
        from ..report.figures import plotting
        from ..report.figures.printed import render_png
        from .figure_process import ahead

        path: Path = self.writer.staging / "printed" / f"{twin}.png"  # not an output
        path.parent.mkdir(exist_ok=True)
        job = partial(render_png, draw, path)
        with ahead():
            finish = plotting.submit_job(job) if plotting.submit_job else None
        if finish is None:  # no figure process: drawn here, now
            job()
            self._printed[twin] = path.read_bytes
            return
        self.writer.defer(finish)  # waited for with the rest if never read (an error)

        def read() -> bytes:
            self.writer.finish_pending(only=[finish])
            return path.read_bytes()

        self._printed[twin] = read

    def start_per_vignette(self, table: pd.DataFrame, study: Any) -> None:
        """figures/vignette_per_vignette (embedded in the factsheet, 16 cm wide)."""
        from ..report.figures.vignette_models import write_per_vignette_figure

        self._start_embedded("per_vignette", lambda: write_per_vignette_figure(
            table, study, self.writer, self.lang))

    def start_codes(self, codes: CodesResult) -> None:
        """figures/codes_tree (embedded in the interviews section, 15 cm wide)."""
        from ..report.figures.codes import write_codes_figures

        self._start_embedded("codes", lambda: write_codes_figures(codes, self.writer,
                                                                  self.lang))

    def start_survey(self, survey: SurveyResults) -> None:
        """figures/team_means_* and simple_slopes_* of the survey of professionals in teams
        (:func:`.survey.start_survey_figures`), started as soon as the survey is analysed,
        before the tables are written (the embedded two ahead of the others)."""
        if "survey" in self._started:
            return
        self._started.add("survey")
        from .survey import start_survey_figures

        self._survey = start_survey_figures(survey, self.writer, self.lang)

    def survey_embedded(self, survey: SurveyResults) -> dict[str, Figure]:
        """The survey figures the factsheet embeds, started now if :meth:`start_survey` was
        not called, each read once it alone is drawn."""
        from .survey import embedded_survey_figures

        self.start_survey(survey)
        return embedded_survey_figures(self._survey, self.writer)

    def _start_embedded(self, name: str, start: Callable[[], list[str]]) -> None:
        """A figure file the factsheet also embeds: started now, ahead of the waiting
        figures, and read (waiting for it alone) by :meth:`embedded_png`."""
        from .figure_process import ahead

        if name in self._started:
            return
        self._started.add(name)
        with ahead(), self.writer.collect_deferred() as finishes:
            names = start()
        self.names += names
        if names:
            self._files[name] = (names[0], finishes)

    def embedded_png(self, name: str) -> bytes | None:
        """The PNG of figure ``name`` (:meth:`start_per_vignette`, :meth:`start_codes`),
        None when there is none; waits for that figure alone."""
        if name not in self._files:
            return None
        file, finishes = self._files[name]
        return self.writer.read_bytes(file, only=finishes)

    def embedded(self) -> dict[str, Figure]:
        """The printed figures for the factsheet, waiting for their jobs (only theirs; a
        printed twin is embedded only when its figure file is drawn: :meth:`_keep_printed`)."""
        from ..report.factsheet.build import Figure
        from ..report.figures.plotting import printed_width_cm

        figures = {}
        for name in ("scale_means", "coefficients"):
            if name in self._printed:
                png = self._printed[name]()
                figures[name] = Figure(name, "", png, printed_width_cm(png))
        return figures
