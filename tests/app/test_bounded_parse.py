"""No pattern or parser runs unbounded on what a user types or uploads: the inputs that once
held the server for seconds to minutes, each decided (read, or refused with a message)
within the readers' limits, and the limits themselves (deadline, memory, answer size).

The inputs are made here, not stored. Each check measures the work: a pattern run on a
long input directly (quadratic patterns took 20 s to minutes on these), or an upload
through the child reader with its wall time and the server's own memory.
"""

from __future__ import annotations

import random
import re
import time

import numpy as np
import pandas as pd
import pytest

from apphelpers import load_sample, texts, upload
from rnnviz import i18n
from rnnviz.data import celltypes, typed
from rnnviz.data.reader import DataError, read_table_noted, read_text
from rnnviz.data.text import TextConfig, Vocab, prepare_text
from rnnviz.server import isolated
from rnnviz.session.workspace import load_upload
from rnnviz.ui import state

# The patterns the readers used before: the new ones must say the same on short cells.
OLD_DATE_CELL = re.compile(r"\d.*[-/.:\s年月]|[A-Za-z]{3}.*\d")
OLD_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def one_cell(cell: str) -> bytes:
    """A small table with one long text cell beside a column of numbers."""
    return (
        "note,value\n" + cell + ",1\nabc,2\n" + "".join(f"x{i},{i}\n" for i in range(20))
    ).encode()


def _rss_peak_mb(fn):
    """(seconds, the server's own extra MB at peak, result); Linux's peak counter is reset
    first, so the figure is this call's."""

    def field(name):
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith(name + ":"))

    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    before = field("VmRSS")
    seconds, out = _timed(fn)
    return seconds, (field("VmHWM") - before) / 1024, out


# ---------------------------------------------------------------- patterns read linearly


@pytest.mark.parametrize(
    "cell", ["a" * 1_000_000, "1" * 1_000_000, "Jan" + "x" * 1_000_000, "1" + "x" * 1_000_000]
)
def test_the_date_pattern_reads_a_long_cell_once(cell):
    # The old pattern took 218 s on 200,000 letters and 25 s on 80,000 digits.
    seconds, _ = _timed(lambda: celltypes.DATE_CELL.match(cell))
    assert seconds < 0.5


def test_the_date_pattern_says_what_the_old_one_said():
    rng = random.Random(0)
    alphabet = "0123456789abcJanxyz-/.: 年月,"
    for _ in range(20_000):
        cell = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert bool(celltypes.DATE_CELL.match(cell)) == bool(OLD_DATE_CELL.search(cell)), cell


def test_a_column_of_long_cells_is_guessed_from_a_bounded_prefix():
    column = pd.Series(
        ["a" * 200_000, "1" * 80_000, "2020-01-01" + "x" * 100_000] * 300, dtype="str"
    )
    seconds, looks = _timed(lambda: celltypes.looks_like_dates("note", column))
    assert not looks and seconds < 1
    seconds, numbers = _timed(lambda: celltypes.as_numbers(pd.Series(["9" * 5000] * 300)))
    assert numbers is None and seconds < 1


@pytest.mark.parametrize(
    "text", ["9" * 60_000 + "x", "1" * 60_000 + ".5e", "." + "1" * 60_000 + "e+"]
)
def test_the_number_pattern_reads_a_long_token_once(text):
    seconds, match = _timed(lambda: typed._NUMBER.fullmatch(text))  # the old one: 37 s
    assert match is None and seconds < 0.5


def test_the_number_pattern_says_what_the_old_one_said():
    rng = random.Random(1)
    for _ in range(20_000):
        token = "".join(rng.choice("0123456789.eE+-x") for _ in range(rng.randint(0, 8)))
        assert bool(typed._NUMBER.fullmatch(token)) == bool(OLD_NUMBER.fullmatch(token)), token


@pytest.mark.parametrize(
    "text", ["[1]" + " " * 200_000 + "1", "] " * 100_000, "]" + " ," * 100_000]
)
def test_brackets_and_spaces_are_read_once(text):
    seconds, _ = _timed(lambda: typed._BRACKETS.sub(";", text))  # the old pattern: 29-48 s
    assert seconds < 0.5
    assert typed._BRACKETS.sub(";", "[[1,2] , [2,3]],[4, 5]") == "[[1,2;2,3];4, 5]"


# ---------------------------------------------------------------- typed input: caps first


def test_a_long_typed_number_is_refused_before_it_is_parsed():
    seconds, _ = _timed(lambda: pytest.raises(DataError, typed.parse_sequence, "9" * 60_000 + "x"))
    assert seconds < 0.5
    with pytest.raises(DataError, match="60,001 characters long; a number has at most 64"):
        typed.parse_sequence("9" * 60_000 + "x")


