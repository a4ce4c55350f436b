"""The stanza backend, run offline on tiny models the session fixture trains itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.annotate.base import AnnotatedDocument, Annotator, Sentence
from conflict_events.annotate.rules import RulesAnnotator
from conflict_events.annotate.stanza import StanzaAnnotator
from conflict_events.errors import BackendNotAvailableError, ModelNotFoundError, ValidationError
from conflict_events.model import Document
from conflict_events.testing_stanza import TINY_LABELS, load_tiny_corpus

STORY = (
    "Police in Kampala fired tear gas at hundreds of protesters on Tuesday, witnesses said. "
    "Gunmen from Al Shabaab attacked a police post near Garissa, killing three officers.\n\n"
    "The talks ended without agreement and both delegations left the capital."
)
OTHER = "Hassan Ali said soldiers burned several houses in Gulu on Friday. Residents fled."


@pytest.fixture(scope="module", autouse=True)
def _one_torch_thread(one_torch_thread: None) -> None:
    """Every test here runs torch on one thread."""


@pytest.fixture(scope="session")
def tiny_annotator(tiny_stanza: dict[str, Path]) -> StanzaAnnotator:
    """A loaded stanza annotator over the tiny models (tokenize + ner only)."""
    return StanzaAnnotator(**tiny_stanza, allow_missing_processors=True).load()


def _attacks(sentence: Sentence) -> bool:
    return any(word in sentence.text for word in ("attacked", "fired", "burned"))


def _bare_entities(annotator: StanzaAnnotator, text: str) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.type) for e in annotator.pipeline(text).ents]


def test_annotate_stanza_fixture_layout(tiny_stanza: dict[str, Path]) -> None:
    """The tiny model builder returns the annotator's keyword options, with an empty resources.json."""
    assert set(tiny_stanza) == {"model_dir", "tokenize_model_path", "ner_model_path", "ner_pretrain_path"}
    assert (tiny_stanza["model_dir"] / "resources.json").read_text() == "{}"
    for key in ("tokenize_model_path", "ner_model_path", "ner_pretrain_path"):
        assert tiny_stanza[key].is_file() and tiny_stanza[key].stat().st_size > 0


def test_annotate_stanza_is_an_annotator(tiny_annotator: StanzaAnnotator) -> None:
    """The adapter satisfies the Annotator protocol and loads only the processors it has models for."""
    assert isinstance(tiny_annotator, Annotator)
    assert tiny_annotator.name == "stanza"
    assert tiny_annotator.loaded_processors == ("tokenize", "ner")
    assert set(tiny_annotator.missing_processors) == {"pos", "lemma", "depparse"}


def test_annotate_stanza_offsets_slice_back(tiny_annotator: StanzaAnnotator) -> None:
    """Every sentence, token and entity slices the document text back to its own text."""
    document = Document(text=STORY)
    annotated = tiny_annotator.annotate(document)
    annotated.check_offsets()
    assert annotated.backend == "stanza" and annotated.document is document
    assert len(annotated.sentences) == 3
    previous_end = 0
    for sentence in annotated.sentences:
        assert sentence.parsed and sentence.tokens
        assert previous_end <= sentence.start < sentence.end
        previous_end = sentence.end
        for token in sentence.tokens:
            assert sentence.start <= token.start < token.end <= sentence.end
            assert token.text == STORY[token.start : token.end] and not token.text.isspace()
            assert token.head is None and token.deprel is None and token.lemma is None  # no parser in the tiny model
    words = [token.text for token in annotated.sentences[1].tokens]
    assert words[:4] == ["Gunmen", "from", "Al", "Shabaab"] and words[-1] == "."


def test_annotate_stanza_entities_match_bare_pipeline(tiny_annotator: StanzaAnnotator) -> None:
    """The adapter reports exactly the entities a bare stanza pipeline finds, with their labels and offsets."""
    for text in (STORY, OTHER):
        annotated = tiny_annotator.annotate(Document(text=text))
        ours = [(e.start, e.end, e.label) for s in annotated.sentences for e in s.entities]
        assert ours == _bare_entities(tiny_annotator, text)
        assert ours, "the tiny model finds entities in wire-style text"
        assert {label for _, _, label in ours} <= set(TINY_LABELS)


