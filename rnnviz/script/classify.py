"""A name-classification run written out as one self-contained PyTorch script, or a notebook.

The script carries the examples the app prepared (rnnviz.data.labels: the texts as cut to
max_len, their classes and their train/validation/test part), so it reads no file and
sees exactly the app's split. It rebuilds the vocabulary and the padded ids, and the
model, the batches, the learning-rate schedule and the step are rnnviz's own functions,
copied with inspect when the script is written (rnnviz.model.classifier,
rnnviz.train.classify_job): a change there reaches the next exported script by itself, and
the script prints the losses ClassifyJob recorded.

Everything from the user (class names, texts, the data's name) reaches the script as a
Python literal (repr) or inside the compressed examples, never in a comment or docstring.
"""

from __future__ import annotations

import ast
import base64
import inspect
import json
import re
import textwrap
import zlib

import numpy as np

from rnnviz.data import labels_split
from rnnviz.data.labels import LabelledData
from rnnviz.model import classifier, network
from rnnviz.model.classifier import ClassifierConfig
from rnnviz.script.writer import CELL_NAMES, _assign, _fill, notebook_json
from rnnviz.train import classify_job
from rnnviz.train.job import TrainConfig

WIDTH = 96  # characters per line of the base64 examples
CONFIG_KEEPS = ("num_directions", "input_size")  # ClassifierConfig's methods the model reads


# ---- the engine's own code --------------------------------------------------------------
def _source(*functions) -> str:
    return "\n\n".join(inspect.getsource(f).strip() + "\n" for f in functions)


def _config_source() -> str:
    """ClassifierConfig's fields and the two properties the model reads; the checks and
    converters (which speak through rnnviz's i18n and ModelConfig) are left out."""
    source = inspect.getsource(ClassifierConfig)
    cls = ast.parse(source).body[0]
    assert isinstance(cls, ast.ClassDef)
    lines = source.splitlines()
    for node in reversed(cls.body):
        if isinstance(node, ast.FunctionDef) and node.name not in CONFIG_KEEPS:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            assert node.end_lineno is not None
            del lines[first - 1 : node.end_lineno]
            if first - 2 < len(lines) and not lines[first - 2].strip():
                del lines[first - 2]  # the blank line before the method
    return "\n".join(lines).strip() + "\n"  # with its @dataclass line


# ---- the carried examples ---------------------------------------------------------------
def _examples(data: LabelledData) -> str:
    """The texts, classes and parts as JSON, zlib-compressed, in base64 lines."""
    payload = {
        "texts": list(data.texts),
        "y": np.asarray(data.y, np.int64).tolist(),
        "part": np.asarray(data.part, np.int64).tolist(),
    }
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    blob = base64.b64encode(zlib.compress(raw, 9)).decode("ascii")
    rows = textwrap.wrap(blob, WIDTH - 6)
    return "EXAMPLES = (\n" + "\n".join(f'    "{r}"' for r in rows) + "\n)\n"


def fingerprint(data: LabelledData) -> tuple[int, int, int]:
    """(examples, vocabulary size, position-weighted sum of the padded ids): the script
    says so when the ids it rebuilds differ."""
    ids = np.asarray(data.ids, np.int64).ravel()
    return len(data.texts), len(data.vocab), int((ids * np.arange(1, len(ids) + 1)).sum())


def classify_file_name(model_cfg: ClassifierConfig, origin_name: str, suffix: str = ".py") -> str:
    """A download name such as rnnviz_gru_classify_names.py (the origin's letters and digits
    only: it is written into the script's docstring)."""
    stem = re.sub(r"[^A-Za-z0-9]+", "_", origin_name.rsplit(".", 1)[0]).strip("_").lower()
    return f"rnnviz_{model_cfg.cell}_classify_{stem[:30].strip('_') or 'names'}{suffix}"


# ---- the script -------------------------------------------------------------------------
HEADER = '''\
"""{{title}}: an rnnviz name-classification run as a plain PyTorch script.

Exported by rnnviz. It carries the names (texts) rnnviz trained on with their classes and
their train / validation / test split, rebuilds the same character ids, builds the same
network with the same initial weights and trains it on the same batches in the same order,
so on the CPU it prints the losses the app showed. The model and training functions are
rnnviz's own (rnnviz/model/classifier.py, rnnviz/train/classify_job.py), copied here.

Run it:  python {{file}}
         [--save-losses losses.csv] [--name NAME ...]
Needs:   Python 3.10+, numpy, torch
Shapes in the comments: B = batch size, T = letters of the longest name in a batch,
H = hidden size, D = directions (2 if bidirectional), K = classes.
"""
import argparse
import base64
import csv
import json
import math
import sys
import zlib
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

'''