def test_a_long_target_and_series_value_are_refused_with_a_message():
    with pytest.raises(DataError, match="Row 3: the target is 60,001 characters long"):
        typed.parse_target("9" * 60_001, 3)
    with pytest.raises(DataError, match="Row 2: .* 200,000 characters long"):
        typed.parse_series(["1", "1" * 200_000, "2", "3"])
    with pytest.raises(DataError, match="Row 1: the target"):
        typed.parse_rows([("1,2,3", "9" * 100_000)])


def _decide(fn):
    try:
        return fn()
    except DataError as err:
        return err


@pytest.mark.parametrize(
    "text, shape",
    [
        ("[1]" + " " * 199_990 + "1", (2, 1)),
        ("[" * 100_000 + "]" * 100_000, None),
        (" ;" * 100_000, None),
        ("[1] ," + " " * 199_990, (1, 1)),
    ],
)
def test_brackets_and_spaces_typed_are_decided_at_once(text, shape):
    seconds, out = _timed(lambda: _decide(lambda: typed.parse_sequence(text)))
    assert seconds < 0.5
    assert out.shape == shape if shape else isinstance(out, DataError)


def test_the_typed_table_has_a_cap_on_its_characters():
    rows = [("1," * 600_000, "1"), ("1,2", "3")]
    with pytest.raises(DataError, match="2,400,010 characters; at most 2,000,000"):
        typed.check_size(rows * 2)
    typed.check_size([("1,2,3", "4")] * 1000)  # an ordinary table passes


def test_the_predict_box_refuses_a_long_number_fast():
    data = typed.prepare_typed(typed.TYPED_SAMPLES["temperatures"].rows)
    long_number = "9" * 60_000 + "x"
    seconds, _ = _timed(lambda: pytest.raises(DataError, typed.answer, None, data, long_number))
    assert seconds < 0.5


# ---------------------------------------------------------------- uploads in a child


def _decided_quickly(name: str, raw: bytes, seconds: float = 10.0):
    """load_upload's outcome (a Dataset or the DataError), decided within `seconds` and
    under 500 MB of the server's own memory, never by the deadline."""

    def load():
        try:
            return load_upload(name, raw)
        except DataError as err:
            return err

    took, extra_mb, out = _rss_peak_mb(load)
    assert took < seconds, (name, took)
    assert extra_mb < 500, (name, extra_mb)
    if isinstance(out, DataError):
        assert not isinstance(out, isolated.Refused), str(out)  # decided, not stopped
        assert str(out).strip() and "⟦" not in str(out)
    return out


def test_a_cell_of_200k_letters_or_80k_digits_loads():
    for cell in ("a" * 200_000, "1" * 80_000):
        ds = _decided_quickly("x.csv", one_cell(cell), seconds=5)
        assert list(ds.table.columns) == ["note", "value"] and len(ds.table) == 22


def test_5000_digit_numbers_load_as_text_beside_the_numbers():
    raw = ("a,b\n" + "\n".join(f"{'9' * 5000},{i}" for i in range(100))).encode()
    ds = _decided_quickly("x.csv", raw, seconds=5)
    assert ds.table["b"].dtype == np.float64 and ds.table["a"].dtype != np.float64


def test_20_mb_of_date_like_garbage_is_decided():
    rng = random.Random(1)
    lines = ["when,value"] + [
        f"{rng.randint(0, 99)}-{rng.randint(0, 99)}x{rng.randint(0, 9999)},{i}"
        for i in range(1_300_000)
    ]
    ds = _decided_quickly("x.csv", "\n".join(lines).encode()[:20_000_000])
    assert ds.table["value"].dtype == np.float64  # "when" stays text: no date axis invented


def test_2000_columns_by_12k_rows_are_refused_before_reading():
    row = ",".join("1" for _ in range(2000))
    raw = (",".join(f"c{i}" for i in range(2000)) + "\n" + "\n".join([row] * 12_000)).encode()
    err = _decided_quickly("wide.csv", raw, seconds=5)
    assert isinstance(err, DataError) and "24,002,000 cells" in str(err)


def test_a_49_mb_single_field_is_decided():
    err = _decided_quickly("x.csv", ("v\n" + "a" * 49_000_000 + "\n").encode())
    assert isinstance(err, DataError) and "only 1 data row" in str(err)
    ds = _decided_quickly("x.csv", ("v,n\n" + "a" * 49_000_000 + ",1\nb,2\nc,3\n").encode())
    assert ds.table["n"].tolist() == [1.0, 2.0, 3.0]


