"""The other commands through ``conflict_events.cli.main``: extract, validate, stats, export, models."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conflict_events.batch import convert
from conflict_events.cli import main
from conflict_events.codebook import ACLED_COLUMNS, PROVENANCE_COLUMNS
from conflict_events.dataset import event_files, read_dataset, read_events_file

STORY = ("date 2021-03-09\nKADUNA - Gunmen killed four farmers in a village near Kaduna on Monday, police said. "
         "Troops later clashed with the attackers near Kachia, killing two of them.\n")
WIRES = (
    ("w1", "2020-06-02", "Police fired tear gas to disperse protesters in Nairobi on Monday, witnesses said."),
    ("w2", "2019-11-20", "Military aircraft struck rebel positions near Idlib on Tuesday, killing six fighters."),
    ("w3", "2021-03-09", "Soldiers clashed with Al Shabaab militants near Kismayo on Monday, killing three."),
    ("w4", "2021-03-09", "The central bank held its interest rate steady on Tuesday, citing slower inflation."),
)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small converted dataset with events in three years and one rejected record."""
    root = tmp_path_factory.mktemp("cmd")
    lines = [json.dumps({"id": i, "date": d, "text": t}) for i, d, t in WIRES] + ['{"id": "cut", "text": ']
    (root / "wires.jsonl").write_text("\n".join(lines) + "\n")
    (root / "kaduna.txt").write_text(STORY)
    convert([root / "wires.jsonl", root / "kaduna.txt"], root / "ds", workers=1)
    return root / "ds"


def test_cli_extract_prints_a_table_and_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """extract FILE shows one line per event with its evidence; --format jsonl gives the full rows."""
    story = tmp_path / "kaduna.txt"
    story.write_text(STORY)
    assert main(["extract", str(story)]) == 0
    table = capsys.readouterr().out
    assert "Attack" in table and "Armed clash" in table and "Kaduna" in table
    assert "evidence [0:" in table
    assert main(["extract", str(story), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["sub_event_type"] for r in rows} >= {"Attack", "Armed clash"}
    assert all(STORY.split("\n", 1)[1][r["evidence_start"]:r["evidence_end"]] == r["evidence"] for r in rows)


def test_cli_extract_reads_stdin_with_a_date_option(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """extract - reads standard input; --published dates it; csv output uses ACLED's column order."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("Gunmen killed four farmers near Kaduna on Monday."))
    assert main(["extract", "-", "--published", "2021-03-09", "--format", "csv"]) == 0
    reader = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert reader.fieldnames == [*ACLED_COLUMNS, *PROVENANCE_COLUMNS]
    [row] = list(reader)
    assert (row["event_date"], row["fatalities"], row["published"]) == ("2021-03-08", "4", "2021-03-09")


def test_cli_extract_missing_file_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is a usage error naming it."""
    assert main(["extract", str(tmp_path / "none.txt")]) == 1
    assert "none.txt: unreadable_file: no such file" in capsys.readouterr().err


def test_cli_validate_reports_problems_per_row(dataset: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A valid dataset exits 0; a bad row and a changed file are listed with file and row, exit 2."""
    assert main(["validate", str(dataset)]) == 0
    assert "valid" in capsys.readouterr().err
    broken = tmp_path / "broken"
    convert([dataset.parent / "wires.jsonl", dataset.parent / "kaduna.txt"], broken, workers=1)
    file = event_files(broken)[0]
    table = read_events_file(file).drop_columns(["year"])
    position = table.schema.get_field_index("sub_event_type")
    table = table.set_column(position, "sub_event_type", pa.array(["Picnic"] * table.num_rows))
    pq.write_table(table, file)
    assert main(["validate", str(broken), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    relative = file.relative_to(broken).as_posix()
    checks = {(p["file"], p["row"], p["check"]) for p in report["listed"]}
    assert (relative, None, "checksum") in checks
    assert any(f == relative and r == 1 and c.startswith("isin") for f, r, c in checks)


def test_cli_stats_counts_and_chart(dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """stats counts events by type, country and month; --chart writes a PNG."""
    chart = tmp_path / "months.png"
    assert main(["stats", str(dataset), "--json", "--chart", str(chart)]) == 0
    figures = json.loads(capsys.readouterr().out)
    events = read_dataset(dataset)
    assert figures["events"] == len(events) == sum(r["events"] for r in figures["by_event_type"])
    assert figures["fatalities"] == int(events["fatalities"].sum())
    assert {r["name"] for r in figures["by_month"]} == set(pd.to_datetime(events["event_date"]).dt.strftime("%Y-%m"))
    assert figures["documents"] == {"events": 4, "no_event": 1, "rejected": 1}
    assert figures["rejects"] == {"malformed_record": 1}
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_stats_chart_without_matplotlib_names_the_extra(dataset: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Without matplotlib, --chart fails with one line naming the plot extra; the table still prints."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert main(["stats", str(dataset), "--chart", str(tmp_path / "x.png")]) == 1
    captured = capsys.readouterr()
    assert "conflict-events[plot]" in captured.err and "events" in captured.out
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_cli_export_writes_acled_column_order(dataset: Path, tmp_path: Path, fmt: str) -> None:
    """export writes every event with ACLED's columns first, then provenance, in any format."""
    out = tmp_path / f"events.{fmt}"
    assert main(["export", str(dataset), "--format", fmt, "--out", str(out)]) == 0
    if fmt == "csv":
        back = pd.read_csv(out, dtype=str, keep_default_na=False)
    elif fmt == "jsonl":
        back = pd.DataFrame([json.loads(line) for line in out.read_text().splitlines()])
    else:
        back = pd.read_excel(out, dtype=str)
    assert list(back.columns) == [*ACLED_COLUMNS, *PROVENANCE_COLUMNS]
    events = read_dataset(dataset)
    assert sorted(back["event_id"]) == sorted(events["event_id"])
    assert list(back["event_date"].astype(str).str[:10]) == sorted(events["event_date"].astype(str))


def test_cli_export_unknown_dataset_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exporting a missing dataset is a one-line error."""
    assert main(["export", str(tmp_path / "none"), "--format", "csv", "--out", str(tmp_path / "x.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_cli_models_info_lists_every_backend(capsys: pytest.CaptureFixture[str]) -> None:
    """models info reports rules, stanza and spaCy with where models were looked for."""
    code = main(["models", "info", "--json"])
    backends = json.loads(capsys.readouterr().out)
    assert [b["backend"] for b in backends] == ["stanza", "spacy"]
    assert code == (0 if all(b["ready"] for b in backends) else 2)
    assert all(b["searched"] for b in backends)
    main(["models", "info"])
    text = capsys.readouterr().out
    assert text.startswith("rules: built in") and "looked in:" in text


def test_cli_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """--help lists the commands and exits 0."""
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    for command in ("convert", "extract", "validate", "stats", "export", "publish", "models"):
        assert command in text


def test_cli_convert_engine_dask_writes_the_local_engines_rows(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """--engine dask (a local cluster here) gives the same rows as the local engine; --scheduler needs it."""
    corpus = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    assert main(["convert", str(corpus), "--out", str(tmp_path / "local"), "--workers", "1"]) == 0
    assert main(["convert", str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask", "--workers", "1"]) == 0
    pd.testing.assert_frame_equal(read_dataset(tmp_path / "dask"), read_dataset(tmp_path / "local"))
    capsys.readouterr()
    assert main(["convert", str(corpus), "--out", str(tmp_path / "x"), "--scheduler", "tcp://nowhere:8786"]) == 1
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
