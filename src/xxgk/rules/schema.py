"""The JSON Schema of ``xxgk check --json`` (one report's result)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def check_result_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("check-result.schema.json").read_text("utf-8")
    )
    return schema
