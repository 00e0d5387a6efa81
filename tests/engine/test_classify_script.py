"""The exported name-classification script trains the run the app trained.

Each case takes a stratified, unbalanced subset of the names sample (600 names of 6
languages), trains a ClassifyJob in this process as the Train page does (start, join) and
runs the exported script in a fresh Python in an empty folder: the loss of every step, the
validation losses, the test accuracy and the top 3 of a typed name must be the app's.
Hostile class names, texts and an origin name must reach the script as data only.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from rnnviz.data.labels import LabelConfig, LabelledData, prepare_labels, read_labelled_table
from rnnviz.data.labels_split import encode_texts
from rnnviz.model.classifier import ClassifierConfig, build_classifier
from rnnviz.script.classify import classify_notebook, classify_script, fingerprint
from rnnviz.train.classify_job import ClassifyJob, evaluate
from rnnviz.train.job import TrainConfig
from scripts_run import ROOT, TIMEOUT, run_notebook

SAMPLE = ROOT / "sample_data" / "names-18-languages.csv"
SUBSET = {"Arabic": 150, "Chinese": 120, "Italian": 100, "Japanese": 90, "Russian": 80}
SUBSET |= {"Spanish": 60}  # 600 names, unbalanced: class weights differ
TOLERANCE = 1e-6
ALLOWED = {"argparse", "base64", "csv", "json", "math", "sys", "zlib", "dataclasses"}
ALLOWED |= {"numpy", "torch"}
HOSTILE_CLASS = "Ar\"\"\"abic\n# it's \\ done\r\n'''); import os  #"
HOSTILE_TEXT = 'O\'Ne"""il\nl\\x'
HOSTILE_ORIGIN = "x\"\"\"\nraise SystemExit(3)  # '''.csv"

CASES = {
    "gru-bidirectional": ({"cell": "gru", "bidirectional": True}, False),
    "lstm-dropout-weighted": ({"cell": "lstm", "num_layers": 2, "dropout": 0.3}, True),
    "gru-one-hot-dropout": ({"cell": "gru", "embed": "one_hot", "dropout": 0.2}, False),
}


def _table() -> pd.DataFrame:
    """The subset: names drawn at random within each of SUBSET's languages."""
    table = read_labelled_table(SAMPLE.read_bytes())
    rng = np.random.default_rng(7)
    picked = [
        table[table["language"] == lang].sample(n, random_state=rng).index
        for lang, n in SUBSET.items()
    ]
    return table.loc[np.concatenate(picked)].reset_index(drop=True)


def _data(weighted: bool = False, table: pd.DataFrame | None = None) -> LabelledData:
    cfg = LabelConfig("name", "language", weight_classes=weighted, seed=1)
    return prepare_labels(_table() if table is None else table, cfg)


def _configs(data: LabelledData, arch: dict, epochs: int = 2, seed: int = 3):
    model = ClassifierConfig(
        len(data.vocab), len(data.classes), hidden_size=16, embed_size=8, **arch
    )
    return model, TrainConfig(epochs=epochs, batch_size=32, lr=0.01, seed=seed, device="cpu")


def _app(data: LabelledData, model_cfg: ClassifierConfig, train_cfg: TrainConfig):
    job = ClassifyJob(build_classifier(model_cfg, seed=train_cfg.seed), data, train_cfg)
    assert job.start()
    job.join()
    status = job.status()
    assert status.state == "done", status.notes
    return job, status


