"""The ``convert`` job on a Dask cluster: the same records, chunks and dataset as the local engine.

How a run goes (see :func:`convert`):

1. **Enumerate, on the client.** Inputs are expanded and read exactly as by
   :func:`conflict_events.batch.convert` (same order, same record keys, same chunks), so
   every chunk has the same records whichever engine runs it. Only the client reads inputs;
   they need not be visible to the workers.
2. **Extract, on a worker.** A task runs :func:`conflict_events.batch.process_chunk` with the
   worker's extractor, built once per worker process (warmed by a worker plugin when the job
   starts, cached per backend), never per task. The result stays in the worker's memory;
   only its event ids travel back to the client.
3. **Decide, on the client, in chunk order.** The client keeps the ids the dataset already
   holds (loaded once, as the local engine does) and, chunk by chunk in input order, tells
   each chunk which of its event ids and record keys are already stored. The first
   occurrence of an event wins, as in the local engine, whatever order workers finish in.
4. **Commit, on the worker holding the result.** A second task validates the chunk's rows
   against the schema (failures become rejects) and appends events, rejects and the
   chunk's ``documents`` rows with :class:`conflict_events.batch.Committer`: every file is
   written under a hidden name and renamed into place, under a name derived from the ids it
   holds. The workers therefore write the dataset, and it must live on a filesystem that
   every worker and the client mount at the same path.

Failures: a worker that dies loses its tasks; the scheduler runs them again on another
worker (recomputing a lost extraction from the chunk, which the scheduler keeps). A commit
cut short leaves only complete files; its rerun writes the same files under the same names
(the rename replaces them), so nothing is half-written and nothing is doubled. At most
``2 x workers`` chunks are in flight, so the client's memory stays flat.

The tasks, the per-worker caches and the worker plugin live in
:mod:`conflict_events.engines.dask_worker`; this module is the client side.
``dask[distributed]`` is optional (``pip install 'conflict-events[dask]'``) and imported
only when a Dask run starts.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from conflict_events.engines.dask_worker import (
    DASK_INSTALL,
    RemoteError,
    check_worker,
    commit_task,
    compare_environment,
    environment,
    extract_task,
    extractor_builds,
    extractor_plugin,
    ids_task,
    recover,
    require_distributed,
    worker_extractor,
)
from conflict_events.errors import BackendNotAvailableError, DatasetError, InputError, RejectReason, UnknownNameError

if TYPE_CHECKING:
    from distributed import Client, Future

    from conflict_events.batch import Chunk, ChunkResult, CommitReport, Committer, ConvertReport
    from conflict_events.documents import FieldMap


#: Times a task that raised is run again before the run fails (worker deaths are handled by
#: the scheduler's ``distributed.scheduler.allowed-failures`` setting instead).
DEFAULT_RETRIES: Final = 2

_PLUGIN_NAME: Final = "conflict-events-extractor"


@contextlib.contextmanager
def connect(scheduler: str | None = None, *, workers: int | None = None) -> Iterator[Client]:
    """Connect to a Dask scheduler, or start a local cluster of worker processes.

    Args:
        scheduler: Scheduler address (``tcp://host:8786``) or a scheduler file path; None
            starts a ``LocalCluster`` for the duration of the block.
        workers: Worker processes of the local cluster (default: every core); ignored with
            ``scheduler``.

    Yields:
        A connected ``distributed.Client``.

    Raises:
        BackendNotAvailableError: ``dask[distributed]`` is not installed, or the scheduler
            cannot be reached.
    """
    distributed = require_distributed()
    if scheduler:
        options = {"scheduler_file": scheduler} if scheduler.endswith(".json") else {"address": scheduler}
        try:
            client = distributed.Client(**options)
        except (OSError, TimeoutError) as exc:
            raise BackendNotAvailableError(
                "dask", "a scheduler listening there (dask scheduler --port 8786) and its address in --scheduler",
                detail=f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    from conflict_events.batch import default_workers

    # One thread per process: extraction is pure Python, so threads would share one core.
    with distributed.LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


def check_workers(client: Client, root: Path) -> None:
    """Check that every worker can write the dataset and would extract what the client would.

    Args:
        client: The connected client.
        root: The dataset directory (absolute, as the client sees it).

    Raises:
        DatasetError: A worker cannot see or write the directory at the client's path.
        BackendNotAvailableError: A worker runs another extractor version or gazetteer index
            than the client (its event rows and event_ids would differ).
    """
    name = f".probe-{uuid.uuid4().hex}"
    probe = root / name
    probe.write_bytes(b"")
    try:
        answers = client.run(check_worker, str(root), name)
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    problems = {worker: why for worker, (why, _) in answers.items() if why is not None}
    if problems:
        worker, why = sorted(problems.items())[0]
        raise DatasetError(str(root), f"worker {worker} {why}; Dask workers write the dataset, so it must be on a "
                                      f"filesystem every worker mounts at the same path ({len(problems)} of "
                                      f"{len(answers)} workers affected)")
    mine = environment()
    for worker, (_, theirs) in sorted(answers.items()):
        compare_environment(mine, theirs, worker)


def _worker_count(client: Client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


@dataclass(slots=True)
class _Pending:
    """A chunk between submission and commit (client side)."""

    chunk_keys: tuple[str, ...]
    first: tuple[str, int | None]
    last: tuple[str, int | None]
    result: Future[ChunkResult]
    ids: Future[tuple[str, ...]]
    commit: Future[CommitReport] | None = None


def convert(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | Path,
    *,
    fields: FieldMap | None = None,
    backend: str | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    resume: bool = False,
    max_chars: int | None = None,
    retries: int = DEFAULT_RETRIES,
    on_commit: Callable[[CommitReport, ConvertReport], None] | None = None,
) -> ConvertReport:
    """Convert input files into an event dataset at ``out`` on a Dask cluster.

    Gives the same dataset as :func:`conflict_events.batch.convert` with the same inputs,
    options and chunk size: the same event rows, rejects and ``documents`` rows, in the same
    files.

    Args:
        inputs: Files, folders (searched recursively) and glob patterns, read by the client.
        out: Dataset directory, on a filesystem shared by the client and every worker at the
            same path (created when missing).
        fields: Record field names.
        backend: NLP backend name (default: ``$CONFLICT_EVENTS_BACKEND`` on the client, or
            ``"rules"``); workers need it installed.
        scheduler: Scheduler address (``tcp://host:8786``) or scheduler file; None with no
            ``client`` starts a local cluster of ``workers`` processes.
        client: An existing ``distributed.Client`` to use (not closed here).
        workers: Worker processes of the local cluster (default: every core).
        chunk_size: Records per chunk, the unit of a task and of one atomic append
            (default: :data:`conflict_events.batch.DEFAULT_CHUNK_SIZE`).
        resume: Skip records the dataset's documents table already holds.
        max_chars: Largest document accepted, in characters.
        retries: Times a task that raised is run again before the run fails.
        on_commit: Called on the client for each committed chunk, in chunk order, with that
            chunk's report and the running totals (for progress displays).

    Returns:
        The report; ``records == with_events + no_event + rejected + skipped``.

    Raises:
        BackendNotAvailableError: ``dask[distributed]`` is not installed, or a worker's
            extractor version or gazetteer index differs from the client's.
        InputError: An input does not exist, or a chunk's records kept killing workers.
        DatasetError: ``out`` cannot be used as a dataset or is not shared with the workers.
        UnknownNameError: ``backend`` is not a known backend.
    """
    from conflict_events.annotate import BACKENDS
    from conflict_events.documents import expand_inputs
    from conflict_events.pipeline import default_backend

    require_distributed()
    started = time.perf_counter()
    name = backend or default_backend()
    if name not in BACKENDS:
        raise UnknownNameError("backend", name, list(BACKENDS))
    files = expand_inputs(inputs)  # before starting a cluster: a missing input fails at once
    options: dict[str, Any] = {"fields": fields, "backend": name, "chunk_size": chunk_size, "resume": resume,
                               "max_chars": max_chars, "retries": retries, "on_commit": on_commit,
                               "started": started}
    if client is not None:
        return _run(client, files, Path(out), **options)
    with connect(scheduler, workers=workers) as own:
        return _run(own, files, Path(out), **options)


def _run(client: Client, files: Sequence[Path], out: Path, *, fields: FieldMap | None, backend: str,
         chunk_size: int | None, resume: bool, max_chars: int | None, retries: int,
         on_commit: Callable[[CommitReport, ConvertReport], None] | None, started: float) -> ConvertReport:
    from conflict_events.batch import DEFAULT_CHUNK_SIZE, Committer, Tally, chunk_records
    from conflict_events.documents import MAX_CHARS, InputRecord, iter_records

    committer = Committer(out)  # opens (repairs) the dataset and loads the ids it holds, once
    root = committer.root.resolve()
    check_workers(client, root)
    try:
        client.register_plugin(extractor_plugin(backend), name=f"{_PLUGIN_NAME}-{backend}")
    except RemoteError as exc:  # e.g. the backend's model is missing on a worker
        raise exc.rebuild() from None
    tally = Tally(path=str(committer.root), files=len(files), workers=_worker_count(client))

    def records() -> Iterator[InputRecord]:
        for record in iter_records(files, fields, max_chars=max_chars or MAX_CHARS):
            tally.records += 1
            if resume and committer.is_done(record.key):
                tally.skipped += 1
                tally.skipped_flagged += committer.is_flagged(record.key)
                continue
            yield record

    job = _Job(client=client, committer=committer, root=root, backend=backend, retries=retries,
               chunks=chunk_records(records(), chunk_size or DEFAULT_CHUNK_SIZE))
    # closing(): an exception here (Ctrl-C, a callback) cancels the outstanding tasks at once.
    with contextlib.closing(job.commits()) as commits:
        for commit in commits:
            tally.add(commit)
            if on_commit is not None:
                on_commit(commit, tally.report(time.perf_counter() - started))
    _clean_up(client, root)
    return tally.report(time.perf_counter() - started)


class _Job:
    """Client side of one run: submits chunks, decides in chunk order, yields commit reports."""

    def __init__(self, *, client: Client, committer: Committer, root: Path, backend: str, retries: int,
                 chunks: Iterator[Chunk]) -> None:
        from distributed import as_completed

        self.client = client
        self.committer = committer
        self.root = root
        self.backend = backend
        self.retries = retries
        self.chunks = chunks
        self.token = uuid.uuid4().hex[:12]
        self.environment = tuple(environment().items())
        self.pending: dict[int, _Pending] = {}
        self.ids_done: dict[int, tuple[str, ...]] = {}
        self.next_decision = 0
        self.exhausted = False
        self.waiting = as_completed()  # type: ignore[no-untyped-call]

    def commits(self) -> Generator[CommitReport, None, None]:
        """Run every chunk; yield the commit reports in chunk order (as the local engine does)."""
        committed: dict[int, CommitReport] = {}
        next_report = 0
        try:
            self._submit_more()
            for future in self.waiting:
                index = int(str(future.key).rsplit("-", 1)[1])
                item = self.pending[index]
                value = self._result(future, item)
                if future is item.ids:
                    self.ids_done[index] = value
                    self._decide()
                    continue
                del self.pending[index]
                committed[index] = value
                self._submit_more()
                while next_report in committed:
                    yield committed.pop(next_report)
                    next_report += 1
        finally:
            leftover = [f for item in self.pending.values() for f in (item.result, item.ids, item.commit)
                        if f is not None]
            if leftover:
                self.client.cancel(leftover)  # type: ignore[no-untyped-call]

    def _submit_more(self) -> None:
        window = 2 * _worker_count(self.client)
        while not self.exhausted and len(self.pending) < window:
            chunk = next(self.chunks, None)
            if chunk is None:
                self.exhausted = True
                return
            result = self.client.submit(extract_task, chunk, self.backend, self.environment,
                                        key=self._key("extract", chunk.index), retries=self.retries, pure=False)
            # Ids and commits go before further extractions: decisions flow and results leave memory sooner.
            ids = self.client.submit(ids_task, result, key=self._key("ids", chunk.index), retries=self.retries,
                                     priority=1, pure=False)
            first, last = chunk.records[0], chunk.records[-1]
            self.pending[chunk.index] = _Pending(chunk_keys=tuple(r.key for r in chunk.records),
                                                 first=(first.source, first.line), last=(last.source, last.line),
                                                 result=result, ids=ids)
            self.waiting.add(ids)  # type: ignore[no-untyped-call]

    def _decide(self) -> None:
        # In chunk order, like the local engine: the first chunk holding an event id writes it.
        known = self.committer.known
        while self.next_decision in self.ids_done:
            index = self.next_decision
            event_ids = self.ids_done.pop(index)
            item = self.pending[index]
            stored_events = frozenset(i for i in event_ids if i in known.events)
            stored_records = frozenset(k for k in item.chunk_keys if k in known.records)
            known.events.update(event_ids)
            known.records.update(item.chunk_keys)
            item.commit = self.client.submit(commit_task, item.result, str(self.root), self.token, stored_events,
                                             stored_records, key=self._key("commit", index), retries=self.retries,
                                             priority=1, pure=False)
            self.waiting.add(item.commit)  # type: ignore[no-untyped-call]
            self.next_decision += 1

    def _key(self, step: str, index: int) -> str:
        return f"ce-{step}-{self.token}-{index}"

    @staticmethod
    def _result(future: Future[Any], item: _Pending) -> Any:
        from distributed.scheduler import KilledWorker

        try:
            return future.result()
        except RemoteError as exc:
            raise exc.rebuild() from None
        except KilledWorker as exc:
            source, line = item.first
            raise InputError(source, RejectReason.EXTRACTION_FAILED,
                             f"the chunk of records {line} ({source}) to {item.last[1]} ({item.last[0]}) killed "
                             f"worker processes repeatedly ({exc}); convert these records alone to find the one "
                             "at fault", line=line) from exc


def _clean_up(client: Client, root: Path) -> None:
    """Remove the hidden temp files of workers that died mid-write: one process per host does it."""
    one_per_host: dict[str, str] = {}
    for address, info in client.scheduler_info().get("workers", {}).items():
        one_per_host.setdefault(str(info.get("host", address)), address)
    recover(str(root))
    if one_per_host:
        with contextlib.suppress(Exception):  # a worker leaving now loses nothing: the files are hidden
            client.run(recover, str(root), workers=sorted(one_per_host.values()))


__all__ = [
    "DASK_INSTALL",
    "DEFAULT_RETRIES",
    "RemoteError",
    "check_workers",
    "compare_environment",
    "connect",
    "convert",
    "environment",
    "extractor_builds",
    "extractor_plugin",
    "require_distributed",
    "worker_extractor",
]
