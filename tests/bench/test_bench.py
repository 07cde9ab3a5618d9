"""Benchmark arithmetic: recall, language choice, field scores (the runs themselves are `telegrams bench`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr.bench.real import real_language, word_recall
from ocr.compare.scoring import f1, field_accuracy, score_fields
from ocr.contract import DistributionEntry, Header, TelegramRecord


def test_word_recall_is_order_free_and_counts_repeats():
    assert word_recall("a b c d", "d c b a") == 1.0
    assert word_recall("der die der das", "der das") == 0.5
    assert word_recall("", "anything") == 1.0


@pytest.mark.parametrize("name, lang", [("EHRI-BF-19380111_DE_01", "deu"), ("EHRI-DR-19390125-US_02", "eng"),
                                        ("EHRI-BF-19380420_SK_01", "slk"), ("EHRI-DR-19431213-DK_01", "dan"),
                                        ("EHRI-ET-JMP001_03", "ces"), ("EHRI-XX-unknown_01", "eng")])
def test_real_language_from_name(name, lang):
    assert real_language(Path(f"{name}.jpg")) == lang


def test_field_scores():
    truth = TelegramRecord(doc_type="cipher_telegram", header=Header(origin="БЕРЛИНА", priority=["ОСОБАЯ", "СРОЧНО"]),
                           distribution=[DistributionEntry(copy=1, recipient="Молотову"), DistributionEntry(copy=2)])
    found = TelegramRecord(doc_type="cipher_telegram", header=Header(origin="БЕРЛИНА", priority=["ОСОБАЯ"]),
                           distribution=[DistributionEntry(copy=1, recipient="Молотову"), DistributionEntry(copy=3)])
    scores = {s.field: s.score for s in score_fields(truth, found)}
    assert scores == {"header.origin": 1.0, "header.priority": pytest.approx(2 / 3), "distribution": 0.5, "doc_type": 1.0}
    assert field_accuracy(score_fields(truth, found)) == pytest.approx((1 + 2 / 3 + 0.5 + 1) / 4)
    assert f1([], []) == 1.0 and f1(["a"], []) == 0.0


def test_bench_table_puts_the_splits_side_by_side_per_level():
    from rich.console import Console

    from flows.tables import bench_table
    from ocr.bench.accuracy import BenchReport, LevelReport
    from ocr.bench.corrections import CorrectionTally

    def row(split: str, level: str, fields: float) -> LevelReport:
        return LevelReport(level, split, 2, 3, 0.05, 0.1, 0.5, 0.02, 0.1, 0.2, 0.3, fields, 0.9, 0.03, 0.15,
                           CorrectionTally().as_dict(), 4.0, 1.0, 0.25)

    report = BenchReport("0", {}, [row("tuning", "clean", 0.912), row("heldout", "clean", 0.734),
                                   row("tuning", "heavy", 0.611), row("heldout", "heavy", 0.402)])
    console = Console(width=400, record=True)
    console.print(bench_table(report))
    text = console.export_text()
    lines = [line for line in text.splitlines() if line.strip().startswith(("│ clean", "│ heavy", "┃ level"))]
    assert len(lines) == 3 and "held-out" in text
    clean = lines[1]
    assert clean.index("0.912") < clean.index("0.734")  # tuning first, held-out beside it


def test_axis_table_lists_each_value_of_the_tuning_split_per_level():
    from rich.console import Console

    from flows.tables import axis_table
    from ocr.bench.accuracy import BenchReport, LevelReport
    from ocr.bench.corrections import CorrectionTally

    def row(split: str, level: str, by_axis: dict) -> LevelReport:
        return LevelReport(level, split, 2, 3, 0.05, 0.1, 0.5, 0.02, 0.1, 0.2, 0.3, 0.9, 0.9, 0.03, 0.15,
                           CorrectionTally().as_dict(), 4.0, 1.0, 0.25, by_axis=by_axis)

    report = BenchReport("0", {}, [row("tuning", "clean", {"typeface": {"noto-mono": [0.98, 2]}}),
                                   row("tuning", "heavy", {"typeface": {"noto-mono": [0.769, 6], "free-mono": [0.948, 8]}}),
                                   row("heldout", "heavy", {"typeface": {"pt-mono": [0.5, 3]}})])
    console = Console(width=200, record=True)
    console.print(axis_table(report))
    text = console.export_text()
    assert "pt-mono" not in text
    noto = next(line for line in text.splitlines() if "noto-mono" in line)
    assert noto.index("0.980 (2)") < noto.index("0.769 (6)")
    assert "—" in next(line for line in text.splitlines() if "free-mono" in line)


def test_bench_levels_are_the_synthesisers_and_cases_keep_their_split(tmp_path):
    from ocr.bench.cases import LEVELS, SPLITS, Case
    from ocr.synth.degrade import LEVELS as SYNTH_LEVELS

    assert LEVELS == tuple(level.value for level in SYNTH_LEVELS) and SPLITS == ("tuning", "heldout")
    case = Case("clean", "tg-00001", tmp_path, tmp_path / "t.json", "heldout")
    assert case.key == "heldout/clean/tg-00001"


def test_cases_of_each_split_are_rendered_apart_and_carry_their_split(tmp_path):
    from ocr.bench.cases import ensure_cases

    cases = ensure_cases(tmp_path, 1, 1000, 50, levels=("clean",), splits=("tuning", "heldout"))
    assert [c.split for c in cases] == ["tuning", "heldout"]
    for case in cases:
        assert case.pages_dir.parent.parent.name == case.split
        assert case.truth().provenance.steps[0].params["axis_split"] == case.split
    assert [c.split for c in ensure_cases(tmp_path, 1, 1000, 50, levels=("clean",))] == ["tuning"]  # the default: never held-out


def test_field_accuracy_is_grouped_by_the_axis_values_each_render_records(tmp_path):
    from ocr.bench.accuracy import axis_breakdown
    from ocr.bench.cases import ensure_cases, variety_of
    from ocr.synth.axes import AXES, draw_variety

    case = ensure_cases(tmp_path, 1, 1000, 50, levels=("clean",))[0]
    variety = variety_of(case.truth())
    assert variety == {k: v for k, v in draw_variety(int(case.name[3:])).as_dict().items() if k != "split"}
    assert set(variety) == {axis.name for axis in AXES}
    other = variety | {"typeface": "noto-mono" if variety["typeface"] != "noto-mono" else "free-mono"}
    groups = axis_breakdown({"a": variety, "b": other, "c": other}, {"a": 1.0, "b": 0.5, "c": 0.7})
    assert groups["typeface"] == {**{variety["typeface"]: [1.0, 1]}, **{other["typeface"]: [pytest.approx(0.6), 2]}}
    assert groups["scan"] == {variety["scan"]: [pytest.approx(2.2 / 3), 3]}


def test_a_failed_document_scores_as_read_as_nothing(tmp_path):
    from ocr.bench.accuracy import nothing_read
    from ocr.synth import Level, random_transcript, render

    truth = render(random_transcript(5, pages=2), Level.CLEAN, seed=5, dpi=40).truth
    empty = nothing_read(truth)
    assert [p.text for p in empty.pages] == ["", ""] and empty.body == "" and empty.header.origin is None
    assert field_accuracy(score_fields(truth, empty)) == 0.0 and field_accuracy(score_fields(truth, truth)) == 1.0


def _failing_page(ref, settings):
    raise ValueError("a bug in one page's reading")


def test_a_real_page_the_pipeline_fails_on_is_scored_as_read_as_nothing(tmp_path, monkeypatch):
    # A stamp's reading once stopped a real page with an IndexError, and the whole real bench with it.
    import cv2
    import numpy as np

    from ocr.bench import real
    from ocr.settings import Settings

    page = np.full((200, 300), 255, np.uint8)
    cv2.putText(page, "Text", (20, 100), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 3)
    cv2.imwrite(str(tmp_path / "EHRI-X_EN_01.jpg"), page)
    (tmp_path / "EHRI-X_EN_01.gt.txt").write_text("Text here", encoding="utf-8")
    monkeypatch.setattr(real, "process_page", _failing_page)
    (row,) = real.run_real(tmp_path, Settings(), tmp_path / "out", workers=1, baseline=False)
    assert row.failed and row.cer_pipeline == 1.0 and row.recall_pipeline == 0.0


def test_a_signature_or_footer_counts_as_found_when_any_of_its_values_is_read():
    from ocr.bench.accuracy import nothing_read, parts_found
    from ocr.contract import Footer
    from ocr.synth import Level, random_transcript, render

    two_pages = render(random_transcript(5, pages=2), Level.CLEAN, seed=5, dpi=40).truth
    one_page = render(random_transcript(6, pages=1), Level.CLEAN, seed=6, dpi=40).truth
    # Read wrong but read: the typist alone, misread, still says the footer was found.
    typist_only = nothing_read(two_pages).model_copy(update={"footer": Footer(typist="ЛК")})
    counts = parts_found({"a": two_pages, "b": one_page}, {"a": typist_only, "b": one_page})
    assert counts == {"signature": [1, 2], "signature_multi_page": [0, 1], "footer": [2, 2], "footer_multi_page": [1, 1]}


def test_stamps_on_scans_without_colour_are_counted_apart():
    """Found by shape alone where the scan lost the ink's colour: a set of mostly colour scans hides how that goes."""
    from ocr.bench.stamps import score
    from ocr.contract import Stamp

    def stamp(colour: str | None, text: str = "МИД СССР") -> Stamp:
        return Stamp(kind="ink_stamp", text=text, page=1, bbox=(0, 0, 100, 100), confidence=80.0, colour=colour)

    pairs = [(stamp("violet"), stamp("violet")), (stamp(None), stamp(None)), (stamp(None), None), (stamp(None), None)]
    result = score("clean", "tuning", pairs, extra=0)
    assert result.recall == pytest.approx(0.5)
    assert result.found_without_colour == [1, 3]


