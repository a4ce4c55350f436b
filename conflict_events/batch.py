"""Corpus -> dataset: the batch job behind ``conflict-events convert``.

The job is made of three pieces that any engine can drive (the local process pool here, a
distributed engine elsewhere):

1. **Enumerate.** :func:`conflict_events.documents.expand_inputs` and
   :func:`conflict_events.documents.iter_records` list every input record in a deterministic
   order, each with a stable key; :func:`chunk_records` groups them into numbered chunks.
2. **Process.** :func:`process_chunk` turns one chunk into a :class:`ChunkResult`: an events
   frame, one :class:`DocumentStatus` per record and the rejects. It is pure (no I/O; the
   same chunk always gives the same result), so chunks can run anywhere, in any order.
   Workers get their extractor from :func:`worker_extractor`, built once per process.
3. **Commit.** :class:`Committer` appends chunk results to the dataset, each an atomic and
   idempotent append: events and rejects first, then the records' rows in the ``documents``
   table, which mark the chunk done. A crash in between leaves events whose records are not
   marked; resuming redoes those records and their event_ids dedupe, so nothing is doubled.
   Commit chunks in index order to get the same files for any number of workers.

:func:`convert` runs all three with a bounded window of chunks in flight (memory stays flat
whatever the corpus size) and returns a :class:`ConvertReport` whose counts add up to the
number of input records.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from conflict_events.dataset import (
    DOCUMENTS_DIR,
    KnownIds,
    open_dataset,
    read_parquet_file,
    write_dataset,
    write_documents,
)
from conflict_events.dataset_files import table_files_under
from conflict_events.documents import MAX_CHARS, FieldMap, InputRecord, expand_inputs, iter_records
from conflict_events.errors import RejectReason
from conflict_events.events import to_frame
from conflict_events.model import Document, Event, Reject

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from conflict_events.pipeline import DocumentResult, Extractor

#: Records per chunk: the unit of work for a worker and of one atomic append.
DEFAULT_CHUNK_SIZE: Final = 250


@dataclass(frozen=True, slots=True, kw_only=True)
class Chunk:
    """A numbered run of consecutive input records.

    Attributes:
        index: 0-based position of the chunk in the job.
        records: The records, in input order.
    """

    index: int
    records: tuple[InputRecord, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentStatus:
    """What became of one input record: a row of the dataset's ``documents`` table.

    Attributes:
        record_key: The record's stable key.
        doc_id: The document id (None for a record that never became a document).
        source: Input file.
        line: Line or record number in ``source``.
        status: ``"events"``, ``"no_event"`` or ``"rejected"``.
        events: Event rows kept for it.
        reason: Why the record, or part of it, is in the rejects table (a
            :class:`~conflict_events.errors.RejectReason` value); None when nothing was.
    """

    record_key: str
    doc_id: str | None
    source: str
    line: int | None
    status: str
    events: int = 0
    reason: str | None = None

    def to_row(self) -> dict[str, Any]:
        """Return the row for :data:`conflict_events.dataset.DOCUMENT_SCHEMA`."""
        return {"record_key": self.record_key, "doc_id": self.doc_id, "source": self.source, "line": self.line,
                "status": self.status, "events": self.events, "reason": self.reason}


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ChunkResult:
    """What :func:`process_chunk` made of one chunk.

    Attributes:
        index: The chunk's index.
        events: Event rows with the schema's columns and dtypes, in record order.
        documents: One status per record of the chunk, in record order.
        rejects: Records that could not be read and events that could not be kept.
        words: Words in the chunk's documents (for throughput figures).
    """

    index: int
    events: pd.DataFrame = field(repr=False)
    documents: tuple[DocumentStatus, ...]
    rejects: tuple[Reject, ...] = ()
    words: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitReport:
    """What :meth:`Committer.commit` appended for one chunk.

    Attributes:
        index: The chunk's index.
        records: Records in the chunk (= with_events + no_event + rejected).
        with_events: Records that gave at least one event row.
        no_event: Documents with no event.
        rejected: Records that could not be used at all.
        flagged: Records with events or no event that still lost something to the rejects
            table (an event without a date, an invalid row).
        events: Event rows extracted.
        written: Event rows new to the dataset.
        duplicates: Event rows already there.
        invalid: Event rows that failed the schema (kept as rejects).
        rejects: The chunk's read and extraction rejects.
        words: Words in the chunk's documents.
    """

    index: int
    records: int
    with_events: int
    no_event: int
    rejected: int
    flagged: int
    events: int
    written: int
    duplicates: int
    invalid: int
    rejects: tuple[Reject, ...] = field(default=(), repr=False)
    words: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ConvertReport:
    """What :func:`convert` did. ``records == with_events + no_event + rejected + skipped``.

    A record counts once: as events, no event, rejected, or (on resume) skipped.

    Attributes:
        path: The dataset directory.
        files: Input files read.
        workers: Worker processes used (1: in this process).
        records: Input records read.
        skipped: Records already finished in the dataset (``resume=True``), not redone.
        skipped_flagged: Skipped records that have rows in the rejects table.
        with_events: Records that gave at least one event row.
        no_event: Documents with no event.
        rejected: Records that could not be used at all (see the rejects table).
        flagged: Records with events or no event that still lost something to the rejects
            table (an event without a date, an invalid row).
        events: Event rows extracted.
        written: Event rows new to the dataset.
        duplicates: Event rows that were already in the dataset.
        invalid: Event rows that failed the schema.
        reasons: Reject counts by reason (this run).
        words: Words in the documents processed.
        seconds: Wall-clock time.
    """

    path: str
    files: int
    workers: int
    records: int
    skipped: int
    skipped_flagged: int
    with_events: int
    no_event: int
    rejected: int
    flagged: int
    events: int
    written: int
    duplicates: int
    invalid: int
    reasons: tuple[tuple[str, int], ...] = ()
    words: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        """Records processed in this run (not skipped)."""
        return self.with_events + self.no_event + self.rejected

    @property
    def complete(self) -> bool:
        """True when every record gave events or no event and nothing went to the rejects table."""
        return not (self.rejected or self.flagged or self.invalid or self.skipped_flagged)

    def summary(self) -> str:
        """Return a one-line summary whose record counts add up to :attr:`records`."""
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        parts = [f"{self.records} records: {self.with_events} with events, {self.no_event} without, "
                 f"{self.rejected} rejected"]
        if self.skipped:
            parts[0] += f", {self.skipped} already done"
            if self.skipped_flagged:
                parts[0] += f" ({self.skipped_flagged} of them with rejects)"
        parts.append(f"{self.events} events ({self.written} new, {self.duplicates} already present"
                     f"{f', {self.invalid} invalid' if self.invalid else ''})")
        if self.flagged:
            parts.append(f"{self.flagged} records with rejected parts")
        parts.append(f"{self.seconds:.1f} s, {rate:.0f} docs/s, {self.workers} worker(s)")
        return "; ".join(parts)


# Enumerate.


def chunk_records(records: Iterable[InputRecord], size: int = DEFAULT_CHUNK_SIZE) -> Iterator[Chunk]:
    """Group records into consecutive numbered chunks of ``size`` (the last may be shorter).

    Raises:
        ValueError: ``size`` is not positive.
    """
    if size < 1:
        raise ValueError(f"chunk size must be >= 1, got {size}")
    iterator = iter(records)
    for index in range(1 << 62):
        batch = tuple(islice(iterator, size))
        if not batch:
            return
        yield Chunk(index=index, records=batch)


# Process.


@lru_cache(maxsize=4)
def worker_extractor(backend: str | None = None) -> Extractor:
    """Return this process's extractor for ``backend``, built once and reused for every chunk.

    Args:
        backend: ``"rules"``, ``"stanza"``, ``"spacy"`` or None for the default.
    """
    from conflict_events.pipeline import Extractor

    return Extractor(backend)


def _extract_all(extractor: Extractor, documents: Sequence[Document]) -> list[DocumentResult | Exception]:
    """Run the documents through the extractor; a document that makes it fail gets the exception."""
    try:
        results: list[DocumentResult | Exception] = list(extractor.run_many(documents))
        if len(results) == len(documents):
            return results
    except Exception:  # isolated below, one document at a time
        pass
    isolated: list[DocumentResult | Exception] = []
    for document in documents:
        try:
            isolated.append(extractor.run(document))
        except Exception as exc:  # a failing document becomes a reject; the batch goes on
            isolated.append(exc)
    return isolated


def process_chunk(chunk: Chunk, extractor: Extractor) -> ChunkResult:
    """Extract the events of one chunk of records. Pure: no files are read or written.

    Args:
        chunk: The records (documents, or rejects from reading).
        extractor: The pipeline to run (see :func:`worker_extractor`).

    Returns:
        The events, one status per record (in record order) and the rejects.
    """
    documents = [r.item for r in chunk.records if isinstance(r.item, Document)]
    outcomes = iter(_extract_all(extractor, documents))
    statuses: list[DocumentStatus] = []
    rejects: list[Reject] = []
    events: list[Event] = []
    words = 0
    for record in chunk.records:
        item = record.item
        if isinstance(item, Reject):
            rejects.append(item)
            statuses.append(DocumentStatus(record_key=record.key, doc_id=item.doc_id, source=record.source,
                                           line=record.line, status="rejected", reason=item.reason.value))
            continue
        words += len(item.text.split())
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            reject = Reject(stage="extract", reason=RejectReason.EXTRACTION_FAILED,
                            detail=f"the extractor failed: {type(outcome).__name__}: {outcome}"[:2000],
                            source=record.source, line=record.line, doc_id=item.doc_id)
            rejects.append(reject)
            statuses.append(DocumentStatus(record_key=record.key, doc_id=item.doc_id, source=record.source,
                                           line=record.line, status="rejected", reason=reject.reason.value))
            continue
        events.extend(outcome.events)
        extra = [replace(r, source=record.source, line=record.line) for r in outcome.rejects]
        rejects.extend(extra)
        statuses.append(DocumentStatus(
            record_key=record.key, doc_id=item.doc_id, source=record.source, line=record.line,
            status="events" if outcome.events else "no_event", events=len(outcome.events),
            reason=extra[0].reason.value if extra else None,
        ))
    return ChunkResult(index=chunk.index, events=to_frame(events), documents=tuple(statuses),
                       rejects=tuple(rejects), words=words)


# Commit.


class Committer:
    """Appends chunk results to one dataset, atomically and idempotently, and knows what is done.

    Opening reads the ids already stored once (events, rejects, record keys); every commit
    keeps them current, so appending stays cheap however large the dataset grows.
    """

    __slots__ = ("_flagged", "known", "root")

    def __init__(self, path: str | Path) -> None:
        """Open (or create) the dataset at ``path``.

        Raises:
            DatasetError: The path cannot be used as a dataset.
        """
        self.root = open_dataset(path, create=True)
        self.known = KnownIds.load(self.root)
        self._flagged: set[str] = set()
        for file in table_files_under(self.root / DOCUMENTS_DIR):
            table = read_parquet_file(file, ["record_key", "reason"])
            keys, reasons = table.column("record_key").to_pylist(), table.column("reason").to_pylist()
            self._flagged.update(k for k, r in zip(keys, reasons, strict=True) if r is not None)

    def is_done(self, key: str) -> bool:
        """Whether the record with this key is already in the documents table."""
        return key in self.known.records

    def is_flagged(self, key: str) -> bool:
        """Whether a finished record left something in the rejects table."""
        return key in self._flagged

    def commit(self, result: ChunkResult) -> CommitReport:
        """Append one chunk: events and rejects first, then its rows of the documents table.

        Rows already in the dataset are skipped, so committing the same result twice adds
        nothing. Event rows that fail the schema go to the rejects table and the statuses of
        their records are corrected.

        Args:
            result: A result of :func:`process_chunk`.

        Returns:
            What was appended.
        """
        write = write_dataset(result.events, self.root, extra_rejects=result.rejects, known=self.known)
        statuses = _correct_statuses(result.documents, result.events, write.failures)
        write_documents(self.root, [s.to_row() for s in statuses], known=self.known)
        self._flagged.update(s.record_key for s in statuses if s.reason is not None)
        counts = Counter(s.status for s in statuses)
        return CommitReport(
            index=result.index,
            records=len(statuses),
            with_events=counts["events"],
            no_event=counts["no_event"],
            rejected=counts["rejected"],
            flagged=sum(1 for s in statuses if s.status != "rejected" and s.reason is not None),
            events=len(result.events),
            written=write.written,
            duplicates=write.duplicates,
            invalid=write.rejected,
            rejects=result.rejects,
            words=result.words,
        )


def _correct_statuses(statuses: Sequence[DocumentStatus], events: pd.DataFrame,
                      failures: Sequence[Any]) -> list[DocumentStatus]:
    """Take event rows that failed the schema off their records' counts."""
    if not failures:
        return list(statuses)
    doc_ids = events["doc_id"].astype(object).tolist()
    invalid = Counter(doc_ids[row] for row in {f.row for f in failures})
    corrected = []
    for status in statuses:
        lost = min(invalid.pop(status.doc_id, 0), status.events)
        if lost:
            kept = status.events - lost
            status = replace(status, events=kept, status="events" if kept else "rejected",  # noqa: PLW2901
                             reason=RejectReason.INVALID_VALUE.value)
        corrected.append(status)
    return corrected


