"""Score extracted events against gold rows, field by field.

Conventions (those of the development data, ``shared/data/README.md``): one gold row is one
document (matched on ``doc_id``); of a document's predicted events the one that agrees most
with the gold row is scored; actors are compared as an unordered pair after lower-casing,
dropping accents and ACLED's date ranges ("Military Forces of Iraq (2014-)"); admin1 and
location compare after the same normalisation, ignoring generic words (governorate,
province...); coordinates by distance; dates by exact day; fatalities exactly.

For every field the report gives accuracy over all gold rows, and precision (correct among
documents where a value was predicted), recall (correct among gold rows that have a value)
and F1.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd

from conflict_events.codebook import EVENT_TYPES

_GENERIC = re.compile(
    r"\b(?:governorate|province|state|region|district|county|city|town|village|muhafazat|wilayah|wilayat"
    r"|prefecture|department|municipality|division|of|the|al|el|ad|ar|as|az|ash|an)\b"
)
_RANGE = re.compile(r"\((\d{4})?-?(\d{4})?\)")
FIELDS: Final = ("event_type", "sub_event_type", "event_date", "fatalities", "country", "admin1", "location",
                 "within_25km", "within_161km", "actors")


def normalize(value: Any) -> str:
    """Lower-case, drop accents, ACLED date ranges, generic place words and punctuation."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower()
    text = _RANGE.sub("", text)
    text = _GENERIC.sub(" ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def same_place(a: Any, b: Any) -> bool:
    """True when one normalised name's words contain the other's (``"Mogadishu"`` vs ``"Mogadishu-Hodan"``)."""
    left, right = set(normalize(a).split()), set(normalize(b).split())
    return bool(left) and bool(right) and (left <= right or right <= left)


def actor_set(row: Mapping[str, Any]) -> frozenset[str]:
    """The unordered pair of normalised main actors of a row."""
    return frozenset(a for a in (normalize(row.get("actor1")), normalize(row.get("actor2"))) if a)


def distance_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> float:
    """Great-circle distance in km; infinity when a coordinate is missing."""
    try:
        p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
        dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    except (TypeError, ValueError):
        return math.inf
    if any(math.isnan(v) for v in (p1, p2, dl)):
        return math.inf
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _day(value: Any) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) \
        else str(value)[:10]


def _has(value: Any) -> bool:
    return _day(value) != ""


@dataclass(frozen=True, slots=True)
class FieldScore:
    """Scores of one field.

    Attributes:
        name: Field name.
        accuracy: Correct / gold rows.
        precision: Correct / rows where a value was predicted.
        recall: Correct / gold rows that have a value.
        f1: Harmonic mean of precision and recall.
        correct: Number of correct rows.
        predicted: Rows with a predicted value.
        gold: Gold rows with a value.
    """

    name: str
    accuracy: float
    precision: float
    recall: float
    f1: float
    correct: int
    predicted: int
    gold: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EvaluationReport:
    """The figures of one evaluation run.

    Attributes:
        documents: Gold rows (documents) scored.
        detected: Share of documents with at least one predicted event.
        extra_events_per_doc: Predicted events beyond the first, per document.
        fields: Per-field scores.
        event_type_macro_f1: Mean of the per-type F1 of event_type.
        per_type: event_type -> (precision, recall, f1, support).
        fatalities_when_nonzero: Exact fatalities among gold rows with deaths.
        actor_recall: Mean share of gold actors found.
        actors_exact: Share with exactly the gold actor pair.
        full_row: Share with type, date, fatalities, admin1 and the actor pair all right.
    """

    documents: int
    detected: float
    extra_events_per_doc: float
    fields: dict[str, FieldScore]
    event_type_macro_f1: float
    per_type: dict[str, tuple[float, float, float, int]]
    fatalities_when_nonzero: float
    actor_recall: float
    actors_exact: float
    full_row: float
    details: pd.DataFrame = field(repr=False, compare=False, default_factory=pd.DataFrame)

    def summary(self) -> dict[str, Any]:
        """Flat figures, for JSON output and comparisons."""
        out: dict[str, Any] = {"documents": self.documents, "detected": self.detected}
        for name, score in self.fields.items():
            out[name] = score.accuracy
        out.update(
            event_type_macro_f1=self.event_type_macro_f1,
            fatalities_when_nonzero=self.fatalities_when_nonzero,
            actor_recall=self.actor_recall,
            actors_exact=self.actors_exact,
            full_row=self.full_row,
            extra_events_per_doc=self.extra_events_per_doc,
        )
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}

    def table(self) -> str:
        """A plain-text table for people."""
        lines = [f"documents {self.documents}   detected {self.detected:.3f}   "
                 f"extra events/doc {self.extra_events_per_doc:.3f}", "",
                 f"{'field':22s} {'accuracy':>8s} {'precision':>9s} {'recall':>7s} {'f1':>6s}"]
        for score in self.fields.values():
            lines.append(f"{score.name:22s} {score.accuracy:8.3f} {score.precision:9.3f} {score.recall:7.3f} "
                         f"{score.f1:6.3f}")
        lines += ["", f"event_type macro-F1    {self.event_type_macro_f1:.3f}",
                  f"fatalities (gold > 0)  {self.fatalities_when_nonzero:.3f}",
                  f"actor recall           {self.actor_recall:.3f}",
                  f"actor pair exact       {self.actors_exact:.3f}",
                  f"full row               {self.full_row:.3f}", "",
                  f"{'event_type':28s} {'precision':>9s} {'recall':>7s} {'f1':>6s} {'n':>5s}"]
        for name, (p, r, f, n) in self.per_type.items():
            lines.append(f"{name:28s} {p:9.3f} {r:7.3f} {f:6.3f} {n:5d}")
        return "\n".join(lines)