def test_a_49_mb_one_line_text_loads_and_prepares_once():
    raw = ("a b c " * 8_200_000)[:49_000_000].encode()
    ds = _decided_quickly("x.txt", raw)
    assert len(ds.text) == 49_000_000
    whole = TextConfig(max_chars=None)
    seconds, extra_mb, data = _rss_peak_mb(lambda: prepare_text(ds.text, whole))
    # int64 ids are 8 bytes a character (374 MB here); a list of ints beside them was 880 MB.
    assert extra_mb < 1.3 * data.ids.nbytes / 2**20 and seconds < 10
    seconds, extra_mb, again = _rss_peak_mb(
        lambda: prepare_text(ds.text, TextConfig(max_chars=None, seq_len=32), data)
    )
    assert again.ids is data.ids and extra_mb < 50 and seconds < 1  # a new window: no new ids


def test_a_small_upload_costs_little_in_a_child():
    raw = b"a,b\n" + b"".join(b"%d,%d\n" % (i, 2 * i) for i in range(200))
    load_upload("warm.csv", raw)  # the fork server starts on the first upload
    seconds = min(_timed(lambda: load_upload("x.csv", raw))[0] for _ in range(3))
    assert seconds < 0.5  # measured 22-30 ms


# ---------------------------------------------------------------- the limits themselves


def _file(rows: int = 300_000) -> bytes:
    return ("a,b\n" + "".join(f"{i},{i * 0.5}\n" for i in range(rows))).encode()


def test_a_read_past_its_deadline_is_stopped_with_what_to_do():
    report = isolated.measure(read_table_noted, _file(), isolated.Limits(0.01, 1024, 300))
    assert report.kind == "late" and report.seconds < 2
    assert "took longer than 0.01 s" in report.error and "Split it" in report.error


def test_a_read_past_its_memory_is_stopped_with_what_to_do():
    report = isolated.measure(read_table_noted, _file(), isolated.Limits(10, 20, 300))
    assert report.kind == "memory" and "more than 20 MB" in report.error


def test_an_answer_past_its_size_is_refused():
    report = isolated.measure(read_table_noted, _file(), isolated.Limits(10, 1024, 1))
    assert report.kind == "big" and "more than 1 MB" in report.error


def test_the_child_speaks_the_users_language():
    i18n.use("zh")
    try:
        report = isolated.measure(read_table_noted, b"a,b\nx,y\nz,w\n")
    finally:
        i18n.use("en")
    assert report.kind == "refused" and re.search(r"[\u4e00-\u9fff]", report.error)


def test_the_read_table_is_the_same_in_the_child():
    raw = b'date,price\n2020-01-02,"1,234.5"\n2020-01-01,$3.5K\n2020-01-03,-\n'
    here = read_table_noted(raw)[0]
    there = isolated.call(read_table_noted, raw)[0]
    pd.testing.assert_frame_equal(here, there)
    assert isolated.call(read_text, "中文\r\n".encode()) == read_text("中文\r\n".encode())


def test_a_slow_upload_on_the_data_page_shows_the_message_and_keeps_the_data(app, monkeypatch):
    load_sample(app, "airline")
    monkeypatch.setattr(isolated, "SECONDS", 0.01)
    upload(app, "slow.csv", _file())
    errors = texts(app.error)
    assert "took longer than 0.01 s" in errors and "previous data set stays loaded" in errors
    assert state.DATASET.get(app.session_state).sample.key == "airline"
    assert not app.exception


def test_the_vocabulary_and_ids_are_the_same_as_a_loop_over_characters():
    rng = random.Random(2)
    for alphabet in ("ab \n", "abcé\n", "中文字。，\n", "a😀b\U0010ffff中", "\x00\x7f\x80ÿ"):
        for n in (1, 50, 3000):
            text = "".join(rng.choice(alphabet) for _ in range(n))
            vocab = Vocab.from_text(text)
            assert vocab.chars == tuple(sorted(set(text)))
            index = {c: i for i, c in enumerate(vocab.chars)}
            assert vocab.encode(text + "Z").tolist() == [index[c] for c in text]


def test_bytes_past_the_childs_memory_are_refused_before_they_are_sent():
    report = isolated.measure(
        read_table_noted, b"a,b\n" + b"1,2\n" * 2_000_000, isolated.Limits(10, 20, 300)
    )
    assert report.kind == "memory" and report.peak_mb is None and report.seconds < 0.1


def test_no_child_runs_the_servers_main_script(tmp_path, monkeypatch):
    """A server whose __main__ names a script (Streamlit runs the app as __main__) must not
    have each reading child run that script again: that cost seconds per upload."""
    import sys
    import types

    isolated.call(read_table_noted, b"a,b\n1,2\n3,4\n")  # the fork server runs already
    marker = tmp_path / "ran"
    script = tmp_path / "server_main.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake)
    assert isolated.call(read_table_noted, b"a,b\n1,2\n3,4\n")[0].shape == (2, 2)
    assert not marker.exists()
