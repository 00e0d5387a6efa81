"""Running an exported script or notebook in a fresh Python, and the app's own losses for
the same settings: what the script tests compare."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from rnnviz.model.network import build_model
from rnnviz.script.writer import ScriptSettings
from rnnviz.train.job import TrainJob

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 1e-5
TIMEOUT = 300  # seconds: importing torch alone takes a few on a busy 2-core machine


def app_losses(settings: ScriptSettings, data) -> tuple[list[float], list[float]]:
    model = build_model(settings.model, settings.train.seed)
    status = TrainJob(model, data.windows, settings.train).run()
    assert status.state == "done", status.message
    return status.train_loss, status.val_loss


def run_script(code: str, tmp_path: Path, data_path: Path | None):
    script, losses = tmp_path / "run.py", tmp_path / "losses.csv"
    script.write_text(code, encoding="utf-8")
    args = [
        sys.executable,
        str(script),
        *([str(data_path)] if data_path else []),
        "--save-losses",
        str(losses),
    ]
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": ""}
    # cwd: the repository, so a sample is found in sample_data/ by its name alone
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    with open(losses, newline="") as f:
        rows = list(csv.DictReader(f))
    return (
        [float(r["train_loss"]) for r in rows],
        [float(r["val_loss"]) for r in rows if r["val_loss"]],
        out.stdout,
    )


def run_notebook(nb, printed: str):
    """Run a notebook's cells as Jupyter would (sys.argv holds the kernel's arguments) in a
    subprocess; returns the JSON of the expression `printed`, evaluated in its namespace."""
    code = (
        "import json, sys, types\n"
        "sys.modules['ipykernel'] = types.ModuleType('ipykernel')\n"
        "sys.argv = ['ipykernel_launcher.py', '-f', '/tmp/kernel-1.json']\n"
        f"book = json.load(open({str(nb)!r}, encoding='utf-8'))\n"
        "ns = {'__name__': '__main__'}\n"
        "for cell in book['cells']:\n    exec(''.join(cell['source']), ns)\n"
        f"print(json.dumps({printed}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "CUDA_VISIBLE_DEVICES": ""},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])
