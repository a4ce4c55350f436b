"""NLP backends: documents in, :class:`~conflict_events.annotate.base.AnnotatedDocument` out.

``rules`` (built in, no model, the default), ``stanza`` and ``spacy`` (optional extras).
Backends are looked up by name; the module of a backend is imported only when it is asked
for, so stanza, spaCy and torch are never imported unless used.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Final

from conflict_events.annotate.base import AnnotatedDocument, Annotator, Entity, Sentence, SentenceFilter, Token
from conflict_events.errors import UnknownNameError

#: Backend name -> "module:class".
BACKENDS: Final = {
    "rules": "conflict_events.annotate.rules:RulesAnnotator",
    "stanza": "conflict_events.annotate.stanza:StanzaAnnotator",
    "spacy": "conflict_events.annotate.spacy:SpacyAnnotator",
}
DEFAULT_BACKEND: Final = "rules"


def get_annotator(name: str = DEFAULT_BACKEND, **options: Any) -> Annotator:
    """Return a new annotator for backend ``name``.

    Args:
        name: ``"rules"``, ``"stanza"`` or ``"spacy"``.
        **options: Passed to the backend's constructor (model paths, batch size, ...).

    Raises:
        UnknownNameError: ``name`` is not a known backend.
        BackendNotAvailableError: The backend's package is not installed.
        ModelNotFoundError: The backend's model is not on disk.
    """
    target = BACKENDS.get(name)
    if target is None:
        raise UnknownNameError("backend", name, list(BACKENDS))
    module_name, class_name = target.split(":")
    annotator: Annotator = getattr(import_module(module_name), class_name)(**options)
    return annotator


__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "AnnotatedDocument",
    "Annotator",
    "Entity",
    "Sentence",
    "SentenceFilter",
    "Token",
    "get_annotator",
]
