"""Batch inputs: files, folders and globs -> records with stable keys; every bad record a reject."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.documents import (
    FieldMap,
    InputRecord,
    expand_inputs,
    iter_records,
    read_documents,
    record_key,
)
from conflict_events.errors import InputError, RejectReason
from conflict_events.model import Document, Reject

STORY = "Gunmen killed four farmers in a village near Kaduna on Monday, police said."


def _reasons(records: list[InputRecord]) -> list[tuple[int | None, str | None]]:
    return [(r.line, r.item.reason.value if isinstance(r.item, Reject) else None) for r in records]


def test_documents_expand_folders_recursively_in_sorted_order(tmp_path: Path) -> None:
    """A folder is searched recursively; files come sorted by path; other suffixes and hidden files are left out."""
    for name in ("b/2.jsonl", "a/z.txt", "a/y.csv", "c.parquet", "notes.md", ".hidden/x.txt", "a/.x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in expand_inputs([tmp_path])]
    assert found == ["a/y.csv", "a/z.txt", "b/2.jsonl", "c.parquet"]


def test_documents_expand_globs_and_keeps_each_file_once(tmp_path: Path) -> None:
    """Glob patterns expand sorted; a file named twice (directly and by a pattern) is kept once, first place."""
    for name in ("w2.jsonl", "w1.jsonl", "w3.jsonl.gz"):
        (tmp_path / name).write_text("")
    found = expand_inputs([tmp_path / "w2.jsonl", str(tmp_path / "w*.jsonl*")])
    assert [p.name for p in found] == ["w2.jsonl", "w1.jsonl", "w3.jsonl.gz"]


def test_documents_expand_missing_input_names_it(tmp_path: Path) -> None:
    """A path that does not exist, or a pattern that matches nothing, is an error naming it."""
    with pytest.raises(InputError, match=r"nowhere\.jsonl: unreadable_file: no such file"):
        expand_inputs([tmp_path / "nowhere.jsonl"])
    with pytest.raises(InputError, match=r"\*.csv: unreadable_file: the pattern matches no file"):
        expand_inputs([str(tmp_path / "*.csv")])


def test_documents_jsonl_bad_lines_become_rejects_with_their_line(tmp_path: Path) -> None:
    """Malformed JSON, a missing text field, a bad date and bad bytes are rejects at their line; good lines read."""
    path = tmp_path / "wires.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"id": "a", "date": "2021-03-09", "text": STORY}).encode(),
        b'{"id": "b", "text": "cut off',
        b"",
        json.dumps({"id": "c", "headline": "no body"}).encode(),
        json.dumps({"id": "d", "date": "soon", "text": STORY}).encode(),
        b'{"id": "e", "text": "caf\xe9"}',
        json.dumps([1, 2]).encode(),
    ]) + b"\n")
    records = list(iter_records([path]))
    assert _reasons(records) == [(1, None), (2, "malformed_record"), (4, "missing_text"), (5, "unparseable_date"),
                                 (6, "bad_encoding"), (7, "malformed_record")]
    assert isinstance(records[0].item, Document) and records[0].item.doc_id == "a"
    assert all(r.item.source == str(path) for r in records if isinstance(r.item, Reject))


def test_documents_csv_bad_bytes_reject_one_row_and_the_rest_is_read(tmp_path: Path) -> None:
    """A CSV row with undecodable bytes is rejected alone; the rows after it are still documents."""
    path = tmp_path / "desk.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "text"])
        writer.writerow(["r1", "2021-03-09", STORY])
    with open(path, "ab") as handle:
        handle.write(b'r2,2021-03-09,"Protesters marched in Bogot\xe1."\r\n')
        handle.write(f'r3,2021-03-09,"{STORY}"\r\n'.encode())
    records = list(iter_records([path]))
    assert _reasons(records) == [(2, None), (3, "bad_encoding"), (4, None)]
    assert [r.item.doc_id for r in records if isinstance(r.item, Document)] == ["r1", "r3"]


def test_documents_gzip_truncated_file_is_one_reject_after_the_lines_read(tmp_path: Path) -> None:
    """A .jsonl.gz cut short keeps the records before the damage and ends with an unreadable_file reject."""
    path = tmp_path / "archive.jsonl.gz"
    whole = gzip.compress(b"".join(json.dumps({"id": f"d{i}", "text": STORY + " " * i}).encode() + b"\n"
                                   for i in range(400)))
    path.write_bytes(whole[: len(whole) // 2])
    records = list(iter_records([path]))
    *good, last = records
    assert good and all(isinstance(r.item, Document) for r in good)
    assert isinstance(last.item, Reject) and last.item.reason is RejectReason.UNREADABLE_FILE
    assert last.line == len(good) + 1


def test_documents_parquet_reads_records_and_rejects_a_broken_file(tmp_path: Path) -> None:
    """Parquet records become documents with record numbers; a file that is not Parquet is one reject."""
    good = tmp_path / "feed.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": [STORY, STORY + " Later."], "date": ["2021-03-09", None],
                             "extra": [1, 2]}), good)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    records = list(iter_records([good, broken]))
    assert [(r.line, getattr(r.item, "doc_id", None)) for r in records[:2]] == [(1, "p1"), (2, "p2")]
    assert records[1].item.published is None
    assert records[2].line is None and records[2].item.reason is RejectReason.UNREADABLE_FILE


def test_documents_size_limit_rejects_and_never_truncates(tmp_path: Path) -> None:
    """A document over max_chars is rejected as too_large, from a .txt file or a record."""
    (tmp_path / "long.txt").write_text("date 2021-03-09\n" + STORY * 10)
    (tmp_path / "wires.jsonl").write_text(json.dumps({"id": "x", "text": STORY * 10}) + "\n")
    records = list(iter_records(expand_inputs([tmp_path]), max_chars=200))
    assert [r.item.reason for r in records] == [RejectReason.TOO_LARGE, RejectReason.TOO_LARGE]


def test_documents_custom_fields_and_default_ids(tmp_path: Path) -> None:
    """Field names are configurable; a record without an id gets file:line."""
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"body": STORY, "when": "09/03/2021", "outlet": "Wire"}) + "\n")
    [record] = list(iter_records([path], FieldMap(text="body", id="uid", date="when", source="outlet")))
    assert isinstance(record.item, Document)
    assert (record.item.doc_id, str(record.item.published), record.item.source) == ("feed.jsonl:1", "2021-03-09",
                                                                                    "Wire")


def test_documents_record_keys_are_stable_and_distinct(tmp_path: Path) -> None:
    """Reading the same files twice gives the same keys; every record of a run has its own key."""
    path = tmp_path / "wires.jsonl"
    path.write_text("".join(json.dumps({"id": "same", "text": STORY}) + "\n" for _ in range(5)))
    first = [r.key for r in iter_records([path])]
    assert first == [r.key for r in iter_records([path])]
    assert len(set(first)) == 5
    assert first[0] == record_key(str(path), 1)


def test_documents_read_documents_keeps_its_old_interface(tmp_path: Path) -> None:
    """read_documents still yields Documents and Rejects, file by file."""
    (tmp_path / "a.txt").write_text(f"date 2021-03-09\n{STORY}\n")
    items = list(read_documents(tmp_path / "a.txt", tmp_path / "missing.jsonl"))
    assert isinstance(items[0], Document) and str(items[0].published) == "2021-03-09"
    assert isinstance(items[1], Reject) and items[1].reason is RejectReason.UNREADABLE_FILE


@given(texts=st.lists(st.one_of(st.text(max_size=60), st.none(), st.integers()), min_size=1, max_size=8))
def test_documents_any_record_is_a_document_or_a_reject(tmp_path_factory: pytest.TempPathFactory,
                                                         texts: list[object]) -> None:
    """Whatever the records hold, each one ends as exactly one Document or Reject, never an exception."""
    path = tmp_path_factory.mktemp("docs") / "any.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
                    encoding="utf-8", errors="surrogatepass")
    records = list(iter_records([path]))
    assert [r.line for r in records] == list(range(1, len(texts) + 1))
    for record, text in zip(records, texts, strict=True):
        if isinstance(text, str) and text.strip():
            assert isinstance(record.item, Document) and record.item.text == text
        else:
            assert isinstance(record.item, Reject) and record.item.reason is RejectReason.MISSING_TEXT
