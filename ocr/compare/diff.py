"""Comparing a document with its existing transcription: ``output/<id>.diff.json``.

CER and WER of the body (the contract's ``cer``/``wer``, dinglehopper's ``strict`` profile), the
same under the ``cyrillic-archival`` profile, per page where the transcription marks page breaks,
and every header/footer field the transcription lets one read, expected against found.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel
from rapidfuzz.distance import Levenshtein

from ocr.compare import align, metrics, normalise
from ocr.compare.normalise import collapse_whitespace
from ocr.compare.scoring import FieldScore, field_accuracy, score_fields
from ocr.compare.transcript import GAP, Transcript
from ocr.contract import TelegramDocument

PRIMARY_PROFILE = "strict"  # what dinglehopper reports, so the headline figures agree with it
PROFILES = ("strict", "cyrillic-archival")
MIN_ANCHOR = 6  # graphemes of exact agreement that end an omitted span's alignment


class Rates(BaseModel):
    cer: float
    wer: float
    reference_characters: int
    reference_words: int


class PageRates(BaseModel):
    page: int
    cer: float
    wer: float
    reference_characters: int


class DiffReport(BaseModel):
    document_id: str
    transcript_path: str
    cer: float
    wer: float
    normalisation: list[str]
    per_page: list[PageRates]
    fields: list[FieldScore]
    field_accuracy: float | None
    profiles: dict[str, Rates]
    averaging: str = "per_page figures are per page; document figures are over the whole body (micro average)"


def excluding_omissions(reference: str, hypothesis: str) -> tuple[str, str]:
    """Reference and hypothesis without the omitted spans: the GAP marks, and the OCR text read there.

    The archive left those spans out (``[...]``), so what the OCR read there is neither right nor wrong.
    Around each gap, between solid matches on both sides, the hypothesis is cut where the text before
    and after the gap fits best; what lies between the cuts is dropped.
    """
    if GAP not in reference:
        return reference, hypothesis
    alignment = align.align_graphemes(reference, hypothesis)
    ref, hyp, ops = alignment.reference, alignment.hypothesis, alignment.opcodes
    dropped: set[int] = set()
    for k, op in enumerate(ops):
        if GAP not in ref[op.ref_start:op.ref_end]:
            continue
        first, last = k, k
        while first > 0 and not _anchors(ops[first - 1]):
            first -= 1
        while last + 1 < len(ops) and not _anchors(ops[last + 1]):
            last += 1
        start, end = ops[first].ref_start, ops[last].ref_end
        gap = start + ref[start:end].index(GAP)
        offset = ops[first].hyp_start
        i, j = _best_cut(ref[start:gap], hyp[offset:ops[last].hyp_end], ref[gap + 1:end])
        dropped.update(range(offset + i, offset + j))
    kept = "".join(g for n, g in enumerate(hyp) if n not in dropped)
    return _without_gaps(reference), re.sub(r"  +", " ", kept)


def _best_cut(before: tuple, read: tuple, after: tuple) -> tuple[int, int]:
    """Cuts ``i <= j`` of ``read`` such that ``read[:i]`` best matches ``before`` and ``read[j:]`` ``after``."""
    slack = 12  # how far the cuts may stray from the lengths of the text around the gap
    candidates = (
        (Levenshtein.distance(before, read[:i]) + Levenshtein.distance(after, read[j:]), i - j, i, j)
        for i in range(0, min(len(read), len(before) + slack) + 1)
        for j in range(max(i, len(read) - len(after) - slack), len(read) + 1)
    )
    _, _, i, j = min(candidates)  # the best fit; of equals, the longest dropped span
    return i, j


def _anchors(op) -> bool:
    """A stretch of agreement long enough not to be chance (letters shared by the omitted text and OCR noise)."""
    return op.tag == "equal" and op.ref_end - op.ref_start >= MIN_ANCHOR


def _without_gaps(text: str) -> str:
    paragraphs = (" ".join(p.replace(GAP, " ").split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def rates(reference: str, hypothesis: str, profile: str) -> Rates:
    cer, n_chars = metrics.character_error_rate_n(reference, hypothesis, profile)
    wer, n_words = metrics.word_error_rate_n(reference, hypothesis, profile)
    return Rates(cer=cer, wer=wer, reference_characters=n_chars, reference_words=n_words)



def per_page(document: TelegramDocument, transcript: Transcript) -> list[PageRates]:
    """Each page's whole text against the transcription's page, when both have the same page count."""
    if len(transcript.page_texts) < 2 or len(transcript.page_texts) != len(document.pages):
        return []
    out = []
    for page, reference in zip(document.pages, transcript.page_texts):
        cer, n = metrics.character_error_rate_n(collapse_whitespace(reference), collapse_whitespace(page.text), PRIMARY_PROFILE)
        wer = metrics.word_error_rate(collapse_whitespace(reference), collapse_whitespace(page.text), PRIMARY_PROFILE)
        out.append(PageRates(page=page.number, cer=cer, wer=wer, reference_characters=n))
    return out



def diff_document(document: TelegramDocument, transcript: Transcript, transcript_path: Path) -> DiffReport:
    reference, hypothesis = excluding_omissions(transcript.scored_body or transcript.record.body, document.body)
    profiles = {p: rates(reference, hypothesis, p) for p in PROFILES}
    matches = score_fields(transcript.record, document, partial=True)
    accuracy = field_accuracy(matches)
    return DiffReport(
        document_id=document.document_id,
        transcript_path=str(transcript_path),
        cer=profiles[PRIMARY_PROFILE].cer,
        wer=profiles[PRIMARY_PROFILE].wer,
        normalisation=[rule.description for rule in normalise.PROFILES[PRIMARY_PROFILE].rules],
        per_page=per_page(document, transcript),
        fields=matches,
        field_accuracy=None if accuracy is None else round(accuracy, 4),
        profiles=profiles,
    )
