"""Layout parsing from word boxes: lines, margins, letter spacing, paragraphs (no Tesseract needed)."""

from __future__ import annotations

import pytest

from ocr import assemble, continuation, layout, signer
from ocr.contract import Signature
from ocr.lines import Line, Role, Word

CHAR = 25  # px per typed character
LINE = 60  # px per typed line


def _line(y: int, x: int, text: str, spaced: bool = False) -> list[Word]:
    """Words of one typed line at (x, y): a word's box is its characters' advance, less one gap."""
    words, cursor = [], x
    for token in text.split(" "):
        if token:
            width = (2 * len(token) - 1) * CHAR if spaced else len(token) * CHAR
            words.append(Word(token, (cursor, y, width, 35), 95.0))
            cursor += width
        cursor += CHAR
    return words


def _first_page() -> list[Word]:
    rows = [
        _line(100, 100, "См. изв. № 1758 (ссылка № 61)") + _line(100, 2000, "64"),
        _line(160, 100, "412"),
        _line(300, 900, "ШИФРТЕЛЕГРАММА"),
        _line(400, 100, "Строго секретно"),
        _line(500, 100, "Экз. № 1-т Экз. № 3-т Молотову Экз. № 5-т"),
        _line(560, 100, "» № 2-т » № 4-т » № 6-т"),
        _line(700, 100, "Из БЕРЛИНА № 117 пол. 9 час. 05 мин. 3/ 19 49 т. экз. № 2"),
        _line(800, 300, "СРОЧНО", spaced=True),
        _line(900, 300, "МОЛОТОВУ.", spaced=True),
        _line(1000, 250, "Сообщаю, что переговоры о поставках угля закончены сегодня"),
        _line(1060, 100, "вечером и протокол подписан обеими сторонами без оговорок и"),
        _line(1120, 100, "дополнений к прежнему тексту соглашения."),
        _line(1180, 250, "Подробности сообщу дополнительно в течение ближайших"),
        _line(1240, 100, "дней по мере поступления сведений от товарищей."),
        _line(1400, 100, "3/3-49 г. И В А Н О В"),
        _line(1500, 100, "5 экз. ав"),
    ]
    return [w for row in rows for w in row]


def test_first_page_roles_from_text_and_position():
    lines = layout.parse_page(_first_page(), page=1, width=2480)
    by_role = {}
    for line in lines:
        by_role.setdefault(line.role, []).append(" ".join(line.text.split()))
    assert by_role[Role.FOLIO] == ["64"]
    assert by_role[Role.REGISTRATION] == ["См. изв. № 1758 (ссылка № 61)", "412"]
    assert by_role[Role.FORM_TITLE] == ["ШИФРТЕЛЕГРАММА"]
    assert len(by_role[Role.GRID]) == 2
    assert by_role[Role.PRIORITY] == ["С Р О Ч Н О"]
    assert by_role[Role.ADDRESSEE] == ["М О Л О Т О В У."]


def test_record_from_layout():
    lines = layout.parse_page(_first_page(), page=1, width=2480)
    record = assemble.record([lines])
    assert record.doc_type == "cipher_telegram"
    assert record.header.origin == "БЕРЛИНА" and record.header.received_time == "09:05"
    assert record.header.priority == ["СРОЧНО"] and record.header.addressee == "МОЛОТОВУ"
    assert [(d.copy, d.recipient) for d in record.distribution] == [
        (1, None), (2, None), (3, "Молотову"), (4, None), (5, None), (6, None)]
    assert record.signature.name == "ИВАНОВ"
    assert record.footer.copies_printed == 5
    paragraphs = record.body.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Сообщаю") and paragraphs[0].endswith("соглашения.")


