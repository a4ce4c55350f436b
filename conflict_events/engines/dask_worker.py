"""The worker side of the Dask engine: what runs inside Dask worker processes.

- One extractor per worker process (:func:`worker_extractor`), built when the worker starts
  by :func:`extractor_plugin` and reused by every task; one dataset committer per process
  and job.
- The tasks: :func:`extract_task` (a chunk -> a :class:`~conflict_events.batch.ChunkResult`
  kept in the worker's memory), :func:`ids_task` (its event ids, for the client) and
  :func:`commit_task` (validate and append it to the dataset, skipping what the client says
  is stored).
- :func:`environment` says what decides the rows a process extracts, so the client can
  refuse workers unlike itself; :class:`RemoteError` carries the library's errors back to
  the client intact.

Nothing here imports ``distributed`` at module import; :mod:`conflict_events.engines.dask`
drives these pieces from the client.
"""

from __future__ import annotations

import functools
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from conflict_events.errors import BackendNotAvailableError, ConflictEventsError

if TYPE_CHECKING:
    from conflict_events.batch import Chunk, ChunkResult, CommitReport, Committer
    from conflict_events.pipeline import Extractor

#: How to install the optional dependency (named in the error when it is missing).
DASK_INSTALL: Final = "pip install 'conflict-events[dask]'"

_T = TypeVar("_T")


def require_distributed() -> Any:
    """Import and return ``distributed``, or say which extra installs it.

    Raises:
        BackendNotAvailableError: ``dask[distributed]`` is not installed.
    """
    try:
        import distributed
    except ImportError as exc:
        raise BackendNotAvailableError("dask", DASK_INSTALL, detail=f"import failed: {exc}") from exc
    return distributed


_BUILD_LOCK = threading.Lock()
_EXTRACT_LOCK = threading.Lock()
_COMMIT_LOCK = threading.Lock()


def worker_extractor(backend: str) -> Extractor:
    """Return this worker process's extractor for ``backend``, building it on first use.

    The extractor (annotator, lexicons, gazetteer) is cached per process by
    :func:`conflict_events.batch.worker_extractor`; the lock keeps two task threads of one
    worker from building it twice.
    """
    from conflict_events.batch import worker_extractor as cached

    with _BUILD_LOCK:
        return cached(backend)


def extractor_builds() -> int:
    """Return how many extractors this process has built (1 per backend when caching works)."""
    from conflict_events.batch import worker_extractor as cached

    return cached.cache_info().misses


@dataclass(frozen=True, slots=True)
class _JobCommitter:
    committer: Committer
    stored_rejects: frozenset[str]


@lru_cache(maxsize=2)
def _job_committer(root: str, job: str) -> _JobCommitter:
    """Open the dataset once per worker and job; keep the reject ids stored at that moment.

    Reject ids of earlier runs are skipped against this snapshot; event ids and record keys
    are decided by the client, in chunk order, and passed with each chunk.
    """
    from conflict_events.batch import Committer

    committer = Committer(root)
    return _JobCommitter(committer=committer, stored_rejects=frozenset(committer.known.rejects))


class RemoteError(Exception):
    """Carries a library error from a worker to the client (our errors' constructors do not unpickle).

    The client turns it back into the original class with :meth:`rebuild`.
    """

    def __init__(self, module: str, name: str, state: dict[str, Any], message: str) -> None:
        super().__init__(module, name, state, message)

    @classmethod
    def wrap(cls, error: ConflictEventsError) -> RemoteError:
        """Return a picklable carrier of ``error``."""
        kind = type(error)
        return cls(kind.__module__, kind.__qualname__, dict(vars(error)), str(error))

    def rebuild(self) -> BaseException:
        """Return the original error: same class, attributes and message."""
        from importlib import import_module

        module, name, state, message = self.args
        kind = getattr(import_module(module), name)
        error: BaseException = kind.__new__(kind)
        Exception.__init__(error, message)
        vars(error).update(state)
        return error


def carry_errors(task: Callable[..., _T]) -> Callable[..., _T]:
    """Wrap a task so the library errors it raises reach the client as :class:`RemoteError`."""

    @functools.wraps(task)
    def run(*args: Any) -> _T:
        try:
            return task(*args)
        except ConflictEventsError as exc:
            carrier = RemoteError.wrap(exc)
        # Raised outside the handler: distributed pickles an error's context too, and ours would not unpickle.
        raise carrier

    return run


@carry_errors
def extract_task(chunk: Chunk, backend: str, expected: tuple[tuple[str, str], ...]) -> ChunkResult:
    """Extract one chunk with this worker's extractor (a task; the result stays on the worker).

    Args:
        chunk: The records.
        backend: The NLP backend name.
        expected: The client's :func:`environment`, as items.

    Raises:
        BackendNotAvailableError: This worker's environment differs from the client's.
    """
    from distributed import get_worker

    from conflict_events.batch import process_chunk

    # Workers that joined after the start were not checked by check_workers.
    compare_environment(dict(expected), environment(), get_worker().address)
    extractor = worker_extractor(backend)
    # Extractors are not promised to be thread-safe; threads of one process share one core anyway.
    with _EXTRACT_LOCK:
        return process_chunk(chunk, extractor)


