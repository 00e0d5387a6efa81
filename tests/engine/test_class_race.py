"""The names race: RNN, LSTM and GRU trained one after another on the same names."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnnviz.data.labels import LabelConfig, prepare_labels
from rnnviz.experiments import class_race as cr
from rnnviz.experiments.race import CELL_COLORS
from rnnviz.figures.class_race import accuracy_curves_figure, accuracy_figure
from rnnviz.i18n import t
from rnnviz.model.classifier import ClassifierConfig, build_classifier
from rnnviz.model.network import count_parameters
from rnnviz.train.job import TrainConfig

NAMES = Path(__file__).resolve().parents[2] / "sample_data" / "names-18-languages.csv"
LANGUAGES = ("Italian", "Japanese", "Russian", "Scottish")


@pytest.fixture(scope="module")
def data():
    """300 names of 4 languages from the sample."""
    table = pd.read_csv(NAMES, dtype=str, keep_default_na=False)
    table = table[table["language"].isin(LANGUAGES)]
    table = table.groupby("language").sample(75, random_state=0)
    return prepare_labels(table.reset_index(drop=True), LabelConfig("name", "language"))


def _base(data, **kw) -> ClassifierConfig:
    return ClassifierConfig(len(data.vocab), len(data.classes), hidden_size=16, **kw)


def _train(**kw) -> TrainConfig:
    return TrainConfig(lr=0.01, batch_size=32, device="cpu", restore_best=False, **kw)


@pytest.fixture(scope="module")
def finished(data):
    race = cr.ClassRace(data, _base(data), _train(epochs=2))
    assert race.start()
    race.join(120)
    return race, race.status()


def test_all_three_cells_finish_one_after_another(finished, data):
    race, s = finished
    assert s.state == "done" and not s.active and s.current is None, s.message
    assert [r.code for r in s.entrants] == ["rnn_tanh", "lstm", "gru"]
    per_epoch = -(-len(data.rows("train")) // 32)
    for r in s.entrants:
        assert r.state == "done"
        assert r.steps == 2 * per_epoch and r.epochs == 2
        assert r.seconds > 0 and r.samples_per_s > 0
        assert r.curve_steps == (per_epoch, 2 * per_epoch)
        assert len(r.curve_acc) == len(r.curve_seconds) == 2
        assert np.all(np.diff(r.curve_seconds) > 0) and r.curve_seconds[-1] <= r.seconds + 1e-9


def test_accuracies_are_shares_and_match_an_evaluation(finished, data):
    from rnnviz.train.classify_job import evaluate

    race, s = finished
    for r in s.entrants:
        for acc in (r.best_val_acc, r.val_acc, r.test_acc):
            assert acc is not None and 0.0 <= acc <= 1.0
        assert r.best_val_acc == max(r.curve_acc) and r.val_acc == r.curve_acc[-1]
        _, test_acc, _ = evaluate(race.jobs[r.code].model, data, data.rows("test"))
        assert r.test_acc == test_acc


def test_parameter_counts_are_those_of_the_built_classifiers(finished, data):
    race, s = finished
    counts = {r.code: r.parameters for r in s.entrants}
    for code, cfg in cr.entrant_configs(_base(data)).items():
        assert counts[code] == count_parameters(build_classifier(cfg))
    # an LSTM has 4 gate blocks, a GRU 3, a plain RNN 1
    assert counts["rnn_tanh"] < counts["gru"] < counts["lstm"]


def test_the_architecture_is_the_base_one_but_for_the_cell(data):
    base = _base(data, num_layers=2, bidirectional=True, dropout=0.1, embed="one_hot")
    cfgs = cr.entrant_configs(base)
    assert [c.cell for c in cfgs.values()] == ["rnn_tanh", "lstm", "gru"]
    for c in cfgs.values():
        assert (c.hidden_size, c.num_layers, c.bidirectional, c.dropout, c.embed) == (
            16,
            2,
            True,
            0.1,
            "one_hot",
        )


def test_a_seconds_budget_ends_each_entrant_by_the_clock(data):
    cfg = cr.race_train_config(_train(epochs=3), 0.5)
    assert cfg.max_seconds == 0.5 and cfg.epochs == cr.MANY_EPOCHS and cfg.max_steps is None
    race = cr.ClassRace(data, _base(data), cfg)
    race.run()
    s = race.status()
    assert s.state == "done"
    for r in s.entrants:
        assert r.state == "done" and r.steps > 0
        assert 0.5 <= r.seconds < 10  # the budget, plus the final evaluations
        assert r.test_acc is not None
    assert cr.share(s, cfg) == 1.0


def test_stop_ends_the_current_entrant_and_the_race(data):
    race = cr.ClassRace(data, _base(data), _train(epochs=cr.MANY_EPOCHS))
    seen = threading.Event()
    real = race.jobs["rnn_tanh"]._record

    def record(*args):  # the first entrant's steps: stop it from inside, no timing
        real(*args)
        if race.jobs["rnn_tanh"]._status.step == 5:
            seen.set()
            race.stop()

    race.jobs["rnn_tanh"]._record = record
    race.start()
    race.join(60)
    s = race.status()
    assert seen.is_set() and not race.active
    assert s.state == "stopped"
    states = {r.code: r.state for r in s.entrants}
    assert states == {"rnn_tanh": "stopped", "lstm": "idle", "gru": "idle"}
    assert s.entrants[0].steps == 5 and s.entrants[0].test_acc is not None
    assert "stopped early" in cr.winner_sentence(s)


def test_results_table_has_the_stable_column_codes(finished):
    _, s = finished
    table = cr.results_table(s)
    assert (
        list(table.columns)
        == list(cr.COLUMNS)
        == [
            "model",
            "parameters",
            "seconds",
            "steps",
            "epochs",
            "best_val_acc",
            "val_acc",
            "test_acc",
            "samples_per_s",
            "state",
        ]
    )
    assert list(table["model"]) == ["rnn_tanh", "lstm", "gru"]
    assert table["test_acc"].between(0, 1).all() and (table["parameters"] > 0).all()


def _status(*accs) -> cr.ClassRaceStatus:
    rows = tuple(
        cr.EntrantResult(code, 100 * (i + 1), "done", 2.0, 10, 1, test_acc=acc)
        for i, (code, acc) in enumerate(zip(("rnn_tanh", "lstm", "gru"), accs, strict=False))
    )
    return cr.ClassRaceStatus("done", None, rows)


def test_the_winner_sentence_names_the_gap_or_a_tie():
    won = cr.winner_sentence(_status(0.60, 0.70, 0.655))
    assert won.startswith("**LSTM**") and "70.0%" in won and "4.5 points" in won
    assert "GRU (65.5%)" in won and "noisy" in won
    tie = cr.winner_sentence(_status(0.60, 0.700, 0.695))
    assert " tie" in tie and "**LSTM**" in tie and "**GRU**" in tie
    assert cr.winner_sentence(cr.ClassRaceStatus()) == t("nrace.no_winner")


def test_the_figures_draw_one_colour_per_cell(finished):
    _, s = finished
    rows = cr.results_rows(s)
    fig = accuracy_figure(
        [r["model"] for r in rows],
        [r["test_acc"] for r in rows],
        [r["parameters"] for r in rows],
        [r["seconds"] for r in rows],
        val_acc=[r["val_acc"] for r in rows],
        names={"rnn_tanh": "RNN", "lstm": "LSTM", "gru": "GRU"},
    )
    bars = fig.data[0]
    assert list(bars.x) == ["RNN", "LSTM", "GRU"]
    assert np.allclose(bars.y, [r["test_acc"] for r in rows])
    assert list(bars.marker.color) == [CELL_COLORS[c] for c in ("rnn_tanh", "lstm", "gru")]
    assert [int(p) for p in bars.customdata[:, 0]] == [r["parameters"] for r in rows]
    for by in ("seconds", "steps"):
        curves = cr.curves(s, by)
        fig = accuracy_curves_figure(curves, by=by)
        assert [tr.meta for tr in fig.data] == ["rnn_tanh", "lstm", "gru"]
        want = [r.curve_seconds if by == "seconds" else r.curve_steps for r in s.entrants]
        for tr, x in zip(fig.data, want, strict=True):
            assert np.allclose(tr.x, x)
    with pytest.raises(ValueError):
        accuracy_curves_figure({}, by="epochs")
