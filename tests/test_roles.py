"""Where the message ends: the signature and the footer found on the page that holds them."""

from __future__ import annotations

from ocr import fields, reference_numbers, roles, signer
from ocr.assemble import header
from ocr.contract import Signature
from ocr.grid import distribution as grid_distribution
from ocr.lines import Line, Role

BODY = ["Ким Ир Сен неоднократно подчеркивал свое желание добиться совета товарища",
        "Сталина по вопросу положения на юге Кореи."]


def _tags(texts: list[str]) -> list[str]:
    return [role.value for role in roles.tag_rest(texts)]


def test_footer_without_its_copies_line_still_ends_the_body():
    # a round stamp took the signature and the copies line; the footer's labels remain
    texts = BODY + ["@ ‹ ;", "Отпеч. 20/1-0.45", "Разослано 10/1/45", "Выпустил Абрамкин"]
    assert _tags(texts) == ["body", "body", "body", "footer", "footer", "footer"]


def test_marks_read_beside_a_footer_line_leave_it_the_footers():
    # heavy tuning tg-07011 (s7000), a faint carbon: specks and a stamp's strokes read as marks around ``Отпеч.``; its
    # words (label, date and a speck read ``4.``) are few, and the footer starts there
    texts = BODY + ["714. 5Т г. с", "“ Отлеч. 8/4-1.97 ° . 4. = ° > < ”", "Разослано 771,33", "Выпустил Мельников"]
    assert _tags(texts) == ["body"] * 2 + ["signature"] + ["footer"] * 3
    # a line of the message opening with a label's word is still the message's: it has words enough
    assert _tags(BODY + ["Выпустил в свет новую книгу о работе . , ; заводов", "Разослано 7/4/33"])[2] == "body"


def test_no_signature_stands_above_running_text():
    # heavy tuning s7000 tg-07016, page 1 of 3: a letter-spaced word of the message (``целесообразным``) among the
    # page's last lines was taken for the signer's name, the two lines below it out of the message
    texts = BODY + ["ц е л е с о о б р а з н ы м", "указаний никаких списков не передавать.",
                    "Председатель совета министров Окадзаки обратился с"]
    assert roles.signature_at(texts, len(texts)) is None
    assert _tags(texts) == ["body"] * 5
    assert _tags(BODY + ["Ш Т Ы К О В", "Ознакомлен 7/4"]) == ["body", "body", "signature", "other"]
    # a dated signature and the footer stand whatever is written below them
    below = ["Прошу рассмотреть этот вопрос на ближайшем заседании.", "Резолюция товарища написана от руки на полях."]
    assert _tags(BODY + ["7/4-51 г. Ш Т Ы К О В", "11 экз. нб", "Отпеч. 20/1-0.45"] + below)[2:5] == ["signature", "footer", "footer"]


def test_letter_spaced_name_above_the_footer_or_ending_the_page_signs():
    texts = BODY + ["Ш Т Ы К О В", "11 экз. нб", "Отпеч. 20/1-0.45"]
    assert _tags(texts) == ["body", "body", "signature", "footer", "footer"]
    assert _tags(BODY + ["Г Р О М Ы К О"]) == ["body", "body", "signature"]
    lines = [Line(t, r) for t, r in zip(BODY + ["Г Р О М Ы К О"], roles.tag_rest(BODY + ["Г Р О М Ы К О"]))]
    assert signer.signature(lines).name == "ГРОМЫКО"


def test_a_garbled_signature_above_two_garbled_footer_lines_signs():
    # a heavy scan's last page: the date's ``/`` and ``-`` misread, the copies and printing lines past knowing
    texts = BODY + ["25111.47 г. п у ш к и н", "13 эко. 88 *", "О-нен. 25712-18.13", "Выпустил Сорокин"]
    assert _tags(texts) == ["body", "body", "signature", "other", "other", "footer"]
    signed = signer.signature([Line(t, r) for t, r in zip(texts, roles.tag_rest(texts))])
    assert signed == Signature(name="ПУШКИН", date_raw="25/11-47 г.")  # its slash read as 1 put back, the hyphen too


