"""conflict_events: news prose about political violence and protest -> ACLED-style event datasets.

Quick start::

    import conflict_events as ce

    doc = ce.Document(text="...", published="2017-10-05", source="AFP")
    events = ce.extract(doc)                  # list[Event]
    frame = ce.extract_many([doc])            # pandas DataFrame, validated by ce.EventSchema
    ce.write_dataset(frame, "out/", mode="append")
    ce.read_dataset("out/", filters=[("country", "==", "Iraq")])

Names are imported on first use, so ``import conflict_events`` stays fast and never imports
pandas-heavy modules, stanza, spaCy, torch or dask until they are needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conflict_events.dataset import WriteReport, read_dataset, write_dataset
    from conflict_events.documents import read_documents
    from conflict_events.errors import ConflictEventsError
    from conflict_events.evaluation import evaluate
    from conflict_events.events import to_frame
    from conflict_events.model import Document, Event
    from conflict_events.pipeline import extract, extract_many
    from conflict_events.schema import EventSchema

_EXPORTS = {
    "Document": "conflict_events.model",
    "Event": "conflict_events.model",
    "EventSchema": "conflict_events.schema",
    "ConflictEventsError": "conflict_events.errors",
    "extract": "conflict_events.pipeline",
    "extract_many": "conflict_events.pipeline",
    "to_frame": "conflict_events.events",
    "read_documents": "conflict_events.documents",
    "write_dataset": "conflict_events.dataset",
    "read_dataset": "conflict_events.dataset",
    "WriteReport": "conflict_events.dataset",
    "evaluate": "conflict_events.evaluation",
}

__all__ = [
    "ConflictEventsError",
    "Document",
    "Event",
    "EventSchema",
    "WriteReport",
    "__version__",
    "evaluate",
    "extract",
    "extract_many",
    "read_dataset",
    "read_documents",
    "to_frame",
    "write_dataset",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("conflict-events")
        except PackageNotFoundError:  # running from a source tree without installing
            return "0.0.0+unknown"
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'conflict_events' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
