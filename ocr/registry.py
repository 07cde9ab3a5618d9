"""Registry notes in the top margin: ``См. изв. № 1758 (ссылка № 61)``, ``N 986 / м. п. - 30. I.``, ``412``.

Clerks typed or wrote them by hand in a fixed shape (the notice and its reference, the note's number,
a date with a Roman month), so what OCR makes of their fixed parts is written as they are spelt.
"""

from __future__ import annotations

import re

from ocr.fields import roman_month

_BRACKETS = str.maketrans("{}[]", "()()")  # a typewriter has round brackets only
# ``См. изв.`` ("see notice") as OCR mangles it: ``Сы. изв.``, ``м. изв.``, ``См. и-в.`` (a faded з).
_REGISTRY_SEE = re.compile(r"^[СCс]?[МмыЫ]\.\s*[иu]\S?[вb]\.")
# `` / м. п.`` after the note's number, its slash and full stops smudged: ``986 Им. п...``.
_REGISTRY_MP = re.compile(r"(?<=\d)\s*[/|lИI1]?\s*[мМ]\.\s*[пП]\.+")
_REGISTRY_NUMERO = re.compile(r"^\s*(?:[МИН№(]|N[sо°o]?)\s*(?=\d)")  # a hand's N read as ``(`` too
# The notice's number and its reference's: ``См. изв. № 1259 (ссылка № 77)``, the ``№`` as OCR read it (``6``, ``96``).
_REGISTRY_SEE_NUMBER = re.compile(r"^(См\. изв\.)\s*(?:\S{1,2}\s+)?(?=\d)")
_REGISTRY_LINK = re.compile(r"\(\s*[сcС][сcС]\S{3,4}\s*(?:\S{1,2}\s+)?(?=\d)")
# The month after the day, at the note's end (``30. Т.``) or before the year (``26.1Х.49``).
_REGISTRY_MONTH = re.compile(r"(?P<day>\b\d{1,2}\.\s*)(?P<month>[IVXІХхУуГТИПНШl|1]{1,5})(?P<rest>\.?\s*$|\.\s*\d{2}(?:\d{2})?\b)")


def registry_note(text: str) -> str:
    """A marginal registry note as typed: ``М 986 / м. п. - 30. Т.`` → ``N 986 / м. п. - 30. I.``.

    The notes number with a Latin ``N`` (the Cyrillic model reads ``М``/``И``) and date with a Roman month.
    """
    note = " ".join(text.split()).translate(_BRACKETS).lstrip("`'‘’|_.,:; ")
    note = _REGISTRY_SEE.sub("См. изв.", note)
    note = _REGISTRY_LINK.sub("(ссылка № ", _REGISTRY_SEE_NUMBER.sub(r"\1 № ", note))
    note = _REGISTRY_NUMERO.sub("N ", note)
    note = _REGISTRY_MP.sub(" / м. п.", note)
    return _REGISTRY_MONTH.sub(_registry_month, note)


def _registry_month(match: re.Match) -> str:
    """The day and Roman month put right; a month of digits before a year (``26.11.49``) is an Arabic one."""
    year = match["rest"].strip(". ")
    month = roman_month(match["month"])
    if not month or (year and match["month"].isdigit()):
        return match[0]
    return f"{match['day']}{month}.{match['rest'].lstrip('.') if year else ''}"