def test_a_garbled_date_whose_name_ocr_lost_above_the_footer_signs():
    # heavy tuning tg-07011 (s7000), its last page: ``7/4-51 г.`` read ``714. 5Т г.``, the name ``С Е М Е Н О В`` under a
    # pen's scrawl read as one letter; the line was the message's last
    texts = ["делегации и в организации поездки в Ленинграл и Киев.", "714. 5Т г. с", "Отпеч. 8/4-1.97",
             "Разослано 771,33", "Выпустил Мельников"]
    assert _tags(texts) == ["body", "signature", "footer", "footer", "footer"]
    assert signer.signature([Line(t, r) for t, r in zip(texts, roles.tag_rest(texts))]) == Signature(date_raw="7/4-51 г.")
    # such a date among the message's lines, running text below it, is the message's
    assert _tags(BODY + ["13/5-46 .", *BODY, "Отпеч. 14/5-0.29"]) == ["body"] * 5 + ["footer"]


def test_a_signature_read_as_two_lines_gives_its_date_and_name():
    # a page scanned askew: the name, typed right of the middle on the date's row, read as a row of its own below it
    texts = BODY + ["16/10-50 г.", "Ч Е Р Н Ы Ш Е В", "3 экз. тс", "Отпеч. 17/10-12.21"]
    assert _tags(texts) == ["body", "body", "signature", "signature", "footer", "footer"]
    signed = signer.signature([Line(t, r) for t, r in zip(texts, roles.tag_rest(texts))])
    assert signed == Signature(name="ЧЕРНЫШЕВ", date_raw="16/10-50 г.")
    # or above it; a date and a name each alone, a line of the message between, are not joined
    assert _tags(BODY + ["Ч Е Р Н Ы Ш Е В", "16/10-50 г."])[2:] == ["signature", "signature"]
    assert _tags(["Ч Е Р Н Ы Ш Е В", *BODY, "16/10-50 г."]) == ["body"] * 3 + ["signature"]


def test_a_dated_sentence_is_no_signature():
    texts = ["12/3-49 г. состоялась беседа с министром иностранных дел", *BODY, "19/XI-50 г. Ш Т Ы К О В"]
    assert _tags(texts) == ["body", "body", "body", "signature"]
    assert fields.parse_signature("19/ХI-50 г. Ш Т Ы К О В") == ("ШТЫКОВ", "19/XI-50 г.")  # Roman month read in Cyrillic


def test_a_long_line_read_as_letter_spaced_is_the_body():
    texts = ["Ш И Ф Р Т Е Л Е Г Р А М М А", "Из ПРАГИ № 7904 пол. 17 час. 23 мин. 1/11 19 52 г. экз. № 1", "Ф И Л И П П О В У.",
             "С т р о и т е л ь с т в о  э л е к т р о с т а н ц и и  н а  р е к е  п р е д у с м о т р е н н о е"]
    tags, body = roles.tag_first_page(texts)
    assert body == 3 and tags[2] is Role.ADDRESSEE


def test_a_header_line_read_with_specks_as_words_above_the_routing_line_is_no_body():
    # a heavy tuning page (seed 8000, leader dots on a bitonal scan): the handling mark read with specks as words
    texts = ["Шифртелеграмма", "Секретно Р Т И Ре", "гымый Ах та подлежит возврату", "умен о",
             "экз. № 1-РАЗМЕТКА Экз. № 7-т Экз. № 13-7 Вышинскому", "аЕ - 8802 а",
             "из НЬЮ-ЙОРКА № 5986 пол. 14: час. з6 мин. 17/1.2..19.149.2т. Эка? 1...", "М О Л О Т О В У.",
             "По сообщению заместителя министра иностранных дел Ачесон,"]
    found, body = roles.tag_first_page(texts)
    assert body == 8 and found[2] is Role.HANDLING and found[6] is Role.ROUTING and found[7] is Role.ADDRESSEE


def test_a_routing_line_read_with_its_labels_garbled_below_the_grid_is_no_grid_row():
    # a heavy tuning page (seed 3000, tg-03011; a carbon photocopied): every label but the numbers' misread, the copy's
    # ``№ 4`` read as a slot of the grid; a row of the grid, the line was never read again as the routing line
    texts = ["Шифртелеграмма", "Секретно", "Эка. №1-РАЗМЕТКА. .  Эка. №74 Экз, №134", "„№21  Сталину .›№ё4  —›№14т",
             "„№61  „  №12  ›№10т", "Из __ БЕЛГРАДА_№_4127_ п _21 че 50 мж 24/1@  1946 гжа № 4", "спец. № 67-138",
             "С Р О Ч Н", "Г У С Е В У.", "лавный военный советник сообщил, Что командование армий"]
    found, body = roles.tag_first_page(texts)
    assert body == 9 and found[2:5] == [Role.GRID] * 3 and found[5] is Role.OTHER and found[6] is Role.SPECIAL


