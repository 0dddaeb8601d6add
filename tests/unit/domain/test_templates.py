"""The template store keeps each template parsed: a send renders it without parsing it again,
however many templates are in use (more than the engine's 256-entry compile cache)."""
from __future__ import annotations

import pytest

from fakeses.domain.errors import BadRequest, InvalidTemplate
from fakeses.domain.templates import EmailTemplate, Rendered, Templates, render
from fakeses.mail import templates as engine


def test_three_hundred_templates_in_rotation_are_parsed_once_each():
    store = Templates()
    for i in range(300):
        store.create(f"t{i}", subject=f"Offer {i} for {{{{name}}}}", text=f"Hi {{{{name}}}} ({i})", html=None)
    engine.compile.cache_clear()
    for _ in range(2):
        for i in range(300):
            assert store.render(f"t{i}", '{"name": "Ann"}') == Rendered(f"Offer {i} for Ann", f"Hi Ann ({i})", None)
    assert engine.compile.cache_info().misses == 0


def test_an_updated_template_renders_its_new_text():
    store = Templates()
    store.create("t", subject="Old {{x}}", text=None, html=None)
    store.update("t", subject="New {{x}}", text="Body {{x}}", html=None)
    assert store.render("t", '{"x": 1}') == Rendered("New 1", "Body 1", None)


def test_a_template_whose_text_is_changed_in_place_is_parsed_again():
    template = EmailTemplate("t", "A {{x}}", None, None)
    assert render(template, {"x": 1}).subject == "A 1"
    template.subject = "B {{x}}"
    assert render(template, {"x": 1}).subject == "B 1"


def test_an_invalid_update_keeps_the_template_as_it_was():
    store = Templates()
    store.create("t", subject="Old {{x}}", text=None, html=None)
    with pytest.raises(InvalidTemplate):
        store.update("t", subject="{{#if}}", text=None, html=None)
    assert store.render("t", '{"x": 1}').subject == "Old 1"


def test_inline_content_is_parsed_when_made_and_refused_with_more_than_variables():
    template = EmailTemplate.inline("Hi {{name}}", None, "<p>{{name}}</p>")
    assert render(template, {"name": "Ann"}) == Rendered("Hi Ann", None, "<p>Ann</p>")
    for bad in ("{{#if x}}y{{/if}}", "{{#if x}"):
        with pytest.raises(BadRequest, match="unsupported operations"):
            EmailTemplate.inline("ok", bad, None)
