"""benchmarks/accuracy.py measures a labelled file the way a user meets the linter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_accuracy(tmp_path, rows: list[str], *args: str) -> str:
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "accuracy.py"), "--corpus", str(corpus), *args],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_it_prints_precision_recall_and_every_error_with_its_rule(tmp_path):
    out = run_accuracy(tmp_path, [
        "R\tSmile at every guest who walks in.\temotion",
        "R\tAcknowledge guests as they arrive.\tmislabelled on purpose",
        "N\tOffer a seat if the wait looks long, so nobody stands about.\tintent",
        "N\tGreet every visitor within ten seconds.\tmislabelled on purpose",
    ], "--by", "3")
    first = out.splitlines()[0]
    assert "4 sentences" in first and "precision 0.500" in first and "recall 0.500" in first
    assert "miss        -               Acknowledge guests as they arrive." in out
    assert "false alarm SOP103" in out and "Greet every visitor within ten seconds." in out
    assert "   emotion: 1 sentences  precision 1.000  recall 1.000" in out


def test_a_line_without_a_label_is_refused_with_its_line_number(tmp_path):
    corpus = tmp_path / "bad.tsv"
    corpus.write_text("R\tSmile.\nmaybe\tStand up.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "accuracy.py"), "--corpus", str(corpus)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and f"{corpus}:2:" in run.stderr