def test_page_edge_noise_is_no_registry_note():
    edge = [Word(text, (x, 5, 90, 40), confidence) for text, x, confidence in (("И", 180, 13.0), ("Е", 300, 9.0), ("ИИИ", 420, 15.0))]
    lines = layout.parse_page(edge + _first_page(), page=1, width=2480)
    assert "И Е ИИИ" in layout.page_text(lines)  # still in the page's text, for a reviewer to see
    assert assemble.record([lines]).header.registration_marks == ["См. изв. № 1758 (ссылка № 61)", "412"]


def test_a_note_whole_in_a_shorter_shape_read_unsurely_is_a_note():
    # moderate tuning tg-08001: the pen's ``N 522 / м. п.`` read ``(522 /м. и.`` at 24-28, the page edge's specks at 9-15
    note = [Word(text, (x, 5, 90, 40), 25.0) for text, x in (("(522", 180), ("/м.", 300), ("и.", 420))]
    lines = layout.parse_page(note + _first_page(), page=1, width=2480)
    assert assemble.record([lines]).header.registration_marks[0] == "N 522 / м. п."
    # clean tuning tg-09002: a typed Roman date read ``19.хг.47`` at 20
    date = [Word("19.хг.47", (180, 5, 200, 40), 20.0)]
    lines = layout.parse_page(date + _first_page(), page=1, width=2480)
    assert assemble.record([lines]).header.registration_marks[0] == "19.XI.47"


def _later_page(rows: list[list[Word]], page: int, document_copy: int):
    """A later page's lines from ``rows`` of words, and its header as read: (folio, number, label, copy)."""
    lines = layout.parse_page([w for row in rows for w in row], page=page, width=2480)
    fields = assemble.page_fields(lines, document_copy=document_copy)
    return lines, (fields.folio, fields.telegram_number, fields.page_label, fields.copy_number)


def test_continuation_page_header():
    rows = [
        _line(100, 2000, "65"),
        _line(200, 1200, "117"),
        _line(260, 1200, "2."),
        _line(320, 1600, "экз. №... 2"),
        _line(500, 100, "продолжение текста первой страницы без красной строки и"),
        _line(560, 100, "еще одна строка того же самого абзаца телеграммы."),
    ]
    lines, header = _later_page(rows, page=2, document_copy=2)
    assert header == (65, "117", "2.", 2)
    body = [line for line in lines if line.role is Role.BODY]
    assert len(body) == 2 and not body[0].paragraph_start


def test_regions_and_page_text():
    lines = layout.parse_page(_first_page(), page=1, width=2480)
    regions = layout.regions(lines)
    types = [r.type for r in regions]
    assert types.count("body") == 2 and "folio" in types and "distribution" in types
    folio = next(r for r in regions if r.type == "folio")
    assert folio.bbox == (2000, 100, 50, 35)
    text = layout.page_text(lines).splitlines()
    assert text[0] == "См. изв. № 1758 (ссылка № 61)"
    # The registry notes are one block, read before the folio beside its first line (as archives transcribe it).
    assert text.index("412") < text.index("64") < text.index("ШИФРТЕЛЕГРАММА")


def test_page_text_sets_blocks_apart_as_archives_do():
    lines = [Line("Строго секретно", Role.CLASSIFICATION), Line("СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ", Role.HANDLING),
             Line("Подлежит возврату", Role.HANDLING), Line("2023 2030", Role.REFERENCE), Line("2024 2031", Role.REFERENCE),
             Line("О С О Б А Я", Role.PRIORITY), Line("ВНЕ ОЧЕРЕДИ", Role.PRIORITY),
             Line("66", Role.FOLIO), Line("2029", Role.CONTINUATION), Line("3.", Role.CONTINUATION),
             Line("экз.  №....", Role.CONTINUATION)]
    assert layout.page_text(lines).split("\n\n") == [
        "Строго секретно\nСНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ", "Подлежит возврату", "2023 2030", "2024 2031",
        "О С О Б А Я\nВНЕ ОЧЕРЕДИ", "66", "2029", "3.", "экз. №...."]


