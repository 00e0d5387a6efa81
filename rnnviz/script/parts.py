"""The fixed text of an exported training script (rnnviz.script.writer fills the slots).

Each constant is one section of the script, a Jupyter cell in the notebook; `{{name}}`
marks a slot. Only fixed English text and code live here: the user's file and column names
reach the script as Python literals in its settings section, never inside a comment.
A table's rows come from rnnviz's own reader (rnnviz.script.table carries them; a script
that reads its file gets rnnviz.data.dates' source from rnnviz.script.source). The code mirrors
rnnviz/data/reader.py (the rest of reading), rnnviz/data/prep.py and rnnviz/data/text.py
(preparation),
rnnviz/data/windows.py + rnnviz/train/batches.py (samples and their order), rnnviz/model/network.py
(module
creation order, hence the initial weights) and rnnviz/train/job.py (the step): a change there
must be made here too, or tests/engine/test_script.py fails.
"""

HEADER = '''\
"""{{title}}: an rnnviz training run as a plain PyTorch script.

Exported by rnnviz. It {{reads}}, prepares them the same way, builds the same
network with the same initial weights and trains it on the same batches in the same
order, so on the CPU it prints the losses the app showed.

Run it:  python {{file}} {{data}}[--save-losses losses.csv]
Needs:   Python 3.10+, {{needs}}
Shapes in the comments: B = batch size, T = time steps per sample, F = input columns,
H = hidden size, D = directions (2 if bidirectional), V = vocabulary size.
"""
{{imports}}
import torch
from torch import nn
from torch.nn import functional as F

'''

FIND = '''\
# %% 2. Find and read the data
parser = argparse.ArgumentParser(description="Train the rnnviz run in plain PyTorch.")
parser.add_argument("data", nargs="?",
                    help="the data file (default: DATA_FILE, here or in sample_data/)")
parser.add_argument("--save-losses", metavar="CSV", help="write each step's loss to this CSV file")
# In a Jupyter notebook sys.argv holds the kernel's own arguments: use the defaults there.
args = parser.parse_args([] if "ipykernel" in sys.modules else None)


def find_data(name):
    """The file named on the command line, else DATA_FILE; also looked for in sample_data/
    (rnnviz's bundled samples, when this runs in an rnnviz folder)."""
    name = name or DATA_FILE
    for path in (Path(name), Path("sample_data") / name):
        if path.is_file():
            return path
    sys.exit(f"Cannot find {name!r}: pass the data file's path as the first argument.")


path = find_data(args.data)
raw = path.read_bytes()
'''

READ_TABLE = '''\


def decode(raw):
    """Bytes to text: UTF-8 (with or without a BOM), else Chinese GB18030, else Latin-1."""
    if raw.startswith((b"\\xff\\xfe", b"\\xfe\\xff")):
        return raw.decode("utf-16").lstrip("\\ufeff")
    for encoding in ("utf-8-sig", "utf-8", "gb18030"):
        try:
            return raw.decode(encoding).lstrip("\\ufeff")
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1").lstrip("\\ufeff")


def delimiter_of(text):
    """The delimiter that splits the first 50 lines into the same number (>= 2) of fields."""
    lines = [line for line in itertools.islice(io.StringIO(text, newline=None), 50) if line.strip()]

    def score(delimiter):
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            return 0.0, 1
        if not widths or widths[0] < 2:
            return 0.0, 1
        return sum(w == widths[0] for w in widths) / len(widths), widths[0]

    return max([",", ";", "\\t", "|"], key=score)


def to_number(cells):
    """Text cells to float64 as rnnviz reads them: "$1,234.5", "3,14", "28.41K", "-0.59%"."""
    s = cells.str.strip().str.lstrip("$€£¥").str.strip()
    if s.str.contains(",", regex=False, na=False).any():
        decimal = s.str.contains(r",(?:\\d{0,2}(?:\\D|$)|\\d{4})", na=False).sum()  # "3,14"
        if decimal > s.str.contains(r",\\d{3}(?:\\D|$)", na=False).sum():  # vs "1,234"
            s = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            s = s.str.replace(",", "", regex=False)
    exponent = s.str[-1:].str.upper().map({"K": "e3", "M": "e6", "B": "e9", "%": "e-2"})
    body = s.where(exponent.isna(), s.str[:-1].str.rstrip())
    return pd.to_numeric(body + exponent.fillna(""), errors="coerce").astype("float64")


{{dates}}text = decode(raw)
table = pd.read_csv(io.StringIO(text), sep=delimiter_of(text), dtype=str, index_col=False,
                    na_values=["-", "--", "—"], skipinitialspace=True)  # every cell as text
table.columns = [str(c).strip().lstrip("\\ufeff").strip() for c in table.columns]
table = table.dropna(how="all").reset_index(drop=True)  # blank lines
if SORT_BY in table.columns:  # files often list the newest row first: time must run forward
    dates = dates_of(table[SORT_BY])
    oldest_first = dates.sort_values(kind="stable", na_position="last").index
    table = table.loc[oldest_first].reset_index(drop=True)
print(f"read {path}: {len(table)} rows, columns {list(table.columns)}")

'''

