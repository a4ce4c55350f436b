"""Printing shared by the dev-set measurement scripts."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence


def print_error_classes(errors: Mapping[str, Sequence[str]], *, show: str = "", examples: int = 0) -> None:
    """Print each error class with its count, most frequent first, and examples of the classes named by ``show``."""
    for key, found in sorted(errors.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(found):5d}  {key}")
        if examples and show.lower() in key.lower():
            for example in found[:examples]:
                print("         " + re.sub(r"\s+", " ", example))
