"""Recorded SES documents for the unit tests that compare fakeses's JSON with them."""
from __future__ import annotations

import json
import pathlib
from typing import Any


def load(directory: pathlib.Path, name: str) -> Any:
    """The recorded document ``<directory>/<name>.json``; an SNS envelope's ``Message`` if it is one."""
    document = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
    return document.get("Message", document)


def skeleton(value: Any) -> Any:
    """Keys in order and value types, a list by its first item."""
    if isinstance(value, dict):
        return [(key, skeleton(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [skeleton(value[0])] if value else []
    return type(value).__name__