DATA = """\
# %% 2. The data: the examples rnnviz prepared, carried in this file
parser = argparse.ArgumentParser(description="Train the rnnviz name classifier in PyTorch.")
parser.add_argument("--save-losses", metavar="CSV", help="write each step's loss to this CSV file")
parser.add_argument("--name", action="append", help="a name to classify at the end (repeatable)")
# In a Jupyter notebook sys.argv holds the kernel's own arguments: use the defaults there.
args = parser.parse_args([] if "ipykernel" in sys.modules else None)

# EXAMPLES holds every example as rnnviz read it: JSON {"texts": [...], "y": [...],
# "part": [...]} compressed with zlib and written in base64. texts are the names cut to
# MAX_LEN characters, y the index of each one's class in CLASSES, part 0 (train),
# 1 (validation) or 2 (test): rnnviz's stratified split.
{{examples}}packed = zlib.decompress(base64.b64decode(EXAMPLES))  # the JSON's UTF-8 bytes
examples = json.loads(packed.decode("utf-8"))
texts = examples["texts"]
y = np.array(examples["y"], dtype=np.int64)  # (N,)
part = np.array(examples["part"], dtype=np.int8)  # (N,)
print(f"{len(texts)} names of {len(CLASSES)} classes from {ORIGIN!r}")
for i in range(min(5, len(texts))):
    print(f"  {texts[i]!r} -> {CLASSES[y[i]]!r}")

"""

PREPARE = '''\
# %% 3. Prepare: the vocabulary, padded character ids and class weights
chars = sorted(set("".join(texts)))  # sorted: the same names always give the same ids
char_to_id = {c: i + 1 for i, c in enumerate(chars)}  # id 0 pads
lengths = np.array([len(s) for s in texts], dtype=np.int64)  # (N,)
ids = np.zeros((len(texts), max(1, int(lengths.max()))), dtype=np.int64)  # (N, T)
for row, text in enumerate(texts):
    ids[row, : len(text)] = [char_to_id[c] for c in text]
weighted = ids.ravel() * np.arange(1, ids.size + 1)
if (len(texts), len(chars), int(weighted.sum())) != tuple(EXPECTED):
    print(f"Note: these are not the ids rnnviz trained on {EXPECTED}: the losses will differ.")
print(f"{len(chars)} distinct characters, the longest name has {ids.shape[1]}")

TRAIN, VAL, TEST = 0, 1, 2


@dataclass
class LabelledData:
    """The prepared examples, as rnnviz's LabelledData holds them (what batch_of reads)."""

    ids: np.ndarray  # (N, T) int64, 0 pads
    lengths: np.ndarray  # (N,)
    y: np.ndarray  # (N,) class indices
    part: np.ndarray  # (N,) TRAIN, VAL or TEST

    def rows(self, part):
        return np.flatnonzero(self.part == {"train": TRAIN, "val": VAL, "test": TEST}[part])


data = LabelledData(ids, lengths, y, part)


# rnnviz/data/labels_split.py: the class counts and the weights of a weighted loss
{{weights}}

counts = class_counts(y, part, len(CLASSES))  # (K, 3): train, validation, test
weights = torch.as_tensor(class_weights(counts[:, TRAIN])) if WEIGHT_CLASSES else None
for name, (n_train, n_val, n_test) in zip(CLASSES, counts):
    print(f"  {name!r}: {n_train} train, {n_val} validation, {n_test} test")

'''

MODEL = """\
# %% 4. The model: rnnviz/model/classifier.py and fused_rnn of rnnviz/model/network.py
# rnnviz turns TF32 off on GPUs (it rounds float32 matmuls): the same numbers as the CPU.
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
device = torch.device("cuda" if DEVICE != "cpu" and torch.cuda.is_available() else "cpu")
torch.set_num_threads(max(1, NUM_THREADS))


{{model}}

config = ClassifierConfig(
    vocab_size=len(chars), num_classes=len(CLASSES), cell=CELL, hidden_size=HIDDEN_SIZE,
    num_layers=NUM_LAYERS, bidirectional=BIDIRECTIONAL, dropout=DROPOUT, embed=EMBED,
    embed_size=EMBED_SIZE,
)
torch.manual_seed(SEED)  # the initial weights: modules created in rnnviz's order after it
model = NameClassifier(config).to(device)
print(model)
print(f"{sum(p.numel() for p in model.parameters()):,} parameters, training on {device}")

"""