def _agreement(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> int:
    return ((pred.get("event_type") == gold.get("event_type")) * 4
            + (normalize(pred.get("admin1")) == normalize(gold.get("admin1"))) * 2
            + len(actor_set(pred) & actor_set(gold))
            + (_day(pred.get("event_date")) == _day(gold.get("event_date"))))


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _read_gold(gold: pd.DataFrame | str | Path) -> pd.DataFrame:
    return gold if isinstance(gold, pd.DataFrame) else pd.read_csv(gold, low_memory=False)


def _read_pred(pred: pd.DataFrame | str | Path) -> pd.DataFrame:
    if isinstance(pred, pd.DataFrame):
        return pred
    path = Path(pred)
    if path.is_dir():
        from conflict_events.dataset import read_dataset

        return read_dataset(path)
    return pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, low_memory=False)


def evaluate(gold: pd.DataFrame | str | Path, pred: pd.DataFrame | str | Path) -> EvaluationReport:
    """Score predicted events against gold rows (one gold row per document).

    Args:
        gold: Gold rows (a frame or a CSV path) with ``doc_id`` and ACLED columns.
        pred: Predicted events (a frame, a dataset directory, a Parquet or CSV file) with
            ``doc_id`` and ACLED columns.

    Returns:
        The report; ``report.details`` has one row per document with the per-field verdicts.
    """
    gold_rows = _read_gold(gold).astype(object).to_dict(orient="records")
    predicted = _read_pred(pred).astype(object)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in predicted.to_dict(orient="records"):
        by_doc.setdefault(str(row["doc_id"]), []).append(row)

    records = []
    extra = 0
    for g in gold_rows:
        candidates = by_doc.get(str(g["doc_id"]), [])
        record: dict[str, Any] = {"doc_id": str(g["doc_id"]), "detected": bool(candidates),
                                  "gold_type": g.get("event_type"), "gold_fatalities": g.get("fatalities")}
        if not candidates:
            record.update({f"{name}_ok": False for name in FIELDS})
            record.update({f"{name}_has": False for name in FIELDS})
            record.update(pred_type=None, actor_recall=0.0, actors_exact=False)
            records.append(record)
            continue
        extra += len(candidates) - 1
        p = max(candidates, key=lambda c: _agreement(g, c))
        km = distance_km(p.get("latitude"), p.get("longitude"), g.get("latitude"), g.get("longitude"))
        gold_actors, pred_actors = actor_set(g), actor_set(p)
        try:
            deaths_ok = int(p.get("fatalities")) == int(g.get("fatalities"))
        except (TypeError, ValueError):
            deaths_ok = False
        ok = {
            "event_type": p.get("event_type") == g.get("event_type"),
            "sub_event_type": p.get("sub_event_type") == g.get("sub_event_type"),
            "event_date": _day(p.get("event_date")) == _day(g.get("event_date")),
            "fatalities": deaths_ok,
            "country": normalize(p.get("country")) == normalize(g.get("country")) and _has(p.get("country")),
            "admin1": same_place(p.get("admin1"), g.get("admin1")),
            "location": same_place(p.get("location"), g.get("location")),
            "within_25km": km <= 25,
            "within_161km": km <= 161,
            "actors": bool(gold_actors & pred_actors),
        }
        has = {
            "event_type": _has(p.get("event_type")), "sub_event_type": _has(p.get("sub_event_type")),
            "event_date": _has(p.get("event_date")), "fatalities": _has(p.get("fatalities")),
            "country": _has(p.get("country")), "admin1": _has(p.get("admin1")),
            "location": _has(p.get("location")), "within_25km": math.isfinite(km),
            "within_161km": math.isfinite(km), "actors": bool(pred_actors),
        }
        record.update({f"{k}_ok": v for k, v in ok.items()})
        record.update({f"{k}_has": v for k, v in has.items()})
        record.update(
            pred_type=p.get("event_type"),
            actor_recall=len(gold_actors & pred_actors) / max(1, len(gold_actors)),
            actors_exact=gold_actors == pred_actors,
            full_row=all(ok[k] for k in ("event_type", "event_date", "fatalities", "admin1")) and
            gold_actors == pred_actors,
        )
        records.append(record)

    details = pd.DataFrame.from_records(records)
    return _report(details, gold_rows, extra)