def test_a_speck_before_the_body_is_no_addressee():
    texts = ["Шифртелеграмма", "Из ПЕКИНА № 6702 пол. 10 час. 29 мин.  5/10  1952 г. экз. №  1", "Спец. № 38-84",
             "З О Р И Н У.", "Г", "Сегодня, 6 ноября, министр внешней торговли КНР принял меня"]
    found, body = roles.tag_first_page(texts)
    assert body == 5 and found[3:] == [Role.ADDRESSEE, Role.OTHER]


def test_a_priority_last_before_the_body_is_no_addressee():
    # a heavy tuning page: the addressee under a stamp was not read, the priority before it was
    texts = ["Шифртелеграмма", "Из. СОФИИ. №4907. пол. -11. час. 04 мин. -24/10.1946_т. экз. №4", "О С О Б А Я.",
             "ВНЕ ОЧЕРЕДИ", "2” м .", "Сегодня, 6 ноября, министр внешней торговли КНР принял меня"]
    found, body = roles.tag_first_page(texts)
    assert body == 5 and found[2:] == [Role.PRIORITY, Role.PRIORITY, Role.OTHER]
    # read as garbled as the message there (a heavy tuning page, seed 5000): a priority still, no addressee
    texts[3] = "ВЕСЬМА СЕозН"
    found, body = roles.tag_first_page(texts)
    assert body == 5 and found[2:] == [Role.PRIORITY, Role.PRIORITY, Role.OTHER]
    lines = [Line(t, r) for t, r in zip(texts, found, strict=False)]
    assert header(lines).priority == ["ОСОБАЯ", "ВЕСЬМА СРОЧНО"] and header(lines).addressee is None


def test_marks_read_after_the_addressee_are_no_addressee():
    # moderate tuning pages (seed 6000): a seal's ring beside the name, a stamp over its last letters on thin paper
    texts = ["Шифртелеграмма", "Из ВАРШАВЫ № 9399 пол. 3 час. 17 мин. _25/11 1948 г эюз. № 5", "Спец. № 73-84",
             "Ф И Л И П П О В У. °", "х о ? “Со", "На собрании актива, состоявшемся 84еёра--Мод ое левски"]
    found, body = roles.tag_first_page(texts)
    assert body == 5 and found[3:] == [Role.ADDRESSEE, Role.OTHER]
    texts = ["Шифртелеграмма", "Из ТОКИО № 304 пол. 17 час. 19 мин. 5/6 19 52 г экз. № В", "ВНЕ ОЧЕРЕДИ", "З О Р И", "ини",
             "Газеты \"Народная правда\" и) \"Голос туд от 28 июня"]
    found, body = roles.tag_first_page(texts)
    assert body == 5 and found[2:] == [Role.PRIORITY, Role.ADDRESSEE, Role.OTHER]
    assert not roles.typed_name("ини") and roles.typed_name("Г Р О М Ы К О.")


def test_a_stamp_remnant_of_figures_and_letters_after_the_addressee_is_no_addressee():
    # a heavy tuning page (seed 8000, tg-08001) typed in a sans face cut to the machine's pitch (a stress set): marks
    # at the right edge beside the message's first line read (at confidence 21) as one word of marks, figures and four
    # letters. Once the marks at its start were dropped it read as a typed name: it became the addressee, the name a priority.
    texts = ["Шифртелеграмма", "Секретно", "Из НЬЮ-ЙОРКА № 5086 пол. 14 час. 36 мин. 17/12 19 149277 экз. № 7",
             "4940 9401", "Спец. № 47-150", "ВНЕ ОЧЕРЕДИ", "ВЕСЬМА СРОЧНО", "М О Л О Т О В У.", "#№:554%саРЗ",
             "5: \".. По сообщению. заместителя. министра иностранных лезь, Ачесон,"]
    found, body = roles.tag_first_page(texts)
    assert body == 9 and found[5:] == [Role.PRIORITY, Role.PRIORITY, Role.ADDRESSEE, Role.OTHER]
    lines = [Line(t, r) for t, r in zip(texts, found, strict=False)]
    assert header(lines).priority == ["ВНЕ ОЧЕРЕДИ", "ВЕСЬМА СРОЧНО"] and header(lines).addressee == "МОЛОТОВУ"
    assert not roles.typed_name(texts[8])


