"""The same document scanned twice gives the same JSON, whatever Python's hash seed: ties between
equally good works and the wording of messages must not follow set iteration order."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_scan_output_does_not_depend_on_the_hash_seed(tmp_path):
    article = tmp_path / "article.md"
    article.write_text(
        "A report from INTERPOL released in 2020 described how the pandemic changed online child exploitation.\n\n"
        "Backpage was shut down after numerous Senate investigations found it facilitated trafficking.\n\n"
        "Europol reported that 45% of offenders used encrypted apps in 2021.\n", encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "LITCHECK_CACHE_DIR": str(tmp_path / f"cache{seed}")}
        done = subprocess.run([sys.executable, "-m", "litcheck", "scan", str(article), "--format", "json"],
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
