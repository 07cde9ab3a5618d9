"""The printed form's own words: what the cipher office's form prints or its clerks stamp and type
from a fixed list. One home for the parser (which recognises them) and the synthesiser (which prints them).
"""

from __future__ import annotations

FORM_TITLES = ["Шифртелеграмма"]
CLASSIFICATIONS = ["Совершенно секретно", "Строго секретно", "Секретно"]
HANDLING_MARKS = ["СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ", "Подлежит возврату", "Хранить наравне с шифром"]
# The mark the cipher office types into copy 1's slot of the distribution grid, its own copy (``Экз. № 1-РАЗМЕТКА``).
OFFICE_MARK = "РАЗМЕТКА"
# Typed beside a copy's slot where that copy goes to the file, to no one (``» № 11-т Копия``).
FILE_COPY = "Копия"
PRIORITIES = ["ОСОБАЯ", "ВНЕ ОЧЕРЕДИ", "ВЕСЬМА СРОЧНО", "СРОЧНО", "МОЛНИЯ", "ОСОБО ВАЖНАЯ"]
# The printed words of the routing line, between which the clerk types origin, number, time, date and copy.
ROUTING_LABELS = ("Из", "№", "пол.", "час.", "мин.", "г.", "т.", "экз.")
# Registry dates give the month in Roman numerals (``26.IX.49``).
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