def test_reference_numbers_beside_specks():
    assert roles.header_role("6504 2851  *") is Role.REFERENCE
    assert reference_numbers.reference_numbers("4161 9614  °  °") == "4161 9614"
    assert reference_numbers.reference_numbers("2951 9:17") is None and roles.header_role("2951 9:17") is Role.OTHER


def test_a_message_no_line_of_which_reads_as_prose_follows_the_first_line_no_priority():
    # a heavy tuning page typed in a wide face, its message read letter by letter and garbled: before, every line
    # down to the footer's ``Выпустил`` was a priority or the addressee
    texts = ["Шифртелеграмма", "Из ПЕКИНА № 2561 пол. 10 час. 16 мин. 25/11 19 47 г. экз. № 10", "1Е ОЧЕРЕДИ",
             "ЕСЬМА СРозН", "10 И Т е р в е н »", "в а Я , Х Г д = 1 и т", "травлении", "Г О К", "в р е м я",
             "Выпустил Абрамкин"]
    found, body = roles.tag_first_page(texts)
    assert body == 4 and found[2:] == [Role.PRIORITY, Role.PRIORITY]
    found, body = roles.tag_first_page(texts[:4] + ["Г У С Е В У."] + texts[4:])
    assert body == 5 and found[4] is Role.ADDRESSEE
    # a priority read past knowing before the message is no addressee: that line was not read
    found, body = roles.tag_first_page(texts[:3] + ["ЕСЬМА СЕозН"] + texts[4:])
    assert body == 4 and found[2:] == [Role.PRIORITY, Role.PRIORITY]


def test_a_grid_row_with_one_slot_read_counts_its_rows_and_numbers_the_slots():
    # A heavy scan (seed 1000 tuning, tg-01006): the fifth row's other slot garbled (``№.11``), so it reads one slot
    # only; left out, the grid counted five rows a column and numbered the names 131, 141 and 15 as read.
    grid = ["Экз. № 1-7 Экз № 7л2 Экз № 131 Громыко } }", "„№21 „№ №141 Копия #", "‚№3 „№3; »№15т Маленкову /",
            "„№4т „№104. > № 161 „’", "» № 5-1 » №.11-т №", "» № 6-т » № 12-"]
    texts = ["Шифртелеграмма", *grid, "Из ВАРШАВЫ № 3894 пол. 7 час. 06 мин. 14/5 1948 г. экз. № 6", "М А Л И К У.", *BODY]
    tags, _ = roles.tag_first_page(texts)
    assert tags[1:7] == [Role.GRID] * 6
    entries = grid_distribution([Line(t, r) for t, r in zip(texts, tags)])
    assert len(entries) == 18
    assert [(e.copy, e.recipient) for e in entries if e.recipient] == [(13, "Громыко"), (14, "Копия"), (15, "Маленкову")]
    # The last row of a column longer than the others (24 slots: eight rows in the first) is a row too.
    assert roles.tag_first_page(["Шифртелеграмма", "Экз. № 1-т Экз. № 9-т", "» № 8-т", texts[7]])[0][1:3] == [Role.GRID] * 2


