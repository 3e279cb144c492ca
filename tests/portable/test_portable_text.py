"""kakao_share.portable.text, .findings and .jsontext: the helpers behave as CPython's str and json do."""

from kakao_share.portable.findings import finding, finding_text, format_path
from kakao_share.portable.jsontext import MAX_DEPTH, JSONError, Number, loads
from kakao_share.portable.text import ascii_lower, collapse, is_digits, json_length, strip, utf16_length, words
from portable_helpers import plain, raises


def test_unicode_spaces_split_and_strip_like_cpython():
    assert words(" 봄\u3000노트\xa0 \n 2 ") == ["봄", "노트", "2"]
    assert strip("\u3000 제목 \xa0") == "제목"
    assert strip("a b") == "a b"
    assert strip(" \u2028 ") == ""
    assert collapse("  Spring\n\tnotes  ") == "Spring notes"
    assert collapse(" \u3000 ") is None
    assert collapse(None) is None


def test_lower_case_and_digits_are_ascii_only():
    assert ascii_lower("APP-Key") == "app-key"
    assert ascii_lower("\u212a") == "\u212a"  # the Kelvin sign is not the letter k
    assert is_digits("0123")
    assert not is_digits("")
    assert not is_digits("\u0663")  # Arabic-Indic three
    assert not is_digits("1 2")


def test_json_length_is_javascripts_string_length_of_compact_json():
    assert json_length({"a": [1, True, None, "x"]}) == len('{"a":[1,true,null,"x"]}')
    assert json_length('"\\\n') == len('"\\"\\\\\\n"')
    assert json_length("\x01") == len('"\\u0001"')
    assert json_length("한") == 3
    assert json_length("😀") == 4  # two UTF-16 code units
    assert json_length({}) == 2 and json_length([]) == 2
    assert utf16_length("a😀") == 3


def test_paths_are_written_like_the_models_write_them():
    assert format_path(("buttons", 2, "link", "web_url")) == "buttons[2].link.web_url"
    assert format_path(("template_args", "my key")) == 'template_args["my key"]'
    assert format_path(("template_args", 'a"b')) == 'template_args["a\\"b"]'
    assert format_path(("x", "_ok1")) == "x._ok1"
    assert format_path(("x", "1st")) == 'x["1st"]'
    found = finding("template-id", "must be a whole number", "write digits", "whole_number")
    assert finding_text(found) == "template-id: must be a whole number (fix: write digits)"
    assert finding_text(finding("", "too large")) == "(template): too large"


def test_json_values_as_cpython_reads_them():
    assert plain(loads(' {"a": [1, -2.5, 1e2, true, false, null], "b": "\\u00e9\\ud83d\\ude00\\n"} ')) == {
        "a": [1, -2.5, 100.0, True, False, None],
        "b": "é😀\n",
    }
    assert loads('"\\ud800"') == "\ufffd"
    assert list(loads('{"z": 1, "a": 2, "m": 3}')) == ["z", "a", "m"]
    assert loads("-Infinity") == float("-inf")
    number = loads('{"n": 1.50}', keep_numbers=True)["n"]
    assert isinstance(number, Number) and number.text == "1.50"


def test_json_errors_carry_cpythons_message_and_position():
    cases = [
        ('{"a":1,}', "Expecting property name enclosed in double quotes", 7),
        ("[1 2]", "Expecting ',' delimiter", 3),
        ("[1,]", "Expecting value", 3),
        ('{"a" 1}', "Expecting ':' delimiter", 5),
        ('"abc', "Unterminated string starting at", 0),
        ('"a\nb"', "Invalid control character at", 2),
        ('"\\x"', "Invalid \\escape", 1),
        ('"\\u12"', "Invalid \\uXXXX escape", 2),
        ('{"a":1}x', "Extra data", 7),
        ("01", "Extra data", 1),
        ("", "Expecting value", 0),
        ('["한", x]', "Expecting value", 6),  # characters, not bytes
    ]
    for text, message, position in cases:
        error = raises(JSONError, loads, text)
        assert (error.msg, error.pos) == (message, position), text
    error = raises(JSONError, loads, '{\n  "a": nope\n}')
    assert (error.lineno, error.colno) == (2, 8)


def test_json_nesting_is_bounded():
    assert len(loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)) == 1
    error = raises(JSONError, loads, "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert "deeper" in error.msg
