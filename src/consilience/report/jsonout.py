"""The JSON output of ``analyze`` and its JSON Schema, both generated from the model."""

from __future__ import annotations

import json

from ..model import Analysis

#: Article fields kept out of the JSON output: internal state, derivable from spans.
INTERNAL_FIELDS = {"offset_map"}


def to_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    data = analysis.model_dump(mode="json", exclude={"articles": {"__all__": INTERNAL_FIELDS}})
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def analysis_schema() -> dict:
    schema = Analysis.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Consilience analysis"
    art = schema["$defs"]["Article"]
    for f in INTERNAL_FIELDS:
        art["properties"].pop(f, None)
        if f in art.get("required", []):
            art["required"].remove(f)
    return schema
