"""The human-readable codebook and datasheet of a published dataset (``CODEBOOK.md``).

The codebook lists every column of the event table with its type, whether it may be empty,
its description and allowed values (all from :mod:`conflict_events.schema`, so they cannot
drift from the data) and how the extractor decides the value (:data:`METHODS`). The
datasheet section follows "Datasheets for Datasets" (Gebru et al.): motivation, composition,
collection process, uses and limits, with the figures of the dataset being published.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from conflict_events import codebook
from conflict_events.schema import SCHEMA_VERSION, column_docs

if TYPE_CHECKING:
    from conflict_events.stats import DatasetStats

#: How the extractor decides each column (one short paragraph each).
METHODS: Final[Mapping[str, str]] = {
    "event_id": "A hash of the document id, the document text, the extractor version and the event's unit of "
                "analysis (date, sub-event type, the two actors, location). The same text converted by the same "
                "version always gets the same id; a new version gives new ids.",
    "event_date": "The date the sentence gives for the event (\"on Tuesday\", \"on 12 March\", \"last week\"), "
                  "resolved against the publication date; a sentence with no date takes the publication day. "
                  "Never after the publication date.",
    "year": "The year of event_date.",
    "time_precision": "1 when the text gives the day (or the event is dated by the publication day), 2 when it "
                      "gives only the week (\"last week\", the date is the middle of it), 3 when it gives only "
                      "the month.",
    "disorder_type": "Derived from sub_event_type by ACLED's rules (e.g. Excessive force against protesters is "
                     "'Political violence; Demonstrations').",
    "event_type": "Derived from sub_event_type (each sub-event type belongs to one event type).",
    "sub_event_type": "From the trigger words of the sentence (clashed, shelled, abducted, marched, looted, ...) "
                      "found by a lexicon, refined by context cues around them: the weapon (air strike, "
                      "roadside bomb, suicide bomber), who acted on whom (troops retook, police fired tear gas "
                      "at protesters) and whether civilians were the target.",
    "actor1": "The acting side around the trigger, named as ACLED names actors (\"Military Forces of "
              "Nigeria\", \"Al Shabaab\", \"Protesters (Kenya)\", date ranges left out) from an actor lexicon "
              "of names and aliases; generic descriptions (gunmen, militants) become 'Unidentified Armed Group "
              "(Country)'. For protests and riots actor1 is the crowd.",
    "assoc_actor_1": "Groups named alongside actor1 (allies, the cause or identity of a crowd), ';'-separated.",
    "inter1": "The actor type of actor1 from the actor lexicon: 1 state forces, 2 rebels, 3 political "
              "militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.",
    "actor2": "The side acted upon (the target or opponent); empty for one-sided events such as peaceful "
              "protests or most remote violence with no named target. Civilian victims are 'Civilians "
              "(Country)'.",
    "assoc_actor_2": "Groups named alongside actor2, ';'-separated.",
    "inter2": "The actor type of actor2 (0 when there is no actor2).",
    "interaction": "The two inter codes, smaller first (inter1 * 10 when there is no actor2).",
    "civilian_targeting": "'Civilian targeting' for violence against civilians and for remote violence whose "
                          "target is civilians; otherwise empty.",
    "iso": "ISO 3166-1 numeric code of country.",
    "region": "ACLED's region of country.",
    "country": "From the place the event is coded to; when no place resolves, the document's main country.",
    "admin1": "From an offline gazetteer (no web service): the place names in the sentence are matched and "
              "disambiguated with the story's context (the countries it names, its dateline, the areas it "
              "gives for a place, the other places it names).",
    "admin2": "As admin1, where the gazetteer knows the second-level area.",
    "admin3": "As admin1, where the gazetteer knows the third-level area.",
    "location": "The place the event is coded to, spelled as the text names it when it is a town or village.",
    "latitude": "Of location, from the gazetteer (WGS84, 4 decimals); the centre of the area when "
                "geo_precision is 2 or 3.",
    "longitude": "As latitude.",
    "geo_precision": "1 when the named town is found; 2 when the event is near it or the text names a small "
                     "area (the unknown village's district); 3 when only a region or the country is known "
                     "(coded at its centre or the capital).",
    "source": "The publisher of the document (its source field), when the input gives one.",
    "source_scale": "Not set by the extractor (ACLED's source scale needs knowledge of the outlet).",
    "notes": "Not set by the extractor; the evidence column holds the sentences the row comes from.",
    "fatalities": "Deaths reported for the event by ACLED's rules: only deaths count (not injuries), the lowest "
                  "credible figure when sources differ, 'dozens' is 12, deaths with no number count 3 (10 for a "
                  "large attack), deaths that are only background of the event are not counted.",
    "tags": "Structured extras, ';'-separated; for crowds, 'crowd size=...' as the text gives it.",
    "doc_id": "The id of the input document (its id field, the file name of a .txt story, or file:line).",
    "published": "The publication date of the document, when the input gives one.",
    "evidence": "The sentence(s) that report the event, copied from the document.",
    "evidence_start": "Character offset of the evidence in the document text (0-based).",
    "evidence_end": "Character offset where the evidence ends (exclusive): text[start:end] == evidence.",
    "confidence": "The extractor's confidence in the row, 0-1: how strong and unambiguous the trigger and its "
                  "context are, higher when the same event is reported in several sentences. Not a calibrated "
                  "probability; use it to rank or filter.",
    "extractor_version": "The conflict_events version that made the row.",
}


def _allowed(doc: Mapping[str, object]) -> str:
    name = str(doc["name"])
    constraints = doc["constraints"]
    assert isinstance(constraints, dict)
    if name == "sub_event_type":
        return "; ".join(f"{event}: {', '.join(subs)}" for event, subs in codebook.EVENT_TYPES.items())
    if name in ("inter1", "inter2"):
        codes = [c for c in codebook.INTER_CODES if c in constraints.get("enum", ())]
        return ", ".join(f"{c} {codebook.INTER_CODES[c]}" for c in codes)
    if "enum" in constraints:
        return ", ".join(str(v) for v in constraints["enum"])
    bounds = [f">= {constraints['minimum']}" if "minimum" in constraints else "",
              f"<= {constraints['maximum']}" if "maximum" in constraints else "",
              f"pattern {constraints['pattern']}" if "pattern" in constraints else ""]
    return ", ".join(b for b in bounds if b) or "any"


def render_codebook() -> str:
    """Return the column-by-column codebook of the event table as Markdown."""
    lines = [
        "# Codebook",
        "",
        f"Event table schema version {SCHEMA_VERSION}. One row per event, ACLED's unit of analysis: one event "
        "per day, location, pair of actors and sub-event type. ACLED's columns come first, in ACLED's order, "
        "then provenance columns that lead from each row back to the words it came from. Machine-readable "
        "forms: the `schema` of the `events` resource in `datapackage.json` (Frictionless Table Schema) and "
        "`schemas/event.schema.json` in the conflict_events repository.",
        "",
    ]
    for doc in column_docs():
        name = str(doc["name"])
        kind = "ACLED column" if doc["acled"] else "provenance"
        empty = "may be empty" if doc["nullable"] else "always set"
        lines += [
            f"## `{name}`",
            "",
            f"*{doc['type']}, {empty}, {kind}.* {doc['description']}",
            "",
            f"- Allowed values: {_allowed(doc)}",
            f"- How the extractor decides: {METHODS.get(name, 'See the column description.')}",
            "",
        ]
    return "\n".join(lines)


def render_datasheet(*, name: str, version: str, description: str, license_name: str, stats: DatasetStats,
                     library_version: str) -> str:
    """Return the datasheet section (motivation, composition, collection, uses, limits) as Markdown.

    Args:
        name: The dataset's name.
        version: The version being published.
        description: The publisher's description of the dataset.
        license_name: The license.
        stats: The dataset's figures (see :func:`conflict_events.stats.dataset_stats`).
        library_version: The conflict_events version that made the rows.
    """
    span = f"from {stats.first_date} to {stats.last_date}" if stats.first_date else "(no events)"
    types = ", ".join(f"{t} {n:,}" for t, n, _ in stats.by_event_type) or "none"
    countries = ", ".join(f"{c} {n:,}" for c, n, _ in stats.by_country[:10]) or "none"
    records = ", ".join(f"{s} {n:,}" for s, n in stats.documents) or "not recorded"
    rejects = ", ".join(f"{r} {n:,}" for r, n in stats.rejects) or "none"
    return "\n".join([
        "# Datasheet",
        "",
        f"**{name}**, version {version}, license {license_name}.",
        "",
        "## Motivation",
        "",
        description.strip(),
        "",
        "The rows are ACLED-style event records (who, what, where, when, how many killed) extracted "
        "automatically from news text, so that researchers can study political violence and protest in "
        "corpora that no human coder has read.",
        "",
        "## Composition",
        "",
        f"- {stats.events:,} events {span}, {stats.fatalities:,} reported fatalities.",
        f"- By event type: {types}.",
        f"- Countries with most events: {countries}.",
        f"- Input records: {records}. Rejected inputs and events, by reason: {rejects} (table `rejects`).",
        "- Tables: `events` (partitioned by year), `documents` (one row per input record and what became "
        "of it), `rejects` (records and rows that could not be kept, with the reason).",
        "- Each event row carries its evidence: the document id and the character span of the sentences it "
        "comes from. The texts themselves are not part of the dataset.",
        "",
        "## Collection process",
        "",
        f"Converted with conflict_events {library_version} (`conflict-events convert`): each document is split "
        "into sentences, event triggers are found with a lexicon and context rules, actors come from an actor "
        "lexicon, places from an offline gazetteer, dates are resolved against the publication date and "
        "fatalities follow ACLED's counting rules. Rows are validated against the event schema before they are "
        "written; nothing is dropped silently (see `documents` and `rejects`). See CODEBOOK.md for each column.",
        "",
        "## Uses",
        "",
        "- Counting and mapping events by type, actor, place and time across large corpora.",
        "- Finding candidate events for human coders to verify (sort by `confidence`, read the `evidence`).",
        "- Comparing coverage across sources or periods (the `documents` table gives the denominators).",
        "",
        "## Limits",
        "",
        "- Automatic extraction makes mistakes: wrong event types, actors or places, missed events, and events "
        "reported in several documents counted once per document (no cross-document deduplication).",
        "- Fatalities are those reported in the text, not verified figures; the lowest credible figure is kept.",
        "- Places unknown to the offline gazetteer fall back to a larger area (geo_precision 2 or 3).",
        "- Coverage reflects the input corpus and its biases (language, outlets, periods), not all events.",
        "- The rows describe violence against real people: publish and use them with care.",
        "",
    ])


__all__ = ["METHODS", "render_codebook", "render_datasheet"]
