"""Parquet datasets: validated, partitioned, atomic and idempotent writes."""

from __future__ import annotations

import os
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pandas as pd
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict_events.dataset import (
    event_files,
    file_metadata,
    read_dataset,
    read_rejects,
    write_dataset,
)
from conflict_events.errors import DatasetError
from conflict_events.events import to_frame
from conflict_events.model import Event
from conflict_events.schema import SCHEMA_VERSION
from conflict_events.testing import BREAKERS, break_row, events, sample_events

unique_events = st.lists(events(), min_size=1, max_size=25, unique_by=lambda e: e.event_id)
tmp_settings = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("event_id").reset_index(drop=True)


@tmp_settings
@given(batch=unique_events)
def test_dataset_round_trip_is_lossless(tmp_path_factory: pytest.TempPathFactory, batch: list[Event]) -> None:
    """Rows generated from the schema come back unchanged, with the schema's dtypes."""
    path = tmp_path_factory.mktemp("ds")
    frame = to_frame(batch)
    report = write_dataset(frame, path)
    back = read_dataset(path)
    assert report.written == len(batch) and report.rejected == 0
    pd.testing.assert_frame_equal(_sorted(back), _sorted(frame))


@tmp_settings
@given(batch=unique_events, data=st.data())
def test_dataset_nothing_lost_with_mixed_rows(tmp_path_factory: pytest.TempPathFactory, batch: list[Event],
                                              data: st.DataObject) -> None:
    """Any mix of valid and invalid rows ends as written + rejected, each reject with its reason."""
    path = tmp_path_factory.mktemp("ds")
    rows = to_frame(batch).astype(object).to_dict(orient="records")
    broken = data.draw(st.sets(st.integers(0, len(rows) - 1)))
    for index in broken:
        rows[index] = break_row(rows[index], data.draw(st.sampled_from(sorted(BREAKERS))))
    report = write_dataset(pd.DataFrame(rows), path)
    assert report.input_rows == len(rows) == report.written + report.duplicates + report.rejected
    assert report.rejected == len(broken)
    rejects = read_rejects(path)
    assert sorted(rejects["line"].astype(int) - 1) == sorted(broken)
    assert rejects["detail"].str.len().min() > 0 if len(rejects) else True
    assert len(read_dataset(path)) == report.written


def test_dataset_append_twice_keeps_one_copy(tmp_path: Path) -> None:
    """Appending the same frame twice leaves one copy of every event."""
    batch = sample_events(5)
    frame = to_frame(batch)
    first = write_dataset(frame, tmp_path)
    second = write_dataset(frame, tmp_path)
    assert (first.written, second.written, second.duplicates) == (5, 0, 5)
    assert len(read_dataset(tmp_path)) == 5
    assert second.files == ()


def test_dataset_repeated_ids_in_one_frame_are_duplicates(tmp_path: Path) -> None:
    """A row repeated inside one frame is counted as a duplicate, not as invalid."""
    event = sample_events(1)[0]
    report = write_dataset(to_frame([event, event, event]), tmp_path)
    assert (report.written, report.duplicates, report.rejected) == (1, 2, 0)


def test_dataset_layout_is_hive_partitioned_by_year(tmp_path: Path) -> None:
    """Files live under events/year=YYYY and pyarrow reads them with hive partitioning."""
    batch = sample_events(8, seed=1)
    write_dataset(to_frame(batch), tmp_path)
    files = event_files(tmp_path)
    assert files and all(f.parent.name.startswith("year=") for f in files)
    table = pads.dataset(str(tmp_path / "events"), partitioning="hive").to_table()
    assert table.num_rows == 8
    assert sorted(table.column("year").to_pylist()) == sorted(e.year for e in batch)
    meta = file_metadata(files[0])
    assert meta["conflict_events.schema_version"] == SCHEMA_VERSION
    assert "conflict_events.library_version" in meta


def test_dataset_read_with_filters(tmp_path: Path) -> None:
    """read_dataset applies pyarrow-style filters and keeps the schema dtypes."""
    batch = sample_events(30, seed=2)
    frame = to_frame(batch)
    write_dataset(frame, tmp_path)
    wanted = batch[0].sub_event_type
    got = read_dataset(tmp_path, filters=[("sub_event_type", "==", wanted)])
    assert len(got) == sum(e.sub_event_type == wanted for e in batch)
    assert (got.dtypes == frame.dtypes).all()
    with pytest.raises(DatasetError, match="unknown column"):
        read_dataset(tmp_path, columns=["nonsense"])


def test_dataset_overwrite_replaces_everything(tmp_path: Path) -> None:
    """Overwrite leaves exactly the new rows and no hidden leftovers."""
    first, second = sample_events(3, seed=3), sample_events(4, seed=4)
    write_dataset(to_frame(first), tmp_path)
    write_dataset(to_frame(second), tmp_path, mode="overwrite")
    assert set(read_dataset(tmp_path)["event_id"]) == {e.event_id for e in second}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_dataset_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    """Reading a dataset that does not exist names the path."""
    with pytest.raises(DatasetError, match="does not exist"):
        read_dataset(tmp_path / "nowhere")


_WRITER = textwrap.dedent(
    """
    import sys
    from benchmarks.bench_dataset import generate
    from conflict_events.dataset import write_dataset
    frame = generate(int(sys.argv[2]), seed=int(sys.argv[3]))
    print("ready", flush=True)
    write_dataset(frame, sys.argv[1], mode="append")
    print("done", flush=True)
    """
)


@pytest.mark.parametrize("delay", [0.05, 0.4, 0.9])
def test_dataset_killed_write_leaves_readable_dataset(tmp_path: Path, python: str, delay: float) -> None:
    """A write killed at any moment leaves only complete files; re-running completes it exactly."""
    root = Path(__file__).resolve().parent.parent
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    target = tmp_path / "ds"
    rows = 60_000
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.Popen([python, str(script), str(target), str(rows), "3"], stdout=subprocess.PIPE,
                            text=True, env=env, cwd=root)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    for file in event_files(target):
        pq.read_table(file)  # every visible file is complete
    partial = read_dataset(target) if target.exists() else None
    if partial is not None:
        expected = __import__("benchmarks.bench_dataset", fromlist=["generate"]).generate(rows, seed=3)
        merged = partial.merge(expected, on="event_id", suffixes=("", "_expected"))
        assert len(merged) == len(partial)  # every row read is a row that was meant to be written
        assert (merged["fatalities"] == merged["fatalities_expected"]).all()

    done = subprocess.run([python, str(script), str(target), str(rows), "3"], check=False, capture_output=True,
                          text=True, env=env, cwd=root)
    assert done.returncode == 0, done.stderr
    final = read_dataset(target)
    assert len(final) == rows and final["event_id"].is_unique
    assert not list(target.rglob(".tmp-*"))