STEPS = """\
# %% 5. The pieces of an epoch: rnnviz/train/classify_job.py
{{steps}}

"""

TRAIN = """\
# %% 6. Train
train_rows, val_rows = data.rows("train"), data.rows("val")
steps_per_epoch = math.ceil(len(train_rows) / BATCH_SIZE)
total_steps = steps_per_epoch * EPOCHS
if MAX_STEPS:
    total_steps = min(total_steps, MAX_STEPS)
optimizer = torch.optim.Adam(model.parameters(), lr=LR)  # rnnviz trains classifiers with Adam
best = {"loss": None, "step": None, "weights": None}  # the lowest validation loss
history = []  # [step, training loss, validation loss or None]
step = 0
model.train()
torch.manual_seed(SEED)  # dropout's masks: rnnviz seeds them when training starts
for epoch in range(EPOCHS):
    order = epoch_order(train_rows, SEED, epoch)
    ended = False
    for pos in range(0, len(order), BATCH_SIZE):
        if step >= total_steps:
            break
        ids_b, lengths_b, y_b = batch_of(data, order[pos : pos + BATCH_SIZE])
        for group in optimizer.param_groups:  # a cosine from LR down to 0 over the run
            group["lr"] = lr_at(LR, step, total_steps)
        batch = (ids_b.to(device), lengths_b, y_b.to(device))  # lengths stay on the CPU
        loss = float(class_step(model, optimizer, batch, weights, CLIP_GRAD_NORM))
        if not math.isfinite(loss):
            sys.exit(f"The loss is not a number at step {step}: try a lower learning rate.")
        step += 1
        history.append([step, loss, None])
        ended = pos + BATCH_SIZE >= len(order)
    if not ended:
        break  # MAX_STEPS ended the run inside this epoch: no validation
    val_loss, val_acc, _ = evaluate(model, data, val_rows, weights)
    history[-1][2] = val_loss
    if math.isfinite(val_loss) and (best["loss"] is None or val_loss < best["loss"]):
        state = {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}
        best.update(loss=val_loss, step=step, weights=state)
    this_epoch = [h[1] for h in history[-steps_per_epoch:]]
    print(f"Epoch [{epoch + 1}/{EPOCHS}], Loss: {sum(this_epoch) / len(this_epoch):.4f}, "
          f"Validation loss: {val_loss:.4f}, accuracy: {val_acc:.1%}")

if RESTORE_BEST and best["weights"] is not None:
    if evaluate(model, data, val_rows, weights)[0] > best["loss"]:
        model.load_state_dict(best["weights"])
        print(f"kept the weights of step {best['step']} (validation loss {best['loss']:.4f})")

if args.save_losses:
    with open(args.save_losses, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["step", "train_loss", "val_loss"])
        writer.writerows([s, repr(t), "" if v is None else repr(v)] for s, t, v in history)
    print(f"losses written to {args.save_losses}")

"""

TEST = '''\
# %% 7. Test accuracy, and the top 3 classes of a name you type
test_rows = data.rows("test")
test_loss, test_acc, test_pred = evaluate(model, data, test_rows, weights)
correct = int((test_pred == y[test_rows]).sum())
print(f"Test accuracy: {test_acc:.1%} ({correct} of {len(test_rows)} names), loss {test_loss:.4f}")


def predict(name, top=3):
    """The `top` most likely classes of a name, with their probabilities. Letters the
    vocabulary lacks are left out, as rnnviz leaves them out."""
    known = [char_to_id[c] for c in name[:MAX_LEN] if c in char_to_id]
    x = torch.tensor([known or [0]], dtype=torch.int64)  # (1, T)
    model.eval()
    with torch.no_grad():
        probs = F.softmax(model(x.to(device), torch.tensor([len(known)])), dim=-1)[0]
    p, k = probs.topk(min(top, len(CLASSES)))
    return [(CLASSES[int(i)], float(q)) for q, i in zip(p, k)]


for name in args.name or [texts[i] for i in test_rows[:3]]:
    guesses = ", ".join(f"{c} ({p:.1%})" for c, p in predict(name))
    print(f"{name} -> {guesses}")
'''