@pytest.mark.parametrize("text, role, typed", [
    ("3686`", Role.CONTINUATION, "3686"), ("- 8075.", Role.CONTINUATION, "8075"), ("102:", Role.FOLIO, "102"),
    ("2.", Role.CONTINUATION, "2."), ("‚экз. №4...", Role.CONTINUATION, "экз. № 4..."),
    ("экз.№1..", Role.CONTINUATION, "экз. № 1.."), ("экз. №... 1", Role.CONTINUATION, "экз. №... 1"),
    ("экз. М....", Role.CONTINUATION, "экз. М...."),  # its № read as a letter: as read
    ("кз. №... 5", Role.CONTINUATION, "экз. №... 5"), ("из.№5...", Role.CONTINUATION, "экз. № 5..."),  # label garbled
])
def test_later_page_header_pieces_as_typed(text, role, typed):
    assert continuation.typed_piece(text, role) == typed
    lines = [Line(text, role, page=2)]
    assert assemble.page_fields(continuation.printed(lines), document_copy=4) == assemble.page_fields(lines, document_copy=4)


def test_continuation_header_beside_specks_and_centred_label():
    rows = [
        _line(100, 2000, "66"),
        [Word(".`", (1800, 195, 5, 5), 20.0)],
        _line(200, 200, "117") + _line(200, 1300, "3.") + _line(200, 1900, "экз. №...."),
        _line(400, 100, "продолжение текста первой страницы без красной строки и"),
    ]
    _, header = _later_page(rows, page=3, document_copy=4)
    assert header == (66, "117", "3.", 4)


def test_pages_other_than_the_form_keep_tesseract_blocks_in_order():
    def numbered(words: list[Word], line: tuple[int, int, int]) -> list[Word]:
        return [Word(w.text, w.bbox, w.confidence, line) for w in words]

    words = (numbered(_line(100, 100, "Dear Sir, with reference"), (1, 1, 1))
             + numbered(_line(160, 100, "to your letter of the"), (1, 1, 2))
             + numbered(_line(100, 1500, "LEGATION ROYALE"), (2, 1, 1))  # a letterhead beside the text
             + _line(160, 650, "10th"))  # a re-read's word, beside the line it belongs to
    words += _line(400, 100, "Yours faithfully")  # re-read alone: after the lowest line above it
    lines = layout.parse_page(words, page=1, width=2480)
    assert [line.text for line in lines] == [
        "Dear Sir, with reference", "to your letter of the 10th", "Yours faithfully", "LEGATION ROYALE"]
    # Without Tesseract's numbers, rows as seen: the letterhead stands beside the first line.
    plain = layout.parse_page([Word(w.text, w.bbox, w.confidence) for w in words], page=1, width=2480)
    assert plain[0].text.startswith("Dear Sir, with reference") and "LEGATION" in plain[0].text


def test_routing_values_typed_off_the_printed_labels_line():
    """A printed form's routing line: labels printed, values typed into the blanks a little above them."""
    labels = [("Из", 100), ("№", 700), ("пол.", 1000), ("час.", 1250), ("мин.", 1500), ("экз.", 2000), ("№", 2120)]
    values = [("ПХЕНЬЯНА", 250), ("2029", 780), ("9", 1150), ("50", 1380), ("19/1", 1630), ("3", 2180)]
    rows = [_line(500, 100, "Экз. № 1-т Экз. № 3-т Молотову Экз. № 5-т"), _line(560, 100, "» № 2-т » № 4-т » № 6-т")]
    words = [w for row in rows for w in row] + [Word(t, (x, 700, CHAR * len(t), 35), 90.0) for t, x in labels]
    words += [Word(t, (x, 675, CHAR * len(t), 35), 90.0) for t, x in values]  # 0.7 of a word's height higher
    words += _line(800, 100, "2023 2030")  # the reference numbers a line below stay apart
    record = assemble.record([layout.parse_page(words, page=1, width=2480)])
    header = record.header
    assert (header.origin, header.telegram_number, header.received_time, header.copy_number) == ("ПХЕНЬЯНА", "2029", "09:50", 3)
    assert header.received_date_raw == "19/1" and header.reference_numbers == ["2023 2030"]


