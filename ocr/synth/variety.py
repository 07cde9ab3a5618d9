"""Random but plausible telegrams: origin, numbers, dates, grid, recipients, priorities, signature,
footer, and a body put together from the small corpus in ``texts/`` with names and numbers filled in.

:func:`random_transcript` builds the role-tagged lines and the record side by side from the same
choices, so the record is the exact truth of what the lines say. Page breaks are chosen by wrapping
the body as :mod:`ocr.synth.compose` will (at its narrowest width), so every page fits its sheet.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ocr.compare.transcript import Transcript
from ocr.contract import DistributionEntry, Footer, Header, Signature, TelegramRecord
from ocr.form import CLASSIFICATIONS, HANDLING_MARKS, PRIORITIES, ROMAN_MONTHS
from ocr.lines import Line, Role
from ocr.synth.wrap import wrap

TEXTS = Path(__file__).with_name("texts")
# origin (genitive, as on the routing line) -> (country in the genitive, local officials)
ORIGINS = {
    "ПХЕНЬЯНА": ("КНДР", ["Пак Хен Ен", "Ким Ду Бон", "Хо Ка И"]),
    "ПЕКИНА": ("КНР", ["Чжоу Энь-лай", "Ли Фу-чунь", "Чэнь Юнь"]),
    "БЕРЛИНА": ("ГДР", ["Гротеволь", "Ульбрихт", "Дертингер"]),
    "ВАРШАВЫ": ("Польши", ["Минц", "Берут", "Модзелевский"]),
    "ПРАГИ": ("Чехословакии", ["Запотоцкий", "Широкий", "Гусак"]),
    "ТОКИО": ("Японии", ["Иосида", "Окадзаки"]),
    "БУДАПЕШТА": ("Венгрии", ["Ракоши", "Герё", "Надь"]),
    "СОФИИ": ("Болгарии", ["Червенков", "Коларов"]),
    "БУХАРЕСТА": ("Румынии", ["Георгиу-Деж", "Паукер"]),
    "НЬЮ-ЙОРКА": ("США", ["Остин", "Ачесон"]),
    "ЛОНДОНА": ("Англии", ["Бевин", "Эттли", "Моррисон"]),
    "БЕЛГРАДА": ("Югославии", ["Кардель", "Джилас"]),
    "ХЕЛЬСИНКИ": ("Финляндии", ["Паасикиви", "Кекконен"]),
    "ТЕГЕРАНА": ("Ирана", ["Размара", "Саед"]),
}
RECIPIENTS = ["Сталину", "Маленкову", "Молотову", "Берия", "Микояну", "Кагановичу", "Булганину", "Вышинскому",
              "Громыко", "Зорину", "Копия"]
ADDRESSEES = ["ВЫШИНСКОМУ", "МОЛОТОВУ", "ГРОМЫКО", "ЗОРИНУ", "ФИЛИППОВУ", "ГУСЕВУ", "МАЛИКУ", "БОГОМОЛОВУ",
              "ЗАРУБИНУ", "ФЕДОРЕНКО"]
SIGNERS = ["ШТЫКОВ", "РОЩИН", "ПУШКИН", "СЕМЕНОВ", "ЛЕБЕДЕВ", "БОДРОВ", "ПАНЮШКИН", "МАЛИК", "ЗАРУБИН", "ЧЕРНЫШЕВ",
           "КИСЕЛЕВ", "ФЕДОРЕНКО"]
CLERKS = ["Абрамкин", "Сорокин", "Мельников", "Зайцева", "Кудрявцев", "Петрова", "Голубев"]
TYPISTS = ["нб", "лк", "тс", "ав", "мп", "ег", "ов"]
MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря"]
# Body lines a page takes when paginating, a little under what the sheet holds at the widest pitch.
FIRST_PAGE_LINES, LATER_PAGE_LINES, CLOSING_LINES = 16, 30, 9
PAGINATION_WIDTH = 62  # compose's narrowest line: what fits at 62 fits at any width it picks


@functools.cache
def corpus() -> tuple[str, ...]:
    """The body paragraphs of ``texts/*.txt``, with ``{name}``-style slots to fill."""
    return tuple(p.read_text(encoding="utf-8").strip() for p in sorted(TEXTS.glob("*.txt")))


def spaced(text: str) -> str:
    """Letter-spaced typing for emphasis: ``ОСОБАЯ`` -> ``О С О Б А Я``."""
    return " ".join(text)


@dataclass(frozen=True)
class _Date:
    day: int
    month: int  # 1..12
    year: int  # 1946..1953

    @property
    def words(self) -> str:
        return f"{self.day} {MONTHS_GENITIVE[self.month - 1]}"


def _pick(rng: np.random.Generator, items: list[str]) -> str:
    return str(items[int(rng.integers(len(items)))])


def _fill(template: str, rng: np.random.Generator, country: str, officials: list[str], date: _Date) -> str:
    return template.format(
        name=_pick(rng, officials), country=country, date=f"{int(rng.integers(1, 29))} {MONTHS_GENITIVE[date.month - 1]}",
        year=date.year + int(rng.integers(0, 2)), count=int(rng.integers(3, 60)), number=int(rng.integers(5, 400)),
    )


def _grid(rng: np.random.Generator) -> tuple[list[Line], list[DistributionEntry]]:
    """3 columns of numbered copies (18, 21 or 24 slots), recipients typed beside some slots of any one column."""
    rows, columns = int(rng.integers(6, 9)), 3
    beside = int(rng.integers(0, columns))  # the column whose slots get recipients typed beside them
    names = list(rng.permutation(RECIPIENTS))
    recipients = {beside * rows + r + 1: names[r] for r in range(int(rng.integers(2, min(rows, 5) + 1)))}
    if rng.random() < 0.4:
        recipients[1] = "РАЗМЕТКА"
    lines = []
    for r in range(rows):
        cells = []
        for c in range(columns):
            copy = c * rows + r + 1
            typed_in = recipients.get(copy) if copy == 1 else None
            cells.append(f"{'Экз.' if r == 0 else '»'} № {copy}-{typed_in or 'т'}")
            if c == beside:
                cells.append(recipients.get(copy, "") if copy != 1 else "")
        lines.append(Line(text=" ".join(x for x in cells if x), role=Role.GRID, cells=cells))
    entries = [DistributionEntry(copy=k, recipient=recipients.get(k)) for k in range(1, rows * columns + 1)]
    return lines, entries


def join_pieces(pieces: list[str]) -> str:
    """Wrapped lines back into one line: a word hyphenated at a line end (letter + ``-``) is joined whole."""
    out = ""
    for piece in pieces:
        if len(out) > 1 and out.endswith("-") and out[-2].isalpha():
            out = out[:-1] + piece
        else:
            out = f"{out} {piece}" if out else piece
    return out


def _body_lines(paragraphs: list[str], pages: int, rng: np.random.Generator) -> list[list[Line]]:
    """The body's lines per page: paragraphs cut where the page is full, a word hyphenated across the cut now and then."""
    budgets = [FIRST_PAGE_LINES] + [LATER_PAGE_LINES] * (pages - 1)
    budgets[-1] -= CLOSING_LINES
    out: list[list[Line]] = [[] for _ in range(pages)]
    page, used = 0, 0
    for paragraph in paragraphs:
        pieces = wrap(paragraph, PAGINATION_WIDTH, 6, rng, 0.5)
        start, first = 0, True
        while start < len(pieces):
            room = budgets[page] - used if page < pages - 1 else len(pieces)
            if start == 0:  # a page never opens with a new paragraph: the archive's format could not tell it from a continued one
                room = max(room, 1)
            take = pieces[start:start + max(room, 0)]
            if take:
                out[page].append(Line(join_pieces([p.text for p in take]), Role.BODY, page + 1, paragraph_start=first))
                first = False
            start += len(take)
            used += len(take)
            if start < len(pieces):
                page, used = page + 1, 0
    return out


def _paragraphs(rng: np.random.Generator, pages: int, country: str, officials: list[str], date: _Date) -> list[str]:
    """Enough filled-in corpus paragraphs for ``pages`` pages of body."""
    target = FIRST_PAGE_LINES + LATER_PAGE_LINES * (pages - 1) - CLOSING_LINES - 3
    paragraphs: list[str] = []
    texts = corpus()
    while sum(len(wrap(p, PAGINATION_WIDTH, 6, None, 0)) for p in paragraphs) < max(target, 4):
        paragraphs.append(_fill(texts[int(rng.integers(len(texts)))], rng, country, officials, date))
    return paragraphs


def _registration(rng: np.random.Generator, date: _Date) -> list[str]:
    """None to four registry notes in the margin, as the seed telegram's has them: a notice and its reference,
    an incoming number with and without its date, a bare file number; or a date with a Roman month."""
    roman = ROMAN_MONTHS[date.month - 1]
    notes = [f"См. изв. № {int(rng.integers(100, 3000))} (ссылка № {int(rng.integers(1, 99))})",
             f"N {int(rng.integers(100, 999))} / м. п. - {date.day + 1}. {roman}.",
             str(int(rng.integers(100, 999))),
             f"N {int(rng.integers(100, 999))} / м. п.",
             f"{date.day + 1}.{roman}.{date.year % 100}"]
    return [notes[k] for k in sorted(rng.choice(len(notes), int(rng.integers(0, 5)), replace=False))]


def _header_lines(rng: np.random.Generator, origin: str, date: _Date, copy: int) -> tuple[list[Line], Header]:
    """Page 1 down to the addressee: registry notes, folio-less form header, routing, priorities."""
    registration = _registration(rng, date)
    number, hh, mm = str(int(rng.integers(100, 9999))), int(rng.integers(0, 24)), int(rng.integers(0, 60))
    # The year typed whole, or its last two digits into the form's printed ``19..г.``
    date_raw = f"{date.day}/{date.month} {date.year}" if rng.random() < 0.5 else f"{date.day}/{date.month} 19 {date.year % 100}"
    references = [f"{int(rng.integers(1000, 9999))} {int(rng.integers(1000, 9999))}" for _ in range(int(rng.integers(0, 3)))]
    special = f"{int(rng.integers(1, 80))}-{int(rng.integers(80, 160))}" if rng.random() < 0.6 else None
    priorities = sorted(rng.choice(PRIORITIES, int(rng.integers(0, 3)), replace=False).tolist(), key=PRIORITIES.index)
    classification = _pick(rng, CLASSIFICATIONS)
    # A second mark now and then. Not "Хранить наравне с шифром": the archive-format reader cannot yet tell it
    # from the body (its round trip fails), so a transcript with it would not be its own truth.
    handling = (HANDLING_MARKS[:1] if rng.random() < 0.8 else []) + (HANDLING_MARKS[1:2] if rng.random() < 0.3 else [])
    addressee = _pick(rng, ADDRESSEES)
    routing = f"Из {origin} № {number} пол. {hh} час. {mm:02d} мин. {date_raw} {_pick(rng, ['т.', 'г.'])} экз. № {copy}"
    lines = [Line(t, Role.REGISTRATION) for t in registration]
    lines += [Line("Шифртелеграмма", Role.FORM_TITLE), Line(classification, Role.CLASSIFICATION)]
    lines += [Line(t, Role.HANDLING) for t in handling]
    header = Header(
        form_title="Шифртелеграмма", classification=[classification], handling_marks=handling, priority=priorities,
        origin=origin, telegram_number=number, received_time=f"{hh:02d}:{mm:02d}", received_date_raw=date_raw,
        copy_number=copy, special_number=special, addressee=addressee, registration_marks=registration,
        reference_numbers=references,
    )
    tail = [Line(routing, Role.ROUTING)] + [Line(t, Role.REFERENCE) for t in references]
    tail += [Line(f"Спец. № {special}", Role.SPECIAL)] if special else []
    tail += [Line(spaced(p) if " " not in p else p, Role.PRIORITY) for p in priorities]
    tail += [Line(spaced(addressee) + ".", Role.ADDRESSEE)]
    return lines + tail, header


def _closing_lines(rng: np.random.Generator, date: _Date) -> tuple[list[Line], Signature, Footer]:
    """Signature (date and letter-spaced name), the cipher office's footer and sometimes a handwritten note."""
    signer = _pick(rng, SIGNERS)
    date_raw = f"{date.day}/{date.month}-{date.year % 100} г."
    copies, typist, clerk = int(rng.integers(2, 16)), _pick(rng, TYPISTS), _pick(rng, CLERKS)
    printed = f"Отпеч. {min(date.day + 1, 28)}/{date.month}-{int(rng.integers(0, 24))}.{int(rng.integers(0, 60)):02d}"
    distributed = f"Разослано {date.day}/{date.month}/{int(rng.integers(10, 60))}" if rng.random() < 0.6 else None
    certified = "Верно:" if rng.random() < 0.5 else None
    footer_texts = [f"{copies} экз. {typist}", printed] + ([distributed] if distributed else [])
    released = clerk if rng.random() < 0.85 else None
    footer_texts += ([f"Выпустил {clerk}"] if released else []) + ([certified] if certified else [])
    lines = [Line(f"{date_raw} {spaced(signer)}", Role.SIGNATURE)] + [Line(t, Role.FOOTER) for t in footer_texts]
    if rng.random() < 0.4:
        lines.append(Line(_pick(rng, ["Доложено", "В дело", "Ознакомлен", "Тов. Громыко"]) + f" {date.day}/{date.month}", Role.HANDWRITTEN))
    footer = Footer(copies_printed=copies, typist=typist, printed_raw=printed, distributed_raw=distributed,
                    released_by=released, certified=certified)
    return lines, Signature(name=signer, date_raw=date_raw), footer


def _continuation(folio: int, number: str, page: int, copy: int, rng: np.random.Generator) -> list[Line]:
    copy_text = _pick(rng, [f"экз. №... {copy}", f"экз. № {copy}...", "экз. №...."])
    return [Line(str(folio), Role.FOLIO, page), Line(number, Role.CONTINUATION, page),
            Line(f"{page}.", Role.CONTINUATION, page), Line(copy_text, Role.CONTINUATION, page)]


def _page_text(lines: list[Line]) -> str:
    """A page as the archive's reader types it: lines of one part together, a blank line between parts."""
    out = []
    for k, line in enumerate(lines):
        text = "\t".join(line.cells) if line.cells else line.text
        same = k and line.role is lines[k - 1].role and line.role not in (Role.BODY, Role.CONTINUATION)
        out.append(("\n" if same else "\n\n" if k else "") + text)
    return "".join(out)


def random_transcript(seed: int, pages: int | None = None) -> Transcript:
    """A plausible telegram of ``pages`` pages (1-4, chosen by the seed when None), lines and record agreeing."""
    rng = np.random.default_rng([seed, 7])
    pages = int(rng.integers(1, 5)) if pages is None else pages
    origin = _pick(rng, list(ORIGINS))
    country, officials = ORIGINS[origin]
    date = _Date(int(rng.integers(1, 28)), int(rng.integers(1, 13)), int(rng.integers(1946, 1954)))
    copy = int(rng.integers(1, 12))
    header_lines, header = _header_lines(rng, origin, date, copy)
    grid, distribution = _grid(rng)
    paragraphs = _paragraphs(rng, pages, country, officials, date)
    body = _body_lines(paragraphs, pages, rng)
    closing, signature, footer = _closing_lines(rng, date)
    folio = int(rng.integers(10, 300))
    first = header_lines[:header_lines.index(next(line for line in header_lines if line.role is Role.FORM_TITLE))]
    rest = header_lines[len(first):]
    split = next(k for k, line in enumerate(rest) if line.role is Role.ROUTING)
    page_lines = [first + [Line(str(folio), Role.FOLIO)] + rest[:split] + grid + rest[split:] + body[0]]
    for k in range(1, pages):
        page_lines.append(_continuation(folio + k, header.telegram_number or "", k + 1, copy, rng) + body[k])
    page_lines[-1] += closing
    for number, lines in enumerate(page_lines, start=1):
        for line in lines:
            line.page = number
    record = TelegramRecord(doc_type="cipher_telegram", header=header, distribution=distribution,
                            body="\n\n".join(paragraphs), signature=signature, footer=footer)
    return Transcript(pages=page_lines, record=record, page_texts=[_page_text(lines) for lines in page_lines])
