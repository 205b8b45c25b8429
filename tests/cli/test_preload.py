"""``cli.preload.import_in_background``: the modules are imported once the wait returns, a
module that cannot be imported is left to the command's own import (no error, no hang)."""

from __future__ import annotations

import sys
import threading

from maatwerk_stats.cli.preload import import_in_background


def test_the_modules_are_imported_when_the_wait_returns():
    wait = import_in_background("json", "xml.dom.minidom")
    wait()
    assert "json" in sys.modules and "xml.dom.minidom" in sys.modules
    assert not any(t.name == "import-in-background" and t.is_alive()
                   for t in threading.enumerate())


def test_a_module_that_cannot_be_imported_is_left_to_the_command():
    wait = import_in_background("maatwerk_stats_no_such_module", "json")
    wait()  # returns: the failure is not raised here
    assert "maatwerk_stats_no_such_module" not in sys.modules
