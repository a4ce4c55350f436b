"""The runnable example script keeps working."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_batch_example_script_runs_end_to_end(python: str, tmp_path: Path) -> None:
    """examples/convert_corpus.py converts, reads, validates, exports and publishes the example corpus."""
    done = subprocess.run([python, str(ROOT / "examples" / "convert_corpus.py"), str(tmp_path)], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert "published example-events 0.1.0" in done.stdout
    dataset = tmp_path / "example-dataset"
    for name in ("datapackage.json", "CODEBOOK.md", "CHANGES.md", "CHECKSUMS.sha256"):
        assert (dataset / name).is_file()
    header = (tmp_path / "example-events.csv").read_text().splitlines()[0]
    assert header.startswith("event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1")