def _form_routing(values_y: int, values: list[tuple[str, int]], below: list[Word]) -> assemble.Header:
    """The header of a page whose printed routing labels stand at y 700 and ``values`` are typed at ``values_y``."""
    labels = [("Из", 100), ("№", 700), ("пол.", 1000), ("час.", 1250), ("мин.", 1500), ("экз.", 2000), ("№", 2120)]
    rows = [_line(500, 100, "Экз. № 1-т Экз. № 3-т Молотову Экз. № 5-т"), _line(560, 100, "» № 2-т » № 4-т » № 6-т")]
    words = [w for row in rows for w in row] + [Word(t, (x, 700, CHAR * len(t), 35), 90.0) for t, x in labels]
    words += [Word(t, (x, values_y, CHAR * len(t), 35), 90.0) for t, x in values] + below
    return assemble.record([layout.parse_page(words, page=1, width=2480)]).header


def test_routing_values_typed_a_whole_line_off_the_labels():
    """The platen turned once too few: the values stand a line (1.7 word heights) above their blanks."""
    values = [("ПХЕНЬЯНА", 250), ("2029", 780), ("9", 1150), ("50", 1380), ("19/1", 1630), ("3", 2180)]
    header = _form_routing(640, values, _line(800, 100, "2023 2030"))
    assert (header.origin, header.telegram_number, header.received_time, header.copy_number) == ("ПХЕНЬЯНА", "2029", "09:50", 3)
    assert header.received_date_raw == "19/1" and header.reference_numbers == ["2023 2030"]


def test_reference_numbers_a_line_below_the_values_stay_apart():
    """Groups typed a line below a routing line that holds its values, in the gaps between its labels, are no values."""
    values = [("ПХЕНЬЯНА", 250), ("2029", 780), ("9", 1150), ("50", 1380), ("19/1", 1630), ("3", 2180)]
    below = [Word(t, (x, 760, CHAR * len(t), 35), 90.0) for t, x in (("2023", 780), ("2030", 1630))]
    header = _form_routing(700, values, below)
    assert (header.telegram_number, header.received_date_raw) == ("2029", "19/1")
    assert header.reference_numbers == ["2023 2030"]


def test_a_resolution_across_the_margin_is_no_registry_note():
    resolution = _line(40, 600, "Учесть при подготовке. Т.М.")
    lines = layout.parse_page(resolution + _first_page(), page=1, width=2480)
    assert assemble.record([lines]).header.registration_marks == ["См. изв. № 1758 (ссылка № 61)", "412"]


def test_continuation_number_without_specks():
    from ocr.lines import Line

    lines = [Line(".6551", Role.CONTINUATION), Line("2.", Role.CONTINUATION), Line("экз  №  ..", Role.CONTINUATION)]
    assert assemble.page_fields(lines, 1).telegram_number == "6551"


def test_no_signer_where_a_scrawl_covers_the_name():
    from ocr.lines import Line

    def signed(*words):
        return signer.signature([Line(" ".join(t for t, _ in words), Role.SIGNATURE,
                                        words=[Word(t, (0, 0, 10, 10), c) for t, c in words])])

    # what OCR kept of ``П У Ш К И Н`` and of ``П А Н Ю Ш К И Н`` under a pen's strokes
    assert signed(("1/11-53", 90.2), ("г.", 94.1), ("П", 67.4)) == Signature(name=None, date_raw="1/11-53 г.")
    assert signed(("1/11-53", 91), ("г.", 96), ("р", 46), ("№", 48), ("И", 52), ("„(7", 34)).name is None
    assert signed(("5/10-52", 67), ("г.", 96), ("П", 94), ("А", 94), ("но", 40), ("Мк", 38), ("к", 0)).name is None
    assert signed(("25/4", 96), ("59", 65), ("г.", 81), ("——.", 0), ("ПАНЮШКИН", 79)).name == "ПАНЮШКИН"


