"""The event table schema, written once.

:class:`EventSchema` is a pandera ``DataFrameModel`` over pandas columns backed by Arrow
(``pd.ArrowDtype``). Everything else derives from it: the Arrow schema the Parquet writer
uses (:func:`arrow_schema`), the published JSON Schema and Frictionless Table Schema
(:func:`json_schema`, :func:`table_schema`, written to ``schemas/`` by
``conflict-events schema export``), and the column docs of the codebook.

Validation (:func:`validate_frame`) never throws rows away: it returns the valid rows and a
per-row list of failures, so callers can keep the bad rows as rejects with their reasons.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Final

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
from pandera.typing import Series

from conflict_events import codebook
from conflict_events.errors import RowFailure

#: Version of the event table layout. Bump the major part when a column changes meaning or type.
SCHEMA_VERSION: Final = "1.0.0"

# Arrow-backed pandas dtypes: the Parquet types are exactly these, so writer and validator agree.
Str = Annotated[pd.ArrowDtype, pa_arrow.string()]
Date = Annotated[pd.ArrowDtype, pa_arrow.date32()]
Int8 = Annotated[pd.ArrowDtype, pa_arrow.int8()]
Int16 = Annotated[pd.ArrowDtype, pa_arrow.int16()]
Int32 = Annotated[pd.ArrowDtype, pa_arrow.int32()]
Float = Annotated[pd.ArrowDtype, pa_arrow.float64()]

_INTERACTIONS = sorted(
    {codebook.interaction(i1, i2) for i1 in range(1, 9) for i2 in range(9)}
)


class EventSchema(pa.DataFrameModel):
    """One row per event, ACLED's columns in ACLED's order plus provenance columns."""

    event_id: Series[Str] = pa.Field(
        unique=True,
        str_matches=r"^[0-9a-f]{16}$",
        description="Deterministic id: 16 hex digits of a hash of doc_id, the document text, "
        "the extractor version and the event's key (date, type, actors, place).",
    )
    event_date: Series[Date] = pa.Field(description="Day the event took place (ISO date).")
    year: Series[Int16] = pa.Field(ge=1900, le=2100, description="Year of event_date.")
    time_precision: Series[Int8] = pa.Field(
        isin=list(codebook.TIME_PRECISIONS),
        description="1 = the day is known; 2 = only the week (date = middle of it); "
        "3 = only the month (date = middle of it).",
    )
    disorder_type: Series[Str] = pa.Field(
        isin=list(codebook.DISORDER_TYPES), description="ACLED disorder type, derived from sub_event_type."
    )
    event_type: Series[Str] = pa.Field(
        isin=list(codebook.EVENT_TYPES), description="One of ACLED's six event types."
    )
    sub_event_type: Series[Str] = pa.Field(
        isin=list(codebook.SUB_EVENT_TYPES),
        description="One of ACLED's 25 sub-event types; belongs to event_type.",
    )
    actor1: Series[Str] = pa.Field(str_length={"min_value": 1}, description="First main actor, ACLED-style name.")
    assoc_actor_1: Series[Str] = pa.Field(
        nullable=True, description="Actors associated with actor1 (allies or descriptors), ';'-separated."
    )
    inter1: Series[Int8] = pa.Field(
        isin=list(range(1, 9)), description="Actor type of actor1: 1 state forces ... 8 external/other forces."
    )
    actor2: Series[Str] = pa.Field(nullable=True, description="Second main actor; empty when one-sided.")
    assoc_actor_2: Series[Str] = pa.Field(
        nullable=True, description="Actors associated with actor2, ';'-separated."
    )
    inter2: Series[Int8] = pa.Field(
        isin=list(range(9)), description="Actor type of actor2; 0 when there is no actor2."
    )
    interaction: Series[Int8] = pa.Field(
        isin=_INTERACTIONS,
        description="Two digits from inter1 and inter2, smaller first; inter1 * 10 when one-sided.",
    )
    civilian_targeting: Series[Str] = pa.Field(
        nullable=True,
        isin=[codebook.CIVILIAN_TARGETING],
        description="'Civilian targeting' when civilians were the target of the event, else empty.",
    )
    iso: Series[Int16] = pa.Field(nullable=True, ge=1, le=999, description="ISO 3166-1 numeric country code.")
    region: Series[Str] = pa.Field(nullable=True, isin=list(codebook.REGIONS), description="ACLED region.")
    country: Series[Str] = pa.Field(nullable=True, description="Country where the event took place.")
    admin1: Series[Str] = pa.Field(nullable=True, description="Largest sub-national administrative area.")
    admin2: Series[Str] = pa.Field(nullable=True, description="Second-level administrative area.")
    admin3: Series[Str] = pa.Field(nullable=True, description="Third-level administrative area.")
    location: Series[Str] = pa.Field(nullable=True, description="Name of the place the event is coded to.")
    latitude: Series[Float] = pa.Field(nullable=True, ge=-90, le=90, description="WGS84 latitude, degrees.")
    longitude: Series[Float] = pa.Field(
        nullable=True, ge=-180, le=180, description="WGS84 longitude, degrees."
    )
    geo_precision: Series[Int8] = pa.Field(
        nullable=True,
        isin=list(codebook.GEO_PRECISIONS),
        description="1 = the named town; 2 = near it or part of a region; 3 = only a region (its centre).",
    )
    source: Series[Str] = pa.Field(nullable=True, description="Sources of the report, ';'-separated.")
    source_scale: Series[Str] = pa.Field(nullable=True, description="Scale of the sources (National, ...).")
    notes: Series[Str] = pa.Field(nullable=True, description="Short summary of the event.")
    fatalities: Series[Int32] = pa.Field(ge=0, description="Reported deaths; lowest credible figure.")
    tags: Series[Str] = pa.Field(nullable=True, description="Structured extras, ';'-separated.")
    doc_id: Series[Str] = pa.Field(str_length={"min_value": 1}, description="Id of the source document.")
    published: Series[Date] = pa.Field(nullable=True, description="Publication date of the document.")
    evidence: Series[Str] = pa.Field(description="The sentence(s) that report the event.")
    evidence_start: Series[Int32] = pa.Field(ge=0, description="Character offset where the evidence starts.")
    evidence_end: Series[Int32] = pa.Field(ge=0, description="Character offset where the evidence ends (exclusive).")
    confidence: Series[Float] = pa.Field(ge=0, le=1, description="Extractor's confidence in the row, 0-1.")
    extractor_version: Series[Str] = pa.Field(description="Version of conflict_events that made the row.")

    @pa.dataframe_check(name="year_matches_event_date")
    def _year_matches_event_date(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["event_date"].dt.year == df["year"]).fillna(True).astype(bool)

    @pa.dataframe_check(name="event_date_not_after_published")
    def _event_date_not_after_published(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["event_date"] <= df["published"]).fillna(True).astype(bool)

    @pa.dataframe_check(name="sub_event_type_belongs_to_event_type")
    def _sub_event_belongs(cls, df: pd.DataFrame) -> Series[bool]:
        expected = df["sub_event_type"].map(codebook.SUB_EVENT_TYPES, na_action="ignore")
        return (expected.astype(object) == df["event_type"].astype(object)) | df["sub_event_type"].isna()

    @pa.dataframe_check(name="disorder_type_matches_sub_event_type")
    def _disorder_matches(cls, df: pd.DataFrame) -> Series[bool]:
        expected = df["sub_event_type"].map(_DISORDER_BY_SUB, na_action="ignore")
        return (expected.astype(object) == df["disorder_type"].astype(object)) | df["sub_event_type"].isna()

    @pa.dataframe_check(name="interaction_derived_from_inter1_inter2")
    def _interaction_derived(cls, df: pd.DataFrame) -> Series[bool]:
        # Nulls are reported by the column checks; here they count as passing.
        i1 = df["inter1"].astype("Int64")
        i2 = df["inter2"].astype("Int64")
        low = i1.where((i1 <= i2) | (i2 == 0), i2)
        high = i2.where((i1 <= i2) | (i2 == 0), i1)
        expected = (low * 10 + high).where(i2 != 0, i1 * 10)
        return (df["interaction"].astype("Int64") == expected).fillna(True).astype(bool)

    @pa.dataframe_check(name="inter2_zero_iff_no_actor2")
    def _inter2_zero_iff_no_actor2(cls, df: pd.DataFrame) -> Series[bool]:
        return ((df["inter2"] == 0) == df["actor2"].isna()).fillna(True).astype(bool)

    @pa.dataframe_check(name="evidence_start_not_after_end")
    def _evidence_span(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["evidence_start"] <= df["evidence_end"]).fillna(True).astype(bool)

    class Config:
        """Column set and order are fixed; values are coerced to the declared Arrow types."""

        strict = True
        ordered = True
        coerce = True


_DISORDER_BY_SUB: Final = {sub: codebook.disorder_type(sub) for sub in codebook.SUB_EVENT_TYPES}

#: Column name -> pandas dtype (``pd.ArrowDtype``), in schema order.
_COLUMNS = EventSchema.to_schema().columns
DTYPES: Final = {name: col.dtype.type for name, col in _COLUMNS.items()}
COLUMNS: Final = tuple(_COLUMNS)


def arrow_schema() -> pa_arrow.Schema:
    """Return the Arrow schema of an event table, derived from :class:`EventSchema`.

    The key-value metadata records the schema version.
    """
    fields = [
        pa_arrow.field(name, dtype.pyarrow_dtype, nullable=_COLUMNS[name].nullable)
        for name, dtype in DTYPES.items()
    ]
    return pa_arrow.schema(fields, metadata={"conflict_events.schema_version": SCHEMA_VERSION})


def empty_frame() -> pd.DataFrame:
    """Return a zero-row frame with the schema's columns and dtypes."""
    return arrow_schema().empty_table().to_pandas(types_mapper=pd.ArrowDtype)