PREPARE_SERIES = '''\
# %% 3. Prepare: columns, missing values, splits and scaling
{{choose}}outputs = list(dict.fromkeys([TARGET, *EXTRA_TARGETS]))  # the K predicted columns
columns = list(dict.fromkeys([*INPUTS, *outputs]))
{{numbers}}
if MISSING == "drop":
    numbers = numbers.dropna()  # a row with any hole goes
else:
    numbers = numbers.interpolate(limit_direction="both")  # holes filled from their neighbours

levels = numbers[[*INPUTS, *outputs]].to_numpy()  # (N, F + K): the inputs, then the outputs

# What the network predicts: the level, or its change over lag rows (the horizon for
# "diff" and "log_diff", the season for "seasonal_diff"). A predicted change plus the value
# it is taken from, base (known when the window ends), is the level again.
lag = {"level": 0, "seasonal_diff": SEASON}.get(TRANSFORM, HORIZON)
n_in = len(INPUTS)  # the inputs' columns come first, the outputs after them
both, base = levels, None
if lag:
    now, base = levels[lag:, n_in:], levels[:-lag, n_in:]  # (N - lag, K) each
    change = np.log(now) - np.log(base) if TRANSFORM == "log_diff" else now - base
    both = levels[lag:].copy()
    both[:, n_in:] = change
    for i, name in enumerate(INPUTS):  # an input that is also an output reads its change
        if name in outputs:
            both[:, i] = change[:, outputs.index(name)]

# Chronological splits: the first rows train, the next validate, the last test.
n_rows = len(both)
n_val, n_test = int(round(n_rows * VAL_FRAC)), int(round(n_rows * TEST_FRAC))
n_train, n_trainval = n_rows - n_val - n_test, n_rows - n_test

# Scaling fitted on the training rows only: nothing from validation or test leaks in.
fit = both[:n_train]
if SCALING == "minmax":
    loc, scale = np.nanmin(fit, axis=0), np.nanmax(fit, axis=0) - np.nanmin(fit, axis=0)
elif SCALING == "standard":
    loc, scale = np.nanmean(fit, axis=0), np.nanstd(fit, axis=0)
elif SCALING == "robust":  # the median and the interquartile range: a heavy tail moves neither
    q25, loc, q75 = np.nanpercentile(fit, [25, 50, 75], axis=0)
    spread = np.nanmax(fit, axis=0) - np.nanmin(fit, axis=0)
    scale = np.where(q75 - q25 > 0, q75 - q25, spread)
else:
    loc, scale = np.zeros(both.shape[1]), np.ones(both.shape[1])
scale = np.where(scale > 0, scale, 1.0)  # a constant column stays unscaled
scaled = ((both - loc) / scale).astype(np.float32)
values, target = scaled[:, :len(INPUTS)], scaled[:, len(INPUTS):]  # (N, F) read, (N, K) predicted
if target.shape[1] == 1:
    target = target[:, 0]  # (N,): one output


def fingerprint(column):
    """Rows, sum and position-weighted sum of the target: other rows, or the same rows in
    another order, give other numbers."""
    weighted = (column * np.arange(1, len(column) + 1)).sum()
    return len(column), round(float(column.sum()), 6), round(float(weighted), 6)


if EXPECTED is not None and not np.allclose(fingerprint(levels[lag:, n_in]), EXPECTED,
                                            rtol=1e-9, atol=1e-6):
    print(f"Note: these are not the rows rnnviz trained on {EXPECTED}: the losses will differ.")

'''

# Section 3's first lines for rows read from a file or typed: the series and the cuts.
CHOOSE_ROWS = """\
if SERIES_COLUMN:  # a stacked table (several stations, tickers): one series, in time order
    keys = table[SERIES_COLUMN].str.strip()
    as_numbers = to_number(keys)  # a numeric key reads as rnnviz shows it: 72503, not 72503.0
    keys = keys.where(as_numbers.isna(), as_numbers.map(lambda v: f"{v:.15g}"))
    table = table[keys == SERIES_VALUE].reset_index(drop=True)
if LAST_ROWS:
    table = table.tail(LAST_ROWS)
if EVERY_NTH > 1:
    table = table.iloc[::EVERY_NTH]
"""

READ_NUMBERS = """\
numbers = table[columns].apply(to_number).replace([np.inf, -np.inf], np.nan)
for column, code in MISSING_CODES:  # a value standing for "no reading", such as -200
    if column in numbers.columns:
        numbers[column] = numbers[column].mask(numbers[column] == code)"""