def test_annotate_stanza_entities_on_training_sentences(tiny_annotator: StanzaAnnotator) -> None:
    """On sentences it was trained on, the tiny model recovers most marked entities with the right label."""
    sentences = [sentence for paragraph in load_tiny_corpus() for sentence in paragraph]
    gold = {(text, label) for sentence in sentences for text, label in sentence.entities()}
    documents = [Document(text=sentence.text) for sentence in sentences]
    found = {
        (e.text, e.label) for a in tiny_annotator.annotate_many(documents) for s in a.sentences for e in s.entities
    }
    assert len(gold & found) >= 0.8 * len(gold)


def test_annotate_stanza_select_parses_only_chosen_sentences(
    tiny_annotator: StanzaAnnotator, tiny_stanza: dict[str, Path]
) -> None:
    """With a filter, the rules splitter gives the sentences and only accepted ones go through stanza."""
    annotator = StanzaAnnotator(**tiny_stanza, allow_missing_processors=True, select=_attacks)
    document = Document(text=STORY)
    annotated = annotator.annotate(document)
    annotated.check_offsets()
    rules = RulesAnnotator().annotate(document)
    assert [(s.start, s.end) for s in annotated.sentences] == [(s.start, s.end) for s in rules.sentences]
    assert [s.parsed for s in annotated.sentences] == [True, True, False]
    assert annotated.sentences[2].tokens == rules.sentences[2].tokens
    assert annotated.sentences[2].entities == ()
    labels = {(e.text, e.label) for e in annotated.sentences[1].entities}
    whole = {(e.text, e.label) for e in tiny_annotator.annotate(document).sentences[1].entities}
    assert labels == whole and labels


def test_annotate_stanza_shares_a_built_pipeline(tiny_annotator: StanzaAnnotator) -> None:
    """An annotator can reuse another's pipeline: same processors, same entities, no model loading."""
    sharing = StanzaAnnotator(pipeline=tiny_annotator.pipeline, select=_attacks).load()
    assert sharing.pipeline is tiny_annotator.pipeline
    assert sharing.loaded_processors == ("tokenize", "ner")
    annotated = sharing.annotate(Document(text=STORY))
    whole = tiny_annotator.annotate(Document(text=STORY))
    assert [s.parsed for s in annotated.sentences] == [True, True, False]
    assert annotated.sentences[0].entities == whole.sentences[0].entities


def test_annotate_stanza_select_pretokenized_keeps_rules_tokens(tiny_stanza: dict[str, Path]) -> None:
    """Pre-tokenized selection sends the rules tokens, so parsed sentences keep exactly those token spans."""
    annotator = StanzaAnnotator(**tiny_stanza, allow_missing_processors=True, select=_attacks, pretokenized=True)
    document = Document(text=STORY + " " + OTHER)
    annotated = annotator.annotate(document)
    annotated.check_offsets()
    rules = RulesAnnotator().annotate(document)
    assert [[(t.start, t.end) for t in s.tokens] for s in annotated.sentences] == [
        [(t.start, t.end) for t in s.tokens] for s in rules.sentences
    ]
    assert [s.parsed for s in annotated.sentences] == [_attacks(s) for s in rules.sentences]
    for sentence in annotated.sentences:
        starts = {t.start for t in sentence.tokens}
        ends = {t.end for t in sentence.tokens}
        for entity in sentence.entities:
            assert entity.start in starts and entity.end in ends
    assert any(s.entities for s in annotated.sentences if s.parsed)


