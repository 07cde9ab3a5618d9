"""The published JSON Schema of the output contract, and validation against it.

``telegram-document.schema.json`` is generated from :mod:`ocr.contract` and committed, so other
tools can read it; ``python -m ocr.schema`` regenerates it and a test keeps the two in step.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import jsonschema

from ocr.contract import TelegramDocument
from ocr.errors import SchemaError

SCHEMA_PATH = Path(__file__).with_name("telegram-document.schema.json")
SCHEMA_ID = "https://telegrams.example/schema/telegram-document-1.0.json"


def generate() -> dict:
    """The schema of :class:`~ocr.contract.TelegramDocument`, as published."""
    schema = TelegramDocument.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate(document: dict) -> None:
    """Raise SchemaError naming the first place where ``document`` breaks the published schema."""
    error = jsonschema.exceptions.best_match(_validator().iter_errors(document))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(document)"
        raise SchemaError(f"output does not match the contract at {where}: {error.message}",
                          "this is a bug in telegrams: please report it with the input file")


def main() -> None:
    SCHEMA_PATH.write_text(json.dumps(generate(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
