"""``conflict-events models info|download``: what the neural backends have on disk, and fetching it."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``models`` command."""
    parser = subparsers.add_parser(
        "models", help="show or download the models of the stanza and spaCy backends",
        description="The built-in rules backend needs no model. The stanza and spaCy backends read models from "
                    "disk only; `models info` shows what is installed and where it was looked for, `models "
                    "download` fetches them (needs a network connection).",
    )
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION")
    actions.required = True
    info = actions.add_parser("info", help="show installed backends and models (exit 2 when one is not ready)")
    info.add_argument("--stanza-dir", type=Path, default=None, help="stanza resources directory to inspect")
    info.add_argument("--spacy-model", default=None, help="spaCy model package or directory to inspect")
    info.add_argument("--json", action="store_true", help="print the report as JSON")
    info.set_defaults(handler=run_info)
    download = actions.add_parser("download", help="download a backend's models")
    download.add_argument("backend", choices=["stanza", "spacy"])
    download.add_argument("--dir", type=Path, default=None, dest="model_dir", help="stanza: where to put the models")
    download.add_argument("--model", default=None, help="spaCy: model package (default en_core_web_sm)")
    download.set_defaults(handler=run_download)


def run_info(args: argparse.Namespace) -> int:
    """Print each backend's package, models and what is missing."""
    from conflict_events.annotate.models import models_info

    backends = models_info(stanza_dir=args.stanza_dir, spacy_model=args.spacy_model)
    if args.json:
        print(json.dumps([{**asdict(b), "ready": b.ready} for b in backends], indent=2, default=str))
        return 0 if all(b.ready for b in backends) else 2
    print("rules: built in, always ready (no model)")
    for backend in backends:
        state = "ready" if backend.ready else "not ready"
        version = f" {backend.version}" if backend.version else ""
        package = f"installed{version}" if backend.installed else f"not installed (install: {backend.install})"
        print(f"{backend.backend}: {state}; package {package}")
        for place in backend.searched:
            print(f"  looked in: {place}")
        for model in backend.models:
            print(f"  model: {model.name}{f' {model.version}' if model.version else ''} at {model.path}")
        if backend.missing:
            print(f"  missing: {', '.join(backend.missing)}; get them with: {backend.download}")
    return 0 if all(b.ready for b in backends) else 2


def run_download(args: argparse.Namespace) -> int:
    """Download one backend's models and say where they are."""
    from conflict_events.annotate.models import download_models

    print(f"downloading {args.backend} models ...", file=sys.stderr)
    result = download_models(args.backend, model_dir=args.model_dir, model=args.model)
    print(f"{result.backend}: {', '.join(result.models)} in {result.location}")
    return 0