def _gold_has(row: Mapping[str, Any], name: str) -> bool:
    key = {"within_25km": "latitude", "within_161km": "latitude", "actors": "actor1"}.get(name, name)
    return _has(row.get(key))


def _report(details: pd.DataFrame, gold_rows: Sequence[Mapping[str, Any]], extra: int) -> EvaluationReport:
    n = len(details)
    fields_out: dict[str, FieldScore] = {}
    for name in FIELDS:
        correct = int(details[f"{name}_ok"].sum())
        predicted = int(details[f"{name}_has"].sum())
        gold_count = sum(_gold_has(g, name) for g in gold_rows)
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold_count if gold_count else 0.0
        fields_out[name] = FieldScore(name, correct / n if n else 0.0, precision, recall, _f1(precision, recall),
                                      correct, predicted, gold_count)
    per_type: dict[str, tuple[float, float, float, int]] = {}
    for name in EVENT_TYPES:
        support = int((details["gold_type"] == name).sum())
        tp = int(((details["gold_type"] == name) & (details["pred_type"] == name)).sum())
        fp = int(((details["gold_type"] != name) & (details["pred_type"] == name)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / support if support else 0.0
        if support or tp + fp:
            per_type[name] = (p, r, _f1(p, r), support)
    macro = sum(v[2] for v in per_type.values() if v[3]) / max(1, sum(1 for v in per_type.values() if v[3]))
    nonzero = details[pd.to_numeric(details["gold_fatalities"], errors="coerce").fillna(0) > 0]
    return EvaluationReport(
        documents=n,
        detected=float(details["detected"].mean()) if n else 0.0,
        extra_events_per_doc=extra / n if n else 0.0,
        fields=fields_out,
        event_type_macro_f1=macro,
        per_type=per_type,
        fatalities_when_nonzero=float(nonzero["fatalities_ok"].mean()) if len(nonzero) else 0.0,
        actor_recall=float(details["actor_recall"].mean()) if n else 0.0,
        actors_exact=float(details["actors_exact"].mean()) if n else 0.0,
        full_row=float(details.get("full_row", pd.Series(dtype=bool)).fillna(False).astype(bool).sum() / n)
        if n else 0.0,
        details=details,
    )


__all__ = ["EvaluationReport", "FieldScore", "actor_set", "distance_km", "evaluate", "normalize", "same_place"]
