"""Scoring against gold rows: the conventions of the development data."""

from __future__ import annotations

import pandas as pd
import pytest

from conflict_events.evaluation import actor_set, distance_km, evaluate, normalize, same_place


def _gold() -> pd.DataFrame:
    return pd.DataFrame([
        {"doc_id": "a", "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2020-01-02",
         "fatalities": 3, "country": "Somalia", "admin1": "Lower Juba", "location": "Afmadow", "latitude": 0.51,
         "longitude": 42.07, "actor1": "Al Shabaab", "actor2": "Military Forces of Somalia (2017-)"},
        {"doc_id": "b", "event_type": "Protests", "sub_event_type": "Peaceful protest", "event_date": "2020-01-03",
         "fatalities": 0, "country": "Kenya", "admin1": "Nairobi", "location": "Nairobi", "latitude": -1.28,
         "longitude": 36.82, "actor1": "Protesters (Kenya)", "actor2": None},
    ])


def test_evaluation_normalises_like_the_data_readme() -> None:
    """Case, accents, ACLED date ranges and generic place words are ignored."""
    assert normalize("Military Forces of Iraq (2014-)") == normalize("military forces of iraq")
    assert same_place("Lower Juba Region", "lower juba")
    assert same_place("Mogadishu", "Mogadishu-Hodan")
    assert not same_place("", "Nairobi")
    assert actor_set({"actor1": "A (2001-2019)", "actor2": "B"}) == frozenset({"a", "b"})
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)


def test_evaluation_scores_best_prediction_per_document() -> None:
    """Of several predictions for a document the best one counts; extras are reported."""
    pred = pd.DataFrame([
        {"doc_id": "a", "event_type": "Violence against civilians", "sub_event_type": "Attack",
         "event_date": "2020-01-02", "fatalities": 0, "country": "Somalia", "admin1": None, "location": None,
         "latitude": None, "longitude": None, "actor1": "Al Shabaab", "actor2": "Civilians (Somalia)"},
        {"doc_id": "a", "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2020-01-02",
         "fatalities": 3, "country": "Somalia", "admin1": "Lower Juba Region", "location": "Afmadow",
         "latitude": 0.52, "longitude": 42.08, "actor1": "Military Forces of Somalia", "actor2": "Al Shabaab"},
    ])
    report = evaluate(_gold(), pred)
    summary = report.summary()
    assert summary["detected"] == 0.5
    assert summary["event_type"] == 0.5
    assert summary["extra_events_per_doc"] == 0.5
    assert summary["actor_recall"] == 0.5
    assert report.fields["event_type"].precision == 1.0
    assert report.fields["within_25km"].accuracy == 0.5
    assert report.per_type["Battles"][:3] == (1.0, 1.0, 1.0)
    assert report.per_type["Protests"][1] == 0.0
    assert "event_type" in report.table()
