"""Batch conversion as a library: counts add up, appends are idempotent, resume, workers agree."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from conflict_events.batch import (
    Chunk,
    Committer,
    chunk_records,
    convert,
    process_chunk,
    worker_extractor,
)
from conflict_events.dataset import read_dataset, read_documents_table, read_rejects
from conflict_events.documents import InputRecord, expand_inputs, iter_records
from conflict_events.integrity import validate_dataset
from conflict_events.model import Document
from conflict_events.pipeline import DocumentResult

STORIES = (
    ("k1", "2021-03-09", "KADUNA - Gunmen killed four farmers in a village near Kaduna on Monday, police said."),
    ("k2", "2021-03-09", "Police fired tear gas to disperse protesters in Nairobi on Monday, witnesses said."),
    ("k3", "2021-03-09", "The central bank held its interest rate steady on Tuesday, citing slower inflation."),
    ("k4", "2020-06-02", "Soldiers clashed with Al Shabaab militants near Kismayo on Sunday, killing three."),
    ("k5", "2019-11-20", "Military aircraft struck rebel positions near Idlib on Tuesday, killing six fighters."),
)


def _write_corpus(folder: Path, copies: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for copy in range(copies):
        for doc_id, date, text in STORIES:
            lines.append(json.dumps({"id": f"{doc_id}-{copy}", "date": date, "text": text}))
    lines.insert(2, '{"id": "broken", "text": ')
    (folder / "wires.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "note.txt").write_text("date 2021-03-09\nRioters looted shops in Kisumu on Monday, police said.\n")
    return folder


def _sorted_events(path: Path) -> pd.DataFrame:
    return read_dataset(path).sort_values("event_id").reset_index(drop=True)


def test_batch_counts_add_up_and_output_validates(tmp_path: Path) -> None:
    """Every record is events, no event or rejected; the documents table has one row per record."""
    corpus = _write_corpus(tmp_path / "in")
    report = convert([corpus], tmp_path / "ds", workers=1)
    assert report.records == 7 == report.with_events + report.no_event + report.rejected + report.skipped
    assert (report.rejected, report.skipped, report.files) == (1, 0, 2)
    assert report.no_event >= 1 and report.with_events >= 4
    documents = read_documents_table(tmp_path / "ds")
    assert len(documents) == 7 and documents["record_key"].is_unique
    assert int(documents["events"].sum()) == report.events == len(read_dataset(tmp_path / "ds"))
    rejected = documents[documents["status"] == "rejected"]
    assert rejected[["line", "reason"]].astype(object).values.tolist() == [[3, "malformed_record"]]
    assert not report.complete
    assert validate_dataset(tmp_path / "ds").ok


def test_batch_rerun_adds_nothing(tmp_path: Path) -> None:
    """Converting the same input twice writes no new row in any table."""
    corpus = _write_corpus(tmp_path / "in")
    convert([corpus], tmp_path / "ds", workers=1)
    before = sorted(p.relative_to(tmp_path / "ds") for p in (tmp_path / "ds").rglob("*.parquet"))
    again = convert([corpus], tmp_path / "ds", workers=1)
    after = sorted(p.relative_to(tmp_path / "ds") for p in (tmp_path / "ds").rglob("*.parquet"))
    assert again.written == 0 and again.duplicates == again.events > 0
    assert before == after
    assert len(read_documents_table(tmp_path / "ds")) == 7 and len(read_rejects(tmp_path / "ds")) == 1


def test_batch_resume_skips_finished_records(tmp_path: Path) -> None:
    """With resume, records in the documents table are counted as skipped and not processed again."""
    corpus = _write_corpus(tmp_path / "in")
    first = convert([corpus], tmp_path / "ds", workers=1)
    resumed = convert([corpus], tmp_path / "ds", workers=1, resume=True)
    assert (resumed.records, resumed.skipped, resumed.documents, resumed.events) == (7, 7, 0, 0)
    assert resumed.skipped_flagged == 1 and not resumed.complete  # the malformed line is still a reject
    assert first.events == len(read_dataset(tmp_path / "ds"))


def test_batch_chunking_does_not_change_the_rows(tmp_path: Path) -> None:
    """Chunk size changes the files, never the rows or their ids."""
    corpus = _write_corpus(tmp_path / "in", copies=3)
    convert([corpus], tmp_path / "a", workers=1, chunk_size=1)
    convert([corpus], tmp_path / "b", workers=1, chunk_size=1000)
    pd.testing.assert_frame_equal(_sorted_events(tmp_path / "a"), _sorted_events(tmp_path / "b"))
    documents_a = read_documents_table(tmp_path / "a")
    pd.testing.assert_frame_equal(documents_a, read_documents_table(tmp_path / "b"))


def test_batch_two_workers_write_the_same_dataset_as_one(tmp_path: Path) -> None:
    """Worker processes give the same rows, ids and files as one process."""
    corpus = _write_corpus(tmp_path / "in", copies=4)
    one = convert([corpus], tmp_path / "one", workers=1, chunk_size=3)
    two = convert([corpus], tmp_path / "two", workers=2, chunk_size=3)
    assert (one.workers, two.workers) == (1, 2)
    pd.testing.assert_frame_equal(_sorted_events(tmp_path / "one"), _sorted_events(tmp_path / "two"))
    files = [sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
             for root in (tmp_path / "one", tmp_path / "two")]
    assert files[0] == files[1]


def test_batch_process_chunk_is_pure(tmp_path: Path) -> None:
    """The same chunk gives the same result twice, and reads or writes no file."""
    corpus = _write_corpus(tmp_path / "in")
    [chunk] = list(chunk_records(iter_records(expand_inputs([corpus])), 100))
    before = sorted(tmp_path.rglob("*"))
    first = process_chunk(chunk, worker_extractor("rules"))
    second = process_chunk(chunk, worker_extractor("rules"))
    assert sorted(tmp_path.rglob("*")) == before
    pd.testing.assert_frame_equal(first.events, second.events)
    assert first.documents == second.documents and first.rejects == second.rejects
    assert [s.record_key for s in first.documents] == [r.key for r in chunk.records]


class _Exploding:
    """An extractor that fails on one document and works on the others."""

    def __init__(self, bad: str) -> None:
        self.bad = bad
        self.inner = worker_extractor("rules")

    def run(self, document: Document) -> DocumentResult:
        if document.doc_id == self.bad:
            raise RuntimeError("tokenizer exploded")
        return self.inner.run(document)

    def run_many(self, documents: list[Document]):
        for document in documents:
            yield self.run(document)


def test_batch_a_document_that_breaks_the_extractor_is_one_reject(tmp_path: Path) -> None:
    """An exception on one document rejects that record (extraction_failed); its neighbours still convert."""
    corpus = _write_corpus(tmp_path / "in")
    [chunk] = list(chunk_records(iter_records(expand_inputs([corpus])), 100))
    result = process_chunk(chunk, _Exploding("k2-0"))  # type: ignore[arg-type]
    statuses = {s.doc_id: s for s in result.documents}
    assert statuses["k2-0"].status == "rejected" and statuses["k2-0"].reason == "extraction_failed"
    assert statuses["k1-0"].status == "events"
    failed = [r for r in result.rejects if r.reason.value == "extraction_failed"]
    assert len(failed) == 1 and "tokenizer exploded" in failed[0].detail and failed[0].line is not None


def test_batch_commit_is_idempotent_and_corrects_invalid_rows(tmp_path: Path) -> None:
    """Committing a chunk twice adds nothing; an event row failing the schema moves its record to rejected."""
    corpus = _write_corpus(tmp_path / "in")
    [chunk] = list(chunk_records(iter_records(expand_inputs([corpus])), 100))
    result = process_chunk(chunk, worker_extractor("rules"))
    broken = result.events.copy()
    target = broken["doc_id"].astype(object).tolist().index("k1-0")
    broken["fatalities"] = broken["fatalities"].astype("Int64")
    broken.loc[target, "fatalities"] = -4
    committer = Committer(tmp_path / "ds")
    first = committer.commit(replace(result, events=broken))
    second = Committer(tmp_path / "ds").commit(replace(result, events=broken))
    assert first.invalid == 1 and first.written == len(broken) - 1
    assert (second.written, second.invalid) == (0, 1)
    documents = read_documents_table(tmp_path / "ds").set_index("doc_id")
    assert len(documents) == len(chunk.records)
    k1 = documents.loc["k1-0"]
    assert (k1["status"], k1["reason"]) == ("rejected", "invalid_value")
    rejects = read_rejects(tmp_path / "ds")
    assert (rejects["reason"] == "invalid_value").sum() == 1
    assert validate_dataset(tmp_path / "ds").ok


def test_batch_chunks_are_numbered_and_bounded() -> None:
    """chunk_records numbers chunks from 0 and never exceeds the size."""
    records = [InputRecord(key=str(i), source="s", line=i, item=Document(text="x", doc_id=str(i))) for i in range(7)]
    chunks = list(chunk_records(records, 3))
    assert [(c.index, len(c.records)) for c in chunks] == [(0, 3), (1, 3), (2, 1)]
    assert isinstance(chunks[0], Chunk)
    with pytest.raises(ValueError, match="chunk size"):
        list(chunk_records(records, 0))


def test_batch_on_commit_sees_running_totals(tmp_path: Path) -> None:
    """The progress callback gets each chunk and totals that grow to the final report."""
    corpus = _write_corpus(tmp_path / "in", copies=2)
    seen: list[tuple[int, int]] = []
    report = convert([corpus], tmp_path / "ds", workers=1, chunk_size=4,
                     on_commit=lambda commit, totals: seen.append((commit.records, totals.documents)))
    assert [s[0] for s in seen] == [4, 4, 4]
    assert [s[1] for s in seen] == [4, 8, 12] and report.documents == 12
    assert os.path.isdir(tmp_path / "ds" / "_documents")


def test_batch_any_parquet_reader_sees_only_events(tmp_path: Path) -> None:
    """pyarrow.dataset on the dataset folder reads the events alone: side tables live in "_" folders."""
    import pyarrow.dataset as pads

    corpus = _write_corpus(tmp_path / "in", copies=1)
    convert([corpus], tmp_path / "ds", workers=1)
    table = pads.dataset(tmp_path / "ds", format="parquet", partitioning="hive").to_table(use_threads=False)
    events = read_dataset(tmp_path / "ds")
    assert table.num_rows == len(events) > 0
    assert set(table.column("event_id").to_pylist()) == set(events["event_id"])


def test_batch_dataset_of_the_first_layout_is_moved_on_open(tmp_path: Path) -> None:
    """A dataset written with "documents/" and "rejects/" folders is read, and moved, as before."""
    corpus = _write_corpus(tmp_path / "in", copies=1)
    convert([corpus], tmp_path / "ds", workers=1)
    expected = read_documents_table(tmp_path / "ds")
    os.rename(tmp_path / "ds" / "_documents", tmp_path / "ds" / "documents")
    pd.testing.assert_frame_equal(read_documents_table(tmp_path / "ds"), expected)
    assert os.path.isdir(tmp_path / "ds" / "_documents") and not os.path.exists(tmp_path / "ds" / "documents")
