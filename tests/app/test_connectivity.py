"""Connectivity ‖∂y_{t'}/∂x_t‖ against central finite differences of a float64 model."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnviz.analysis.connectivity import connectivity, connectivity_all
from rnnviz.model.network import CELLS, MODES, ModelConfig, build_model

T, F, VOCAB, EPS = 7, 2, 6, 1e-6


def _model(cell: str, mode: str, bidirectional: bool, **kw):
    cfg = ModelConfig(
        cell=cell,
        mode=mode,
        input_size=F,
        hidden_size=5,
        bidirectional=bidirectional,
        vocab_size=VOCAB if mode == "char_lm" else 0,
        **kw,
    )
    return build_model(cfg, seed=3).double()


def _sequence(mode: str, seed: int = 0):
    rng = np.random.default_rng(seed)
    if mode == "char_lm":
        return rng.integers(0, VOCAB, T)
    return rng.standard_normal((T, F))


def _outputs(model, feats: np.ndarray) -> np.ndarray:
    """Every output of the model on one sequence of features: (T_out, O)."""
    with torch.no_grad():
        out, _ = model.rnn(torch.from_numpy(feats)[None])
        pred = model.readout(out)[0]
    return pred.numpy().reshape(-1, pred.shape[-1])


def _finite_differences(model, x) -> np.ndarray:
    """(T_out, T) norms from a central-difference Jacobian of the chosen outputs."""
    model.eval()
    if model.cfg.mode == "char_lm":
        with torch.no_grad():
            feats = model.embed(torch.as_tensor(x)).numpy().copy()
        top = _outputs(model, feats).argmax(axis=1)  # the logit connectivity follows
        pick = lambda y: y[np.arange(len(top)), top][:, None]  # noqa: E731
    else:
        feats, pick = np.array(x, dtype=np.float64), (lambda y: y)
    jac = np.zeros((*pick(_outputs(model, feats)).shape, *feats.shape))  # (T_out, O, T, F)
    for t in range(feats.shape[0]):
        for f in range(feats.shape[1]):
            up, down = feats.copy(), feats.copy()
            up[t, f] += EPS
            down[t, f] -= EPS
            jac[:, :, t, f] = (pick(_outputs(model, up)) - pick(_outputs(model, down))) / (2 * EPS)
    return np.sqrt((jac**2).sum(axis=(1, 3)))


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cell", CELLS)
def test_matches_finite_differences(cell, mode, bidirectional):
    model, x = _model(cell, mode, bidirectional), _sequence(mode)
    expected = _finite_differences(model, x)
    got = connectivity_all(model, x)
    assert got.shape == ((1, T) if mode == "many_to_one" else (T, T))
    assert expected.max() > 1e-3  # the model is not dead: the comparison means something
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-8)
    last = connectivity(model, x)  # default: the last output step
    np.testing.assert_allclose(last, expected[-1], rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("mode", ["many_to_many", "char_lm"])
@pytest.mark.parametrize("cell", CELLS)
def test_each_output_step_reads_only_the_past_when_unidirectional(cell, mode):
    model, x = _model(cell, mode, False, num_layers=2), _sequence(mode, seed=1)
    grid = connectivity_all(model, x)
    for step in range(T):
        one = connectivity(model, x, out_step=step)
        np.testing.assert_allclose(one, grid[step], rtol=1e-10, atol=1e-14)
        assert np.all(one[step + 1 :] == 0.0)  # exact: no path from a later input
        if cell != "rnn_relu":  # a ReLU unit at 0 may cut every path: zeros are right there
            assert np.all(one[: step + 1] > 0.0)


def test_a_bidirectional_output_reads_the_future_too():
    model, x = _model("lstm", "many_to_many", True), _sequence("many_to_many")
    assert np.all(connectivity(model, x, out_step=0)[1:] > 0.0)


def test_several_output_units_give_the_frobenius_norm():
    model, x = _model("gru", "many_to_many", False, output_size=3), _sequence("many_to_many")
    np.testing.assert_allclose(
        connectivity_all(model, x), _finite_differences(model, x), rtol=1e-5, atol=1e-8
    )


def test_a_chosen_character_changes_the_answer_and_is_checked():
    model, x = _model("lstm", "char_lm", False), _sequence("char_lm")
    top = connectivity(model, x, out_step=4)
    others = [connectivity(model, x, out_step=4, token=k) for k in range(VOCAB)]
    assert any(np.allclose(top, o) for o in others)  # the default is one of the logits
    assert not all(np.allclose(others[0], o) for o in others[1:])
    with pytest.raises(ValueError):
        connectivity(model, x, token=VOCAB)
    assert connectivity_all(model, x, tokens=np.zeros(T, int)).shape == (T, T)


def test_many_to_one_has_only_the_last_output_step():
    model, x = _model("rnn_tanh", "many_to_one", False), _sequence("many_to_one")
    np.testing.assert_array_equal(connectivity(model, x, out_step=-1), connectivity(model, x))
    with pytest.raises(ValueError):
        connectivity(model, x, out_step=2)


def test_dropout_is_off_and_the_mode_is_kept():
    model = _model("lstm", "many_to_many", False, num_layers=2, dropout=0.5)
    x = _sequence("many_to_many")
    model.train()
    first, second = connectivity_all(model, x), connectivity_all(model, x)
    np.testing.assert_array_equal(first, second)  # no random dropout masks
    assert model.training
    model.eval()
    np.testing.assert_array_equal(connectivity_all(model, x), first)


def test_a_float32_model_and_a_one_column_series():
    cfg = ModelConfig(cell="lstm", hidden_size=8)
    model = build_model(cfg, seed=0)
    x = np.sin(np.arange(12, dtype=np.float32))  # (T,) for input_size 1
    got = connectivity(model, x)
    assert got.shape == (12,) and got.dtype == np.float64
    np.testing.assert_allclose(got, connectivity(model, x[:, None]))


# ---- connectivity recorded with the training snapshots --------------------------------
@pytest.mark.parametrize("mode", ["many_to_one", "many_to_many", "char_lm"])
def test_several_sequences_at_once_equal_one_at_a_time(mode):
    from rnnviz.analysis.connectivity import connectivity_many

    model = _model("lstm", mode, False)
    g = torch.Generator().manual_seed(5)
    xs = (
        torch.randint(0, VOCAB, (3, T), generator=g)
        if mode == "char_lm"
        else torch.randn(3, T, F, generator=g, dtype=torch.float64)
    ).numpy()
    many = connectivity_many(model, xs)
    one = np.stack([connectivity_all(model, x) for x in xs])
    assert many.shape == one.shape and np.allclose(many, one, rtol=1e-12, atol=0)


def test_the_last_snapshot_records_the_final_models_connectivity():
    from apphelpers import task_job
    from rnnviz.analysis.connectivity import connectivity_many

    job = task_job(epochs=2, snapshot_every=3)
    job.run()
    snaps = job.snapshots()
    assert len(snaps) > 2 and all(s.conn is not None for s in snaps)
    x = job.recorder.x  # the probe sequences
    fresh = connectivity_many(job.model, x)  # (P, 1, T): the adding task is many-to-one
    assert snaps[-1].step == job.status().step
    assert snaps[-1].conn.shape == fresh.shape == (len(x), 1, x.shape[1])
    assert np.allclose(snaps[-1].conn, fresh, rtol=1e-5, atol=1e-7)
    assert not np.allclose(snaps[0].conn, fresh)  # training changed what the output reads