# The carried rows (rnnviz.script.table) are that series, cut, as numbers with their holes.
CARRIED_NUMBERS = "numbers = table[columns]  # (N, F + K) float64, NaN where a value is missing"

WINDOWS_SERIES = '''\
# %% 4. Samples and batches
# Sample s reads rows s .. s+WINDOW-1; its target is HORIZON rows after the last of them
# (many-to-many: the whole window shifted by HORIZON). A sample belongs to the split
# holding its (last) target row.
starts = np.arange(n_rows - WINDOW - HORIZON + 1)
last_target = starts + WINDOW - 1 + HORIZON
train_starts = starts[last_target < n_train]
val_starts = starts[(last_target >= n_train) & (last_target < n_trainval)]
if len(val_starts) > VAL_SAMPLES:  # the validation loss reads evenly spread samples
    val_starts = val_starts[np.linspace(0, len(val_starts) - 1, VAL_SAMPLES).round().astype(int)]
if len(train_starts) == 0:
    sys.exit(f"{n_rows} rows are too few for a window of {WINDOW} and a horizon of {HORIZON}.")
print(f"{len(train_starts)} training and {len(val_starts)} validation samples")


def get_batch(batch_starts):
    """x: (B, T, F) inputs; y: (B, T) or (B, T, K) targets (many-to-many), or (B, K)."""
    steps = batch_starts[:, None] + np.arange(WINDOW)  # (B, T) row numbers
    x = values[steps]  # (B, T, F)
    if MANY_TO_MANY:
        y = target[steps + HORIZON]  # (B, T), or (B, T, K) for K outputs
    else:
        y = target[batch_starts + WINDOW - 1 + HORIZON].reshape(len(batch_starts), -1)  # (B, K)
    return torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)


def loss_fn(pred, y):
    """Mean squared error between the prediction and the scaled target."""
    return F.mse_loss(pred.reshape(y.shape), y)


'''

READ_TEXT = """\
if raw.startswith((b"\\xff\\xfe", b"\\xfe\\xff")):
    text = raw.decode("utf-16")
else:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # Chinese text saved by Windows
text = text.lstrip("\\ufeff").replace("\\r\\n", "\\n").replace("\\r", "\\n")
print(f"read {path}: {len(text):,} characters")

"""

PREPARE_TEXT = """\
# %% 3. Prepare: the vocabulary and the splits
if MAX_CHARS:
    text = text[:MAX_CHARS]
chars = sorted(set(text))  # sorted: the same text always gives the same ids
char_to_id = {c: i for i, c in enumerate(chars)}
ids = np.array([char_to_id[c] for c in text], dtype=np.int64)  # (N,) one id per character
n_chars = len(ids)
n_val, n_test = int(round(n_chars * VAL_FRAC)), int(round(n_chars * TEST_FRAC))
n_train, n_trainval = n_chars - n_val - n_test, n_chars - n_test
weighted = int((ids * np.arange(1, n_chars + 1)).sum())  # sees the characters' order too
if EXPECTED is not None and (n_chars, len(chars), weighted) != EXPECTED:
    print(f"Note: this is not the text rnnviz trained on {EXPECTED}: the losses will differ.")
print(f"{len(chars)} distinct characters")

"""

WINDOWS_TEXT = '''\
# %% 4. Samples and batches
# Sample s reads characters s .. s+SEQ_LEN-1 and predicts each one's successor. Samples
# do not overlap (one every SEQ_LEN characters), so an epoch reads the text once.
starts = np.arange(0, n_chars - SEQ_LEN, SEQ_LEN)
last_target = starts + SEQ_LEN
train_starts = starts[last_target < n_train]
val_starts = starts[(last_target >= n_train) & (last_target < n_trainval)]
if len(val_starts) > VAL_SAMPLES:  # the validation loss reads evenly spread samples
    val_starts = val_starts[np.linspace(0, len(val_starts) - 1, VAL_SAMPLES).round().astype(int)]
if len(train_starts) == 0 or len(val_starts) == 0:
    sys.exit(f"{n_chars} characters are too few for samples of {SEQ_LEN}.")
print(f"{len(train_starts)} training and {len(val_starts)} validation samples")


def get_batch(batch_starts):
    """x: (B, T) character ids; y: (B, T) the id of the character after each one."""
    steps = batch_starts[:, None] + np.arange(SEQ_LEN)  # (B, T) positions in the text
    return torch.from_numpy(ids[steps]).to(device), torch.from_numpy(ids[steps + 1]).to(device)


def loss_fn(logits, y):
    """Cross-entropy of the next character: logits (B, T, V) against ids (B, T)."""
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))


'''

