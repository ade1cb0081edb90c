"""JSON Schemas of the project's JSON contracts."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8"))
    return schema