@pytest.mark.parametrize(("step", "received", "signed", "right"), [
    # one day, one year: a slashed zero read as 9
    ("_one_year", "17/12 19 59", "17/12-50 г.", ("17/12 19 50", "17/12-50 г.")),
    ("_one_year", "25/4 1950", "25/4-59 г.", ("25/4 1950", "25/4-50 г.")),
    ("_one_year", "1/1 1950", "31/12-49 г.", ("1/1 1950", "31/12-49 г.")),  # sent the day before New Year
    # one day, one year: the received year typed into the form's blank misread, the signature's taken (heavy tuning pages)
    ("_one_year", "8/12 19 62", "8/12-52 г.", ("8/12 19 52", "8/12-52 г.")),
    ("_one_year", "7/4 19 1", "7/4-51 г.", ("7/4 19 51", "7/4-51 г.")),
    ("_one_year", "17/12 19 149 0", "17/12-49 г.", ("17/12 19 49", "17/12-49 г.")),
    ("_one_year", "25/4 1962", "25/4-52 г.", ("25/4 1952", "25/4-52 г.")),
    ("_one_year", "26/1 19 20", "27/1-50 г.", ("26/1 19 20", "27/1-50 г.")),  # another day: as read
    # one month, days a day or two apart: a slashed zero read as 9
    ("_one_day", "20/11 19 50", "29/11-50 г.", ("20/11 19 50", "20/11-50 г.")),
    ("_one_day", "19/2 1946", "10/2-46 г.", ("10/2 1946", "10/2-46 г.")),
    ("_one_day", "21/11 19 50", "20/11-50 г.", ("21/11 19 50", "20/11-50 г.")),  # received the day after
    ("_one_day", "20/12 19 50", "29/11-50 г.", ("20/12 19 50", "29/11-50 г.")),  # another month: as read
    # a slashed zero on a bold face read 8 or 6 (heavy tuning pages, seeds 3000 and 5000)
    ("_one_year", "4/4 1950", "4/4-58 г.", ("4/4 1950", "4/4-50 г.")),
    ("_one_day", "10/3 1950", "16/3-50 г.", ("10/3 1950", "10/3-50 г.")),
    # the signature's slash read 1, which of its figures it is told by the day of receipt (a heavy page, seed 5000)
    ("_slash_as_received", "2/11 1950", "2111-56 г.", ("2/11 1950", "2/11-56 г.")),
    ("_slash_as_received", "21/1 1950", "2111-56 г.", ("21/1 1950", "21/1-56 г.")),
    ("_slash_as_received", "3/11 1950", "2111-56 г.", ("3/11 1950", "2111-56 г.")),  # another day: as read
])
def test_the_dates_of_one_telegram_share_their_day_and_year(step, received, signed, right):
    from ocr.contract import Header

    head, sign = getattr(assemble, step)(Header(received_date_raw=received), Signature(date_raw=signed))
    assert (head.received_date_raw, sign.date_raw) == right


def test_a_footer_day_read_9_for_0_is_put_within_days_of_receipt():
    from ocr.contract import Footer, Header

    def printed(received, value):
        return assemble._printed_after(Footer(printed_raw=value), Header(received_date_raw=received)).printed_raw

    assert printed("19/2 19 46", "Отпеч. 29/2-11.07") == "Отпеч. 20/2-11.07"  # a heavy tuning page (s6000)
    assert printed("19/2 19 46", "Отпеч. 19/2-11.07") == "Отпеч. 19/2-11.07"  # the day of receipt: as read
    assert printed("19/2 19 46", "Отпеч. 29/3-11.07") == "Отпеч. 29/3-11.07"  # another month: as read
    assert printed("28/2 19 46", "Отпеч. 29/2-11.07") == "Отпеч. 29/2-11.07"  # within days as read
    assert printed("19/2 19 46", "Отпеч. 26/2-11.07") == "Отпеч. 20/2-11.07"  # a bold face's slashed zero read 6
    assert printed("19/2 19 46", "Отпеч. 28/2-11.07") == "Отпеч. 20/2-11.07"  # or 8


