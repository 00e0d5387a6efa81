"""The name classifier: shapes, packing that never reads padding, the per-letter class
probabilities against the model's output on every prefix, weighted loss, and a toy set it
must learn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from rnnviz.analysis.letter_probs import TOP, letter_probs, prefix_probs
from rnnviz.data.labels import LabelConfig, prepare_labels
from rnnviz.data.labels_split import encode_texts
from rnnviz.data.text import Vocab
from rnnviz.model.classifier import (
    ClassifierConfig,
    build_classifier,
    classifier_loss,
)

NAMES = ["Ivanov", "Li", "Nakamura", "Garcia", "O'Neill", "Abe"]
VOCAB = Vocab.from_text("".join(NAMES))
ARCHS = [
    {"cell": "gru"},
    {"cell": "lstm", "num_layers": 2},
    {"cell": "rnn_tanh", "bidirectional": True},
    {"cell": "lstm", "bidirectional": True, "num_layers": 2, "embed": "one_hot"},
    {"cell": "rnn_relu", "embed": "one_hot"},
]


def _model(seed: int = 0, **kw):
    cfg = ClassifierConfig(vocab_size=len(VOCAB), num_classes=4, hidden_size=8, **kw)
    return build_classifier(cfg, seed).eval()


@pytest.mark.parametrize("arch", ARCHS, ids=lambda a: "-".join(map(str, a.values())))
def test_a_padded_batch_gives_each_name_the_logits_it_gets_alone(arch):
    model = _model(**arch)
    ids, lengths = encode_texts(NAMES, VOCAB)
    with torch.no_grad():
        logits = model(torch.as_tensor(ids), torch.as_tensor(lengths))
        assert logits.shape == (len(NAMES), 4)
        for i, name in enumerate(NAMES):
            alone, n = encode_texts([name], VOCAB)
            assert alone.shape[1] == len(name) < ids.shape[1] or name == "Nakamura"
            one = model(torch.as_tensor(alone), torch.as_tensor(n))
            torch.testing.assert_close(logits[i], one[0], rtol=1e-5, atol=1e-6)


def test_the_bidirectional_head_reads_the_backward_state_after_the_first_letter():
    model = _model(cell="gru", bidirectional=True)
    ids, lengths = encode_texts(NAMES, VOCAB)
    x = torch.as_tensor(ids)
    with torch.no_grad():
        state = model.final_state(x, torch.as_tensor(lengths))
        for i, n in enumerate(lengths):
            out, _ = model.rnn(model.features(x[i : i + 1, :n]))
            torch.testing.assert_close(state[i, :8], out[0, -1, :8])  # forward, last letter
            torch.testing.assert_close(state[i, 8:], out[0, 0, 8:])  # backward, first letter


def test_lengths_default_to_the_ids_that_are_not_padding():
    model = _model()
    ids, lengths = encode_texts(NAMES, VOCAB)
    x = torch.as_tensor(ids)
    with torch.no_grad():
        torch.testing.assert_close(model(x), model(x, torch.as_tensor(lengths)))


@pytest.mark.parametrize("arch", ARCHS, ids=lambda a: "-".join(map(str, a.values())))
def test_the_probability_after_each_letter_is_the_models_output_on_that_prefix(arch):
    model = _model(seed=3, **arch)
    strip = letter_probs(model, VOCAB, "Nakamura")
    assert strip.letters == tuple("Nakamura")
    assert strip.probs.shape == (8, 4) and strip.top.shape == (8, TOP)
    np.testing.assert_allclose(strip.probs.sum(1), 1.0, rtol=1e-5)
    ids, _ = encode_texts(["Nakamura"], VOCAB)
    with torch.no_grad():
        for t in range(8):
            prefix = torch.as_tensor(ids[:, : t + 1])
            expected = torch.softmax(model(prefix), -1)[0].numpy()
            np.testing.assert_allclose(strip.probs[t], expected, rtol=1e-4, atol=1e-6)
    assert (strip.top[:, 0] == strip.probs.argmax(1)).all()
    assert model.training is False


def test_the_strip_leaves_the_models_training_mode_as_it_found_it():
    model = _model(cell="lstm", num_layers=2, dropout=0.5).train()
    a = prefix_probs(model, [1, 2, 3])
    b = prefix_probs(model, [1, 2, 3])
    np.testing.assert_array_equal(a, b)  # no dropout while reading
    assert model.training


def test_unknown_letters_are_skipped_and_an_empty_name_gives_an_empty_strip():
    model = _model()
    assert letter_probs(model, VOCAB, "N@k").letters == ("N", "k")
    empty = letter_probs(model, VOCAB, "")
    assert empty.probs.shape == (0, 4) and empty.settles_at is None


def test_settles_at_is_the_letter_from_which_the_final_class_stays_on_top():
    from rnnviz.analysis.letter_probs import LetterProbs

    top = np.array([[1], [2], [0], [2], [2]])
    assert LetterProbs(tuple("abcde"), np.zeros((5, 3)), top).settles_at == 3
    assert LetterProbs(tuple("ab"), np.zeros((2, 3)), np.array([[1], [1]])).settles_at == 0


def test_class_weights_change_the_loss():
    logits = torch.tensor([[2.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    y = torch.tensor([0, 1, 1])
    plain = classifier_loss(logits, y)
    assert torch.isclose(plain, classifier_loss(logits, y, np.ones(2, np.float32)))
    weighted = classifier_loss(logits, y, np.array([1.0, 3.0], np.float32))
    assert not torch.isclose(plain, weighted)


def test_one_hot_reads_a_unit_vector_per_letter_and_zero_for_the_pad():
    model = _model(embed="one_hot")
    x = model.features(torch.tensor([[1, 3, 0]]))
    assert x.shape == (1, 3, len(VOCAB)) and model.embed is None
    assert x[0, 0, 0] == x[0, 1, 2] == 1 and x.sum() == 2


@pytest.mark.parametrize("value", [{"cell": "tcn"}, {"embed": "bag"}, {"num_classes": 1}])
def test_a_config_the_model_cannot_have_is_refused(value):
    kw = {"vocab_size": 5, "num_classes": 3, **value}
    with pytest.raises(ValueError):
        ClassifierConfig(**kw)


def test_a_config_survives_its_dict():
    cfg = ClassifierConfig(vocab_size=9, num_classes=3, cell="lstm", embed="one_hot")
    assert ClassifierConfig.from_dict({**cfg.to_dict(), "unknown": 1}) == cfg


def test_a_few_steps_learn_names_that_end_in_ov_from_names_that_end_in_ez():
    stems = ["Petr", "Ivan", "Sid", "Kuzn", "Pop", "Sok", "Lebed", "Gom", "Mart", "Rodrig"]
    stems += ["Fern", "Lop", "Alvar", "Nun", "Sanch", "Dom", "Per", "Volk", "Smirn", "Vaz"]
    rows = [(s + end, lang) for s in stems for end, lang in (("ov", "Russian"), ("ez", "Spanish"))]
    table = pd.DataFrame(rows, columns=["name", "language"])
    data = prepare_labels(table, LabelConfig("name", "language"))
    cfg = ClassifierConfig(len(data.vocab), len(data.classes), hidden_size=16, embed_size=8)
    model = build_classifier(cfg, seed=0)
    train = data.rows("train")
    x, n = torch.as_tensor(data.ids[train]), torch.as_tensor(data.lengths[train])
    y = torch.as_tensor(data.y[train])
    opt = torch.optim.Adam(model.parameters(), lr=0.03)
    for _ in range(60):
        opt.zero_grad()
        loss = classifier_loss(model(x, n), y)
        loss.backward()
        opt.step()
    with torch.no_grad():
        assert (model(x, n).argmax(1) == y).all()
