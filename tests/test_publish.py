"""Publishing a dataset: Data Package, codebook and datasheet, checksums, changes between versions."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conflict_events.batch import convert
from conflict_events.cli import main
from conflict_events.codebook import EVENT_TYPES
from conflict_events.dataset import DOCUMENTS_DIR, EVENTS_DIR, REJECTS_DIR, event_files, read_dataset
from conflict_events.errors import DatasetError, ValidationError
from conflict_events.integrity import validate_dataset, verify_checksums
from conflict_events.publish import publish
from conflict_events.schema import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
WIRES = (
    ("p1", "2020-06-02", "Police fired tear gas to disperse protesters in Nairobi on Monday, witnesses said."),
    ("p2", "2019-11-20", "Military aircraft struck rebel positions near Idlib on Tuesday, killing six fighters."),
    ("p3", "2021-03-09", "Soldiers clashed with Al Shabaab militants near Kismayo on Monday, killing three."),
    ("p4", "2021-03-09", "Gunmen killed four farmers in a village near Kaduna on Monday, police said."),
)
ARGS = {"name": "test-events", "license": "CC-BY-4.0", "description": "Events from wire stories written for tests."}


def _convert(folder: Path, stories: tuple[tuple[str, str, str], ...]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "wires.jsonl").write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n"
                                                for i, d, t in stories))
    convert([folder / "wires.jsonl"], folder / "ds", workers=1)
    return folder / "ds"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A converted dataset of four wire stories."""
    return _convert(tmp_path / "in", WIRES)


def test_publish_datapackage_carries_the_published_table_schema(dataset: Path) -> None:
    """datapackage.json lists every events file and uses schemas/event.tableschema.json as the schema."""
    report = publish(dataset, version="1.0.0", today=dt.date(2024, 5, 1), **ARGS)
    package = json.loads((dataset / "datapackage.json").read_text())
    assert (package["name"], package["version"], package["created"]) == ("test-events", "1.0.0", "2024-05-01")
    assert package["licenses"][0]["path"].startswith("https://creativecommons.org/licenses/by/4.0")
    events = next(r for r in package["resources"] if r["name"] == "events")
    published_schema = json.loads((ROOT / "schemas" / "event.tableschema.json").read_text())
    assert events["schema"] == published_schema
    assert [f["name"] for f in events["schema"]["fields"]] == list(COLUMNS)
    assert sorted(events["path"]) == sorted(f.relative_to(dataset).as_posix() for f in event_files(dataset))
    assert events["count"] == report.events == len(read_dataset(dataset))
    assert {r["name"] for r in package["resources"]} == {"events", "documents", "rejects"}


def test_publish_geo_metadata_bounds_the_points(dataset: Path) -> None:
    """The events resource has GeoParquet-style geo metadata whose bbox holds every point."""
    publish(dataset, version="1.0.0", **ARGS)
    package = json.loads((dataset / "datapackage.json").read_text())
    geo = next(r for r in package["resources"] if r["name"] == "events")["geo"]
    column = geo["columns"][geo["primary_column"]]
    assert column["geometry_types"] == ["Point"] and column["columns"] == {"x": "longitude", "y": "latitude"}
    west, south, east, north = column["bbox"]
    events = read_dataset(dataset).dropna(subset=["latitude", "longitude"])
    assert len(events) > 0
    assert west <= events["longitude"].min() and events["longitude"].max() <= east
    assert south <= events["latitude"].min() and events["latitude"].max() <= north


def test_publish_codebook_documents_every_column_and_the_datasheet(dataset: Path) -> None:
    """CODEBOOK.md has a section per column with allowed values and method, then the datasheet sections."""
    publish(dataset, version="1.0.0", **ARGS)
    text = (dataset / "CODEBOOK.md").read_text()
    for column in COLUMNS:
        assert f"## `{column}`" in text
    assert text.count("- How the extractor decides:") == len(COLUMNS)
    for sub_events in EVENT_TYPES.values():
        assert all(s in text for s in sub_events)
    for section in ("# Datasheet", "## Motivation", "## Composition", "## Collection process", "## Uses",
                    "## Limits"):
        assert section in text
    assert ARGS["description"] in text