def test_continuation_header_read_as_one_line():
    # a heavy page turned round: number, label and copy read close together as one line, specks trailing
    rows = [
        _line(100, 2000, "112"),
        _line(200, 300, "2105  2.  экз. № 11..,"),
        _line(300, 100, "интересовался, когда будет получен ответ на письмо правительства"),
        _line(360, 100, "о направлении советников в министерство финансов и в"),
    ]
    lines, header = _later_page(rows, page=2, document_copy=1)
    assert header == (112, "2105", "2.", 11)
    assert [line.role for line in lines].count(Role.BODY) == 2
    # its copy line's label garbled (heavy tuning tg-09007: ``8125 2. кз. №... 5`` ran into the body)
    rows[1] = _line(200, 300, "2105  2.  кз. №... 5")
    lines, header = _later_page(rows, page=2, document_copy=1)
    assert header == (112, "2105", "2.", 5)
    assert [line.role for line in lines].count(Role.BODY) == 2
    # a body line opening with a number stays one line of the body
    rows[1] = _line(200, 100, "2. Председатель совета министров обратился с просьбой")
    lines = layout.parse_page([w for row in rows for w in row], page=2, width=2480)
    assert [line.role for line in lines].count(Role.BODY) == 3


def test_holes_and_scrawls_leave_the_body():
    # As read on tuning renders: a punched hole boxed 45 px tall read ``о`` at 90 beside typing 35 px tall, and
    # a scrawl after the last line.
    hole = Word("о", (10, 1085, 50, 80), 89.5)
    scrawl = Word("Крю.", (1400, 1225, 300, 80), 39.7)
    faint = Word("выступило", (1650, 1180, 225, 35), 0.0)  # read at 0 and right: typing however unsure
    lines = layout.parse_page(_first_page() + [hole, scrawl, faint], page=1, width=2480)
    body = assemble.record([lines]).body
    assert body.split("\n\n")[0].endswith("соглашения.") and body.endswith("товарищей.")
    assert "сегодня вечером" in body and "Крю" not in body and "ближайших выступило" in body


def test_marks_no_typewriter_had_become_the_typewriters_own():
    # Marks read on heavy tuning renders: specks before words, a brace for a bracket, typeset quotes; a stamp's
    # strokes read as marks in words under it, a slash at a word's edge (one inside a reference stays).
    row = _line(1300, 100, "‘что {недостает 61 штук} и „сокращении помощи“ — дел\\ /Мосида <консульства орнё=т +1954 0412/сс")
    lines = layout.parse_page(_first_page() + row, page=1, width=2480)
    assert 'что (недостает 61 штук) и "сокращении помощи" - дел Мосида консульства орнёт 1954 0412/сс' in assemble.record([lines]).body


def test_continuation_header_under_stray_lines_and_among_stray_marks():
    # as a moderate tuning page 2 read (bleed-through and specks read above and between the header's pieces)
    rows = [
        [Word("к", (1641, 213, 51, 10), 38.5), Word("уни", (1643, 217, 69, 21), 0.0), Word("с", (1699, 207, 15, 36), 0.0)],
        [Word("ет", (158, 294, 41, 10), 0.0), Word("3686", (210, 273, 102, 61), 78.3), Word("а:", (532, 296, 122, 29), 17.4),
         Word("т.", (794, 320, 43, 4), 10.4), Word("2.", (1006, 284, 39, 29), 91.6), Word("ион.", (1318, 310, 129, 19), 24.6),
         Word("м", (1487, 307, 18, 17), 56.8), Word("экз.", (1549, 278, 101, 48), 53.7), Word("№4...", (1680, 273, 138, 60), 53.7)],
        _line(400, 100, "стрельбы и тактические учения намечены на 5 мая. Вооружения и"),
        _line(460, 100, "боеприпасов, полученных по соглашению, достаточно для двух"),
    ]
    lines, header = _later_page(rows, page=2, document_copy=None)
    assert header == (None, "3686", "2.", 4)
    assert [line.role for line in lines[-2:]] == [Role.BODY, Role.BODY]
    # a first line of the message is never taken for stray marks above a header
    _, header = _later_page([_line(100, 100, "и в то же"), _line(160, 100, "время продолжение текста первой страницы")], 2, 3)
    assert header == (None, None, None, 3)


