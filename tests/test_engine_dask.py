"""The Dask engine gives the local engine's dataset: same rows, rejects, documents and files.

One ``distributed.LocalCluster`` of two worker processes (one thread each) serves the module;
the test that kills a worker runs last. Inputs are wire-style stories written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from conflict_events import batch
from conflict_events.dataset import read_dataset, read_documents_table, read_rejects
from conflict_events.engines import dask as engine
from conflict_events.engines import dask_worker
from conflict_events.errors import BackendNotAvailableError, DatasetError

CHUNK = 5

_PLACES = ("Kisumu", "Beledweyne", "Maiduguri", "Goma", "Mopti", "Mosul", "Peshawar", "Cotabato")
_STORIES = (
    "{PLACE} - Gunmen attacked a village near {place} on {weekday}, killing {n} civilians, a local official said.",
    "{PLACE} - Hundreds of students marched through central {place} on {weekday} to demand lower fees. "
    "The protest ended peacefully, organisers said.",
    "{PLACE} - Soldiers clashed with militants outside {place} on {weekday}. {N} fighters were killed in the "
    "exchange of fire, the army said.",
    "{PLACE} - Police fired tear gas to disperse traders protesting against new taxes in {place} on {weekday} "
    "and arrested {n} people.",
    "{PLACE} - A roadside bomb exploded near a police patrol in {place} on {weekday}, wounding {n} officers.",
    "{PLACE} - The city council of {place} met on {weekday} to discuss new bus routes and the budget.",
)
_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")


def wire_records(count: int) -> list[dict[str, Any]]:
    """Return ``count`` wire records over two years (so the dataset has two year partitions)."""
    records = []
    for i in range(count):
        place = _PLACES[i % len(_PLACES)]
        published = dt.date(2020, 12, 1) + dt.timedelta(days=3 * i)
        day = published - dt.timedelta(days=1 + i % 3)
        number = _NUMBERS[i % len(_NUMBERS)]
        text = _STORIES[(i // len(_PLACES)) % len(_STORIES)].format(
            PLACE=place.upper(), place=place, weekday=day.strftime("%A"), n=number, N=number.capitalize())
        records.append({"id": f"wire-{i:04d}", "date": published.isoformat(), "source": "Test Wire", "text": text})
    return records


def write_corpus(folder: Path) -> Path:
    """Write a folder of mixed inputs with bad records: the input of every test here."""
    folder.mkdir(parents=True)
    records = wire_records(60)
    lines = [json.dumps(r) for r in records[:30]]
    lines.insert(4, '{"id": "broken-1", "text": "Protesters gathered in Goma on')  # malformed JSON
    lines.insert(9, json.dumps({"id": "no-text", "date": "2021-01-05"}))
    lines.insert(13, json.dumps({"id": "bad-date", "date": "the day after the storm",
                                 "text": "Gunmen killed two farmers near Mopti on Monday."}))
    lines.insert(17, json.dumps({"id": "undated", "text": "Gunmen killed three villagers in Mopti on Monday, "
                                                          "a local official said."}))
    # The same record again in a later chunk: its events must be written once, as locally.
    lines.append(lines[2])
    (folder / "wires.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = pd.DataFrame(records[30:])
    frame.to_csv(folder / "more.csv", index=False)
    (folder / "kisumu.txt").write_text(
        "date 2021-06-14\nKISUMU - Police shot dead two men during a protest over fuel prices in Kisumu on "
        "Sunday, witnesses said.\n", encoding="utf-8")
    latin1 = "date 2021-06-14\nGOMA - Des manifestants ont été dispersés.\n".encode("latin-1")
    (folder / "latin1.txt").write_bytes(latin1)
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of mixed inputs (JSONL, CSV, .txt) with malformed, textless, misdated and undated records."""
    return write_corpus(tmp_path_factory.mktemp("dask") / "corpus")


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, batch.ConvertReport]:
    """The local engine's dataset of the corpus (one process)."""
    out = tmp_path_factory.mktemp("local") / "dataset"
    return out, batch.convert([corpus], out, workers=1, chunk_size=CHUNK)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a local cluster of two worker processes with one thread each."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as connected:
        yield connected


def visible_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))


def hidden_temps(root: Path) -> list[Path]:
    return [p for p in root.rglob(".tmp-*")]


def assert_same_dataset(got: Path, expected: Path) -> None:
    from conflict_events.integrity import validate_dataset

    report = validate_dataset(got)
    assert report.ok and report.events > 0, report.problems
    pd.testing.assert_frame_equal(read_dataset(got), read_dataset(expected))
    pd.testing.assert_frame_equal(read_rejects(got), read_rejects(expected))
    pd.testing.assert_frame_equal(read_documents_table(got), read_documents_table(expected))
    assert visible_files(got) == visible_files(expected)