def _settings(data: LabelledData, m: ClassifierConfig, c: TrainConfig, origin_name: str) -> str:
    lines = ["# %% 1. Settings: the values this run was trained with in rnnviz", ""]
    lines += ["# The data (section 2 carries the examples)"]
    lines += _assign(
        [
            ("ORIGIN", str(origin_name), "where rnnviz read the names"),
            ("MAX_LEN", data.cfg.max_len, "letters read of each name (longer ones were cut)"),
            ("WEIGHT_CLASSES", data.cfg.weight_classes, "weight the loss by 1 / class size"),
            ("EXPECTED", fingerprint(data), "names, characters, position-weighted id sum"),
        ]
    )
    lines += [
        "CLASSES = [  # the K classes, sorted; y holds indices into it",
        *_wrapped(data.classes),
    ]
    lines += ["", "# The model"] + _assign(
        [
            ("CELL", m.cell, '"gru", "lstm", "rnn_tanh" or "rnn_relu"'),
            ("HIDDEN_SIZE", m.hidden_size, "H: units in each layer and direction"),
            ("NUM_LAYERS", m.num_layers, "recurrent layers stacked"),
            ("BIDIRECTIONAL", m.bidirectional, "a second direction reads each name backwards"),
            ("DROPOUT", m.dropout, "between layers and on the final state, while training"),
            ("EMBED", m.embed, '"embedding" (learned vectors) or "one_hot"'),
            ("EMBED_SIZE", m.embed_size, "length of a letter's vector (embedding only)"),
        ]
    )
    lines += ["", "# Training"] + _assign(
        [
            ("LR", c.lr, "learning rate at the start (a cosine takes it to 0)"),
            ("BATCH_SIZE", c.batch_size, "B: names per step"),
            ("EPOCHS", c.epochs, "passes over the training names"),
            ("MAX_STEPS", c.max_steps, "a budget in steps (None: every epoch)"),
            ("CLIP_GRAD_NORM", c.clip_grad_norm, "largest gradient norm (0: no clipping)"),
            ("SEED", c.seed, "initial weights, batch order and dropout"),
            ("DEVICE", c.device, '"auto" uses a GPU when there is one'),
            ("RESTORE_BEST", c.restore_best, "end on the weights of the lowest validation loss"),
            ("NUM_THREADS", c.num_threads, "CPU threads: small models are fastest on one"),
        ]
    )
    return "\n".join(lines) + "\n\n"


def _wrapped(classes: tuple[str, ...]) -> list[str]:
    """The class names' literals, as many to a line as fit in WIDTH, then the bracket."""
    lines, line = [], ""
    for cell in (repr(str(k)) + "," for k in classes):
        if line and len(line) + 1 + len(cell) > WIDTH - 4:
            lines.append("    " + line)
            line = ""
        line = f"{line} {cell}" if line else cell
    return [*lines, "    " + line, "]"]


def classify_script(
    data: LabelledData, model_cfg: ClassifierConfig, train_cfg: TrainConfig, origin_name: str
) -> str:
    """The whole script as text (sections start with '# %%'). A run with a time budget
    (max_seconds) follows the clock, which no script can repeat: its losses will differ."""
    title = f"{CELL_NAMES[model_cfg.cell]} name classifier"
    file = classify_file_name(model_cfg, origin_name)
    split = labels_split
    model = "\n\n".join(
        [
            _source(classifier.as_lengths),
            _config_source(),
            _source(network.fused_rnn, classifier.NameClassifier, classifier.classifier_loss),
        ]
    )
    job = classify_job
    steps = _source(job.epoch_order, job.batch_of, job.lr_at, job.class_step, job.evaluate)
    return "".join(
        [
            _fill(HEADER, title=title, file=file),
            _settings(data, model_cfg, train_cfg, origin_name),
            _fill(DATA, examples=_examples(data)),
            _fill(PREPARE, weights=_source(split.class_counts, split.class_weights)),
            _fill(MODEL, model=_blank_lines(model)),
            _fill(STEPS, steps=_blank_lines(steps)),
            TRAIN,
            TEST,
        ]
    )


def _blank_lines(code: str) -> str:
    """Two blank lines between top-level definitions, as PEP 8 (and ruff) want them."""
    return re.sub(r"\n\n+(?=[^\s])", "\n\n\n", code.strip())


def classify_notebook(
    data: LabelledData, model_cfg: ClassifierConfig, train_cfg: TrainConfig, origin_name: str
) -> str:
    """The script as a Jupyter notebook (nbformat 4 JSON): a code cell per section, cut as
    rnnviz.script.writer cuts a forecasting script."""
    return notebook_json(classify_script(data, model_cfg, train_cfg, origin_name))
