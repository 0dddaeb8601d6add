"""The rules a custom verification template's content must follow (developer guide FAQ Q5):
the tags and attributes of its table, and less than 10 MB; and the link SES adds."""
from __future__ import annotations

import datetime as dt
import html

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain import custom_verification as cv
from fakeses.domain.errors import CustomVerificationContentInvalid

TAGS = sorted(cv.ALLOWED)
text = st.text(st.characters(blacklist_characters="<>&", blacklist_categories=("Cs",)), max_size=20)


@st.composite
def allowed_html(draw: st.DrawFn, depth: int = 0) -> str:
    """HTML of the table's tags, each with some of its own attributes, nested."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        tag = draw(st.sampled_from(TAGS))
        names = draw(st.lists(st.sampled_from(sorted(cv.ALLOWED[tag])), max_size=3, unique=True))
        attrs = "".join(f' {name.upper() if draw(st.booleans()) else name}="{html.escape(draw(text))}"'
                        for name in names)
        inner = draw(allowed_html(depth + 1)) if depth < 2 else draw(text)
        parts.append(f"<{tag}{attrs}>{inner}</{tag}>")
    return draw(text) + "".join(parts)


@budget(60)
@given(content=allowed_html())
def test_content_of_the_tables_tags_and_attributes_is_accepted(content):
    cv.check_content("Subject", content)
    assert cv.forbidden_markup(content) is None


@budget(60)
@given(before=allowed_html(), after=allowed_html(),
       tag=st.sampled_from(["a", "script", "style", "iframe", "meta", "link", "title", "object", "svg"]))
def test_any_tag_outside_the_table_is_refused_wherever_it_is(before, after, tag):
    with pytest.raises(CustomVerificationContentInvalid, match=f"<{tag}>"):
        cv.check_content("Subject", f"{before}<{tag}>x</{tag}>{after}")


@budget(40)
@given(tag=st.sampled_from(TAGS), attribute=st.sampled_from(["href", "onclick", "onload", "srcset", "target"]))
def test_an_attribute_outside_the_tags_row_is_refused(tag, attribute):
    with pytest.raises(CustomVerificationContentInvalid, match=f"'{attribute}'"):
        cv.check_content("Subject", f'<{tag} {attribute}="x">y</{tag}>')


def test_comments_doctypes_and_plain_text_are_no_tags():
    cv.check_content("Subject", "<!DOCTYPE html><!-- note --><p>5 < 6 & 7 > 2</p>")
    assert cv.forbidden_markup("<!DOCTYPE html><!-- note --><p>5 < 6 & 7 > 2</p>") is None


def test_content_must_be_less_than_ten_megabytes():
    cv.check_content("", "x" * (cv.MAX_SIZE - 1))
    with pytest.raises(CustomVerificationContentInvalid, match="less than 10 MB"):
        cv.check_content("s", "x" * (cv.MAX_SIZE - 1))


@budget(40)
@given(content=allowed_html(), address=st.emails())
def test_the_link_is_added_after_the_content_and_found_again(content, address):
    url = cv.verification_url("eu-west-1", "123456789012", address, dt.datetime(2026, 3, 5, tzinfo=dt.timezone.utc),
                              "ab" * 32)
    mail = cv.with_link(content, url)
    assert cv.link_in(mail) == url
    assert cv.parse_link(url) == ("eu-west-1", "123456789012", "ab" * 32)
    assert mail.rindex(cv.DISCLAIMER) > mail.index("email-verification.eu-west-1")


def test_the_link_goes_inside_the_body():
    mail = cv.with_link("<html><body><p>Hi</p></BODY></html>", "https://email-verification.us-east-1.amazonaws.com/?x")
    assert mail.endswith("</BODY></html>") and "Hi</p><p><a href" in mail