def test_publish_checksums_cover_every_file(dataset: Path) -> None:
    """CHECKSUMS.sha256 lists each data and metadata file with its true SHA-256; a change is detected."""
    report = publish(dataset, version="1.0.0", **ARGS)
    listing = dict(line.split("  ", 1)[::-1] for line in (dataset / "CHECKSUMS.sha256").read_text().splitlines())
    data_files = {p.relative_to(dataset).as_posix() for table in (EVENTS_DIR, REJECTS_DIR, DOCUMENTS_DIR)
                  for p in (dataset / table).glob("**/*.parquet") if not p.name.startswith(("_", "."))}
    assert set(listing) == data_files | {"datapackage.json", "CODEBOOK.md", "CHANGES.md"}
    assert report.checksummed == len(listing)
    for name, digest in listing.items():
        assert hashlib.sha256((dataset / name).read_bytes()).hexdigest() == digest
    assert verify_checksums(dataset) == ()
    with open(dataset / "CODEBOOK.md", "a") as handle:
        handle.write("edited by hand\n")
    assert verify_checksums(dataset) == ("CODEBOOK.md: SHA-256 differs from CHECKSUMS.sha256",)
    assert not validate_dataset(dataset).ok


def test_publish_changes_compare_with_the_previous_version(dataset: Path, tmp_path: Path) -> None:
    """A second version records events added, removed and changed since the first."""
    first = publish(dataset, version="1.0.0", today=dt.date(2024, 1, 1), **ARGS)
    assert (first.changes.previous, first.changes.added) == (None, first.events)
    # Version 2: one story dropped, one story added (a new dataset converted from the new corpus).
    newer = _convert(tmp_path / "v2", (*WIRES[1:], ("p5", "2022-01-10", "Protesters marched in Khartoum on "
                                                                        "Sunday against bread prices.")))
    for name in ("_releases",):
        shutil.copytree(dataset / name, newer / name)
    second = publish(newer, version="2.0.0", today=dt.date(2024, 6, 1), **ARGS)
    old_ids = set(read_dataset(dataset)["event_id"])
    new_ids = set(read_dataset(newer)["event_id"])
    assert second.changes.previous == "1.0.0"
    assert second.changes.added == len(new_ids - old_ids) > 0
    assert second.changes.removed == len(old_ids - new_ids) > 0
    assert second.changes.unchanged + second.changes.changed == len(new_ids & old_ids)
    changes = (newer / "CHANGES.md").read_text()
    assert changes.index("## 2.0.0 (2024-06-01)") < changes.index("## 1.0.0 (2024-01-01)")
    assert f"{second.changes.added} added, {second.changes.removed} removed" in changes
    again = publish(newer, version="2.0.0", today=dt.date(2024, 6, 2), **ARGS)
    assert again.changes == second.changes
    assert (newer / "CHANGES.md").read_text().count("## 2.0.0") == 1


def test_publish_refuses_an_invalid_dataset_and_bad_arguments(dataset: Path) -> None:
    """A dataset failing validation is not published; a bad package name is a clear error."""
    with pytest.raises(ValidationError, match="field 'name' has value 'Bad Name'"):
        publish(dataset, version="1.0.0", **{**ARGS, "name": "Bad Name"})
    file = event_files(dataset)[0]
    file.write_bytes(file.read_bytes()[:-1] + b"X")
    with pytest.raises(DatasetError, match="problem"):
        publish(dataset, version="1.0.0", **ARGS)
    assert not (dataset / "datapackage.json").exists()


def test_publish_command_prints_what_it_wrote(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """conflict-events publish writes the files and says how to check them."""
    code = main(["publish", str(dataset), "--name", "test-events", "--version", "0.1.0", "--license", "CC0-1.0",
                 "--description", "Test events."])
    assert code == 0
    out = capsys.readouterr().out
    assert "published test-events 0.1.0" in out and "sha256sum -c CHECKSUMS.sha256" in out
    assert validate_dataset(dataset).ok