def test_annotate_stanza_many_keeps_order_and_empty_documents(tiny_stanza: dict[str, Path]) -> None:
    """annotate_many yields one result per document, in order, across batches, and empty texts give no sentences."""
    annotator = StanzaAnnotator(**tiny_stanza, allow_missing_processors=True, batch_size=2)
    texts = [STORY, "", OTHER, "   \n ", "Residents said Houthi forces shelled villages south of Taiz overnight."]
    documents = [Document(text=text, doc_id=f"d{i}") for i, text in enumerate(texts)]
    results = list(annotator.annotate_many(documents))
    assert [r.document.doc_id for r in results] == [d.doc_id for d in documents]
    assert [len(r.sentences) for r in results][1::2] == [0, 0]
    for result, document in zip(results, documents, strict=True):
        result.check_offsets()
        assert result == annotator.annotate(document)


def test_annotate_stanza_missing_models_error(tmp_path: Path) -> None:
    """Without models on disk, loading fails with where it looked and the exact download command."""
    empty = tmp_path / "nothing_here"
    with pytest.raises(ModelNotFoundError) as caught:
        StanzaAnnotator(model_dir=empty).load()
    message = str(caught.value)
    assert isinstance(caught.value, FileNotFoundError)
    assert str(empty) in message and "model_dir option" in message
    assert "conflict-events models download stanza" in message and "stanza.download('en')" in message
    assert "tokenize" in message


def test_annotate_stanza_missing_processor_needs_permission(tiny_stanza: dict[str, Path]) -> None:
    """A processor without a model is an error unless the caller explicitly allows leaving it out."""
    with pytest.raises(ModelNotFoundError, match="depparse"):
        StanzaAnnotator(**tiny_stanza).load()
    annotator = StanzaAnnotator(**tiny_stanza, processors=("tokenize", "ner"))
    assert annotator.load().loaded_processors == ("tokenize", "ner")


def test_annotate_stanza_explicit_path_must_exist(tiny_stanza: dict[str, Path], tmp_path: Path) -> None:
    """An explicit model path that does not exist is reported by name, even when missing processors are allowed."""
    wrong = tmp_path / "no_such_ner.pt"
    options: dict[str, Any] = {**tiny_stanza, "ner_model_path": wrong}
    with pytest.raises(ModelNotFoundError, match=r"no_such_ner\.pt"):
        StanzaAnnotator(**options, allow_missing_processors=True).load()


