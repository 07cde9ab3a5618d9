"""The rules that end the message (the signature, the footer) on lines read as a heavy scan reads them.

Tuning transcripts' last pages, wrapped as typed, each character misread, dropped, doubled with a speck or split
off with a space at a fixed rate (:func:`misread`), tagged by :func:`ocr.roles.tag_rest`. The rates are a heavy
scan's (8 % of characters); the same lines every run (seeded). Before the rules allowed for specks and split words
they lost 11 % of the signatures here and 11 % of the footer lines (now 2 % and 7 %).
"""

from __future__ import annotations

import random
import textwrap

import pytest

from ocr import footer, roles, signer
from ocr.lines import Line, Role
from ocr.synth import random_transcript
from ocr.synth.axes import Split, seeds_of_split

# What OCR reads for a character on a heavy scan: look-alike letters and figures (both ways).
LOOKALIKES = {
    "о": "ас0", "е": "сё", "с": "ео", "и": "нпй", "н": "ип", "п": "ни", "т": "г", "ш": "щи", "з": "3э", "б": "6в",
    "в": "б", "а": "о", "к": "х", "л": "п", "м": "н", "ь": "ы", "О": "0С", "С": "О", "Ш": "ЩИ", "Т": "Г", "Ы": "Ь",
    "К": "Х", "В": "Е8", "Е": "Б", "Н": "И", "И": "Н", "0": "О8", "1": "lI7]", "3": "З8", "5": "6S", "6": "б5",
    "8": "3В", "9": "0", "/": "1l", "-": "—.", ".": ",",
}
SPECKS = ".,'‘`-°:;"
RATE = 0.08


def misread(text: str, rng: random.Random, rate: float = RATE) -> str:
    """``text`` as a heavy scan may read it: of the ``rate`` of its characters OCR errs on, about half are read as a
    look-alike, a fifth dropped, a tenth followed by a speck, the rest followed by a space (a space: dropped)."""
    out = []
    for c in text:
        r = rng.random() / rate
        if r < 0.55:
            out.append(rng.choice(LOOKALIKES.get(c, c)))
        elif r < 0.75:
            continue
        elif r < 0.85:
            out.append(c + rng.choice(SPECKS))
        elif r < 1:
            out.append("" if c == " " else c + " ")
        else:
            out.append(c)
    return "".join(out)


def last_page(seed: int) -> tuple[list[str], list[Role]]:
    """The last page's lines of a tuning transcript (the message wrapped as typed) and their roles."""
    texts, truth = [], []
    for line in random_transcript(seed).pages[-1]:
        if line.role in (Role.FOLIO, Role.CONTINUATION, Role.HANDWRITTEN):
            continue
        wrapped = textwrap.wrap(line.text, 64) if line.role is Role.BODY else [line.text]
        texts += wrapped
        truth += [line.role] * len(wrapped)
    return texts, truth


@pytest.fixture(scope="module")
def misread_pages() -> list[tuple[list[str], list[Role], list[Role]]]:
    """(misread lines, true roles, roles found) for 60 tuning transcripts, each misread twice."""
    rng = random.Random(27)
    pages = []
    for seed in seeds_of_split(Split.TUNING, 60, 30000):
        texts, truth = last_page(seed)
        for _ in range(2):
            read = [misread(text, rng) for text in texts]
            pages.append((read, truth, roles.tag_rest(read)))
    return pages


def _share(pairs: list[tuple[bool, ...]]) -> float:
    return sum(all(p) for p in pairs) / len(pairs)


def test_the_signature_is_found_on_lines_read_as_a_heavy_scan_reads_them(misread_pages):
    signed = [(found[truth.index(Role.SIGNATURE)] is Role.SIGNATURE,) for _, truth, found in misread_pages
              if Role.SIGNATURE in truth]
    assert len(signed) >= 100 and _share(signed) >= 0.96


def test_the_footer_is_found_on_lines_read_as_a_heavy_scan_reads_them(misread_pages):
    lines = [(found[k] is Role.FOOTER,) for _, truth, found in misread_pages for k, r in enumerate(truth) if r is Role.FOOTER]
    assert len(lines) >= 300 and _share(lines) >= 0.91
    # the footer's fields given (of four to six a footer has), right or wrong
    given = [len(footer.footer([Line(text, role) for text, role in zip(read, found)]).model_dump(exclude_none=True))
             for read, truth, found in misread_pages if Role.FOOTER in truth]
    assert sum(given) / len(given) >= 4.4


def test_no_line_of_the_message_is_taken_for_the_signature_or_footer(misread_pages):
    body = [(found[k] is Role.BODY,) for _, truth, found in misread_pages for k, r in enumerate(truth) if r is Role.BODY]
    assert len(body) >= 1000 and _share(body) == 1.0



def _signature_damaged(texts: list[str], truth: list[Role], rng: random.Random) -> tuple[list[str], list[Role], bool]:
    """The last page with its signature read as on a heavy scan whose pen's scrawl crosses the name, or which was
    scanned askew: the name lost but a letter or none (``714. 5Т г.  с``), its date's slash or hyphen read as a figure
    or a full stop; or the name read as a line of its own below the date (then True)."""
    k = truth.index(Role.SIGNATURE)
    date, name = texts[k].split(" г. ", 1)
    if rng.random() < 0.5:
        date = date.replace("/", rng.choice("1/"), 1) if rng.random() < 0.5 else date.replace("-", rng.choice([".", ". "]), 1)
        return texts[:k] + [f"{date} г. " + rng.choice(["", " с", " °", " О"])] + texts[k + 1:], truth, False
    return texts[:k] + [f"{date} г.", name] + texts[k + 1:], truth[:k] + [Role.SIGNATURE, Role.SIGNATURE] + truth[k + 1:], True


def signature_damage_found(seeds: int = 60) -> list[tuple[bool, bool]]:
    """For each tuning transcript, its signature damaged (:func:`_signature_damaged`), the rest misread lightly: whether
    the signature gives a value, and whether it gives all it shows (the date; the name too where read apart)."""
    rng = random.Random(30)
    found = []
    for seed in seeds_of_split(Split.TUNING, seeds, 30000):
        texts, truth, apart = _signature_damaged(*last_page(seed), rng)
        read = [misread(text, rng, RATE / 2) if role is not Role.SIGNATURE else text for text, role in zip(texts, truth)]
        tags = roles.tag_rest(read)
        assert all(tag is Role.BODY for tag, role in zip(tags, truth) if role is Role.BODY)  # no line of the message
        signed = signer.signature([Line(text, tag) for text, tag in zip(read, tags)])
        found.append((bool(signed.name or signed.date_raw), bool(signed.date_raw and (signed.name or not apart))))
    return found


def test_a_signature_with_its_name_lost_or_apart_and_its_date_garbled_is_found():
    # before garbled dates alone and a name on a row of its own were allowed for, 19 of these 60 signatures gave no
    # value and 47 not all they show (now none)
    found = signature_damage_found()
    assert len(found) >= 55 and _share([f[:1] for f in found]) == 1.0 and _share([f[1:] for f in found]) >= 0.95
