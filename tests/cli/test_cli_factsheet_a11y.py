"""The demo factsheets (Leeratelier, paired, teams; nl and en) have no WCAG 2.1 A/AA
violations according to axe-core (Deque, https://github.com/dequelabs/axe-core), the checker
behind Lighthouse and the accessibility audits of Dutch public bodies (EN 301 549 = WCAG 2.1 AA).

axe-core is pinned by ``tests/a11y/package-lock.json`` and installed with
``npm ci --prefix tests/a11y`` (node and npm from Debian; ``.ci/run`` does both). The test
injects ``axe.min.js`` into a copy of the factsheet, runs ``axe.run`` with the tags
``wcag2a, wcag2aa, wcag21a, wcag21aa`` in headless Chromium (``--dump-dom``, as the print
test's overflow check) and reads the result back from the DOM. It runs twice per factsheet:
with the screen stylesheet, and with the print rules applied (smaller type, so the colour
contrast is checked at the printed sizes too). A control page with known violations shows
the harness reports what it should. The tests are slow; in CI they fail when Chromium or
axe-core is missing, elsewhere they are skipped."""

from __future__ import annotations

import html as html_module
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maatwerk_stats.cli import app

from ..conftest import CONFIG, ROOT

A11Y = ROOT / "tests" / "a11y"
AXE = A11Y / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CONFIGS = {"leeratelier": CONFIG, "paired": ROOT / "configs" / "gewogen_maatwerk.toml",
           "teams": ROOT / "configs" / "teams.toml"}

RUNNER = """<script>
axe.run(document, {runOnly: {type: 'tag', values: %s}}).then(function (r) {
  var pre = document.createElement('pre');
  pre.id = 'axe-result';
  pre.textContent = JSON.stringify({
    version: r.testEngine.version,
    passes: r.passes.map(function (rule) { return rule.id; }),
    violations: r.violations.map(function (rule) {
      return {id: rule.id, impact: rule.impact, help: rule.help,
              nodes: rule.nodes.map(function (n) {
                return n.target.join(' ') + ': ' + n.failureSummary; })};
    })});
  document.body.appendChild(pre);
}, function (error) {
  var pre = document.createElement('pre');
  pre.id = 'axe-result';
  pre.textContent = JSON.stringify({error: String(error)});
  document.body.appendChild(pre);
});
</script>"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [] if found else ["chromium"]
    if not AXE.is_file():
        missing.append("axe-core (npm ci --prefix tests/a11y)")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {', '.join(missing)} for this test (.ci/run installs them)")
        pytest.skip(f"needs {', '.join(missing)}")
    assert found is not None
    return found


def axe(page: str, tmp_path: Path, *, print_rules: bool = False) -> dict:
    """axe-core's result for the HTML text ``page``: the rules that passed and the
    violations, each with the elements (CSS selectors) and what is wrong with them.
    ``print_rules`` applies the ``@media print`` rules on screen (as the overflow check)."""
    engine = chromium()
    if print_rules:
        assert "@media print {" in page
        page = page.replace("@media print {", "@media all {")
    injected = (f"<script>{AXE.read_text(encoding='utf-8')}</script>"
                + RUNNER % json.dumps(TAGS))
    assert page.count("</body>") == 1
    copy = tmp_path / ("axe_print.html" if print_rules else "axe.html")
    copy.write_text(page.replace("</body>", injected + "</body>"), encoding="utf-8")
    command = [engine, "--headless", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", f"--user-data-dir={tmp_path / 'u'}",
               "--virtual-time-budget=60000", "--dump-dom", copy.as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(2, "--no-sandbox")
    dom = subprocess.run(command, check=True, capture_output=True, text=True,
                         timeout=180).stdout
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
    assert found, "axe-core wrote no result: " + dom[-300:]
    result = json.loads(html_module.unescape(found.group(1)))
    assert "error" not in result, result
    return result


def pinned_version() -> str:
    lock = json.loads((A11Y / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/axe-core"]["version"]


@pytest.fixture(scope="module")
def factsheets(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The six demo factsheets (made only when the tools are there)."""
    chromium()
    made = {}
    for name, config in CONFIGS.items():
        for lang in ("nl", "en"):
            out = tmp_path_factory.mktemp(f"a11y_{name}_{lang}") / "out"
            result = CliRunner().invoke(app, ["factsheet", "--config", str(config), "--out",
                                              str(out), "--lang", lang, "-q"])
            assert result.exit_code == 0, result.output
            made[name, lang] = out / "factsheet.html"
    return made


def report(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
                     for v in violations)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", list(CONFIGS))
@pytest.mark.parametrize("print_rules", [False, True], ids=["screen", "print"])
def test_no_wcag_a_aa_violations(factsheets, tmp_path, name, lang, print_rules):
    page = factsheets[name, lang].read_text(encoding="utf-8")
    result = axe(page, tmp_path, print_rules=print_rules)
    assert result["version"] == pinned_version()
    assert result["violations"] == [], report(result["violations"])
    # the rules that matter for a factsheet ran and passed (not merely inapplicable)
    assert {"color-contrast", "image-alt", "html-has-lang", "html-lang-valid",
            "document-title", "th-has-data-cells", "td-headers-attr"} <= set(result["passes"])


@pytest.mark.slow
def test_the_check_reports_violations(tmp_path):
    """A control page with three known faults: axe-core finds each of them, so an empty
    list above means the factsheet passed, not that nothing was checked."""
    page = ("<!DOCTYPE html><html><head><title>x</title></head><body>"
            '<p style="color:#8fb8de;background:#fff">light text</p>'
            '<img src="data:image/png;base64,iVBORw0KGgo=">'
            "<table><tr><td>a</td></tr></table></body></html>")
    result = axe(page, tmp_path)
    assert {"html-has-lang", "color-contrast", "image-alt"} <= {
        v["id"] for v in result["violations"]}
