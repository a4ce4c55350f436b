"""The built-in rules annotator: sentences and tokens with offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conflict_events.annotate import get_annotator
from conflict_events.annotate.rules import RulesAnnotator, split_sentences, tokenize
from conflict_events.model import Document


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_annotate_rules_splits_at_sentence_ends() -> None:
    """Sentences end at . ! ? followed by a capital, with closing quotes kept."""
    text = 'Troops entered the town. "We will fight," he said! Was it over? Nobody knew.'
    assert _sentences(text) == ["Troops entered the town.", '"We will fight," he said!', "Was it over?",
                                "Nobody knew."]


def test_annotate_rules_keeps_abbreviations_and_initials() -> None:
    """Titles, month abbreviations, initials and 'U.S.' do not end sentences."""
    text = ("Lt. Gen. Abdel Amir said the U.S. army left on Jan. 28 at 3 p.m. He spoke to John F. Kennedy Jr. "
            "The meeting ended.")
    assert _sentences(text) == [
        "Lt. Gen. Abdel Amir said the U.S. army left on Jan. 28 at 3 p.m.",
        "He spoke to John F. Kennedy Jr.",
        "The meeting ended.",
    ]


def test_annotate_rules_blank_lines_always_split() -> None:
    """A paragraph break ends a sentence even without punctuation."""
    assert _sentences("KAJURU ATTACK\n\nGunmen abducted six traders.") == ["KAJURU ATTACK",
                                                                         "Gunmen abducted six traders."]


def test_annotate_rules_tokens_keep_numbers_and_names() -> None:
    """'12,500', '3.5', 'al-Shabaab' and "Syria's" stay single tokens."""
    tokens = [t.text for t in tokenize("About 12,500 fled 3.5 km from al-Shabaab's base in Syria's east.")]
    assert "12,500" in tokens and "3.5" in tokens and "al-Shabaab's" in tokens and "Syria's" in tokens


def test_annotate_rules_registry_returns_rules_by_default() -> None:
    """The default backend is the rules annotator and it needs no model."""
    annotator = get_annotator()
    assert isinstance(annotator, RulesAnnotator)
    annotated = annotator.annotate(Document(text="Gunmen struck. Police arrived."))
    assert [s.text for s in annotated.sentences] == ["Gunmen struck.", "Police arrived."]
    assert annotated.backend == "rules"


@given(st.text(max_size=300))
def test_annotate_rules_offsets_always_slice_back(text: str) -> None:
    """Every sentence and token span slices the document to its own text; sentences do not overlap."""
    annotated = RulesAnnotator().annotate(Document(text=text))
    annotated.check_offsets()
    ends = [s.end for s in annotated.sentences]
    starts = [s.start for s in annotated.sentences]
    assert all(a <= b for a, b in zip(ends, starts[1:], strict=False))
