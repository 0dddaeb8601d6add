"""fakeses._patterns: model patterns matched in linear time, with exactly ``re``'s answers.

No timing is asserted. What is held: every pattern of the installed models runs on the
linear engine (the structure that makes a check linear), and on every value the engine
says what ``re.fullmatch`` says. Offline measurements (scripts/pattern_timings.py):
about 0.1 s for a 1 MB adversarial value on each model pattern, where ``re`` takes
quadratic time on two of them.
"""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fakeses import _patterns, validation
from fakeses._model import service_model
from fakeses._patterns import LinearPattern


def model_patterns() -> list[str]:
    found = set()
    for service in ("ses", "sesv2"):
        model = service_model(service)
        for name in model.shape_names:
            pattern = model.shape_for(name).metadata.get("pattern")
            if pattern:
                found.add(pattern)
    return sorted(found)


PATTERNS = model_patterns()


def test_the_models_have_patterns_to_check() -> None:
    assert len(PATTERNS) >= 10
    assert "^s3:\\/\\/([^\\/]+)\\/(.*?([^\\/]+)\\/?)$" in PATTERNS  # S3Url: quadratic in re


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_model_pattern_is_checked_by_the_linear_engine(pattern: str) -> None:
    assert isinstance(_patterns.compile(pattern), LinearPattern)
    assert isinstance(validation._pattern(pattern), LinearPattern)


def fragments(pattern: str) -> list[str]:
    """Pieces values are built from: the pattern's own characters and literal runs, and others."""
    literal_runs = [run for run in re.split(r"[\\\[\](){}^$*+?.|]+", pattern) if run]
    return sorted(set(pattern) | set(literal_runs) | {"\n", "\x00", "\u00e9", "\u0661", "_", " ", "a", "Z", "9",
                                                      "arn:aws:", "s3://", "@", "/", "=="})


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_model_pattern_answers_as_re_does(pattern: str, data: st.DataObject) -> None:
    value = data.draw(st.one_of(
        st.lists(st.sampled_from(fragments(pattern)), max_size=30).map("".join),
        st.text(max_size=30),
    ))
    assert _patterns.compile(pattern).fullmatch(value) == bool(re.fullmatch(pattern, value))  # type: ignore[union-attr]


CASES = [
    ("a$", ["a", "a\n", "a\n\n", "\n", ""]),
    ("a\\Z", ["a", "a\n"]),
    ("\\Aa|b", ["a", "b", "ab"]),
    ("a^b", ["ab", "a"]),
    ("^$", ["", "\n"]),
    ("(a|ab)(c|bcd)(d*)", ["abcd", "abcdd", "acd", "abc"]),
    ("a{2,4}b{0}c{3}", ["aaccc", "aaaaccc", "accc", "aaaaaccc"]),
    ("(a*)*b", ["b", "aaab", "aaa"]),
    ("(?:a|)+$", ["", "aaa", "b"]),
    ("[^\\W\\d]+", ["abc", "a1", "\u00e9", "_", "\u0661"]),
    ("[\\s\\S]x.", ["\nxa", "ax\n"]),
    ("\\d\\D\\w\\W\\s\\S", ["\u06611a b!", "1aa b!"]),
    ("[a-c\\-x]*?y", ["abcx-y", "ady"]),
    ("\\u002F[\\u0021-\\u007E]", ["/!", "/\u007f"]),
]


@pytest.mark.parametrize(("pattern", "values"), CASES)
def test_anchors_repeats_and_classes_mean_what_they_mean_in_re(pattern: str, values: list[str]) -> None:
    compiled = _patterns.compile(pattern)
    assert compiled is not None
    for value in values:
        assert compiled.fullmatch(value) == bool(re.fullmatch(pattern, value)), value


UNSUPPORTED = ["(a)\\1", "(?=a)a", "(?!b)a", "(?<=a)b", "a\\b", "(?i)a", "(?i:a)", "(?m)^a$", "(?s).",
               "a{0,20000}"]
if sys.version_info >= (3, 11):
    UNSUPPORTED += ["a*+", "(?>a)"]


@pytest.mark.parametrize("pattern", UNSUPPORTED)
def test_constructs_that_need_backtracking_or_flags_are_not_compiled(pattern: str) -> None:
    assert _patterns.compile(pattern) is None
    assert validation._pattern(pattern) is not None  # checked with re instead


def test_a_pattern_re_cannot_parse_is_an_re_error_and_not_checked() -> None:
    with pytest.raises(re.error):
        _patterns.compile("(")
    assert validation._pattern("(") is None


def test_answers_stay_right_when_the_transition_cache_starts_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_patterns, "_MAX_CACHED", 3)
    pattern = "^(.+)@(.+)$"
    compiled = _patterns.compile(pattern)
    assert compiled is not None
    for value in ["a@b", "@" * 50 + "\n", "".join(map(chr, range(40, 140))) + "@x", "abc", "x@\u00e9\u0661"]:
        assert compiled.fullmatch(value) == bool(re.fullmatch(pattern, value)), value


def test_the_reported_backtracking_values_are_answered() -> None:
    # re took 16 s and 34 s on these (issue 10); the engine reads each character once or twice.
    assert not _patterns.compile("^(.+)@(.+)$").fullmatch("@" * 40000 + "\n")  # type: ignore[union-attr]
    s3 = _patterns.compile("^s3:\\/\\/([^\\/]+)\\/(.*?([^\\/]+)\\/?)$")
    assert s3 is not None
    assert not s3.fullmatch("s3://b/" + "a" * 40000 + "//")
    assert s3.fullmatch("s3://b/" + "a/" * 40000)
