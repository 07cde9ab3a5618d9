from ocr.lines import Line, Role, Word


def test_a_line_read_again_takes_the_new_words_text_box_and_confidence_and_keeps_its_role():
    line = Line(text="Отпеч. 2/11-6.38", role=Role.FOOTER, page=2, bbox=(0, 0, 10, 10), confidence=20.0,
                words=[Word("Отпеч.", (0, 0, 5, 10), 20.0)])
    again = line.read_as([Word("2/11-48", (160, 102, 90, 30), 70.0), Word("Отпеч.", (40, 100, 100, 28), 90.0)])
    assert again.text == "Отпеч. 2/11-48"
    assert again.bbox == (40, 100, 210, 32)
    assert again.confidence == 80.0
    assert (again.role, again.page) == (Role.FOOTER, 2)
