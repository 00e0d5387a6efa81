"""The exported script's sections for numbers a learner typed (rnnviz/data/typed.py).

Typed rows have no file to read: the script carries them, as tutorials write their toy data
(`X = np.array([[30.0, 31.0, ...], ...])[..., None]`, `Y = np.array([35.0, ...])`). The
rows are numbers typed.py parsed, written with repr(float): nothing a user typed reaches
the code as text. The preparation mirrors typed.fit_scaler/build (scaling fitted on every
row, each input feature over all its steps, the target on its own) and SampleSet (every row
trains, validation reads the training rows again, no test set); the model and training
sections are the other scripts' (rnnviz/script/writer.py, rnnviz/script/parts.py).

One typed series (the Data page's "One series") is a one-column table: the script builds the
DataFrame a CSV of it would give and the series sections (scriptparts.PREPARE_SERIES on)
prepare it as they prepare a file.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import replace

import numpy as np

WIDTH = 96  # a typed row longer than this is wrapped (inside its brackets: still one row)
READS = "X.shape[2]"  # the model's input_size: the features per step


def rows_of(data) -> tuple[np.ndarray, np.ndarray] | None:
    """(x [N, T, F], y [N]) in the units typed, for a rnnviz.data.typed.TypedData; else None."""
    x = getattr(data, "raw_inputs", None)
    if x is None:
        return None
    return np.asarray(x, np.float64), np.asarray(data.raw_target, np.float64)


def series_of(run, dataset=None) -> tuple[object, tuple[float, ...]] | None:
    """(preparation, values) a script of a typed series' run carries; None for other runs.

    The table as typed while the page holds it (`dataset`: the one the run was prepared
    from), with the run's cuts; else the run's own rows (a loaded model's, or after the
    data changed): those are the rows left after the cuts, so the script makes none."""
    data = run.data
    if not run.origin.typed or rows_of(data) is not None or not hasattr(data, "raw_target"):
        return None
    cfg = data.cfg
    if dataset is not None and dataset.table is not None and cfg.target in dataset.table:
        return cfg, tuple(float(v) for v in dataset.table[cfg.target])
    return replace(cfg, last_rows=None, every_nth=1), tuple(float(v) for v in data.raw_target)


def data_values(scaling: str) -> list:
    """The settings section's data lines (script._assign rows) for typed rows."""
    return [("SCALING", scaling, '"minmax", "standard" or "none"; fitted on all the rows')]


def sections(x: np.ndarray, y: np.ndarray) -> list[str]:
    """Sections 2-4 of the script: the rows, their scaling, the samples and batches."""
    return [_rows_section(x, y), PREPARE, SAMPLES_SECTION]


def _number(value: float) -> str:
    """A float literal: repr of a finite float is digits, a point or an exponent, a sign."""
    value = float(value)
    if not math.isfinite(value):  # typed.py refuses these; a file could still hold one
        raise ValueError(f"a typed value is not a finite number: {value}")
    return repr(value)


def _row(values: np.ndarray) -> str:
    """One sequence as a list literal: [30.0, 31.0] (one feature) or [[1.0, 2.0], ...]."""
    if values.ndim == 1:
        return "[" + ", ".join(_number(v) for v in values) + "]"
    return "[" + ", ".join(_row(step) for step in values) + "]"


def _wrapped(text: str) -> str:
    """A row literal over lines of at most WIDTH characters, broken only at spaces (between
    numbers, inside the brackets: Python joins the lines)."""
    lines = textwrap.wrap(text, WIDTH - 4, break_long_words=False, break_on_hyphens=False)
    return textwrap.indent("\n".join(lines), "    ") + ","


def _rows_section(x: np.ndarray, y: np.ndarray) -> str:
    n, steps, features = x.shape
    one = features == 1
    rows = x[:, :, 0] if one else x
    shape = "(N, T, 1): one feature per step" if one else "(N, T, F): F features per step"
    lines = [
        f"{SECTION_2} {n} sequences of {steps} steps, {features} feature(s) each",
        ARGUMENTS,
        "# Each row of X is one sequence as you typed it; Y holds their targets.",
        "# float64 as typed: rnnviz scales them first, then makes them float32.",
        "X = np.array([",
        *(_wrapped(_row(r)) for r in rows),
        "], dtype=np.float64)" + ("[..., None]" if one else "") + f"  # {shape}",
        "Y = np.array(" + _wrapped(_row(y)).strip().rstrip(",") + ", dtype=np.float64)  # (N,)",
        'print(f"{len(X)} typed rows: {X.shape[1]} steps of {X.shape[2]} feature(s) each")',
        "",
        "",
    ]
    return "\n".join(lines)


