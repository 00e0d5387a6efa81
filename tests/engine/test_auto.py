"""Auto: the preparation chosen on the validation split, the same for a seed, said in words,
and never a traceback for a series too short to choose on."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from rnnviz.data.prep import SeriesConfig
from rnnviz.model.network import ModelConfig
from rnnviz.train import auto
from rnnviz.train.job import TrainConfig

MODEL = ModelConfig(cell="gru", hidden_size=8)
TRAIN = TrainConfig(device="cpu")
# A budget big enough that the brief runs of the network happen on a small table.
WIDE = auto.AutoConfig(budget_share=1.0, budget_seconds=30)


def _table(rows: int, trend: float = 0.0, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    t = np.arange(rows)
    y = 50 + trend * t + 5 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.5, rows)
    return pd.DataFrame({"date": pd.date_range("2001-01-01", periods=rows, freq="MS"), "y": y})


def _base(**kw) -> SeriesConfig:
    return SeriesConfig(**{"target": "y", "date_column": "date", "window": 6, "season": 12, **kw})


def test_candidates_cover_the_transforms_and_a_season_window():
    got = auto.candidates(_table(200), _base())
    pairs = {(c.target_transform, c.window) for c in got}
    assert {"level", "diff", "seasonal_diff", "log_diff"} == {p[0] for p in pairs}
    assert {6, 13} == {p[1] for p in pairs}
    negative = _table(200).assign(y=lambda d: d.y - 100)
    assert "log_diff" not in {c.target_transform for c in auto.candidates(negative, _base())}
    assert "seasonal_diff" not in {
        c.target_transform for c in auto.candidates(_table(200), _base(season=None))
    }


def test_the_same_seed_gives_the_same_choice():
    df = _table(240, trend=0.3)
    a = auto.search(df, _base(), MODEL, TRAIN, WIDE)
    b = auto.search(df, _base(), MODEL, TRAIN, WIDE)
    assert a.cfg == b.cfg
    assert [c.val_mae for c in a.candidates] == [c.val_mae for c in b.candidates]
    assert any(c.stage == "rnn" for c in a.candidates)  # the network itself was tried


def test_the_winner_has_the_lowest_validation_error():
    result = auto.search(_table(240, trend=0.3), _base(), MODEL, TRAIN, WIDE)
    rnn = [c for c in result.candidates if c.stage == "rnn" and c.val_mae is not None]
    assert result.cfg == min(rnn, key=lambda c: c.val_mae).cfg
    assert result.searched and result.naive_mae > 0


def test_a_rising_series_predicts_changes_and_says_why():
    """A trend past the training range: the level loses, a change wins, and the reason
    names the range."""
    result = auto.search(_table(240, trend=2.0), _base(), MODEL, TRAIN, WIDE)
    assert result.cfg.target_transform != "level"
    assert "validation" in result.reason


def test_a_short_series_is_not_searched_and_says_so():
    result = auto.search(_table(30), _base(window=3), MODEL, TRAIN)
    assert not result.searched and result.cfg == _base(window=3)
    assert "30 rows" in result.reason


def test_the_reason_follows_the_language():
    from rnnviz import i18n

    result = auto.search(_table(30), _base(window=3), MODEL, TRAIN)
    before = i18n.language()
    try:
        i18n.use("zh")
        assert "30 行" in result.reason
    finally:
        i18n.use(before)


def test_a_small_budget_leaves_the_choice_to_the_linear_proxy():
    result = auto.search(_table(240), _base(), MODEL, TRAIN, auto.AutoConfig(budget_share=0.0001))
    assert result.candidates and all(c.stage == "linear" for c in result.candidates)
    assert "scaling" not in result.reason.lower()  # no scaling was tried: none is claimed


def test_progress_counts_every_candidate_up_to_the_total():
    seen = []
    auto.search(_table(120), _base(), MODEL, TRAIN, progress=lambda d, n: seen.append((d, n)))
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert all(d <= n for d, n in seen)


def test_an_unusable_base_is_a_data_error():
    from rnnviz.data.reader import DataError

    with pytest.raises(DataError):
        auto.search(_table(120), replace(_base(), target="nope"), MODEL, TRAIN)
