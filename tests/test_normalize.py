from storyline.pipeline.normalize import normalize_text


def test_normalize_repairs_mojibake_and_keeps_curly_quotes():
    broken = "Syria’s “war".encode().decode("cp1252")
    assert broken == "Syriaâ€™s â€œwar"
    assert normalize_text(broken) == "Syria’s “war"


def test_normalize_unicode_nfc():
    assert normalize_text("Gene\u0300ve") == "Genève"


def test_normalize_whitespace():
    text = "Title\u00a0 here\r\n\r\n\r\n\r\n  Body\tline  one \u200b\nline two\n\n\n"
    assert normalize_text(text) == "Title here\n\nBody line one\nline two"


def test_normalize_leaves_clean_text_alone():
    text = 'U.S. envoy said: "We are here."\n\nA second paragraph — with a dash.'
    assert normalize_text(text) == text


def test_normalize_two_single_marks_typed_for_a_double_one():
    from storyline.pipeline.normalize import normalize_text

    assert (
        normalize_text("He apologised to ‘‘all the victims.’’")
        == "He apologised to “all the victims.”"
    )
    assert normalize_text("``like this'' and it’s ‘one’") == "“like this” and it’s ‘one’"