SECTION_2 = "# %% 2. The rows you typed:"


def series_section(values) -> str:
    """Section 2 of a typed series' script: its numbers, as the table a CSV would give."""
    numbers = ", ".join(_number(v) for v in values) + ","
    lines = [
        f"# %% 2. The series you typed: {len(values)} numbers",
        ARGUMENTS,
        "# The numbers in the order typed (float64): one column, as a one-column CSV reads.",
        "VALUES = [",
        textwrap.indent(
            "\n".join(
                textwrap.wrap(numbers, WIDTH - 4, break_long_words=False, break_on_hyphens=False)
            ),
            "    ",
        ),
        "]",
        "table = pd.DataFrame({TARGET: np.array(VALUES, dtype=np.float64)})  # (N rows, 1 column)",
        "",
        "",
        "def to_number(cells):",
        '    """The typed cells are numbers already (a file\'s text cells are parsed here)."""',
        '    return cells.astype("float64")',
        "",
        "",
        'print(f"{len(table)} typed numbers")',
        "",
        "",
    ]
    return "\n".join(lines)


ARGUMENTS = """\
parser = argparse.ArgumentParser(description="Train the rnnviz run in plain PyTorch.")
parser.add_argument("--save-losses", metavar="CSV", help="write each step's loss to this CSV file")
# In a Jupyter notebook sys.argv holds the kernel's own arguments: use the defaults there.
args = parser.parse_args([] if "ipykernel" in sys.modules else None)
"""

PREPARE = """\
# %% 3. Prepare: scaling fitted on all the rows
# A few typed rows cannot spare any for validation: every row trains. Each input feature is
# scaled over every step of every row, the target on its own.
n_features = X.shape[2]
steps_flat = X.reshape(-1, n_features)  # (N*T, F): every step of every row
if SCALING == "minmax":
    loc = np.append(steps_flat.min(axis=0), Y.min())
    scale = np.append(steps_flat.max(axis=0) - steps_flat.min(axis=0), Y.max() - Y.min())
elif SCALING == "standard":
    loc = np.append(steps_flat.mean(axis=0), Y.mean())
    scale = np.append(steps_flat.std(axis=0), Y.std())
else:
    loc, scale = np.zeros(n_features + 1), np.ones(n_features + 1)
scale = np.where(scale > 0, scale, 1.0)  # a constant feature stays unscaled
values = ((X - loc[:-1]) / scale[:-1]).astype(np.float32)  # (N, T, F): what the network reads
target = ((Y - loc[-1]) / scale[-1]).astype(np.float32)  # (N,): what it learns to predict

"""

SAMPLES_SECTION = '''\
# %% 4. Samples and batches
# Sample k is typed row k. The validation loss reads the training rows again (there are no
# others), and there is no test set.
train_starts = np.arange(len(X))
val_starts = train_starts
if len(val_starts) > VAL_SAMPLES:  # the validation loss reads evenly spread samples
    val_starts = val_starts[np.linspace(0, len(val_starts) - 1, VAL_SAMPLES).round().astype(int)]
print(f"{len(train_starts)} training and {len(val_starts)} validation samples")


def get_batch(rows):
    """x: (B, T, F) sequences; y: (B, 1) their targets."""
    x, y = values[rows], target[rows][:, None]
    return torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)


def loss_fn(pred, y):
    """Mean squared error between the prediction and the scaled target."""
    return F.mse_loss(pred.reshape(y.shape), y)


'''

ANSWERS = '''\


# %% 7. The answers: each typed row through the trained model, in the units you typed
def predict(sequence):
    """The model's answer for one sequence (T numbers, or T steps of F numbers), in the
    target's units: scaled as the rows were, run, and scaled back."""
    seq = np.asarray(sequence, dtype=np.float64).reshape(len(sequence), -1)  # (T, F)
    x = torch.from_numpy(((seq - loc[:-1]) / scale[:-1]).astype(np.float32))[None]  # (1, T, F)
    model.eval()  # dropout off
    with torch.no_grad():
        out = model(x.to(device)).cpu().numpy().astype(np.float64).reshape(-1)
    return out[0] * scale[-1] + loc[-1]


answers = [predict(sequence) for sequence in X]
for k, (answer, wanted) in enumerate(zip(answers, Y), start=1):
    print(f"row {k}: the model answers {answer:.4f}, the target is {wanted:g}")
# Ask about a sequence of your own, e.g. predict([36, 37, 38, 39, 40]) for one feature.
'''