def coerce_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[RowFailure]]:
    """Cast every column of ``frame`` to the schema's Arrow type, value by value when needed.

    Values that cannot be cast become nulls in the returned frame and are reported as
    failures, so one bad cell never makes a whole column (or frame) unusable.

    Args:
        frame: Any frame; missing schema columns become all-null columns.

    Returns:
        The coerced frame (schema columns only, schema order, original index) and the failures.
    """
    failures: list[RowFailure] = []
    doc_ids = frame["doc_id"].astype(object).tolist() if "doc_id" in frame else None
    out: dict[str, Any] = {}
    for name, dtype in DTYPES.items():
        if name not in frame:
            out[name] = pd.Series(pd.NA, index=frame.index, dtype=dtype)
            continue
        column = frame[name]
        if column.dtype == dtype:
            out[name] = column
            continue
        try:
            out[name] = column.astype(dtype)
            continue
        except (TypeError, ValueError, pa_arrow.ArrowException):
            pass
        values = []
        for pos, value in enumerate(column.astype(object).tolist()):
            try:
                values.append(pa_arrow.array([value], type=dtype.pyarrow_dtype, from_pandas=True)[0].as_py())
            except (TypeError, ValueError, OverflowError, pa_arrow.ArrowException):
                values.append(None)
                doc = doc_ids[pos] if doc_ids else None
                failures.append(
                    RowFailure(pos, name, f"type {dtype.pyarrow_dtype}", value, None if doc is None else str(doc))
                )
        out[name] = pd.Series(pa_arrow.array(values, type=dtype.pyarrow_dtype), index=frame.index, dtype=dtype)
    return pd.DataFrame(out, index=frame.index), failures