def ids_task(result: ChunkResult) -> tuple[str, ...]:
    """Return the event ids of an extracted chunk, in row order (all the client needs to decide)."""
    return tuple(result.events["event_id"].astype(object))


@carry_errors
def commit_task(result: ChunkResult, root: str, job: str, stored_events: frozenset[str],
                 stored_records: frozenset[str]) -> CommitReport:
    """Validate and append one chunk to the dataset (a task, run where the result is).

    Args:
        result: The extracted chunk.
        root: The dataset directory (absolute; the same path on every worker).
        job: The run's token (one dataset snapshot per worker and run).
        stored_events: The chunk's event ids already stored or written by an earlier chunk.
        stored_records: The chunk's record keys already in the documents table.

    Returns:
        What was appended.
    """
    from conflict_events.dataset import KnownIds

    opened = _job_committer(root, job)
    with _COMMIT_LOCK:  # the committer's id sets are set per chunk
        opened.committer.known = KnownIds(events=set(stored_events), rejects=set(opened.stored_rejects),
                                          records=set(stored_records))
        return opened.committer.commit(result)


def environment() -> dict[str, str]:
    """Return what decides the rows this process extracts: the extractor version and gazetteer index.

    Two processes with the same environment give the same rows (and event_ids) for the same
    document; the Dask engine checks that every worker's matches the client's.
    """
    from conflict_events.events import extractor_version
    from conflict_events.geo import cache

    explicit = os.environ.get(cache.INDEX_ENV)
    geonames = cache.geonames_index_path()
    if explicit or geonames.is_file():
        index = Path(explicit).expanduser() if explicit else geonames
        size = index.stat().st_size if index.is_file() else "missing"
        described = f"{index.name} ({size} bytes)"
    else:
        described = cache.default_index_path().name  # named by a digest of the packages it is built from
    return {"extractor version": extractor_version(), "gazetteer index": described}


def probe(root: str, name: str) -> str | None:
    """On a worker: return None when the dataset directory is shared and writable, else why not."""
    folder = Path(root)
    if not (folder / name).is_file():
        return f"cannot see {folder / name} (written by the client)"
    mine = folder / f".probe-{uuid.uuid4().hex}"
    try:
        mine.write_bytes(b"")
        mine.unlink()
    except OSError as exc:
        return f"cannot write in {folder}: {exc.strerror or exc}"
    return None


def check_worker(root: str, name: str) -> tuple[str | None, dict[str, str]]:
    """Return :func:`probe` of the dataset directory and this worker's :func:`environment`."""
    return probe(root, name), environment()


def recover(root: str) -> None:
    """Repair the dataset on this host: remove hidden temp files of writers that died."""
    from conflict_events.dataset import open_dataset

    open_dataset(root)


@lru_cache(maxsize=1)
def _plugin_class() -> type:
    distributed = require_distributed()

    class ExtractorPlugin(distributed.WorkerPlugin):  # type: ignore[misc, name-defined]
        """Builds the extractor (and the gazetteer index, if missing) when a worker joins."""

        idempotent = True

        def __init__(self, backend: str) -> None:
            self.backend = backend

        async def setup(self, worker: Any) -> None:
            import asyncio

            # Off the event loop: building the gazetteer index on a fresh machine takes seconds.
            await asyncio.get_running_loop().run_in_executor(None, carry_errors(worker_extractor), self.backend)

    return ExtractorPlugin


def extractor_plugin(backend: str) -> Any:
    """Return a ``distributed.WorkerPlugin`` that builds the extractor on every worker, once.

    Registered by :func:`convert`; workers that join later (or restart after a crash) run it
    when they start.

    Args:
        backend: The NLP backend name.
    """
    return _plugin_class()(backend)


def compare_environment(client: dict[str, str], worker: dict[str, str], where: str) -> None:
    """Raise when a worker's :func:`environment` differs from the client's.

    Raises:
        BackendNotAvailableError: Naming the worker, the difference and how to fix it.
    """
    for key, value in client.items():
        if worker.get(key) != value:
            raise BackendNotAvailableError(
                "dask", f"pip install 'conflict-events[dask]=={client['extractor version']}' and the same gazetteer "
                        "index (conflict-events gazetteer info) on every worker",
                detail=f"worker {where} has {key} {worker.get(key)!r}, the client {value!r}, so its event rows "
                       "would differ")


__all__ = [
    "DASK_INSTALL",
    "RemoteError",
    "carry_errors",
    "check_worker",
    "commit_task",
    "compare_environment",
    "environment",
    "extract_task",
    "extractor_builds",
    "extractor_plugin",
    "ids_task",
    "probe",
    "recover",
    "require_distributed",
    "worker_extractor",
]