def test_each_tuning_stamps_number_and_date_are_listed_as_read_beside_its_truth():
    """Why a number or date is not exact is told stamp by stamp; a held-out stamp's reading is not listed at all
    (the oval seal is held out, and every stamp of a held-out page). Values of a clean st5000 tuning stamp."""
    from ocr.bench.cases import Case
    from ocr.bench.stamps import readings
    from ocr.contract import Stamp

    def stamp(text: str, shape: str, number: str | None = None, date: str | None = None) -> Stamp:
        return Stamp(kind="ink_stamp", text=text, page=1, bbox=(0, 0, 100, 100), confidence=80.0, shape=shape,
                     incoming_number=number, date=date)

    truth = stamp("ОТДЕЛ СТРАН\nДАЛЬНЕГО ВОСТОКА\nВх. № 4193/сс\n3 VI 1946 г.", "rectangular", "4193/сс", "1946-06-03")
    read = stamp("ОТДЕЛ СТРАН\nДАЛЬНЕГО ВОСТОКА\nВх. № 4193/сс\n3У34946 г.", "rectangular", "4193/сс")
    oval = stamp("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР", "oval")
    pairs = [(truth, read), (oval, oval), (truth, None)]
    tuning = Case("clean", "st-05023", Path("pages"), Path("truth.json"))
    listed = readings(tuning, pairs)
    assert [(r.number, r.number_read, r.date, r.date_read) for r in listed] == [
        ("4193/сс", "4193/сс", "1946-06-03", None), ("4193/сс", None, "1946-06-03", None)]
    assert listed[0].text_read.endswith("3У34946 г.") and listed[1].text_read is None
    assert readings(Case("clean", "st-05001", Path("pages"), Path("truth.json"), split="heldout"), pairs) == []
