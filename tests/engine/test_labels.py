"""Sequences that end in a class: reading a table or a folder of files, the guess of the
columns, the character encoding, the stratified split, the class weights, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnnviz.data import labels
from rnnviz.data.labels import LabelConfig, guess_columns, prepare_labels, read_class_files
from rnnviz.data.labels_split import class_counts, class_weights, encode_texts, stratified_split
from rnnviz.data.reader import DataError
from rnnviz.data.text import Vocab
from rnnviz.i18n import t

NAMES = "sample_data/names-18-languages.csv"
CFG = LabelConfig("name", "language")


def _table(rows: dict[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(n, c) for c, ns in rows.items() for n in ns], columns=["name", "language"]
    )


@pytest.fixture(scope="module")
def names() -> pd.DataFrame:
    return labels.read_labelled_table(NAMES)


def test_the_names_sample_reads_as_18_languages(names):
    assert names.shape == (18_827, 2)
    assert guess_columns(names) == ("name", "language")
    data = prepare_labels(names, CFG)
    assert len(data.classes) == 18 and data.classes[0] == "Arabic"
    assert data.ids.shape == (18_827, 20)  # padded to the longest name
    assert data.counts.sum() == 18_827


def test_the_guess_finds_text_and_label_in_either_order_and_under_any_name():
    rows = {"A": [f"a{i}x" for i in range(30)], "B": [f"b{i}y" for i in range(30)]}
    table = _table(rows).rename(columns={"name": "word", "language": "kind"})
    table.insert(0, "id", [str(i) for i in range(len(table))])  # a row counter: not the text
    assert guess_columns(table[["kind", "id", "word"]]) == ("word", "kind")


def test_the_encoding_pads_with_zero_and_keeps_each_text_in_order():
    vocab = Vocab.from_text("abcz")
    ids, lengths = encode_texts(["ab", "", "zca"], vocab)
    assert ids.dtype == np.int64 and ids.shape == (3, 3)
    np.testing.assert_array_equal(lengths, [2, 0, 3])
    np.testing.assert_array_equal(ids, [[1, 2, 0], [0, 0, 0], [4, 3, 1]])


def test_an_unknown_character_is_left_out_of_a_typed_text():
    ids, lengths = encode_texts(["a?b", "??"], Vocab.from_text("ab"))
    np.testing.assert_array_equal(lengths, [2, 0])
    np.testing.assert_array_equal(ids, [[1, 2], [0, 0]])


def test_mixed_scripts_share_one_vocabulary():
    table = _table({"Chinese": ["王", "李", "张伟", "刘"], "English": ["Smith", "Lee", "Ng", "Li"]})
    data = prepare_labels(table, LabelConfig("name", "language", val_frac=0.25, test_frac=0.25))
    assert {"王", "张", "伟", "S", "m"} <= set(data.vocab.chars)
    row = data.texts.index("张伟")
    assert data.vocab.decode(data.ids[row, : data.lengths[row]] - 1) == "张伟"


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_the_split_keeps_every_class_share_within_one_example_per_part(names, seed):
    y = pd.factorize(names["language"])[0]
    part = stratified_split(y, 18, 0.1, 0.15, seed)
    counts = class_counts(y, part, 18)  # [K, 3]: train, val, test
    expected = counts.sum(1, keepdims=True) * np.array([0.75, 0.1, 0.15])
    assert np.abs(counts - expected).max() <= 1
    again = stratified_split(y, 18, 0.1, 0.15, seed)
    np.testing.assert_array_equal(part, again)  # the seed decides


def test_a_class_with_a_single_example_is_trained_on_and_said_so():
    rows = {"A": [f"a{i}" for i in range(20)], "B": [f"b{i}" for i in range(20)], "C": ["c"]}
    data = prepare_labels(_table(rows), CFG)
    c = data.classes.index("C")
    assert data.counts[c].tolist() == [1, 0, 0]
    notes = [n.text for n in data.notes]
    assert any("C" in n and n.startswith(t("labels.single", classes="")[:20]) for n in notes)


def test_training_keeps_one_of_every_class_even_when_rounding_would_take_it():
    y = np.array([0] * 10 + [1] + [2, 2])
    part = stratified_split(y, 3, 0.3, 0.6, seed=0)  # round(0.6) of one example would be 1
    counts = class_counts(y, part, 3)
    assert counts[1].tolist() == [1, 0, 0] and counts[2, 0] >= 1


def test_weights_are_inverse_frequency_with_a_weighted_mean_of_one():
    w = class_weights(np.array([90, 10]))
    np.testing.assert_allclose(w, [100 / (2 * 90), 100 / (2 * 10)], rtol=1e-6)
    assert np.isclose((w * [90, 10]).sum(), 100)
    rows = {"A": [f"a{i}" for i in range(40)], "B": [f"b{i}" for i in range(10)]}
    assert prepare_labels(_table(rows), CFG).weights is None
    weighted = prepare_labels(_table(rows), LabelConfig("name", "language", weight_classes=True))
    assert weighted.weights is not None and weighted.weights[1] > 3 * weighted.weights[0]


def test_empty_texts_are_dropped_and_counted():
    rows = {"A": [f"a{i}" for i in range(10)] + ["", "  "], "B": [f"b{i}" for i in range(10)]}
    data = prepare_labels(_table(rows), CFG)
    assert len(data.texts) == 20
    assert t("labels.empty_dropped", rows=2) in [n.text for n in data.notes]


def test_texts_over_the_cap_are_cut_to_it_and_said_so():
    rows = {"A": ["a" * 50] + [f"a{i}" for i in range(10)], "B": [f"b{i}" for i in range(10)]}
    data = prepare_labels(_table(rows), LabelConfig("name", "language", max_len=8))
    assert data.ids.shape[1] == 8 and "a" * 8 in data.texts
    assert t("labels.cut", rows=1, cap=8, longest=50) in [n.text for n in data.notes]


def test_one_class_is_refused():
    with pytest.raises(DataError, match="at least two classes"):
        prepare_labels(_table({"A": ["x", "y", "z"]}), CFG)


def test_ten_thousand_labels_are_refused_with_the_cap():
    table = pd.DataFrame({"name": [f"n{i}" for i in range(10_000)]})
    table["language"] = [f"L{i}" for i in range(10_000)]
    with pytest.raises(DataError, match=f"at most {labels.MAX_CLASSES} classes"):
        prepare_labels(table, CFG)
    with pytest.raises(DataError, match="No column looks like a label"):
        guess_columns(table)


def test_claimed_sizes_are_checked_before_anything_is_built(monkeypatch):
    rows = {"A": [f"a{i}" for i in range(10)], "B": [f"b{i}" for i in range(10)]}
    with pytest.raises(DataError, match="length cap"):
        prepare_labels(_table(rows), LabelConfig("name", "language", max_len=10**12))
    monkeypatch.setattr(labels, "MAX_ROWS", 5)
    with pytest.raises(DataError, match="more than the 5"):
        prepare_labels(_table(rows), CFG)
    files = [("A.txt", b"x\n" * 3), ("B.txt", b"y\n" * 3)]
    with pytest.raises(DataError, match="more than the 5"):
        read_class_files(files)
    monkeypatch.setattr(labels, "MAX_CELLS", 30)  # 20 texts of 2 characters: 40 cells
    monkeypatch.setattr(labels, "MAX_ROWS", 1000)
    with pytest.raises(DataError, match="cells"):
        prepare_labels(_table(rows), CFG)


def test_a_folder_of_files_reads_one_class_per_file():
    files = [
        ("names/Arabic.txt", b"Khoury\nNader\n\nSaliba\n"),
        ("names/Czech.txt", "Dvořák\r\nNovák\n".encode()),
        ("Greek.txt", "\ufeffPapadopoulos\n".encode()),
    ]
    table, notes = read_class_files(files)
    assert list(table.columns) == ["text", "label"]
    assert table["label"].tolist() == ["Arabic"] * 4 + ["Czech"] * 2 + ["Greek"]
    assert table["text"].tolist()[4:] == ["Dvořák", "Novák", "Papadopoulos"]
    data = prepare_labels(table, LabelConfig("text", "label", val_frac=0.2, test_frac=0.2))
    assert data.classes == ("Arabic", "Czech", "Greek") and len(data.texts) == 6


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("Czech.txt", b"Novak\nNov\xe1k\n", "line 2"),  # latin-1
        (".txt", b"x\n", "not a usable class name"),
        ("\x07.txt", b"x\n", "not a usable class name"),
        ("Arabic.csv", b"x\n", "not a .txt file"),
        ("Arabic.txt", b"x\x00y\n", "NUL bytes"),
    ],
)
def test_a_bad_file_in_a_folder_is_refused_with_its_name(name, raw, message):
    with pytest.raises(DataError, match=message):
        read_class_files([("English.txt", b"Smith\nJones\n"), (name, raw)])


def test_an_empty_file_is_left_out_with_a_note_and_two_files_of_one_class_refused():
    files = [("English.txt", b"Smith\n"), ("Irish.txt", b""), ("Welsh.txt", b"Jones\n")]
    table, notes = read_class_files(files)
    assert set(table["label"]) == {"English", "Welsh"}
    assert [n.key for n in notes] == ["labels.empty_file"]
    with pytest.raises(DataError, match="both name the class"):
        read_class_files([("a/English.txt", b"Smith\n"), ("b/English.txt", b"Jones\n")])
    with pytest.raises(DataError, match="no examples"):
        read_class_files([("Irish.txt", b"\n\n")])


def test_a_table_of_words_is_told_from_a_series_that_failed_to_read():
    from rnnviz.data.labels import words_only

    assert words_only(pd.DataFrame({"name": ["Abe", "Bo"], "language": ["x", "y"]}))
    assert not words_only(pd.DataFrame({"day": ["a", "b"], "price": ["1,200.5", "3"]}))


def test_a_label_column_of_one_value_is_chosen_after_a_real_one():
    from rnnviz.data.labels import guess_columns

    table = pd.DataFrame(
        {"name": [f"N{k}" for k in range(40)], "planet": ["Earth"] * 40, "group": ["a", "b"] * 20}
    )
    assert guess_columns(table) == ("name", "group")
    assert guess_columns(table.drop(columns="group")) == ("name", "planet")  # then: one class


def test_a_series_with_words_in_it_is_no_table_of_words():
    from rnnviz.data.labels import words_only

    dates = pd.DataFrame(
        {"Date": ["2021-01-01", "2021-01-02", "2021-01-03"], "T": ["0", "n/a", "x"]}
    )
    assert not words_only(dates)
