"""The spaCy backend: a spaCy pipeline behind the :class:`Annotator` protocol.

Only this module imports spaCy, and only inside functions. The model is loaded by package
name or directory (see :func:`conflict_events.annotate.models.spacy_model_candidates` for
the lookup order: the ``model`` option, ``$CONFLICT_EVENTS_SPACY_MODEL``, ``en_core_web_sm``,
then a known re-packaging of it); a model loaded under a known package name must declare the
expected meta (name, version). Components the extractor does not use are excluded, and
documents are processed with ``nlp.pipe``.

English spaCy models label dependencies in the ClearNLP scheme (``dobj``, ``nsubjpass``,
``prep``/``pobj``, ``agent``...). The annotation model speaks Universal Dependencies, so
:func:`clear_to_ud` converts at the boundary: relations are renamed (``dobj`` -> ``obj``,
``nsubjpass`` -> ``nsubj:pass``...), prepositional phrases are re-headed the UD way (the noun
attaches to the verb as ``obl``/``nmod``/``obl:agent``, the preposition becomes its
``case``), and copular clauses are re-headed on the predicate (``be`` becomes ``cop``).
Whitespace tokens are dropped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from conflict_events.annotate.base import AnnotatedDocument, Annotator, SentenceFilter
from conflict_events.annotate.models import (
    SPACY_DOWNLOAD,
    SPACY_INSTALL,
    check_spacy_meta,
    spacy_model_candidates,
)
from conflict_events.annotate.neural import NeuralRunner, ParsedSentence, RawToken, check_batch_size, runner_for
from conflict_events.errors import BackendNotAvailableError, ModelNotFoundError
from conflict_events.model import Document

#: Components the extractor reads (directly, or as inputs of those it reads).
USED_COMPONENTS = frozenset(
    {"tok2vec", "transformer", "tagger", "morphologizer", "attribute_ruler", "lemmatizer", "trainable_lemmatizer",
     "parser", "ner"}
)  # fmt: skip

# ClearNLP relation -> UD relation, for relations that only need a new name.
_RENAME: dict[str, str] = {
    "ROOT": "root",
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "poss": "nmod:poss",
    "neg": "advmod",
    "acomp": "xcomp",
    "attr": "xcomp",
    "oprd": "xcomp",
    "npadvmod": "obl:npmod",
    "quantmod": "advmod",
    "prt": "compound:prt",
    "relcl": "acl:relcl",
    "predet": "det:predet",
    "preconj": "cc:preconj",
    "dative": "iobj",
    "meta": "dep",
    "pobj": "obl",
    "prep": "dep",
    "agent": "dep",
}
_PREDICATE_HEADS = frozenset({"VERB", "AUX", "ADJ", "ADV"})


def clear_to_ud(
    heads: Sequence[int | None], deprels: Sequence[str], upos: Sequence[str | None], lemmas: Sequence[str | None]
) -> tuple[list[int | None], list[str]]:
    """Convert one sentence's ClearNLP dependencies (spaCy English) to Universal Dependencies.

    Args:
        heads: Head index of each token within the sentence, ``None`` for the root.
        deprels: ClearNLP relation of each token.
        upos: Universal POS tag of each token.
        lemmas: Lemma of each token.

    Returns:
        New heads and UD relations, one per token (the root's relation is ``root``).
    """
    heads = list(heads)
    deprels = list(deprels)
    size = len(heads)

    def children(index: int) -> list[int]:
        return [child for child in range(size) if heads[child] == index]

    # Copula: "X is a member" -> "member" heads the clause, "is" is its cop.
    for verb in range(size):
        if lemmas[verb] != "be" or upos[verb] not in ("AUX", "VERB"):
            continue
        predicates = [child for child in children(verb) if deprels[child] in ("attr", "acomp")]
        if not predicates:
            continue
        predicate = predicates[0]
        for child in children(verb):
            if child != predicate:
                heads[child] = predicate
        heads[predicate], deprels[predicate] = heads[verb], deprels[verb]
        heads[verb], deprels[verb] = predicate, "cop"

    # Prepositional phrases: "killed by gunmen" -> gunmen is obl:agent of killed, by is its case.
    for prep in range(size):
        role = deprels[prep]
        head = heads[prep]
        if role not in ("prep", "agent", "dative") or head is None:
            continue
        kids = children(prep)
        objects = [kid for kid in kids if deprels[kid] == "pobj"]
        clausal = not objects
        if clausal:
            objects = [kid for kid in kids if deprels[kid] == "pcomp" and upos[kid] in ("VERB", "AUX")]
        if not objects:
            continue
        obj = objects[0]
        predicate_head = upos[head] in _PREDICATE_HEADS
        if clausal:
            label = "advcl" if predicate_head else "acl"
        elif role == "agent":
            label = "obl:agent"
        else:
            label = "obl" if predicate_head else "nmod"
        heads[obj], deprels[obj] = head, label
        heads[prep], deprels[prep] = obj, "mark" if clausal else "case"

    for index in range(size):
        relation = deprels[index]
        if relation == "pcomp":
            deprels[index] = "fixed" if upos[index] == "ADP" else "ccomp"
        elif relation in _RENAME:
            deprels[index] = _RENAME[relation]
        if heads[index] is None:
            deprels[index] = "root"
    return heads, deprels


def _import_spacy() -> Any:
    try:
        import spacy
    except ImportError as error:
        raise BackendNotAvailableError("spacy", SPACY_INSTALL, detail=f"import failed: {error}") from error
    return spacy


def load_spacy_model(model: str | os.PathLike[str] | None = None) -> tuple[str, Any]:
    """Load a spaCy pipeline from disk, excluding components the extractor does not use.

    Args:
        model: A package name or model directory; ``None`` follows the lookup order.

    Returns:
        The name (or path) it was loaded from, and the ``Language`` object.

    Raises:
        BackendNotAvailableError: spaCy is not installed.
        ModelNotFoundError: No candidate model is installed.
        ValidationError: A known package's meta does not match (name, version).
    """
    spacy = _import_spacy()
    searched: list[str] = []
    for candidate in spacy_model_candidates(model):
        path = Path(candidate).expanduser()
        source: str | Path = path if path.is_dir() else candidate
        try:
            nlp = spacy.load(source, exclude=["senter"])
        except (OSError, ImportError) as error:
            searched.append(f"spaCy model {candidate!r} ({str(error).splitlines()[0][:120]})")
            continue
        check_spacy_meta(candidate, nlp.meta)
        unused = [name for name in nlp.pipe_names if name not in USED_COMPONENTS]
        for name in unused:
            nlp.disable_pipe(name)
        return candidate, nlp
    raise ModelNotFoundError(
        "spacy",
        searched,
        f"Install the English model with: {SPACY_DOWNLOAD}; or name another installed model or model directory "
        "with the model option or $CONFLICT_EVENTS_SPACY_MODEL. Nothing is downloaded at run time.",
    )


def _convert(tokens: Sequence[Any], entities: Iterable[Any], has_parse: bool) -> ParsedSentence:
    """Turn a run of spaCy tokens (one sentence, or one whole short Doc) into a ParsedSentence."""
    kept = [token for token in tokens if not token.is_space]
    if not kept:
        return ParsedSentence(())
    index = {token.i: position for position, token in enumerate(kept)}
    lemmas = [token.lemma_ or None for token in kept]
    upos = [token.pos_ or None for token in kept]
    if has_parse:
        heads: list[int | None] = []
        for token in kept:
            head = token.head
            while head.i not in index and head.head.i != head.i:  # skip over whitespace tokens
                head = head.head
            heads.append(index[head.i] if head.i != token.i and head.i in index else None)
        ud_heads, ud_deprels = clear_to_ud(heads, [token.dep_ for token in kept], upos, lemmas)
        relations: list[str | None] = list(ud_deprels)
    else:
        ud_heads, relations = [None] * len(kept), [None] * len(kept)
    raw: list[RawToken] = [
        (token.idx, token.idx + len(token.text), lemmas[k], upos[k], ud_heads[k], relations[k])
        for k, token in enumerate(kept)
    ]
    found: list[tuple[int, int, str]] = []
    for entity in entities:
        positions = [index[i] for i in range(entity.start, entity.end) if i in index]
        if positions:
            found.append((positions[0], positions[-1] + 1, entity.label_))
    return ParsedSentence(tuple(raw), tuple(found))


class SpacyAnnotator:
    """Annotate documents with a spaCy pipeline (tokens, lemmas, UPOS, UD dependencies, entities).

    The model is loaded on first use (or by :meth:`load`).

    Args:
        model: Package name or model directory (default: the lookup order of
            :func:`~conflict_events.annotate.models.spacy_model_candidates`).
        select: Parse only the sentences this filter accepts; the others keep the
            sentencizer's tokens with ``parsed=False``. ``None`` parses everything.
        sentencizer: Splits documents into sentences for ``select`` (default: the built-in
            rules annotator).
        pretokenized: With ``select``, give spaCy the sentencizer's tokens (as ``Doc``
            objects) instead of the sentence texts.
        batch_size: Documents per ``nlp.pipe`` round.
        pipe_batch_size: ``batch_size`` given to ``nlp.pipe``.
        nlp: An already loaded ``Language`` to use instead of loading ``model``.

    Raises:
        ValidationError: An option has a bad value.
    """

    name = "spacy"

    def __init__(
        self,
        *,
        model: str | os.PathLike[str] | None = None,
        select: SentenceFilter | None = None,
        sentencizer: Annotator | None = None,
        pretokenized: bool = False,
        batch_size: int = 64,
        pipe_batch_size: int = 256,
        nlp: Any = None,
    ) -> None:
        self.model = model
        self.select = select
        self.sentencizer = sentencizer
        self.pretokenized = pretokenized
        self.batch_size = check_batch_size(batch_size, "spacy")
        self.pipe_batch_size = check_batch_size(pipe_batch_size, "spacy")
        self.model_name: str | None = None
        self._nlp = nlp
        self._runner: NeuralRunner | None = None
        self._doc_class: Any = None

    def load(self) -> SpacyAnnotator:
        """Load the model now (it is otherwise loaded on first use).

        Returns:
            The annotator itself.

        Raises:
            BackendNotAvailableError: spaCy is not installed.
            ModelNotFoundError: The model is not installed.
            ValidationError: A known package's meta does not match.
        """
        if self._runner is not None:
            return self
        if self._nlp is None:
            self.model_name, self._nlp = load_spacy_model(self.model)
        else:
            self.model_name = str(self._nlp.meta.get("name", "custom"))
        from spacy.tokens import Doc

        self._doc_class = Doc
        self._runner = runner_for(self)
        return self

    @property
    def nlp(self) -> Any:
        """The underlying spaCy ``Language`` (loaded on first access)."""
        self.load()
        return self._nlp

    def _parse_texts(self, texts: Sequence[str]) -> list[list[ParsedSentence]]:
        results: list[list[ParsedSentence]] = []
        whole = self.select is None
        for doc in self._nlp.pipe(texts, batch_size=self.pipe_batch_size):
            has_parse = doc.has_annotation("DEP")
            if whole and (has_parse or doc.has_annotation("SENT_START")):
                results.append([_convert(sent, sent.ents, has_parse) for sent in doc.sents])
            else:  # a selected sentence stays one sentence, however spaCy would split it
                results.append([_convert(doc, doc.ents, has_parse)])
        return results

    def _parse_tokens(self, sentences: Sequence[Sequence[str]]) -> list[ParsedSentence]:
        docs = [self._doc_class(self._nlp.vocab, words=list(words)) for words in sentences]
        return [
            _convert(doc, doc.ents, doc.has_annotation("DEP"))
            for doc in self._nlp.pipe(docs, batch_size=self.pipe_batch_size)
        ]

    def annotate(self, document: Document) -> AnnotatedDocument:
        """Annotate one document.

        Raises:
            BackendNotAvailableError: spaCy is not installed.
            ModelNotFoundError: The model is not installed.
        """
        return next(self.annotate_many([document]))

    def annotate_many(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents in order, ``batch_size`` documents per ``nlp.pipe`` round.

        Raises:
            BackendNotAvailableError: spaCy is not installed.
            ModelNotFoundError: The model is not installed.
        """
        self.load()
        assert self._runner is not None
        return self._runner.run(documents)


__all__ = ["USED_COMPONENTS", "SpacyAnnotator", "clear_to_ud", "load_spacy_model"]
