"""The exit code of the console script is reliable: no Arrow thread outlives a command, no teardown abort."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "conflict-events"


def _write_mixed(folder: Path, articles: int) -> dict[str, int]:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_mixed_inputs(folder, articles=articles, max_chars=20_000)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A clean folder (expected exit 0) and a folder with bad records (expected exit 2)."""
    clean = tmp_path_factory.mktemp("clean")
    (clean / "wires.jsonl").write_text("".join(
        json.dumps({"id": f"w{i}", "date": f"20{15 + i}-06-0{1 + i % 9}", "text": text}) + "\n"
        for i, text in enumerate([
            "Gunmen killed four farmers in a village near Kaduna on Monday, police said.",
            "Police fired tear gas to disperse protesters in Nairobi on Monday, witnesses said.",
            "Soldiers clashed with Al Shabaab militants near Kismayo on Sunday, killing three.",
            "Military aircraft struck rebel positions near Idlib on Tuesday, killing six fighters.",
            "The central bank held its interest rate steady on Tuesday, citing slower inflation.",
            "Rioters looted shops and burned a police post in Kisumu on Monday, officials said.",
        ])))
    mixed = tmp_path_factory.mktemp("mixed")
    _write_mixed(mixed, articles=12)
    return clean, mixed


def test_exit_codes_twenty_runs_exit_with_the_expected_code(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    """Twenty runs of the installed script, each writing a partitioned dataset, all exit 0 (clean) or 2 (rejects)."""
    clean, mixed = inputs

    def one(run: int) -> tuple[int, int, str]:
        source, expected = (clean, 0) if run % 2 == 0 else (mixed, 2)
        workers = "2" if run % 5 == 1 else "1"  # four runs (two clean, two mixed) go through the worker pool
        done = subprocess.run([str(SCRIPT), "convert", str(source), "--out", str(tmp_path / f"run{run}"),
                               "--workers", workers, "--chunk-size", "4", "--max-chars", "20000"],
                              capture_output=True, text=True, timeout=300, check=False)
        return expected, done.returncode, done.stderr

    with ThreadPoolExecutor(max_workers=2) as lanes:  # two at a time: contention makes races likelier, not rarer
        outcomes = list(lanes.map(one, range(20)))
    for run, (expected, code, stderr) in enumerate(outcomes):
        assert code == expected, f"run {run}: exit {code}, expected {expected}\n{stderr}"
        assert "terminate called" not in stderr and "Traceback" not in stderr
    partitions = {sorted(p.name for p in (tmp_path / f"run{run}" / "events").iterdir()).__repr__()
                  for run in range(0, 20, 2)}
    assert len(partitions) == 1 and "year=" in partitions.pop()


_PROBE = textwrap.dedent(
    """
    import json, os, sys
    def native_threads():
        return len(os.listdir("/proc/self/task"))
    import pandas, pyarrow  # pyarrow's allocator starts its own background threads on import
    from conflict_events.cli import run
    before = native_threads()
    source, out = sys.argv[1], sys.argv[2]
    codes = [
        run(["convert", source, "--out", out, "--workers", "1", "--max-chars", "20000"]),
        run(["validate", out]),
        run(["stats", out]),
        run(["export", out, "--format", "csv", "--out", out + ".csv"]),
        run(["publish", out, "--name", "probe", "--version", "1.0.0", "--license", "CC0-1.0",
             "--description", "Exit-code probe."]),
    ]
    print(json.dumps({"codes": codes, "before": before, "after": native_threads()}))
    """
)


def test_exit_codes_commands_leave_no_arrow_thread_running(inputs: tuple[Path, Path], tmp_path: Path,
                                                          python: str) -> None:
    """convert, validate, stats, export and publish start no Arrow thread pool: nothing can outlive them at exit."""
    _, mixed = inputs
    probe = tmp_path / "probe.py"
    probe.write_text(_PROBE)
    done = subprocess.run([python, str(probe), str(mixed), str(tmp_path / "ds")], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["codes"] == [2, 0, 0, 0, 0]
    assert report["after"] == report["before"]


def test_exit_codes_usage_errors_exit_1(tmp_path: Path) -> None:
    """A bad option or a missing dataset exits 1 with a one-line message."""
    bad = subprocess.run([str(SCRIPT), "convert", "x", "--out", str(tmp_path), "--workers", "0"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 1 and "--workers: expected a whole number >= 1" in bad.stderr
    missing = subprocess.run([str(SCRIPT), "validate", str(tmp_path / "none")], capture_output=True, text=True,
                             timeout=120, check=False)
    assert missing.returncode == 1
    assert missing.stderr.strip() == (f"conflict-events: error: [E020] dataset {tmp_path / 'none'}: does not exist; "
                                      "expected a directory written by write_dataset")


_HAZARD = textwrap.dedent(
    """
    import io, sys, time
    import pyarrow.csv as csv

    class SlowSource(io.RawIOBase):
        def readable(self):
            return True
        def readinto(self, buffer):
            time.sleep(0.2)  # an Arrow I/O thread sits in Python code, and will want the GIL back
            data = b"1,2\\n" * 4096
            size = min(len(buffer), len(data))
            buffer[:size] = data[:size]
            return size

    reader = csv.open_csv(SlowSource(), read_options=csv.ReadOptions(column_names=["a", "b"], block_size=4096))
    reader.read_next_batch()
    if sys.argv[1] == "end_process":
        from conflict_events.cli import _end_process
        _end_process(2)
    sys.exit(2)
    """
)


def test_exit_codes_console_exit_survives_a_thread_stuck_in_python(tmp_path: Path, python: str) -> None:
    """An Arrow thread still in Python at exit aborts a normal exit (134); the CLI's exit keeps the code."""
    script = tmp_path / "hazard.py"
    script.write_text(_HAZARD)
    normal = subprocess.run([python, str(script), "sys_exit"], capture_output=True, text=True, timeout=120,
                            check=False)
    assert normal.returncode in (134, -6), "the hazard no longer aborts: this pyarrow handles teardown itself"
    for _ in range(3):
        ended = subprocess.run([python, str(script), "end_process"], capture_output=True, text=True, timeout=120,
                               check=False)
        assert ended.returncode == 2, ended.stderr
