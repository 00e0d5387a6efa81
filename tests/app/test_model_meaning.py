"""What a model file's saved data mean is checked before its run is rebuilt.

Every kind of run rnnviz saves loads back exactly; arrays and a preparation that only a
hand-made file holds (NaN, ±inf, 1e308, a scale of zero or below, dates missing, repeated,
shuffled or past year 9999) are refused with a short ValueError naming the field.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from apphelpers import page, texts
from bench.fuzz_mutants import runs, saved
from rnnviz import i18n
from rnnviz.analysis.predict import evaluate
from rnnviz.data.prep import MAX_RAW, SeriesData
from rnnviz.data.reader import DataError
from rnnviz.data.typed import TypedData
from rnnviz.files import run_checks, run_data
from rnnviz.files.model_file import load_model, model_bytes
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session.workspace import default_series_config, load_upload, prepare

MAX_MESSAGE = 500


@pytest.fixture(scope="module")
def made():
    return runs()


def _file(made, kind: str, arrays: dict | None = None, prep: dict | None = None) -> bytes:
    model, data = made[kind]
    return model_bytes(
        model,
        run_data.describe(data) if prep is None else prep,
        {**run_data.tensors(data), **(arrays or {})},
    )


def _refused(raw: bytes, *words: str) -> str:
    with pytest.raises(ValueError) as err:
        load_model(raw)
    message = str(err.value)
    assert all(w in message for w in words), message
    assert len(message) < MAX_MESSAGE and "Traceback" not in message and "/" not in message
    return message


# ---- files rnnviz saves load back exactly -----------------------------------------------


@pytest.mark.parametrize(
    "kind", ["series", "targets", "head_none", "text", "typed", "typed_series"]
)
def test_every_kind_of_saved_run_loads_back_exactly(made, kind):
    model, data = made[kind]
    loaded = load_model(saved(model, data))
    back = loaded.saved_data
    assert type(back) is type(data) and back.cfg == data.cfg
    if kind == "text":
        np.testing.assert_array_equal(back.ids, data.ids)
        assert back.vocab == data.vocab
        return
    for name in ("values", "targets", "raw_targets"):
        np.testing.assert_array_equal(getattr(back, name), getattr(data, name))
    np.testing.assert_array_equal(back.scaler.loc, data.scaler.loc)
    np.testing.assert_array_equal(back.scaler.scale, data.scaler.scale)
    if isinstance(data, TypedData):
        np.testing.assert_array_equal(back.raw_inputs, data.raw_inputs)
        return
    assert back.index.dtype == data.index.dtype and (back.index == data.index).all()
    before, after = evaluate(model, data), evaluate(loaded, back)
    for code in before.predictions:
        np.testing.assert_array_equal(after.predictions[code], before.predictions[code])


def test_the_series_samples_save_dates_and_the_typed_series_row_numbers(made):
    assert run_data.describe(made["series"][1])["index"] == "us"
    assert run_data.describe(made["typed_series"][1])["index"] is None


def _with_index(data: SeriesData, index: np.ndarray) -> SeriesData:
    return SeriesData(
        data.cfg,
        data.values,
        data.target,
        data.raw_target,
        index,
        data.scaler,
        data.windows,
        data.boundaries,
    )


@pytest.mark.parametrize("damage", ["repeated", "missing", "backwards", "year_12000"])
def test_dates_a_loaded_run_could_not_draw_are_saved_as_row_numbers(made, damage):
    model, data = made["series"]
    dates = data.index.copy()
    if damage == "repeated":
        dates[5] = dates[4]
    elif damage == "missing":
        dates[-1] = np.datetime64("NaT")
    elif damage == "backwards":
        dates = dates[::-1].copy()
    else:
        dates = dates.astype("datetime64[D]") + np.timedelta64(3_650_000, "D")
    odd = _with_index(data, dates)
    assert run_data.describe(odd)["index"] is None
    back = load_model(saved(model, odd)).saved_data
    np.testing.assert_array_equal(back.index, np.arange(len(dates)))


# ---- arrays only a hand-made file holds ---------------------------------------------------


def _changed(made, kind: str, name: str, value, where=slice(1, 3)) -> dict:
    array = run_data.tensors(made[kind][1])[name].copy()
    with np.errstate(over="ignore"):
        array[where] = value
    return {name: array}


ARRAYS = [  # (kind, tensor, value written into two rows, what the message names)
    ("series", "data.raw_target", np.inf, "data.raw_target"),
    ("series", "data.raw_target", np.nan, "data.raw_target"),
    ("series", "data.raw_target", 1.7e308, "data.raw_target"),
    ("series", "data.raw_target", -1e303, "data.raw_target"),
    ("series", "data.values", np.nan, "data.values"),
    ("series", "data.values", 1e16, "data.values"),
    ("series", "data.target", -np.inf, "data.target"),
    ("targets", "data.extra", np.nan, "data.extra"),
    ("targets", "data.raw_extra", np.inf, "data.raw_extra"),
    ("typed", "data.x", np.nan, "data.x"),
    ("typed", "data.y", 1e308, "data.y"),
]


@pytest.mark.parametrize(
    "kind, name, value, field", ARRAYS, ids=[f"{k}-{n}-{v}" for k, n, v, _ in ARRAYS]
)
def test_values_that_cannot_be_computed_with_are_refused(made, kind, name, value, field):
    _refused(_file(made, kind, _changed(made, kind, name, value)), f"`{field}`")


def _index(made, kind: str, how: str) -> np.ndarray:
    ints = run_data.tensors(made[kind][1])["data.index"].copy()
    if how == "nat":
        ints[7] = np.iinfo(np.int64).min
    elif how == "constant":
        ints[:] = ints[0]
    elif how == "shuffled":
        ints[[3, 4]] = ints[[4, 3]]
    elif how == "year_12000":
        ints[-1] = ints[-2] + 10_000 * 366 * 86_400 * 10**6  # microseconds
    elif how == "rows_past_2_53":
        ints[-1] = 2**60
    return ints


@pytest.mark.parametrize(
    "kind, how",
    [
        ("series", "nat"),
        ("series", "constant"),
        ("series", "shuffled"),
        ("series", "year_12000"),
        ("typed_series", "shuffled"),
        ("typed_series", "rows_past_2_53"),
    ],
)
def test_an_index_that_does_not_run_forward_within_range_is_refused(made, kind, how):
    _refused(_file(made, kind, {"data.index": _index(made, kind, how)}), "`data.index`")


def test_nanosecond_dates_end_where_int64_does_and_others_at_year_9999():
    assert run_checks.date_range("ns") == (-(2**63 - 1), 2**63 - 1)
    lo, hi = run_checks.date_range("D")
    assert (
        str(np.datetime64(lo, "D")) == "0001-01-01" and str(np.datetime64(hi, "D")) == "9999-12-31"
    )
    lo, hi = run_checks.date_range("us")
    assert str(np.datetime64(hi, "us")) == "9999-12-31T23:59:59.999999"
    assert run_checks.index_problem(np.array([0, 1]), "fortnight") == "files.index_unit"
    assert run_checks.index_problem(np.array([0, 1]), ["ns"]) == "files.index_unit"


# ---- the preparation's numbers ----------------------------------------------------------


def _prep(made, kind: str, path: tuple, value) -> dict:
    prep = json.loads(json.dumps(run_data.describe(made[kind][1])))
    where = prep
    for key in path[:-1]:
        where = where[key]
    where[path[-1]] = value
    return prep


PREPARATION = [  # (kind, path, value, what the message names)
    ("series", ("scaler", "loc", 0), 1e308, "`scaler`"),
    ("series", ("scaler", "loc", 0), 10**400, "`scaler`"),  # float() of it overflows
    ("series", ("scaler", "loc", 1), float("nan"), "`scaler`"),
    ("series", ("scaler", "scale", 0), 0, "`scaler.scale`"),
    ("series", ("scaler", "scale", 2), -2.5, "`scaler.scale`"),
    ("series", ("scaler", "scale", 2), float("inf"), "`scaler`"),
    ("series", ("scaler", "kind"), "standard", "`scaler`"),  # the config says minmax
    ("series", ("config", "val_frac"), 10**400, "`config.val_frac`"),
    ("series", ("index",), "D", "`data.index`"),  # microseconds read as days: past 9999
    ("typed", ("scaler", "scale", 0), 0.0, "`scaler.scale`"),
    ("typed", ("scaler", "kind"), "standard", "`scaler`"),
]


@pytest.mark.parametrize(
    "kind, path, value, field",
    PREPARATION,
    ids=[f"{k}-{'.'.join(map(str, p))}-{v!r:.12}" for k, p, v, _ in PREPARATION],
)
def test_a_preparation_whose_numbers_mean_nothing_is_refused(made, kind, path, value, field):
    _refused(_file(made, kind, prep=_prep(made, kind, path, value)), field)


def test_a_none_scaling_scales_nothing(made):
    model, data = made["head_none"]
    prep = run_data.describe(data)
    prep["config"]["scaling"] = prep["scaler"]["kind"] = "none"
    _refused(model_bytes(model, prep, run_data.tensors(data)), "`scaler`")
    prep["scaler"].update(loc=[0.0, 0.0], scale=[1.0, 1.0])
    loaded = load_model(model_bytes(model, prep, run_data.tensors(data)))
    assert loaded.saved_data.scaler.kind == "none"


def test_the_message_is_in_the_readers_language(made):
    raw = _file(made, "series", _changed(made, "series", "data.raw_target", np.nan))
    i18n.use("zh")
    try:
        message = _refused(raw, "`data.raw_target`")
    finally:
        i18n.use("en")
    assert "非有限" in message and "NaN" in message


# ---- preparing data refuses what a file may not hold -------------------------------------


def test_preparing_refuses_values_past_the_bound_a_file_is_checked_with():
    def prepared(scale: float):
        rows = "\n".join(f"2020-01-{d:02d},{d},{d * scale:.6g}" for d in range(1, 31))
        ds = load_upload("big.csv", ("date,small,big\n" + rows).encode())
        return prepare(ds, replace(default_series_config(ds), target="big", features=("big",)))

    with pytest.raises(DataError, match="too large to scale"):
        prepared(MAX_RAW / 10)  # up to 3e302
    data = prepared(MAX_RAW / 40)  # up to 7.5e301: prepared, and its file loads
    model = build_model(model_config_for(data, ModelConfig(hidden_size=3)), seed=0)
    assert load_model(saved(model, data)).saved_data.raw_target.max() == data.raw_target.max()


# ---- the Model page ---------------------------------------------------------------------


def test_the_model_page_names_the_field_of_a_file_with_dates_past_9999(app, made):
    raw = _file(made, "series", {"data.index": _index(made, "series", "year_12000")})
    page(app, "model")
    app.file_uploader(key="model_upload").upload(
        "far.safetensors", raw, "application/octet-stream"
    ).run()
    app.run()
    assert not app.exception, app.exception
    assert "data.index" in texts(app.error) and "9999" in texts(app.error)