TRAIN = '''\
# %% 6. Train
if OPTIMIZER == "sgd":
    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)
else:
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
steps_per_epoch = math.ceil(len(train_starts) / BATCH_SIZE)
x_val, y_val = get_batch(val_starts)


def validation_loss():
    model.eval()  # dropout off
    with torch.no_grad():
        loss = loss_fn(model(x_val), y_val).item()
    model.train()
    return loss


def validation_due(step, pos):
    """A validation inside an epoch: every VAL_EVERY steps, or 4 times in a long epoch."""
    if VAL_EVERY > 0:
        return step % VAL_EVERY == 0
    return steps_per_epoch > 200 and pos % math.ceil(steps_per_epoch / 4) == 0


# The weights of the lowest validation loss, put back at the end (RESTORE_BEST).
best = {"loss": math.inf, "step": None, "weights": None, "since": 0}


def validate(step):
    loss = validation_loss()
    if loss < best["loss"]:
        best.update(loss=loss, step=step, since=0,
                    weights={k: v.detach().clone() for k, v in model.state_dict().items()})
    else:
        best["since"] += 1
    return loss


history = []  # (step, training loss, validation loss or None)
step = 0
stop = False
model.train()
for epoch in range(EPOCHS):
    # rnnviz's order: a fresh shuffle per epoch from (SEED, epoch), the same on any device
    order = np.random.default_rng((SEED, epoch)).permutation(len(train_starts))
    for pos in range(steps_per_epoch):
        x, y = get_batch(train_starts[order[pos * BATCH_SIZE:(pos + 1) * BATCH_SIZE]])
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        if CLIP_GRAD_NORM > 0:  # rescale the gradients when their norm is larger
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_GRAD_NORM)
        optimizer.step()
        step += 1
        history.append([step, loss.item(), None])
        if not math.isfinite(history[-1][1]):
            sys.exit(f"The loss is not a number at step {step}: try a lower learning rate.")
        if pos + 1 < steps_per_epoch and validation_due(step, pos + 1):
            history[-1][2] = validate(step)
            stop = 0 < PATIENCE <= best["since"]
        if stop:
            break
    if stop:
        print(f"stopped early at step {step}: {PATIENCE} validations without improvement")
        break
    history[-1][2] = validate(step)
    mean = sum(h[1] for h in history[-steps_per_epoch:]) / steps_per_epoch
    print(f"epoch {epoch + 1:3d}/{EPOCHS}  training loss {mean:.5f}  "
          f"validation loss {history[-1][2]:.5f}")
    if 0 < PATIENCE <= best["since"]:
        print(f"stopped early at step {step}: {PATIENCE} validations without improvement")
        break

if RESTORE_BEST and best["weights"] is not None and validation_loss() > best["loss"]:
    model.load_state_dict(best["weights"])
    print(f"kept the weights of step {best['step']} (validation loss {best['loss']:.5f})")

if args.save_losses:
    with open(args.save_losses, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["step", "train_loss", "val_loss"])
        writer.writerows([s, repr(t), "" if v is None else repr(v)] for s, t, v in history)
    print(f"losses written to {args.save_losses}")
'''

MODEL = '''\
# %% 5. The model
# rnnviz turns TF32 off on GPUs (it rounds float32 matmuls): the same numbers as the CPU.
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
device = torch.device("cuda" if DEVICE != "cpu" and torch.cuda.is_available() else "cpu")
torch.set_num_threads(NUM_THREADS)


class Net(nn.Module):
    """{{doc}}"""

    def __init__(self):
        super().__init__()
        # Created in this order, after torch.manual_seed(SEED), as rnnviz creates them:
        # the random initial weights come out the same.
{{layers}}

    def forward(self, x):
{{forward}}


torch.manual_seed(SEED)
model = Net().to(device)
print(model)
print(f"{sum(p.numel() for p in model.parameters()):,} parameters, training on {device}")

'''

EVALUATE_SERIES = """\
# %% 7. Test: predictions in the target's own units, against "repeat the last value"
test_starts = starts[last_target >= n_trainval]
model.eval()
with torch.no_grad():
    pred = model(get_batch(test_starts)[0]).cpu().numpy()
pred = pred[:, -1] if pred.ndim == 3 else pred  # (N, K): the last step's for many-to-many
rows = test_starts + WINDOW - 1 + HORIZON  # the row each prediction lands on
z = pred[:, 0] * scale[n_in] + loc[n_in]  # the target's column: what the network predicts
if TRANSFORM == "log_diff":
    pred_level = base[rows, 0] * np.exp(z)
elif lag:
    pred_level = base[rows, 0] + z
else:
    pred_level = z
actual = levels[lag:, n_in][rows]
last_value = levels[lag:, n_in][rows - HORIZON]
print(f"test MAE {np.mean(np.abs(pred_level - actual)):.6f} "
      f"(last value {np.mean(np.abs(last_value - actual)):.6f}) over {len(rows)} windows")
"""
