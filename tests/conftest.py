"""Shared fixtures and settings for the whole test suite (the only conftest)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
STORIES = Path(__file__).resolve().parent / "stories"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected outputs of the golden extraction tests instead of comparing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files should be rewritten (only with --update-golden)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def python() -> str:
    """The interpreter running the tests (subprocess tests use the same environment)."""
    return sys.executable


@pytest.fixture(scope="session")
def stories_dir() -> Path:
    """Folder of wire-style stories written for the project, with their expected events."""
    return STORIES


@pytest.fixture(scope="module")
def one_torch_thread() -> Iterator[None]:
    """Run torch on one thread: tiny models are fastest so, and the CI cores are shared."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def tiny_stanza(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny stanza tokenizer + NER models trained in-process on the project's tiny corpus (seconds)."""
    from conflict_events.testing_stanza import build_tiny_stanza_models

    return build_tiny_stanza_models(tmp_path_factory.mktemp("stanza_tiny"))
