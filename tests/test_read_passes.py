"""Two passes of the CSV reader made cheaper (issue 9, the `vignette` process at 100,000 × 9)
give what the code they replaced gave (hypothesis): the decimal-mark check without the
modulo, and the line-break count (the rows to allocate) in one pass over the file."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.io import file_bytes, read
from maatwerk_stats.io.file_bytes import FileBytes

FLOATS = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([0.0, -0.0, 1.0, -1.5, 2.0**53, 2.0**24 + 1, 0.5, -3.0,
                                    np.nan, np.inf, -np.inf, 1e300, 5e-324]),
                   st.integers(-10**6, 10**6).map(float))


@settings(max_examples=300, deadline=None)
@given(st.lists(FLOATS, max_size=40), st.sampled_from([np.float64, np.float32]))
def test_not_all_whole_is_the_modulo_check(values, dtype):
    with np.errstate(over="ignore"):
        column = pd.Series(np.array(values, dtype=np.float64).astype(dtype))
    assert read._not_all_whole(column) == bool((column % 1 != 0).any())


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # (a context per input)
@given(st.lists(st.sampled_from([b"a", b";", b"\n", b"\r", b"\r\n", b"1,5", b'"']),
                max_size=80).map(b"".join), st.integers(1, 9))
def test_line_breaks_counts_as_max_of_the_two_counts(tmp_path_factory, monkeypatch, data,
                                                     block):
    expected = max(data.count(b"\n"), data.count(b"\r"))
    assert read._line_breaks(data) == expected
    path = tmp_path_factory.mktemp("lb") / "f.csv"
    path.write_bytes(data)
    with monkeypatch.context() as patch:
        patch.setattr(file_bytes, "BLOCK", block)
        assert read._line_breaks(FileBytes(path)) == expected