def test_engine_dask_matches_local_engine(corpus: Path, local: tuple[Path, batch.ConvertReport], client: Any,
                                          tmp_path: Path) -> None:
    """Same event rows (same event_ids), rejects, documents rows and files as the local engine."""
    expected, local_report = local
    out = tmp_path / "dataset"
    report = engine.convert([corpus], out, client=client, chunk_size=CHUNK)
    events = read_dataset(out)
    assert len(events) >= 40 and events["event_id"].is_unique
    assert set(events["event_id"]) == set(read_dataset(expected)["event_id"])
    assert set(events["year"]) == {2020, 2021}
    reasons = set(read_rejects(out)["reason"])
    assert {"malformed_record", "missing_text", "unparseable_date", "bad_encoding"} <= reasons
    assert_same_dataset(out, expected)
    assert report.workers == 2
    for name in ("records", "with_events", "no_event", "rejected", "flagged", "events", "written", "duplicates",
                 "invalid", "reasons", "words"):
        assert getattr(report, name) == getattr(local_report, name), name
    assert report.records == report.with_events + report.no_event + report.rejected


def test_engine_dask_scheduler_address_and_chunk_order(corpus: Path, local: tuple[Path, batch.ConvertReport],
                                                        client: Any, tmp_path: Path) -> None:
    """Given a scheduler address it connects by itself; progress reports come in chunk order."""
    expected, _ = local
    out = tmp_path / "dataset"
    order: list[int] = []
    engine.convert([corpus], out, scheduler=client.scheduler.address, chunk_size=CHUNK,
                   on_commit=lambda commit, _: order.append(commit.index))
    assert order == list(range(len(order))) and len(order) > 4
    assert_same_dataset(out, expected)