def test_a_garbled_message_line_after_the_addressee_is_the_body_and_a_label_no_priority():
    # a heavy tuning page (seed 9000, turned 180°, grey at 200 dpi): the special number's label read without its
    # number, the addressee half letter-spaced, the message's first line read letter-spaced past telling as prose;
    # before, that line was the addressee and the label and the name priorities
    texts = ["Шифртелеграмма", "Строго секретно", "Из + ИОРКА № 681 пол. 12 час. 33 мин. 4/6 1952 г. экз. № 6", "спец",
             "З о ринУу.", "ак", "отб", "Газеты \"народная. правда и \"гол х т р у д а - _ т и ю н я",
             "опубликовали на первых страницах. союфбщедие с зебрючении"]
    found, body = roles.tag_first_page(texts)
    assert body == 7 and found[3:] == [Role.PRIORITY, Role.ADDRESSEE, Role.OTHER, Role.OTHER]
    lines = [Line(t, r) for t, r in zip(texts, found, strict=False)]
    assert header(lines).priority == [] and header(lines).addressee == "ЗОРИНУ"
    assert roles.name_words("Г Р О М Ы К О.") == 1 and roles.name_words(texts[7]) == 6
    # (seed 9000, heavy): the message's first line read letter-spaced, its word gaps read as marks
    assert not roles.typed_name("с о г л а ш : - к о м сотруднич с 5. п р о н о х")
    assert roles.typed_name("Ф И Л И П П О В У. °") and roles.typed_name("Г Р О , М Ы К О")


def test_a_letter_spaced_name_read_a_letter_or_two_at_a_time_is_the_addressee():
    # a clean tuning page's header (seed 1000, tg-01000) with its addressee read as a heavy carbon's is now and then:
    # its letter gaps read irregularly, four tokens of two letters. Counted by tokens it was the message's first line:
    # the header lost its addressee and the message began with the name.
    texts = ["Шифртелеграмма", "Из ВАРШАВЫ № 1141 пол. 13 час. 25 мин. 1/11 1953 г. экз. № 11", "5508 7484", "1885 2425",
             "С Р О Ч Н О", "М О Л Н И Я", "Ф ИЛ ИП ПО ВУ.", "Сегодня, 24 ноября, министр внешней торговли Польши принял"]
    found, body = roles.tag_first_page(texts)
    assert body == 7 and found[4:] == [Role.PRIORITY, Role.PRIORITY, Role.ADDRESSEE]
    lines = [Line(t, r) for t, r in zip(texts, found, strict=False)]
    assert header(lines).priority == ["СРОЧНО", "МОЛНИЯ"] and header(lines).addressee == "ФИЛИППОВУ"
    assert roles.name_words("Ф ИЛ ИП ПО ВУ.") == 1 and roles.name_words("на основе полного развития") == 3


def test_a_garbled_message_line_after_a_listed_official_is_the_body():
    # a heavy tuning page (seed 9000, tg-09000): the priority's row lost, the message's faint first line read in part
    # and garbled; before, that line was the addressee and the official's name a priority
    texts = ["Шифртелеграмма", "Из ПРАГИ № 3038 пол. 20 час. 45 мин. экз. № 6", "8682 2108", "2474 1658", "З О Р И Н У.",
             "а августа, министр  ИНСР  т  И", "чрезвычайно важное сообщение о переговорах с торговым представителем"]
    found, body = roles.tag_first_page(texts)
    assert body == 5 and found[4] is Role.ADDRESSEE
    lines = [Line(t, r) for t, r in zip(texts, found, strict=False)]
    assert header(lines).priority == [] and header(lines).addressee == "ЗОРИНУ"
    # a typed name the list lacks after an official's: the last line stays the addressee
    found, body = roles.tag_first_page(texts[:5] + ["Ф И Л И П П О В У."] + texts[6:])
    assert body == 6 and found[5] is Role.ADDRESSEE


def test_a_message_line_where_the_addressee_was_lost_is_no_addressee():
    # a heavy tuning page (seed 9000, turned 180°): a fold's rule across the addressee's line lost it, and the message's
    # first line, read garbled, was the last header line; before, the addressee was its letters (``ЯПРАВДАИЯИЗЯ``)
    texts = ["Шифртелеграмма", "Из ПЕК НА № дер. пол. ^^ ча. о м 2 ) 1953 т. э53 № 6", "Спец. № 59-95", "М О Л Н И Я",
             "ОСОБО ВАЖНАЯ", '2 - я правда" и 7. Я и з я', "опубликовали на первых страницах сообщение ТАСС о заключении"]
    found, body = roles.tag_first_page(texts)
    assert body == 5 and Role.ADDRESSEE not in found and found[3:5] == [Role.PRIORITY] * 2
    # a name typed in small letters after the capital (one word) stays the addressee
    found, body = roles.tag_first_page(texts[:5] + ["Молотову."] + texts[6:])
    assert body == 6 and found[5] is Role.ADDRESSEE
