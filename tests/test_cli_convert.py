"""End to end: the installed ``conflict-events`` script on mixed inputs with bad records, kill and resume."""

from __future__ import annotations

import importlib.util
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from conflict_events.dataset import read_dataset, read_documents_table, read_rejects

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "conflict-events"
SUMMARY = re.compile(r"^(\d+) records: (\d+) with events, (\d+) without, (\d+) rejected", re.MULTILINE)
OPTIONS = ("--workers", "2", "--chunk-size", "20", "--max-chars", "20000")


def _make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A folder of .txt, .jsonl, .jsonl.gz, .csv and .parquet inputs with injected bad records."""
    folder = tmp_path_factory.mktemp("mixed")
    expected = _make_corpus().write_mixed_inputs(folder, articles=300, max_chars=20_000)
    return folder, expected


@pytest.fixture(scope="module")
def reference(mixed: tuple[Path, dict[str, int]], tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One uninterrupted run of the console script over the mixed folder."""
    out = tmp_path_factory.mktemp("ref") / "dataset"
    done = subprocess.run([str(SCRIPT), "convert", str(mixed[0]), "--out", str(out), *OPTIONS],
                          capture_output=True, text=True, timeout=300, check=False)
    return out, done


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()
            and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()}


def _rows(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    events = read_dataset(path).sort_values("event_id").reset_index(drop=True)
    documents = read_documents_table(path).sort_values("record_key").reset_index(drop=True)
    rejects = read_rejects(path).sort_values("reject_id").reset_index(drop=True)
    return events, documents, rejects


def test_cli_convert_counts_add_up_and_rejects_carry_reasons(
        mixed: tuple[Path, dict[str, int]], reference: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The summary adds up to the input count, every bad record is a reject with its reason, exit code 2."""
    folder, expected = mixed
    out, done = reference
    assert done.returncode == 2, done.stderr
    match = SUMMARY.search(done.stderr)
    assert match is not None, done.stderr
    records, with_events, without, rejected = map(int, match.groups())
    bad = expected["records"] - expected["good"]
    assert records == expected["records"] == with_events + without + rejected
    assert rejected == bad
    documents = read_documents_table(out)
    assert len(documents) == records and documents["record_key"].is_unique
    assert Counter(documents["status"].astype(object)) == {"events": with_events, "no_event": without,
                                                           "rejected": rejected}
    rejects = read_rejects(out)
    reasons = Counter(rejects.loc[rejects["stage"] == "read", "reason"].astype(object))
    assert reasons == {k: v for k, v in expected.items() if k not in ("records", "good")}
    assert rejects["detail"].str.len().min() > 10
    lines = [line for line in done.stderr.splitlines() if re.match(r"^\S+:(\d+: |\s)", line)]
    assert any(re.search(r"wires\.jsonl:\d+: malformed_record: not valid JSON", line) for line in lines)
    assert any("broken.parquet: unreadable_file:" in line for line in lines)
    assert f"{folder}" in done.stderr


def test_cli_convert_output_validates(reference: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """`conflict-events validate` passes on the converted dataset (schema, checksums, documents)."""
    out, _ = reference
    check = subprocess.run([str(SCRIPT), "validate", str(out)], capture_output=True, text=True, timeout=120,
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "valid" in check.stderr


def test_cli_convert_resume_after_sigkill_gives_the_uninterrupted_rows(
        mixed: tuple[Path, dict[str, int]], reference: tuple[Path, subprocess.CompletedProcess[str]],
        tmp_path: Path) -> None:
    """Killing convert mid-run leaves no worker behind; resuming gives exactly the rows of an uninterrupted run."""
    folder, _ = mixed
    out = tmp_path / "dataset"
    command = [str(SCRIPT), "convert", str(folder), "--out", str(out), *OPTIONS]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((out / "_documents").glob("part-*.parquet"))) < 2:
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    helpers = _descendants(proc.pid)  # fork server, workers, resource tracker
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert helpers, "the run had no worker processes"
    deadline = time.monotonic() + 20
    while _alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(helpers), "worker processes outlived the killed command"
    partial = len(read_documents_table(out))
    assert 0 < partial < len(read_documents_table(reference[0]))
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=300, check=False)
    assert resumed.returncode == 2, resumed.stderr
    assert re.search(rf"{partial} already done", resumed.stderr), resumed.stderr
    for got, want in zip(_rows(out), _rows(reference[0]), strict=True):
        pd.testing.assert_frame_equal(got, want)
    again = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=300, check=False)
    assert re.search(r"0 with events, 0 without, 0 rejected", again.stderr), again.stderr
    assert not [p for p in out.rglob(".tmp-*")]


def test_cli_convert_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    """A missing input is exit 1 with one line naming it; nothing is written."""
    done = subprocess.run([str(SCRIPT), "convert", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "ds")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"conflict-events: error: [E010] {tmp_path / 'nope.jsonl'}: unreadable_file: no such file or directory"]
    assert not (tmp_path / "ds").exists()