def test_engine_dask_cli_matches_local(corpus: Path, local: tuple[Path, batch.ConvertReport], python: str,
                                      tmp_path: Path) -> None:
    """``convert --engine dask`` (its own local cluster) exits 2 for the rejects and writes the local dataset."""
    expected, _ = local
    out = tmp_path / "dataset"
    done = subprocess.run([python, "-m", "conflict_events", "convert", str(corpus), "--out", str(out), "--engine",
                           "dask", "--workers", "2", "--chunk-size", str(CHUNK), "-q"],
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "wires.jsonl:5: malformed_record" in done.stderr
    assert_same_dataset(out, expected)


def test_engine_dask_cli_unreachable_scheduler(corpus: Path, python: str, tmp_path: Path) -> None:
    """An unreachable scheduler is a one-line error naming its address, exit code 1."""
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    done = subprocess.run([python, "-m", "conflict_events", "convert", str(corpus), "--out", str(tmp_path / "out"),
                           "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
                          check=False, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr


def test_engine_dask_duplicate_record_written_once(local: tuple[Path, batch.ConvertReport]) -> None:
    """A record repeated in a later chunk counts as a duplicate, as in the local engine."""
    _, report = local
    assert report.duplicates >= 1
    assert report.written + report.duplicates + report.invalid == report.events


def test_engine_dask_builds_extractor_once_per_worker(corpus: Path, client: Any, tmp_path: Path) -> None:
    """Each worker process builds one extractor however many chunks it runs."""
    engine.convert([corpus], tmp_path / "dataset", client=client, chunk_size=2)
    builds = client.run(engine.extractor_builds)
    assert len(builds) == 2
    assert set(builds.values()) == {1}
    # Restarted (or newly joined) workers build theirs as they start, before any task reaches them.
    before = set(client.run(os.getpid).values())
    client.restart()
    assert not before & set(client.run(os.getpid).values())
    assert set(client.run(engine.extractor_builds).values()) == {1}


def test_engine_dask_rerun_adds_nothing(corpus: Path, local: tuple[Path, batch.ConvertReport], client: Any,
                                        tmp_path: Path) -> None:
    """Converting the same input into the same dataset again writes no file and no row."""
    expected, _ = local
    out = tmp_path / "dataset"
    shutil.copytree(expected, out)
    before = {name: (out / name).read_bytes() for name in visible_files(out)}
    report = engine.convert([corpus], out, client=client, chunk_size=CHUNK)
    assert report.written == 0 and report.duplicates == report.events > 0
    assert {name: (out / name).read_bytes() for name in visible_files(out)} == before


def test_engine_dask_resume_after_interrupt(corpus: Path, local: tuple[Path, batch.ConvertReport], client: Any,
                                            tmp_path: Path) -> None:
    """Interrupted after two chunks, ``resume=True`` finishes with exactly the uninterrupted rows."""
    expected, local_report = local
    out = tmp_path / "dataset"
    seen = []

    def stop(commit: batch.CommitReport, _: batch.ConvertReport) -> None:
        seen.append(commit.index)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        engine.convert([corpus], out, client=client, chunk_size=CHUNK, on_commit=stop)
    partial = read_documents_table(out)
    assert 0 < len(partial) < local_report.records
    report = engine.convert([corpus], out, client=client, chunk_size=CHUNK, resume=True)
    assert report.skipped >= len(partial)
    pd.testing.assert_frame_equal(read_dataset(out), read_dataset(expected))
    pd.testing.assert_frame_equal(read_rejects(out), read_rejects(expected))
    pd.testing.assert_frame_equal(read_documents_table(out), read_documents_table(expected))


def test_engine_dask_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, corpus: Path, tmp_path: Path) -> None:
    """Without ``distributed`` installed, the error names the ``conflict-events[dask]`` extra."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(BackendNotAvailableError, match=r"conflict-events\[dask\]"):
        engine.convert([corpus], tmp_path / "dataset")
    assert not (tmp_path / "dataset").exists()


def test_engine_dask_import_is_light(python: str) -> None:
    """Importing the engine modules imports neither dask nor distributed."""
    code = ("import sys, conflict_events.engines.dask, conflict_events.engines.dask_worker; "
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_engine_dask_remote_error_keeps_class_and_fields() -> None:
    """A library error crossing processes comes back with its class, fields and message."""
    original = DatasetError("/shared/out", "cannot write in /shared/out: read-only file system")
    carried = pickle.loads(pickle.dumps(engine.RemoteError.wrap(original)))
    error = carried.rebuild()
    assert type(error) is DatasetError
    assert (error.path, error.detail, str(error)) == (original.path, original.detail, str(original))


def test_engine_dask_probe_reports_unshared_folder(tmp_path: Path) -> None:
    """A worker that cannot see the client's probe file says which path it could not see."""
    assert dask_worker.probe(str(tmp_path), "missing-probe") is not None
    (tmp_path / "seen").write_bytes(b"")
    assert dask_worker.probe(str(tmp_path), "seen") is None


def test_engine_dask_refuses_workers_with_another_gazetteer(monkeypatch: pytest.MonkeyPatch, corpus: Path,
                                                           client: Any, tmp_path: Path) -> None:
    """A client whose gazetteer index differs from the workers' is refused before any chunk runs."""
    index = tmp_path / "custom.sqlite"
    index.write_bytes(b"not used")
    monkeypatch.setenv("CONFLICT_EVENTS_GAZETTEER", str(index))
    with pytest.raises(BackendNotAvailableError, match=r"gazetteer index .*custom\.sqlite"):
        engine.convert([corpus], tmp_path / "dataset", client=client, chunk_size=CHUNK)
    assert read_documents_table(tmp_path / "dataset").empty


def test_engine_dask_task_on_late_worker_checks_environment(corpus: Path, client: Any) -> None:
    """An extraction task on a worker unlike the client (one that joined late) refuses to run."""
    from conflict_events.documents import expand_inputs, iter_records

    chunk = next(batch.chunk_records(iter_records(expand_inputs([corpus])), CHUNK))
    other = tuple({**engine.environment(), "extractor version": "0.0.1"}.items())
    future = client.submit(dask_worker.extract_task, chunk, "rules", other, pure=False)
    with pytest.raises(engine.RemoteError) as carried:
        future.result()
    error = carried.value.rebuild()
    assert isinstance(error, BackendNotAvailableError)
    assert re.search(r"worker tcp://\S+ has extractor version '(?!0\.0\.1)", str(error))
    good = client.submit(dask_worker.extract_task, chunk, "rules", tuple(engine.environment().items()), pure=False)
    assert len(good.result().documents) == CHUNK


def test_engine_dask_plugin_failure_keeps_library_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that cannot build its extractor reports the library's error, carried intact."""
    import asyncio

    from conflict_events.errors import GazetteerError

    def broken(backend: str) -> Any:
        raise GazetteerError("/shared/gazetteer/geonames.sqlite", "no such index file")

    monkeypatch.setattr(dask_worker, "worker_extractor", broken)
    with pytest.raises(engine.RemoteError) as carried:
        asyncio.run(engine.extractor_plugin("rules").setup(worker=None))
    error = carried.value.rebuild()
    assert isinstance(error, GazetteerError) and error.path == "/shared/gazetteer/geonames.sqlite"


def test_engine_dask_worker_killed_mid_run_same_dataset(corpus: Path, local: tuple[Path, batch.ConvertReport],
                                                        client: Any, tmp_path: Path) -> None:
    """SIGKILL of a busy worker mid-run: Dask reruns its tasks and the dataset is the local one."""
    expected, _ = local
    out = tmp_path / "dataset"
    killed: list[int] = []
    after_kill: list[int] = []

    def kill_busy_worker(commit: batch.CommitReport, _: batch.ConvertReport) -> None:
        if killed:
            after_kill.append(commit.index)
            return
        busy = [address for address, keys in client.processing().items() if keys]
        assert busy, "no worker was running a task"
        pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    engine.convert([corpus], out, client=client, chunk_size=CHUNK, on_commit=kill_busy_worker)
    assert killed and after_kill, "the kill did not happen while chunks were left"
    assert killed[0] not in client.run(os.getpid).values()
    assert_same_dataset(out, expected)
    assert hidden_temps(out) == []
