"""The Data page on files shaped like real downloads, in both languages: each says how it was
read, the choices it needs are offered, and what it cannot use is named with the reason."""

import json
from pathlib import Path

import numpy as np

from apphelpers import spec_array, texts, upload
from rnnviz.ui import state

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
WORDS = {  # what each language's page says, per fixture
    "sensor": {"en": "-200 in 9 columns", "zh": "-200 出现在 9 列中"},
    "joined": {"en": "read together as one time axis", "zh": "合并读作一条时间轴"},
    "comments": {"en": "Skipped 51 comment lines", "zh": "51"},
    "empty": {"en": "empty in every row: TAVG", "zh": "TAVG"},
    "unread": {"en": "not times of day", "zh": "不是 18:00 或 18.00.00"},
    "stacked": {"en": "4 series stacked", "zh": "此表叠放了 4 个序列"},
}


def _load(app, name: str):
    upload(app, name, (REAL / name).read_bytes())
    assert not app.error, texts(app.error)
    assert "⟦" not in texts(app.caption) + texts(app.warning)
    return app


def _series_chart_values(at) -> np.ndarray:
    """The y values of the Data page's series chart (the first Plotly chart)."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    ys = np.concatenate([spec_array(trace["y"]) for trace in spec["data"] if trace.get("y")])
    return ys[np.isfinite(ys)]


def _md(text: str) -> str:
    """Captions are Markdown with the file's text escaped: compare without backslashes."""
    return text.replace("\\", "")


def test_sensor_codes_are_missing_and_can_be_kept(app, language):
    at = _load(app, "sensor_minus200.csv")
    shown = _md(texts(at.caption))
    assert WORDS["sensor"][language] in shown and WORDS["joined"][language] in shown
    assert at.selectbox(key="date_col").value == "Date Time"
    assert at.toggle(key="keep_codes").value is False
    assert _series_chart_values(at).min() > -2  # no spike to -200
    at.number_input(key="window").set_value(12).run()
    at.toggle(key="keep_codes").set_value(True).run()
    assert not at.exception and not at.error
    assert _series_chart_values(at).min() == -200  # kept, as asked
    assert at.number_input(key="window").value == 12  # the settings chosen stay
    assert state.workspace(at.session_state).dataset.keep_codes
    at.toggle(key="keep_codes").set_value(False).run()
    assert _series_chart_values(at).min() > -2


def test_noaa_comments_and_short_header(app, language):
    at = _load(app, "noaa_co2_comments.csv")
    assert WORDS["comments"][language] in _md(texts(at.caption))
    assert at.selectbox(key="date_col").value == "date"  # year and month joined
    assert at.selectbox(key="target_col").value in ("average", "deseasonalized")


def test_empty_column_is_called_empty(app, language):
    at = _load(app, "weather_negatives_empty.csv")
    shown = _md(texts(at.caption))
    assert WORDS["empty"][language] in shown
    assert "TAVG" not in list(at.selectbox(key="target_col").options)


def test_stacked_stations_pick_one_series(app, language):
    at = _load(app, "stations_stacked.csv")
    assert WORDS["stacked"][language] in _md(texts(at.caption))
    target = at.selectbox(key="target_col").value
    assert target.startswith(("TMAX", "PRCP", "TMIN"))  # never the station number
    box = at.selectbox(key="series_value")
    assert box.value == "JFK INTERNATIONAL AIRPORT, NY US" and len(box.options) == 5
    data = state.workspace(at.session_state).prepared
    assert len(np.unique(data.index)) == len(data.index) == 184
    assert not any("appear more than once" in w or "出现不止一次" in w for w in texts(at.warning))
    box.set_value("ISLIP, NY US").run()
    assert not at.exception and not at.error
    assert len(state.workspace(at.session_state).prepared.index) == 182
    at.selectbox(key="series_value").set_value("").run()  # every row together
    warned = texts(at.warning)
    assert ("appear more than once" in warned) or ("出现不止一次" in warned)


def test_time_column_that_is_no_clock_is_said(app, language):
    at = _load(app, "clock_unread.csv")
    assert WORDS["unread"][language] in _md(texts(at.caption))
    assert at.selectbox(key="date_col").value == "Date"


PANDAS_WORDS = ("Error tokenizing", "C error", "Expected", "fields in line", "EOF")


def test_a_parser_error_is_said_in_the_readers_language(app, language):
    ragged = b"# one comment\n\nlevel\n1\n2\n3\n4\n5\n6\n7\n9,3\n10\n"  # line 11: 2 fields
    upload(app, "levels.csv", ragged)
    errors = [str(e.value) for e in app.error]
    assert len(errors) == 1, errors  # one message for one outcome
    assert {"en": "Line 11", "zh": "第 11 行"}[language] in errors[0]
    assert not any(word in errors[0] for word in PANDAS_WORDS)
    assert "Pick a sample" not in texts(app.info) and "请选择" not in texts(app.info)