def test_a_page_label_read_without_its_dot():
    rows = [_line(100, 200, "4907") + _line(100, 1300, "2") + _line(100, 1900, "экз. №4..."),
            _line(200, 100, "продолжение текста первой страницы без красной строки и")]
    _, header = _later_page(rows, page=2, document_copy=4)
    assert header == (None, "4907", "2.", 4)


def test_a_number_beside_a_later_page_header_below_its_folio_is_the_copy():
    from ocr.assemble import page_fields

    # heavy tuning page 2 (turned 180°): the folio, then ``2.`` and ``экз. № 10...`` read as ``10.`` only
    lines = [Line("179", Role.FOLIO, page=2), Line("2.", Role.CONTINUATION, page=2), Line("10.", Role.FOLIO, page=2)]
    found = page_fields(lines, 33)
    assert (found.folio, found.page_label, found.copy_number) == (179, "2.", 10)
    assert page_fields([Line("3686:", Role.CONTINUATION, page=2), Line("4.", Role.FOLIO, page=2)], 4).folio == 4  # one folio stays one


def test_a_word_of_the_message_boxed_wider_than_its_small_letters_is_not_shown_spaced():
    # As a row read across a stamp boxed it (moderate tuning render): ``сотрудников`` over the width of
    # ``сотрудников (всего 24``. In the message only capitals are spaced emphasis.
    row = _line(1300, 100, "списки") + [Word("сотрудников", (325, 1300, 21 * CHAR, 35), 90.0)] + _line(1300, 875, "человек)")
    row += _line(1360, 100, "это") + [Word("ВАЖНО", (225, 1360, 9 * CHAR, 35), 90.0)]
    lines = layout.parse_page(_first_page() + row, page=1, width=2480)
    body = assemble.record([lines]).body
    assert "списки сотрудников человек)" in body and "это В А Ж Н О" in body
    by_role = {line.role: line.text for line in lines}
    assert by_role[Role.ADDRESSEE] == "М О Л О Т О В У."


def test_the_grids_printed_label_boxed_wide_is_not_shown_spaced():
    # As read on a moderate tuning render: the grid's first ``Экз.`` boxed over six characters' width, shown
    # ``Э к з.`` (and the slot then printed anew after the ``Э к``).
    words = _first_page()
    first = next(k for k, w in enumerate(words) if w.text == "Экз.")
    words[first] = Word("Экз.", (words[first].bbox[0] - 2 * CHAR, 500, 6 * CHAR, 35), 90.0)
    lines = layout.parse_page(words, page=1, width=2480)
    assert [line.text for line in lines if line.role is Role.GRID][0].startswith("Экз. № 1-т")


def test_a_full_stop_read_as_a_word_of_its_own_joins_the_word_before():
    # ``почтой .`` on moderate tuning renders: a paragraph's last word alone on its line, its stop boxed apart
    words = []
    for w in _first_page():
        if w.text == "товарищей.":
            x, y, width, height = w.bbox
            words += [Word("товарищей", (x, y, width - CHAR, height), 95.0), Word(".", (x + width - CHAR + 4, y + 25, 8, 8), 90.0)]
        else:
            words.append(w)
    body = [line.text for line in layout.parse_page(words, page=1, width=2480) if line.role is Role.BODY]
    assert body[-1] == "дней по мере поступления сведений от товарищей."