def validate_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[RowFailure]]:
    """Validate ``frame`` against :class:`EventSchema`, keeping every row accounted for.

    Args:
        frame: Event rows (any dtypes; values are coerced to the schema's Arrow types).

    Returns:
        ``(valid, failures)``: ``valid`` holds the rows that pass every check, coerced to the
        schema dtypes with a fresh 0-based index; ``failures`` holds one record per failed
        check, with the row's position in the input frame. A row is either in ``valid`` or
        named in ``failures``, never both and never neither.
    """
    positional = frame.reset_index(drop=True)
    coerced, failures = coerce_frame(positional)
    bad_rows = {f.row for f in failures}
    try:
        EventSchema.validate(coerced, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failures.extend(_failures_from_pandera(exc.failure_cases, coerced))
        bad_rows = {f.row for f in failures}
    valid = coerced.drop(index=sorted(bad_rows)).reset_index(drop=True) if bad_rows else coerced
    return valid, failures


def _failures_from_pandera(cases: pd.DataFrame, frame: pd.DataFrame) -> list[RowFailure]:
    doc_ids = frame["doc_id"]
    failures = []
    seen: set[tuple[int, str]] = set()
    for case in cases.itertuples(index=False):
        whole_frame_check = case.schema_context == "DataFrameSchema"
        if case.index is None or pd.isna(case.index):
            # A whole-column problem (e.g. a dtype that cannot hold the values): every row fails.
            rows: list[int] = list(range(len(frame)))
        else:
            rows = [int(case.index)]
        for row in rows:
            if whole_frame_check:
                # A cross-column check is reported once per row, not once per column it reads.
                if (row, str(case.check)) in seen:
                    continue
                seen.add((row, str(case.check)))
            doc = doc_ids.iat[row]
            failures.append(
                RowFailure(
                    row,
                    None if whole_frame_check else str(case.column),
                    str(case.check),
                    None if whole_frame_check else case.failure_case,
                    None if pd.isna(doc) else str(doc),
                )
            )
    return failures


# Export: JSON Schema and Frictionless Table Schema, generated from the model.

_JSON_TYPES: Final = {"string": "string", "date32[day]": "string", "double": "number"}


def _json_type(arrow_type: pa_arrow.DataType) -> str:
    if pa_arrow.types.is_integer(arrow_type):
        return "integer"
    return _JSON_TYPES[str(arrow_type)]


def _table_type(arrow_type: pa_arrow.DataType) -> str:
    if pa_arrow.types.is_date(arrow_type):
        return "date"
    return _json_type(arrow_type)


def _constraints(name: str) -> dict[str, Any]:
    """Column constraints from the pandera checks: enum, minimum, maximum, pattern."""
    found: dict[str, Any] = {}
    for check in _COLUMNS[name].checks:
        stats = check.statistics or {}
        if check.name == "isin":
            found["enum"] = list(stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            found["minimum"] = stats["min_value"]
        elif check.name == "less_than_or_equal_to":
            found["maximum"] = stats["max_value"]
        elif check.name == "in_range":
            found["minimum"], found["maximum"] = stats["min_value"], stats["max_value"]
        elif check.name == "str_matches":
            found["pattern"] = str(stats["pattern"])
        elif check.name == "str_length" and stats.get("min_value"):
            found["minLength"] = stats["min_value"]
    return found


def column_docs() -> list[dict[str, Any]]:
    """Return one record per column: name, Arrow type, nullable, description and constraints."""
    docs = []
    for name, column in _COLUMNS.items():
        docs.append(
            {
                "name": name,
                "type": str(DTYPES[name].pyarrow_dtype),
                "nullable": column.nullable,
                "unique": column.unique,
                "description": column.description,
                "constraints": _constraints(name),
                "acled": name in codebook.ACLED_COLUMNS,
            }
        )
    return docs


def json_schema() -> dict[str, Any]:
    """Return a JSON Schema (draft 2020-12) for one event row, derived from :class:`EventSchema`."""
    properties: dict[str, Any] = {}
    for doc in column_docs():
        arrow_type = DTYPES[doc["name"]].pyarrow_dtype
        prop: dict[str, Any] = {"description": doc["description"]}
        base = _json_type(arrow_type)
        prop["type"] = [base, "null"] if doc["nullable"] else base
        if pa_arrow.types.is_date(arrow_type):
            prop["format"] = "date"
        constraints = dict(doc["constraints"])
        if "enum" in constraints and doc["nullable"]:
            constraints["enum"] = [*constraints["enum"], None]
        prop.update(constraints)
        properties[doc["name"]] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://conflict-events.invalid/schemas/event.v{SCHEMA_VERSION}.json",
        "title": "conflict_events event row",
        "description": "One ACLED-style event extracted from news text, with provenance.",
        "version": SCHEMA_VERSION,
        "type": "object",
        "properties": properties,
        "required": [d["name"] for d in column_docs() if not d["nullable"]],
        "additionalProperties": False,
    }


def table_schema() -> dict[str, Any]:
    """Return a Frictionless Table Schema for the event table, derived from :class:`EventSchema`."""
    fields = []
    for doc in column_docs():
        arrow_type = DTYPES[doc["name"]].pyarrow_dtype
        constraints: dict[str, Any] = {"required": not doc["nullable"]}
        if doc["unique"]:
            constraints["unique"] = True
        for key, value in doc["constraints"].items():
            constraints[key] = value
        fields.append(
            {
                "name": doc["name"],
                "type": _table_type(arrow_type),
                "description": doc["description"],
                "constraints": constraints,
            }
        )
    return {"fields": fields, "primaryKey": ["event_id"], "missingValues": [""], "version": SCHEMA_VERSION}


SCHEMA_FILES: Final = {
    "event.schema.json": json_schema,
    "event.tableschema.json": table_schema,
}


def render_schema_files() -> dict[str, str]:
    """Return the text of every file that belongs in ``schemas/``, keyed by file name."""
    return {name: json.dumps(make(), indent=2, ensure_ascii=False) + "\n" for name, make in SCHEMA_FILES.items()}


def export_schemas(directory: str | Path) -> list[Path]:
    """Write the JSON Schema and Table Schema into ``directory``; return the written paths."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schema_files().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