def test_annotate_stanza_env_directory(tiny_stanza: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The models directory can come from $CONFLICT_EVENTS_STANZA_DIR, ahead of $STANZA_RESOURCES_DIR."""
    monkeypatch.setenv("CONFLICT_EVENTS_STANZA_DIR", str(tiny_stanza["model_dir"]))
    monkeypatch.setenv("STANZA_RESOURCES_DIR", "/nonexistent/stanza")
    options = {key: value for key, value in tiny_stanza.items() if key != "model_dir"}
    annotator = StanzaAnnotator(**options, allow_missing_processors=True)
    assert annotator.location.path == tiny_stanza["model_dir"]
    assert annotator.location.source == "$CONFLICT_EVENTS_STANZA_DIR"


def test_annotate_stanza_bad_options() -> None:
    """Unknown processors, constituency parsing, bad batch sizes and pretokenized without a filter are refused."""
    with pytest.raises(ValidationError):
        StanzaAnnotator(processors=("tokenize", "constituency"))
    with pytest.raises(ValidationError):
        StanzaAnnotator(batch_size=0)
    with pytest.raises(ValidationError):
        StanzaAnnotator(pretokenized=True)


def test_annotate_stanza_package_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When stanza cannot be imported the error names the pip extra to install."""
    monkeypatch.setitem(sys.modules, "stanza", None)
    with pytest.raises(BackendNotAvailableError) as caught:
        StanzaAnnotator(model_dir=tmp_path).load()
    assert 'pip install "conflict-events[stanza]"' in str(caught.value)
    assert isinstance(caught.value, ImportError)


@given(st.text(max_size=200))
def test_annotate_stanza_any_text_slices_back(tiny_annotator: StanzaAnnotator, text: str) -> None:
    """On any unicode text the adapter never crashes and every span slices back to its text."""
    annotated = tiny_annotator.annotate(Document(text=text))
    assert isinstance(annotated, AnnotatedDocument)
    annotated.check_offsets()
    for sentence in annotated.sentences:
        for token in sentence.tokens:
            assert 0 <= token.start <= token.end <= len(text)


@given(st.lists(st.sampled_from(["Gunmen attacked Goma.", "Talks ended.", "é\u200b", "\n\n", " ", "x."]), max_size=8))
def test_annotate_stanza_selected_any_text_slices_back(tiny_stanza: dict[str, Path], pieces: list[str]) -> None:
    """With selection, text and pre-tokenized modes keep every span inside its sentence and slicing back."""
    text = " ".join(pieces)
    for pretokenized in (False, True):
        annotator = StanzaAnnotator(
            **tiny_stanza, allow_missing_processors=True, select=_half, pretokenized=pretokenized
        )
        annotated = annotator.annotate(Document(text=text))
        annotated.check_offsets()
        for sentence in annotated.sentences:
            assert sentence.parsed == _half(sentence)
            for token in (*sentence.tokens, *sentence.entities):
                assert sentence.start <= token.start <= token.end <= sentence.end


def _half(sentence: Sentence) -> bool:
    return len(sentence.text) % 2 == 0


def test_annotate_stanza_import_is_lazy(python: str) -> None:
    """Importing the package and the stanza adapter modules imports neither stanza, spaCy nor torch."""
    code = (
        "import sys, conflict_events, conflict_events.annotate.stanza, conflict_events.annotate.models, "
        "conflict_events.testing_stanza; "
        "print(sorted(m for m in ('stanza', 'spacy', 'torch') if m in sys.modules))"
    )
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _fake_english_resources(root: Path) -> None:
    """Lay out a resources.json shaped like stanza's, with empty model files for the default package."""
    deps = [{"model": "pretrain", "package": "conll17"}, {"model": "forward_charlm", "package": "1billion"}]
    resources = {
        "en": {
            "lang_name": "English",
            "tokenize": {"combined": {}},
            "mwt": {"combined": {}},
            "pos": {"combined_charlm": {"dependencies": deps}},
            "lemma": {"combined_nocharlm": {}},
            "depparse": {"combined_charlm": {"dependencies": deps}},
            "ner": {"ontonotes_charlm": {"dependencies": deps}},
            "constituency": {"ptb3_charlm": {"dependencies": deps}},
            "pretrain": {"conll17": {}},
            "forward_charlm": {"1billion": {}},
            "packages": {
                "default": {
                    "tokenize": "combined",
                    "mwt": "combined",
                    "pos": "combined_charlm",
                    "lemma": "combined_nocharlm",
                    "depparse": "combined_charlm",
                    "ner": "ontonotes_charlm",
                    "constituency": "ptb3_charlm",
                }
            },
        }
    }
    (root / "resources.json").write_text(json.dumps(resources))
    for name in (
        "tokenize/combined", "mwt/combined", "pos/combined_charlm", "lemma/combined_nocharlm",
        "depparse/combined_charlm", "ner/ontonotes_charlm", "pretrain/conll17", "forward_charlm/1billion",
    ):  # fmt: skip
        path = root / "en" / f"{name}.pt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")


def test_annotate_stanza_finds_default_package_files(tmp_path: Path) -> None:
    """With a stanza-style resources dir, every extractor processor is found, without the constituency model."""
    _fake_english_resources(tmp_path)
    annotator = StanzaAnnotator(model_dir=tmp_path)
    loadable, missing, _ = annotator._plan()
    assert loadable == ["tokenize", "pos", "lemma", "ner", "depparse"] and missing == {}
    (tmp_path / "en" / "depparse" / "combined_charlm.pt").unlink()
    (tmp_path / "en" / "forward_charlm" / "1billion.pt").unlink()
    loadable, missing, searched = annotator._plan()
    assert loadable == ["tokenize", "lemma"]
    assert set(missing) == {"pos", "ner", "depparse"}
    assert str(tmp_path / "en" / "depparse" / "combined_charlm.pt") in searched
    with pytest.raises(ModelNotFoundError, match="1billion"):
        annotator.load()
