"""Inside a name classifier: the replayed states equal the fused module's, for every cell,
depth and direction; each letter's influence is the gradient it claims to be."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnviz.analysis.letter_probs import letter_probs
from rnnviz.analysis.name_trace import letter_influence, name_ids, trace_name
from rnnviz.data.text import Vocab
from rnnviz.model import cell as cells
from rnnviz.model.classifier import ClassifierConfig, build_classifier

NAMES = ["Nakamura", "Ivanov", "O'Neill", "Zhang", "李小龙"]
VOCAB = Vocab.from_text("".join(NAMES))
ARCHS = [
    {"cell": c, "num_layers": n, "bidirectional": b}
    for c in ("rnn_tanh", "lstm", "gru")
    for n in (1, 2)
    for b in (False, True)
]


def _model(seed: int = 0, **kw):
    cfg = ClassifierConfig(vocab_size=len(VOCAB), num_classes=5, hidden_size=6, **kw)
    return build_classifier(cfg, seed)


def _fused(model, text):
    with torch.no_grad():
        return model.rnn(model.features(name_ids(model, VOCAB, text)))[0][0].numpy()


@pytest.mark.parametrize("arch", ARCHS, ids=lambda a: "-".join(map(str, a.values())))
@pytest.mark.parametrize("embed", ["embedding", "one_hot"])
def test_the_replayed_top_layer_is_the_fused_output(arch, embed):
    model = _model(embed=embed, **arch).eval()
    text = "Nakamura"
    tr = trace_name(model, VOCAB, text)
    fused = _fused(model, text)  # (T, H * D)
    top = np.concatenate([d.h for d in tr.top], axis=-1)
    np.testing.assert_allclose(top, fused, atol=1e-5)
    np.testing.assert_allclose(tr.output, fused, atol=1e-5)
    assert tr.letters == tuple(text)
    assert len(tr.layers) == arch["num_layers"]
    assert all(len(dirs) == (2 if arch["bidirectional"] else 1) for dirs in tr.layers)
    for dirs in tr.layers:
        for d in dirs:
            assert d.h.shape == (len(text), 6)
            assert set(d.gates) == set(cells.gates(arch["cell"]))
            assert all(g.shape == (len(text), 6) for g in d.gates.values())
            assert (d.c is not None) == (arch["cell"] == "lstm")


def test_the_trace_carries_the_letter_probabilities_and_keeps_the_mode():
    model = _model(cell="gru", num_layers=2, dropout=0.3).train()
    tr = trace_name(model, VOCAB, "Zhang")
    assert model.training  # given back as it was
    expected = letter_probs(model, VOCAB, "Zhang")
    np.testing.assert_allclose(tr.probs.probs, expected.probs)
    assert tr.probs.probs.shape == (5, 5)


def test_unknown_letters_are_skipped_and_an_empty_name_has_no_steps():
    model = _model(cell="lstm", bidirectional=True).eval()
    tr = trace_name(model, VOCAB, "李#小")
    assert tr.letters == ("李", "小")
    np.testing.assert_allclose(tr.output, _fused(model, "李小"), atol=1e-5)
    empty = trace_name(model, VOCAB, "###")
    assert empty.letters == () and empty.output.shape == (0, 12)
    assert empty.top[0].h.shape == (0, 6) and set(empty.top[0].gates) == {"i", "f", "g", "o"}
    assert letter_influence(model, VOCAB, "###").shape == (0,)


@pytest.mark.parametrize("arch", ARCHS[::3], ids=lambda a: "-".join(map(str, a.values())))
def test_influence_has_one_non_negative_value_per_letter(arch):
    model = _model(**arch).train()
    influence = letter_influence(model, VOCAB, "O'Neill")
    assert model.training
    assert influence.shape == (7,) and influence.dtype == np.float64
    assert np.isfinite(influence).all() and (influence >= 0).all()
    assert influence[-1] > 0  # the last letter read always reaches the decision
    if arch["bidirectional"]:
        assert influence[0] > 0


def _logit(model, ids, feats, k):
    """The packed forward pass (model(ids)) on given letter vectors."""
    model.features = lambda _ids: feats  # an instance attribute shadows the method
    try:
        return float(model(ids)[0, k])
    finally:
        del model.features


@pytest.mark.parametrize("arch", [{"cell": "lstm"}, {"cell": "gru", "bidirectional": True}])
def test_influence_is_the_gradient_by_finite_differences(arch):
    model = _model(seed=3, **arch).double().eval()
    text, j = "Ivanov", 2
    ids = name_ids(model, VOCAB, text)
    with torch.no_grad():
        base = model.features(ids).clone()
        k = int(model(ids).argmax())
    eps, size = 1e-6, base.shape[-1]
    grad = np.zeros(size)
    for f in range(size):  # central differences, one feature of letter j at a time
        up, down = base.clone(), base.clone()
        up[0, j, f] += eps
        down[0, j, f] -= eps
        with torch.no_grad():
            grad[f] = (_logit(model, ids, up, k) - _logit(model, ids, down, k)) / (2 * eps)
    influence = letter_influence(model, VOCAB, text)
    assert influence[j] == pytest.approx(np.linalg.norm(grad), rel=1e-5)
    assert letter_influence(model, VOCAB, text, k=k) == pytest.approx(influence)
    other = letter_influence(model, VOCAB, text, k=(k + 1) % 5)
    assert not np.allclose(other, influence)  # another class's logit reads the letters otherwise


def test_every_letter_reaches_a_unidirectional_decision():
    # The state after the last letter has read every letter before it: none has zero
    # influence (a gradient cut at some step, e.g. a detached state, would give zeros).
    model = _model(cell="gru").eval()
    assert (letter_influence(model, VOCAB, "Nakamura") > 0).all()