# Run.


def default_workers() -> int:
    """Return the number of CPU cores this process may use."""
    if hasattr(os, "process_cpu_count"):
        return max(1, os.process_cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _work(chunk: Chunk, backend: str) -> ChunkResult:
    return process_chunk(chunk, worker_extractor(backend))


def _watch_parent(pid: int) -> None:
    """End this worker as soon as process ``pid`` (the one that started the pool) is gone.

    A pool's workers hold both ends of its task queue, so a parent that was killed (SIGKILL,
    out of memory) never sends them the end-of-input they wait for; they, their fork server
    and resource tracker would otherwise live on.
    """
    import select
    import time

    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux >= 5.3: poll instead
        handle = None
    if handle is not None:
        select.select([handle], [], [])  # readable once the process has exited
    else:
        while True:
            time.sleep(0.5)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                continue
    os._exit(1)


def _start_worker(backend: str, parent: int) -> None:
    import signal
    import threading

    # Ctrl-C is the parent's to handle: it stops submitting, commits nothing half-done and exits.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()
    worker_extractor(backend)


def _process_pool(workers: int, backend: str) -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: workers start from a clean, single-threaded server process (never a fork of
    # this one, which may hold threads), and end with os._exit, so no interpreter teardown runs.
    context: Any
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server imports the pipeline once; every worker forked from it starts with it loaded.
        context.set_forkserver_preload(["__main__", "conflict_events.batch", "conflict_events.pipeline"])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(backend, os.getpid()))


def run_chunks(chunks: Iterable[Chunk], *, backend: str | None = None, workers: int = 1,
               on_start: Callable[[int], None] | None = None) -> Iterator[ChunkResult]:
    """Process chunks and yield their results in chunk order.

    With one worker, or when the input fits in one chunk, chunks run in this process.
    Otherwise a pool of worker processes runs them, with at most ``2 * workers`` chunks in
    flight, so memory stays bounded however long ``chunks`` is.

    Args:
        chunks: The chunks, in order (read lazily).
        backend: The NLP backend name (default: :func:`conflict_events.pipeline.default_backend`).
        workers: Worker processes to use.
        on_start: Called once with the number of workers actually used.

    Yields:
        One result per chunk, in the order of ``chunks``.
    """
    from conflict_events.pipeline import default_backend

    name = backend or default_backend()
    iterator = iter(chunks)
    head = list(islice(iterator, 2))
    if workers <= 1 or len(head) < 2:
        if on_start:
            on_start(1)
        extractor = worker_extractor(name)
        for chunk in chain(head, iterator):
            yield process_chunk(chunk, extractor)
        return
    if on_start:
        on_start(workers)
    pool = _process_pool(workers, name)
    pending: deque[Any] = deque()
    try:
        for chunk in chain(head, iterator):
            pending.append(pool.submit(_work, chunk, name))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def convert(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | Path,
    *,
    fields: FieldMap | None = None,
    backend: str | None = None,
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    resume: bool = False,
    max_chars: int = MAX_CHARS,
    on_commit: Callable[[CommitReport, ConvertReport], None] | None = None,
) -> ConvertReport:
    """Convert input files into an event dataset at ``out`` (appending; re-running adds nothing).

    Args:
        inputs: Files, folders (searched recursively) and glob patterns of ``.txt``,
            ``.jsonl[.gz]``, ``.csv`` and ``.parquet`` inputs.
        out: Dataset directory (created when missing).
        fields: Record field names.
        backend: NLP backend name (default: ``$CONFLICT_EVENTS_BACKEND`` or ``"rules"``).
        workers: Worker processes (default: every core this process may use).
        chunk_size: Records per chunk (one atomic append each).
        resume: Skip records the dataset's documents table already holds.
        max_chars: Largest document accepted, in characters.
        on_commit: Called after each chunk is committed with that chunk's report and the
            running totals (for progress displays).

    Returns:
        The report; ``records == with_events + no_event + rejected + skipped``.

    Raises:
        InputError: An input does not exist or a pattern matches nothing.
        DatasetError: ``out`` cannot be used as a dataset.
    """
    started = time.perf_counter()
    files = expand_inputs(inputs)
    committer = Committer(out)
    tally = Tally(path=str(committer.root), files=len(files))

    def records() -> Iterator[InputRecord]:
        for record in iter_records(files, fields, max_chars=max_chars):
            tally.records += 1
            if resume and committer.is_done(record.key):
                tally.skipped += 1
                tally.skipped_flagged += committer.is_flagged(record.key)
                continue
            yield record

    def started_with(count: int) -> None:
        tally.workers = count

    chunks = chunk_records(records(), chunk_size)
    for result in run_chunks(chunks, backend=backend, workers=workers or default_workers(), on_start=started_with):
        commit = committer.commit(result)
        tally.add(commit)
        if on_commit is not None:
            on_commit(commit, tally.report(time.perf_counter() - started))
    return tally.report(time.perf_counter() - started)


@dataclass(slots=True)
class Tally:
    """Running totals of a conversion (mutable; turned into a ConvertReport)."""

    path: str
    files: int
    workers: int = 1
    records: int = 0
    skipped: int = 0
    skipped_flagged: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, commit: CommitReport) -> None:
        """Count one committed chunk."""
        for name in ("with_events", "no_event", "rejected", "flagged", "events", "written", "duplicates", "invalid",
                     "words"):
            self.counts[name] += getattr(commit, name)
        self.reasons.update(r.reason.value for r in commit.rejects)
        if commit.invalid:
            self.reasons[RejectReason.INVALID_VALUE.value] += commit.invalid

    def report(self, seconds: float) -> ConvertReport:
        """Return the run's report after ``seconds`` of work."""
        c = self.counts
        return ConvertReport(
            path=self.path, files=self.files, workers=self.workers, records=self.records, skipped=self.skipped,
            skipped_flagged=self.skipped_flagged, with_events=c["with_events"], no_event=c["no_event"],
            rejected=c["rejected"], flagged=c["flagged"], events=c["events"], written=c["written"],
            duplicates=c["duplicates"], invalid=c["invalid"], reasons=tuple(sorted(self.reasons.items())),
            words=c["words"], seconds=seconds,
        )


__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "Chunk",
    "ChunkResult",
    "CommitReport",
    "Committer",
    "ConvertReport",
    "DocumentStatus",
    "Tally",
    "chunk_records",
    "convert",
    "default_workers",
    "process_chunk",
    "run_chunks",
    "worker_extractor",
]
