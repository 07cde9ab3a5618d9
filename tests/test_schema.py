"""The published schema is the contract models' own, and it rejects what the contract forbids."""

from __future__ import annotations

import json

import pytest

from ocr import schema
from ocr.errors import SchemaError


def _minimal() -> dict:
    from ocr.contract import Page, Provenance, Quality, Source, TelegramDocument

    return TelegramDocument(
        document_id="doc-1",
        source=Source(path="doc-1.pdf", sha256="0" * 64, page_count=1),
        pages=[Page(number=1, text="", width=10, height=10, dpi=300, skew_deg=0.0, rotation=0, mean_confidence=0.0)],
        quality=Quality(mean_confidence=0.0, low_confidence_words=0),
        provenance=Provenance(pipeline_version="0", tesseract_version="5.3.0", languages="rus",
                              processed_at="2026-01-01T00:00:00+00:00"),
    ).model_dump(mode="json")


def test_committed_schema_is_generated_from_the_models():
    assert json.loads(schema.SCHEMA_PATH.read_text(encoding="utf-8")) == schema.generate()


def test_seed_expected_fields_are_accepted_by_the_models(seed_expected):
    from ocr.contract import TelegramRecord

    record = TelegramRecord.model_validate({k: seed_expected[k] for k in
                                            ("doc_type", "header", "distribution", "body", "signature", "footer")})
    assert record.header.addressee == "ВЫШИНСКОМУ"


def test_minimal_document_validates():
    schema.validate(_minimal())


@pytest.mark.parametrize("change, where", [
    (lambda d: d.pop("body"), "(document)"),
    (lambda d: d["header"].update(received_time="25:70"), "header/received_time"),
    (lambda d: d["pages"][0].update(rotation=45), "pages/0/rotation"),
    (lambda d: d.update(document_id="bad id/with slash"), "document_id"),
    (lambda d: d["stamps"].append({"kind": "coffee", "text": "", "page": 1, "bbox": [0, 0, 1, 1], "confidence": 1}),
     "stamps/0/kind"),
])
def test_schema_rejects(change, where):
    document = _minimal()
    change(document)
    with pytest.raises(SchemaError, match=where):
        schema.validate(document)

