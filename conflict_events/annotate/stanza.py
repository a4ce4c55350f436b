"""The stanza backend: a ``stanza.Pipeline`` behind the :class:`Annotator` protocol.

Only this module (and :mod:`conflict_events.testing_stanza`) imports stanza, and only inside
functions, so ``import conflict_events`` never loads stanza or torch.

The pipeline runs tokenize, pos, lemma, ner and depparse (never the constituency parser),
reads models from disk only (``download_method=None``) and processes documents in bulk.
Models come from a stanza resources directory (see
:func:`conflict_events.annotate.models.stanza_model_dir` for the lookup order: the
``model_dir`` option, ``$CONFLICT_EVENTS_STANZA_DIR``, ``$STANZA_RESOURCES_DIR``,
``~/stanza_resources``) or from explicit per-processor paths. Example::

    from conflict_events.annotate.stanza import StanzaAnnotator

    annotator = StanzaAnnotator()                        # full English models on disk
    annotated = annotator.annotate(document)

    # only parse the sentences a cheap filter accepts; the rest keep the rules tokens
    annotator = StanzaAnnotator(select=lambda sentence: "killed" in sentence.text)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from conflict_events.annotate.base import AnnotatedDocument, Annotator, SentenceFilter
from conflict_events.annotate.models import (
    STANZA_DOWNLOAD,
    STANZA_INSTALL,
    STANZA_PROCESSORS,
    ModelLocation,
    stanza_model_dir,
)
from conflict_events.annotate.neural import NeuralRunner, ParsedSentence, RawToken, check_batch_size, runner_for
from conflict_events.errors import BackendNotAvailableError, ModelNotFoundError, ValidationError
from conflict_events.model import Document

#: Processors each processor needs before it (stanza's own requirements, for English).
_REQUIRES: dict[str, tuple[str, ...]] = {
    "tokenize": (),
    "pos": ("tokenize",),
    "lemma": ("tokenize",),
    "ner": ("tokenize",),
    "depparse": ("tokenize", "pos", "lemma"),
}
_PATH_OPTIONS: tuple[str, ...] = (
    "tokenize_model_path",
    "pos_model_path",
    "pos_pretrain_path",
    "lemma_model_path",
    "ner_model_path",
    "ner_pretrain_path",
    "depparse_model_path",
    "depparse_pretrain_path",
)

PathLike = str | os.PathLike[str]


def _import_stanza() -> Any:
    try:
        import stanza
    except ImportError as error:
        raise BackendNotAvailableError("stanza", STANZA_INSTALL, detail=f"import failed: {error}") from error
    return stanza


def _fix(location: ModelLocation) -> str:
    return (
        f"Download the English models with: {STANZA_DOWNLOAD}, into {location.path} or a directory named by "
        "the model_dir option, $CONFLICT_EVENTS_STANZA_DIR or $STANZA_RESOURCES_DIR; or pass explicit "
        "<processor>_model_path options. Nothing is downloaded at run time."
    )


def _default_paths(location: ModelLocation, lang: str, package: str, processor: str) -> tuple[list[str] | None, str]:
    """Return the files stanza would load for ``processor`` from ``location``, or why there are none.

    ``None`` (with no reason) means this could not be worked out from ``resources.json``; the
    pipeline is then left to try, and its own error is reported if the model is absent.
    """
    from stanza.pipeline.core import build_default_config
    from stanza.resources.common import add_dependencies, load_resources_json, maintain_processor_list

    if not (location.path / "resources.json").is_file():
        return [], f"no resources.json in {location.describe()}"
    try:
        resources = load_resources_json(str(location.path))
        if lang not in resources:
            return [], f"language {lang!r} is not in {location.path / 'resources.json'}"
        # package=None: as in Pipeline, only the processors asked for (not the whole package)
        load_list = maintain_processor_list(
            resources, lang, None, {processor: package}, maybe_add_mwt=processor == "tokenize"
        )
        if not any(name == processor for name, _ in load_list):
            return [], f"no {processor!r} model in package {package!r} of {location.path / 'resources.json'}"
        load_list = add_dependencies(resources, lang, load_list)
        config = build_default_config(resources, lang, str(location.path), load_list)
    except Exception:  # an unusual resources.json: let stanza itself decide when it loads
        return None, ""
    paths: list[str] = []
    for key, value in config.items():
        if key.endswith("_path"):
            paths.extend(value if isinstance(value, list) else [value])
        elif key.endswith("_dependencies") and isinstance(value, list):
            paths.extend(path for block in value for path in block.values())
    return [str(path) for path in paths], ""


class StanzaAnnotator:
    """Annotate documents with a stanza pipeline (tokens, lemmas, UPOS, dependencies, entities).

    The pipeline is built on first use (or by :meth:`load`), so constructing an annotator is
    cheap and never touches stanza.

    Args:
        model_dir: stanza resources directory (holding ``resources.json`` and ``<lang>/``).
        lang: Language code of the models.
        package: stanza package name (``"default"``).
        processors: Processors to run; a subset of tokenize, pos, lemma, ner, depparse.
        tokenize_model_path: Explicit tokenizer model file (overrides the resources dir).
        pos_model_path: Explicit POS model file.
        pos_pretrain_path: Word vectors of the POS model.
        lemma_model_path: Explicit lemmatizer model file.
        ner_model_path: Explicit NER model file.
        ner_pretrain_path: Word vectors of the NER model.
        depparse_model_path: Explicit dependency parser model file.
        depparse_pretrain_path: Word vectors of the parser.
        allow_missing_processors: Leave out processors whose models are not on disk instead of
            raising (tokenize can never be left out). Off by default.
        select: Parse only the sentences this filter accepts; the others keep the
            sentencizer's tokens with ``parsed=False``. ``None`` parses everything.
        sentencizer: Splits documents into sentences for ``select`` (default: the built-in
            rules annotator).
        pretokenized: With ``select``, send the sentencizer's tokens to stanza instead of the
            sentence texts (stanza's tokenizer is then not run).
        batch_size: Documents per bulk call.
        device: Torch device (``"cpu"``, ``"cuda"``); ``None`` lets stanza choose.
        options: Further ``stanza.Pipeline`` keyword options (``ner_batch_size``,
            ``pos_forward_charlm_path``...).
        pipeline: An already built ``stanza.Pipeline`` to use as it is (model options are then
            ignored), e.g. to share one between annotators with different filters.

    Raises:
        ValidationError: An option has a bad value.
    """

    name = "stanza"

    def __init__(
        self,
        *,
        model_dir: PathLike | None = None,
        lang: str = "en",
        package: str = "default",
        processors: Sequence[str] = STANZA_PROCESSORS,
        tokenize_model_path: PathLike | None = None,
        pos_model_path: PathLike | None = None,
        pos_pretrain_path: PathLike | None = None,
        lemma_model_path: PathLike | None = None,
        ner_model_path: PathLike | None = None,
        ner_pretrain_path: PathLike | None = None,
        depparse_model_path: PathLike | None = None,
        depparse_pretrain_path: PathLike | None = None,
        allow_missing_processors: bool = False,
        select: SentenceFilter | None = None,
        sentencizer: Annotator | None = None,
        pretokenized: bool = False,
        batch_size: int = 32,
        device: str | None = None,
        options: Mapping[str, Any] | None = None,
        pipeline: Any = None,
    ) -> None:
        wanted = tuple(processors.split(",") if isinstance(processors, str) else processors)
        unknown = [name for name in wanted if name not in _REQUIRES]
        if unknown or not wanted:
            raise ValidationError(
                "stanza.processors", tuple(processors), f"a non-empty subset of {', '.join(_REQUIRES)}"
            )
        if "tokenize" not in wanted:
            wanted = ("tokenize", *wanted)
        if pretokenized and select is None:
            raise ValidationError("stanza.pretokenized", pretokenized, "False unless a select filter is given")
        self.lang = lang
        self.package = package
        self.processors = tuple(name for name in _REQUIRES if name in wanted)
        self.location = stanza_model_dir(model_dir)
        given = {
            "tokenize_model_path": tokenize_model_path,
            "pos_model_path": pos_model_path,
            "pos_pretrain_path": pos_pretrain_path,
            "lemma_model_path": lemma_model_path,
            "ner_model_path": ner_model_path,
            "ner_pretrain_path": ner_pretrain_path,
            "depparse_model_path": depparse_model_path,
            "depparse_pretrain_path": depparse_pretrain_path,
        }
        self.paths: dict[str, Path] = {key: Path(value) for key, value in given.items() if value is not None}
        self.allow_missing_processors = allow_missing_processors
        self.select = select
        self.sentencizer = sentencizer
        self.pretokenized = pretokenized
        self.batch_size = check_batch_size(batch_size, "stanza")
        self.device = device
        self.options = dict(options or {})
        self.loaded_processors: tuple[str, ...] = ()
        self.missing_processors: dict[str, str] = {}
        self._pipeline: Any = pipeline
        self._document_class: Any = None
        self._runner: NeuralRunner | None = None

    def _plan(self) -> tuple[list[str], dict[str, str], list[str]]:
        """Decide which processors can load; return (loadable, missing with reasons, places searched)."""
        loadable: list[str] = []
        missing: dict[str, str] = {}
        searched: list[str] = [self.location.describe()]
        for processor in self.processors:
            explicit = [key for key in _PATH_OPTIONS if key.startswith(processor + "_")]
            given = [self.paths[key] for key in explicit if key in self.paths]
            if given:
                searched.extend(str(path) for path in given)
                absent = [str(path) for path in given if not path.is_file()]
                if absent:
                    raise ModelNotFoundError(
                        "stanza",
                        searched,
                        f"The {processor} model file(s) given as options do not exist: {', '.join(absent)}.",
                    )
                loadable.append(processor)
                continue
            if processor == "tokenize" and self.pretokenized:
                loadable.append(processor)
                continue
            paths, reason = _default_paths(self.location, self.lang, self.package, processor)
            if paths is None:
                loadable.append(processor)
                continue
            absent = [path for path in paths if not Path(path).is_file()]
            if paths and not absent:
                loadable.append(processor)
                continue
            searched.extend(absent)
            missing[processor] = reason or f"missing {', '.join(absent)}"
        for processor in list(loadable):
            unmet = [need for need in _REQUIRES[processor] if need not in loadable]
            if unmet:
                loadable.remove(processor)
                missing[processor] = f"needs {', '.join(unmet)}"
        return loadable, missing, searched

    def load(self) -> StanzaAnnotator:
        """Build the stanza pipeline now (it is otherwise built on first use).

        Returns:
            The annotator itself.

        Raises:
            BackendNotAvailableError: stanza is not installed.
            ModelNotFoundError: A model is not on disk (and missing processors are not allowed),
                or the tokenizer model is missing.
        """
        if self._runner is not None:
            return self
        stanza = _import_stanza()
        if self._pipeline is not None:
            self._document_class = stanza.Document
            self.loaded_processors = tuple(name for name in _REQUIRES if name in self._pipeline.processors)
            self._runner = self._make_runner()
            return self
        loadable, missing, searched = self._plan()
        if missing and ("tokenize" in missing or not self.allow_missing_processors):
            detail = "; ".join(f"{name}: {reason}" for name, reason in missing.items())
            raise ModelNotFoundError("stanza", searched, f"Missing processors: {detail}. {_fix(self.location)}")
        kwargs: dict[str, Any] = {
            key: str(path) for key, path in self.paths.items() if key.split("_", 1)[0] in loadable
        }
        if self.pretokenized:
            kwargs["tokenize_pretokenized"] = True
        elif self.select is not None:
            kwargs["tokenize_no_ssplit"] = True  # the sentencizer already decided the sentences
        kwargs.update(self.options)
        try:
            pipeline = stanza.Pipeline(
                lang=self.lang,
                dir=str(self.location.path),
                package=self.package,
                processors=",".join(loadable),
                download_method=None,
                allow_unknown_language=True,
                logging_level="WARN",
                device=self.device,
                **kwargs,
            )
        except FileNotFoundError as error:
            raise ModelNotFoundError(
                "stanza", searched, f"stanza could not load a model ({error}). {_fix(self.location)}"
            ) from error
        self._pipeline = pipeline
        self._document_class = stanza.Document
        self.loaded_processors = tuple(loadable)
        self.missing_processors = missing
        self._runner = self._make_runner()
        return self

    def _make_runner(self) -> NeuralRunner:
        return runner_for(self)

    @property
    def pipeline(self) -> Any:
        """The underlying ``stanza.Pipeline`` (built on first access)."""
        return self.load()._pipeline

    def _parse_texts(self, texts: Sequence[str]) -> list[list[ParsedSentence]]:
        documents = self._pipeline.bulk_process([self._document_class([], text=text) for text in texts])
        return [[_convert(sentence) for sentence in document.sentences] for document in documents]

    def _parse_tokens(self, sentences: Sequence[Sequence[str]]) -> list[ParsedSentence]:
        # A Document that already has its words skips stanza's tokenizer (and MWT) entirely,
        # whatever the pipeline's tokenize options.
        document = self._document_class(
            [[{"id": (number,), "text": word} for number, word in enumerate(words, 1)] for words in sentences]
        )
        after = [name for name in self.loaded_processors if name != "tokenize"]
        document = self._pipeline.process(document, processors=after)
        parsed = [_convert(sentence) for sentence in document.sentences]
        if len(parsed) != len(sentences):
            raise ValidationError(
                "stanza pre-tokenized sentences", len(parsed), f"{len(sentences)} sentences, one per input sentence"
            )
        return parsed

    def annotate(self, document: Document) -> AnnotatedDocument:
        """Annotate one document.

        Raises:
            BackendNotAvailableError: stanza is not installed.
            ModelNotFoundError: The models are not on disk.
        """
        return next(self.annotate_many([document]))

    def annotate_many(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents in order, ``batch_size`` documents per stanza bulk call.

        Raises:
            BackendNotAvailableError: stanza is not installed.
            ModelNotFoundError: The models are not on disk.
        """
        self.load()
        assert self._runner is not None
        return self._runner.run(documents)


def _convert(sentence: Any) -> ParsedSentence:
    """Turn one ``stanza`` sentence into a :class:`ParsedSentence` (one token per syntactic word)."""
    tokens: list[RawToken] = []
    places: dict[int, tuple[int, int]] = {}
    for token in sentence.tokens:
        first = len(tokens)
        start, end = token.start_char, token.end_char
        words = token.words
        for word in words:
            head = word.head
            if len(words) > 1 and word.start_char is not None and word.end_char is not None:
                word_start, word_end = word.start_char, word.end_char
            else:  # a word stanza cannot place inside its multi-word token shares the token's span
                word_start, word_end = start, end
            tokens.append((word_start, word_end, word.lemma, word.upos, head - 1 if head else None, word.deprel))
        places[id(token)] = (first, len(tokens))
    entities = []
    for entity in sentence.ents:
        span = entity.tokens
        if span:
            entities.append((places[id(span[0])][0], places[id(span[-1])][1], entity.type))
    return ParsedSentence(tuple(tokens), tuple(entities))


__all__ = ["StanzaAnnotator"]
