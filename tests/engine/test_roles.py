"""Column roles, the first guess of time axis/target/inputs, the warnings before training,
the default training length and the text prompt, on files in the shapes of
real public data sets (tests/data/real_shapes, written by tests/data/make_real_shapes.py).
"""

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from rnnviz.data.prep import SeriesConfig, prepare_series, split_rows
from rnnviz.data.reader import DataError, read_table, read_table_noted
from rnnviz.data.roles import RoleWarning, check_choice, classify, default_roles
from rnnviz.data.text import default_prompt
from rnnviz.i18n import CATALOG, t
from rnnviz.model.network import build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.safe_text import md
from rnnviz.session import schema
from rnnviz.session.workspace import default_model_config, load_upload
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.train.run_length import (
    MAX_SECONDS,
    MIN_STEPS,
    default_epochs,
    estimate,
    guess_seconds_per_step,
    steps_per_epoch,
)

SHAPES = Path(__file__).resolve().parents[1] / "data" / "real_shapes"

# file -> (time axis, target, first date, last date, notes read)
EXPECTED = {
    "pm25_hourly.csv": ("date", "pm2.5", "2010-01-01 00:00", "2010-03-25 07:00", []),
    "yearly_water.csv": ("Year", "Water", "1885-01-01", "1963-01-01", ["roles.note.years"]),
    "shampoo_sales.csv": (
        "Month",
        "Sales",
        "2001-01-01",
        "2003-12-01",
        ["roles.note.relative_years"],
    ),
    "small_monthly.csv": ("Date", "Visitors", "2015-01-01", "2017-12-01", []),
    "constant_first.csv": ("Date", "Level", "2020-03-01", "2020-06-28", []),
}
SMALL = ["yearly_water.csv", "shampoo_sales.csv", "small_monthly.csv", "constant_first.csv"]


def read(name):
    return read_table_noted((SHAPES / name).read_bytes())


def train_rows(table):
    cfg = schema.make(SeriesConfig, target="x")
    return split_rows(len(table), cfg.val_frac, cfg.test_frac)[0]


def codes(warnings):
    return [w.code for w in warnings]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_first_guess_on_real_shapes(name):
    axis, target, first, last, notes = EXPECTED[name]
    table, read_notes = read(name)
    roles = default_roles(table)
    assert (roles.time_axis, roles.target, roles.inputs) == (axis, target, (target,))
    assert roles.warnings == ()
    assert table[axis].iloc[0] == pd.Timestamp(first)
    assert table[axis].iloc[-1] == pd.Timestamp(last)
    assert table[axis].is_monotonic_increasing and table[axis].is_unique
    assert [n.key for n in read_notes] == notes


def test_pm25_roles_of_every_column():
    roles = default_roles(read("pm25_hourly.csv")[0])
    assert dict(roles.columns) == {
        "date": "date",
        "No": "index",
        "pm2.5": "measure",
        "DEWP": "measure",
        "TEMP": "measure",
        "PRES": "measure",
        "cbwd": "categorical",
        "Iws": "measure",
        "Is": "measure",
        "Ir": "measure",
    }
    assert roles.having("index", "categorical") == ["No", "cbwd"]


def test_the_old_first_guesses_are_warned_about():
    """What the app chose before column roles existed (workspace.default_series_config): each now
    draws a warning before training."""
    pm, _ = read("pm25_hourly.csv")
    roles, rows = default_roles(pm), train_rows(pm)
    assert codes(check_choice(pm, roles, "No", ("No",), 30, rows)) == ["target_index"]
    # Choosing pm2.5 left the inputs as [No]: the model never saw pm2.5.
    found = check_choice(pm, roles, "pm2.5", ("No",), 30, rows)
    assert found == [
        RoleWarning("target_not_input", {"column": "pm2.5"}),
        RoleWarning("input_counter", {"columns": "No"}),
    ]
    assert check_choice(pm, roles, "pm2.5", ("pm2.5", "DEWP"), 30, rows) == []
    station, _ = read("constant_first.csv")
    assert codes(
        check_choice(
            station, default_roles(station), "Station", ("Station",), 12, train_rows(station)
        )
    ) == ["target_constant", "few_rows"]


def test_a_year_column_left_as_numbers_is_the_axis_and_never_the_target():
    # Not lone (a "Date" column of numbers beside it): read_table keeps both as numbers.
    table = read_table(b"Date,year,v\n20200101,2001,1\n20200102,2002,5\n20200103,2004,2\n")
    roles = default_roles(table)
    assert dict(roles.columns) == {"Date": "index", "year": "year", "v": "measure"}
    assert (roles.time_axis, roles.target) == ("year", "v")
    assert codes(check_choice(table, roles, "year", ("year",), 1, 3))[0] == "target_year"


def test_split_date_parts_beside_a_date_are_date_parts():
    # With a date column already there, read_table keeps the parts: they are not measures.
    table = read_table(
        b"Date,year,month,day,v\n"
        + b"".join(f"2020-01-{d:02d},2020,1,{d},{d * 7 % 5}\n".encode() for d in range(1, 11))
    )
    roles = classify(table)
    assert [roles[c] for c in ("year", "month", "day", "v")] == ["date_part"] * 3 + ["measure"]
    assert default_roles(table).target == "v"