def _run(code: str, tmp_path: Path, *extra: str):
    """The script in a fresh Python, in an empty folder with no rnnviz on its path."""
    script, losses = tmp_path / "run.py", tmp_path / "losses.csv"
    script.write_text(code, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["CUDA_VISIBLE_DEVICES"] = ""
    args = [sys.executable, str(script), "--save-losses", str(losses), *extra]
    out = subprocess.run(
        args, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, env=env
    )
    assert out.returncode == 0, out.stderr[-3000:]
    with open(losses, newline="") as f:
        rows = list(csv.DictReader(f))
    train = [float(r["train_loss"]) for r in rows]
    return train, [float(r["val_loss"]) for r in rows if r["val_loss"]], out.stdout


def _top3(model, data: LabelledData, name: str) -> list[str]:
    ids, lengths = encode_texts([name[: data.cfg.max_len]], data.vocab)
    model.eval()
    with torch.no_grad():
        logits = model(torch.as_tensor(ids), torch.as_tensor(lengths))[0]
    return [data.classes[int(k)] for k in logits.topk(3).indices]


@pytest.mark.subprocess
@pytest.mark.parametrize("case", list(CASES))
def test_the_script_trains_the_same_run_as_the_app(case, tmp_path):
    arch, weighted = CASES[case]
    data = _data(weighted)
    assert len(data.classes) == 6 and len(data.texts) == 600
    assert (data.weights is not None) == weighted
    model_cfg, train_cfg = _configs(data, arch)
    job, status = _app(data, model_cfg, train_cfg)
    code = classify_script(data, model_cfg, train_cfg, SAMPLE.name)
    train, val, stdout = _run(code, tmp_path, "--name", "Nakamura", "--name", "Ivanov")

    assert len(train) == len(status.train_loss) == status.total_steps > 20
    np.testing.assert_allclose(train, status.train_loss, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(val, status.val_loss, rtol=0, atol=TOLERANCE)
    assert len(val) == stdout.count("Epoch [") == train_cfg.epochs
    assert "Epoch [2/2], Loss: " in stdout and "Note:" not in stdout
    # The test accuracy of the model the run ended on (restore_best included).
    weights = None if data.weights is None else torch.as_tensor(data.weights)
    _, _, pred = evaluate(job.model, data, data.rows("test"), weights)
    correct = int((pred == data.y[data.rows("test")]).sum())
    found = re.search(r"Test accuracy: [\d.]+% \((\d+) of (\d+) names\)", stdout)
    assert found and (int(found[1]), int(found[2])) == (correct, len(data.rows("test")))
    for name in ("Nakamura", "Ivanov"):
        line = next(s for s in stdout.splitlines() if s.startswith(f"{name} -> "))
        assert re.findall(r"(\w+) \([\d.]+%\)", line) == _top3(job.model, data, name)


def test_the_losses_really_depend_on_the_settings():
    """The comparison can fail: another seed gives other weights, order and masks."""
    data = _data()
    first = _app(data, *_configs(data, CASES["gru-one-hot-dropout"][0], epochs=1))[1]
    other = _app(data, *_configs(data, CASES["gru-one-hot-dropout"][0], epochs=1, seed=4))[1]
    assert abs(first.train_loss[0] - other.train_loss[0]) > 100 * TOLERANCE


def test_the_script_imports_only_torch_numpy_and_the_standard_library():
    data = _data()
    code = classify_script(data, *_configs(data, {"cell": "lstm"}), SAMPLE.name)
    tree = ast.parse(code)
    modules = {
        (alias.name if isinstance(node, ast.Import) else node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert modules <= ALLOWED and "torch" in modules


def test_the_whole_sample_makes_a_script_under_a_megabyte():
    table = read_labelled_table(SAMPLE.read_bytes())
    data = prepare_labels(table, LabelConfig("name", "language"))
    code = classify_script(data, *_configs(data, {"cell": "gru"}), SAMPLE.name)
    assert len(data.texts) > 18_000
    assert len(code.encode("utf-8")) < 1_000_000
    assert repr(fingerprint(data)) in code


def _hostile() -> tuple[LabelledData, pd.DataFrame]:
    table = _table()
    table.loc[table["language"] == "Arabic", "language"] = HOSTILE_CLASS
    table.loc[0, "name"] = HOSTILE_TEXT
    return _data(table=table), table


def _comments_and_docstrings(code: str) -> str:
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    comments = [tok.string for tok in tokens if tok.type == tokenize.COMMENT]
    return "\n".join([ast.get_docstring(ast.parse(code)) or "", *comments])


def test_user_strings_stay_data_and_never_reach_a_comment():
    data, _ = _hostile()
    assert HOSTILE_CLASS in data.classes and HOSTILE_TEXT in data.texts
    code = classify_script(data, *_configs(data, {"cell": "gru"}), HOSTILE_ORIGIN)
    tree = ast.parse(code)  # it still parses
    top = [n for n in tree.body if isinstance(n, ast.Raise)]
    assert not top  # the origin's "raise" stayed inside its string
    words = _comments_and_docstrings(code)
    assert "abic" not in words and "SystemExit" not in words and "import os" not in words
    assigned = {
        n.targets[0].id: n.value
        for n in tree.body
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
    }
    assert ast.literal_eval(assigned["CLASSES"]) == list(data.classes)
    assert ast.literal_eval(assigned["ORIGIN"]) == HOSTILE_ORIGIN


def test_the_notebook_is_the_script_cut_into_cells():
    data = _data()
    configs = _configs(data, {"cell": "lstm", "bidirectional": True})
    book = json.loads(classify_notebook(data, *configs, SAMPLE.name))
    assert book["nbformat"] == 4 and book["metadata"]["kernelspec"]["name"] == "python3"
    sources = ["".join(c["source"]) for c in book["cells"]]
    assert all(c["cell_type"] == "code" and c["outputs"] == [] for c in book["cells"])
    assert "".join(sources) == classify_script(data, *configs, SAMPLE.name)
    assert len(sources) == 8  # the imports, then sections 1-7
    assert all(s.startswith(f"# %% {k}.") for k, s in enumerate(sources[1:], start=1))
    assert len({c["id"] for c in book["cells"]}) == len(sources)


@pytest.mark.subprocess
def test_the_hostile_notebook_runs_in_a_kernel_and_keeps_every_string(tmp_path):
    """Run as Jupyter runs it (the kernel's own sys.argv): the classes, texts and origin come
    back as they went in, and it trains the app's run."""
    data, _ = _hostile()
    model_cfg, train_cfg = _configs(data, {"cell": "lstm"}, epochs=1)
    _, status = _app(data, model_cfg, train_cfg)
    nb = tmp_path / "run.ipynb"
    nb.write_text(classify_notebook(data, model_cfg, train_cfg, HOSTILE_ORIGIN), encoding="utf-8")
    got = run_notebook(
        nb, "[ns['CLASSES'], ns['texts'], ns['ORIGIN'], [h[1] for h in ns['history']]]"
    )
    classes, texts, origin, losses = got
    assert classes == list(data.classes) and texts == data.texts and origin == HOSTILE_ORIGIN
    np.testing.assert_allclose(losses, status.train_loss, rtol=0, atol=TOLERANCE)
