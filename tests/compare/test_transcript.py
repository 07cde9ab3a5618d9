"""The archive's markdown export is read into the same record as the hand-made ground truth."""

from __future__ import annotations

import pytest

from ocr.compare.references import find_transcript
from ocr.compare.transcript import parse_transcript, read_transcript, to_markdown
from ocr.lines import Role

HEADER_FIELDS = ["form_title", "classification", "handling_marks", "priority", "origin", "telegram_number",
                 "received_time", "received_date_raw", "copy_number", "special_number", "addressee",
                 "registration_marks"]


@pytest.fixture(scope="module")
def seed(seed_dir):
    return read_transcript(seed_dir / "transcript.ru.txt")


@pytest.mark.parametrize("field", HEADER_FIELDS)
def test_header_fields_match_expected(seed, seed_expected, field):
    assert getattr(seed.record.header, field) == seed_expected["header"][field]


def test_record_matches_expected(seed, seed_expected):
    record = seed.record.model_dump(mode="json")
    for part in ("distribution", "signature", "footer", "body", "doc_type"):
        assert record[part] == seed_expected[part], part


def test_pages_and_their_fields(seed, seed_expected):
    from ocr.assemble import page_fields

    assert len(seed.pages) == 5
    for page, expected in zip(seed.pages, seed_expected["pages"]):
        found = page_fields(page, seed.record.header.copy_number)
        assert found.folio == expected["folio"]
        assert found.page_label == expected["page_label"]
        assert found.copy_number == expected["copy_number"]
        assert found.telegram_number == expected.get("telegram_number")
    assert seed.page_texts == [p["text"] for p in seed_expected["pages"]]


def test_roles_of_the_first_page(seed):
    roles = [line.role for line in seed.pages[0]]
    assert roles[:5] == [Role.REGISTRATION] * 4 + [Role.FOLIO]
    assert roles.count(Role.GRID) == 7
    assert [line.text for line in seed.pages[0] if line.role is Role.PRIORITY] == ["О С О Б А Я", "ВНЕ ОЧЕРЕДИ"]


def test_markdown_round_trip(seed):
    again = parse_transcript(to_markdown(seed))
    assert again.record == seed.record
    assert [len(p) for p in again.pages] == [len(p) for p in seed.pages]


def test_plain_text_without_form_is_all_body():
    transcript = parse_transcript("Первый абзац текста письма, который идет здесь.\n\nВторой абзац и еще немного слов.")
    assert transcript.record.doc_type == "other"
    assert transcript.record.body == ("Первый абзац текста письма, который идет здесь.\n\n"
                                      "Второй абзац и еще немного слов.")


def test_find_transcript_beside_scan_or_in_folder(tmp_path):
    scan = tmp_path / "scans" / "doc-1.pdf"
    scan.parent.mkdir()
    scan.write_bytes(b"%PDF")
    assert find_transcript(scan) is None
    (tmp_path / "scans" / "doc-1.md").write_text("x")
    assert find_transcript(scan) == tmp_path / "scans" / "doc-1.md"
    other = tmp_path / "transcripts"
    other.mkdir()
    (other / "doc-1.txt").write_text("y")
    assert find_transcript(scan, other) == other / "doc-1.txt"