def test_target_preference_names_then_most_values():
    table = pd.DataFrame(
        {
            "Unnamed: 0": range(50),
            "a": [1.0, None] * 25,
            "b": [float(i % 7) for i in range(50)],
            "Temp (C)": [None] * 40 + [1.0] * 5 + [2.0] * 5,
        }
    )
    roles = default_roles(table)
    assert roles.role("Unnamed: 0") == "index"
    assert roles.target == "Temp (C)"  # a target's name wins over having more values
    assert default_roles(table.drop(columns="Temp (C)")).target == "b"  # most values
    assert default_roles(table, prefer="a").target == "a"  # a sample names its target


def test_with_no_measure_the_fallback_is_warned_about():
    table = pd.DataFrame({"id": range(1, 40), "k": [3.0] * 39})
    roles = default_roles(table)
    assert roles.target == "id" and codes(roles.warnings) == ["target_index"]
    with pytest.raises(DataError):
        default_roles(pd.DataFrame({"name": ["a", "b"]}))


def test_few_training_pairs_suggest_a_window():
    water, _ = read("yearly_water.csv")
    roles, rows = default_roles(water), train_rows(water)
    assert rows == 55
    (warning,) = check_choice(water, roles, "Water", ("Water",), 30, rows)
    assert warning == RoleWarning(
        "few_pairs", {"pairs": 25, "window": 30, "minimum": 200, "suggest": 11, "pairs_then": 44}
    )
    assert codes(check_choice(water, roles, "Water", ("Water",), 5, rows)) == ["few_rows"]
    pm, _ = read("pm25_hourly.csv")  # 1400 training rows: a window of 1300 is too long
    (long,) = check_choice(pm, default_roles(pm), "pm2.5", ("pm2.5",), 1300, 1400)
    assert long.params["suggest"] == 1200 and long.params["pairs_then"] == 200


def test_more_features_than_rows():
    table = pd.DataFrame({f"c{i}": [float(i + j * j) for j in range(10)] for i in range(12)})
    found = check_choice(table, default_roles(table), "c0", tuple(table.columns), 2, 7)
    assert RoleWarning("wide", {"features": 12, "rows": 7}) in found


def test_every_warning_and_note_translates_in_both_languages():
    keys = [k for k in CATALOG if k.startswith("roles.")]
    assert {"roles.warn.target_index", "roles.note.relative_years", "roles.reads"} <= set(keys)
    warning = RoleWarning("target_index", {"column": "[x](http://e.org)"})
    assert "](" not in warning.format(md) and "row counter" in warning.text


# ---------------------------------------------------------------- training length


@pytest.mark.parametrize("name", SMALL)
def test_default_run_on_small_files_has_at_least_500_steps(name):
    ds = load_upload(name, (SHAPES / name).read_bytes())
    roles = default_roles(ds.table)
    cfg = schema.make(
        SeriesConfig,
        target=roles.target,
        features=roles.inputs,
        date_column=roles.time_axis,
        window=min(30, len(ds.table) // 10),
    )
    pairs = prepare_series(ds.table, cfg).windows.count("train")
    epochs = default_epochs(pairs, 64)
    assert epochs > 20 and estimate(pairs, 64, epochs)[0] >= MIN_STEPS


def test_a_default_run_takes_the_steps_estimated():
    """The training loop counts steps as plan does (the last, smaller batch is one)."""
    ds = load_upload("s.csv", (SHAPES / "shampoo_sales.csv").read_bytes())
    data = prepare_series(ds.table, schema.make(SeriesConfig, target="Sales", window=3))
    model_cfg = replace(model_config_for(data, default_model_config(ds)), hidden_size=8)
    pairs = data.windows.count("train")
    epochs = default_epochs(pairs, 16)
    status = TrainJob(
        build_model(model_cfg, seed=0), data.windows, TrainConfig(batch_size=16, epochs=epochs)
    ).run()
    assert status.state == "done" and status.step == estimate(pairs, 16, epochs)[0] >= MIN_STEPS


def test_big_tables_are_capped_by_time():
    assert default_epochs(30_000, 64, 0.02) == 12  # 469 steps an epoch: 12 fit in 120 s
    steps, seconds = estimate(30_000, 64, 12, 0.02)
    assert steps == 469 * 12 and seconds <= MAX_SECONDS
    assert default_epochs(3000, 64, 0.005) == 20  # the schema's default when it fits
    assert default_epochs(640, 64, 1.0) == 12  # slow steps: 500 would take 500 s
    assert default_epochs(10_000_000, 64, 0.02) == 1
    assert default_epochs(5, 64) == 500 and steps_per_epoch(65, 64) == 2


def test_seconds_per_step_guess_grows_with_the_model():
    assert guess_seconds_per_step(3) < guess_seconds_per_step(30) < guess_seconds_per_step(100, 64)
    assert 0.014 <= guess_seconds_per_step(100, 64) <= 0.025  # the GUIDE's measured range
    assert estimate(100, 64, 10)[1] == pytest.approx(20 * 0.02)
    assert t("roles.plan.estimate", steps=500, seconds=10).startswith("≈ 500")


# ---------------------------------------------------------------- text prompt


def test_prompt_is_the_start_of_a_line_of_the_users_text():
    text = "TITLE\n\nFirst Citizen: Before we proceed any further, hear me speak.\n"
    assert default_prompt(text) == "First Citizen: Before we proceed any"
    poem = (
        "静夜思\n床前明月光，疑是地上霜。举头望明月，低头思故乡。"
        "床前明月光，疑是地上霜。举头望明月。\n"
    )
    prompt = default_prompt(poem)
    assert prompt == "床前明月光，疑是地上霜。举头望明月，低头思故乡。床前明月光，疑是地上霜。"
    assert default_prompt("short\nlines\n") == "short" and default_prompt("") == ""
    assert default_prompt("x" * 100) == "x" * 40
