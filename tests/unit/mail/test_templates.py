"""The template language, construct by construct (fakeses/mail/templates.py).

Expected outputs follow handlebars.js (the reference the SES developer guide points to)
except where SES is known to differ: no HTML escaping, missing output variables fail,
no custom helpers (the module docstring gives the sources).
"""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakeses.mail.templates import (
    InvalidData,
    MissingAttribute,
    RenderError,
    TemplateError,
    TemplateSyntaxError,
    compile,
    parse_data,
    render,
)


def r(source: str, data: object = None) -> str:
    return render(source, json.dumps({} if data is None else data))


# -- variables and paths --------------------------------------------------------------------

def test_a_variable_is_replaced_by_its_value():
    assert r("Hello {{name}}!", {"name": "Ann"}) == "Hello Ann!"


def test_spaces_inside_the_braces_are_allowed():
    # moto's test_render_template: "{{favoriteanimal  }}" renders (F12)
    assert r("{{ name  }}", {"name": "Ann"}) == "Ann"


def test_nested_attributes_are_reached_by_dotted_paths():
    data = {"contact": {"firstName": "Anaya", "address": {"city": "Bengaluru"}}}
    assert r("{{contact.firstName}} in {{contact.address.city}}", data) == "Anaya in Bengaluru"


def test_slash_paths_and_this_prefixes_mean_the_same():
    data = {"contact": {"name": "A"}}
    assert r("{{contact/name}} {{this.contact.name}} {{./contact.name}}", data) == "A A A"


def test_segment_literals_reach_keys_that_are_not_identifiers():
    assert r("{{[first name]}} {{a.[b c]}}", {"first name": "F", "a": {"b c": "B"}}) == "F B"


def test_hyphens_are_part_of_a_name():
    assert r("{{first-name}}", {"first-name": "Ann"}) == "Ann"


def test_list_items_and_length_are_reachable():
    data = {"items": ["x", "y"]}
    assert r("{{items.length}} {{items.[1]}} {{items.0}}", data) == "2 y x"


def test_at_root_reaches_the_data_from_anywhere():
    assert r("{{#each items}}{{@root.sep}}{{this}}{{/each}}", {"items": [1, 2], "sep": "-"}) == "-1-2"


# -- values -----------------------------------------------------------------------------------

def test_html_is_never_escaped_not_even_in_double_stash():
    # "SES doesn't escape HTML content when rendering the HTML template" (F12)
    data = {"h": "<b>Tom & \"Jerry\"</b>'"}
    assert r("{{h}}|{{{h}}}|{{&h}}", data) == "<b>Tom & \"Jerry\"</b>'" * 1 + "|" + data["h"] + "|" + data["h"]


def test_booleans_are_written_in_lowercase():
    assert r("{{t}} {{f}}", {"t": True, "f": False}) == "true false"


def test_numbers_are_written_as_spelled_in_the_data():
    assert render("{{a}} {{b}} {{c}} {{d}}", '{"a": 1, "b": 2.50, "c": -0.5, "d": 1e3}') == "1 2.50 -0.5 1e3"


def test_lists_and_objects_are_written_as_javascript_writes_them():
    assert r("{{l}} / {{o}}", {"l": [1, "a", None, [2, 3]], "o": {"k": 1}}) == "1,a,,2,3 / [object Object]"


def test_a_list_nested_deeper_than_the_recursion_limit_is_written_like_any_list():
    value: object = "x"
    for depth in range(5000):
        value = [value, 1] if depth < 10 else [value]
    assert compile("Hi {{name}}").render({"name": value}) == "Hi x" + ",1" * 10
    assert compile("{{#each l}}{{this}};{{/each}}").render({"l": [value, 2]}) == "x" + ",1" * 10 + ";2;"
    assert r("{{#if a}}{{a}}{{/if}}", {"a": [[[], []], [[None], [{}]]]}) == ",,,[object Object]"


def test_an_empty_string_is_a_value_not_a_missing_attribute():
    assert r("[{{x}}]", {"x": ""}) == "[]"


# -- missing attributes -------------------------------------------------------------------

def test_a_missing_variable_fails_with_the_attribute_named():
    with pytest.raises(MissingAttribute) as raised:
        r("Your favorite animal is {{favoriteanimal}}.", {"name": "John"})
    # The text of MissingRenderingAttribute (F13)
    assert str(raised.value) == "Attribute 'favoriteanimal' is not present in the rendering data."
    assert raised.value.name == "favoriteanimal"


def test_a_null_variable_fails_like_a_missing_one():
    # aws/aws-sdk-js#2239: a null value stops the message as a missing one does (F13)
    with pytest.raises(MissingAttribute):
        r("{{website}}", {"website": None})


def test_a_missing_nested_variable_is_named_by_its_whole_path():
    with pytest.raises(MissingAttribute) as raised:
        r("{{contact.firstName}}", {"contact": {}})
    assert raised.value.name == "contact.firstName"


def test_a_path_through_a_string_is_missing():
    with pytest.raises(MissingAttribute):
        r("{{name.first}}", {"name": "Ann"})


def test_inside_conditions_a_missing_value_is_false():
    template = "{{#if vip}}VIP{{else}}regular{{/if}}/{{#unless vip}}u{{/unless}}/{{#each vip}}e{{else}}none{{/each}}"
    assert r(template) == "regular/u/none"


def test_with_over_a_missing_value_renders_the_else_block():
    assert r("{{#with contact}}{{name}}{{else}}nobody{{/with}}") == "nobody"


def test_an_unknown_helper_is_looked_up_as_an_attribute():
    # Recorded Rendering Failure "Attribute 'IF' is not present in the rendering data."
    # for {{#IF firstName}} (F13): no custom helpers in SES.
    with pytest.raises(MissingAttribute) as raised:
        r("{{#IF firstName}}Hey {{firstName}}{{/IF}}", {"firstName": "Ann"})
    assert raised.value.name == "IF"
    with pytest.raises(MissingAttribute) as raised:
        r("{{uppercase name}}", {"name": "Ann"})
    assert raised.value.name == "uppercase"


def test_data_variables_outside_a_loop_write_nothing():
    assert r("[{{@index}}]") == "[]"


# -- conditionals -----------------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    (True, True), ("x", True), (1, True), ({}, True), ([0], True),
    (False, False), ("", False), (0, False), ([], False), (None, False),
])
def test_if_follows_handlebars_truthiness(value, shown):
    assert r("{{#if v}}yes{{else}}no{{/if}}", {"v": value}) == ("yes" if shown else "no")


def test_include_zero_makes_zero_true():
    assert r("{{#if n includeZero=true}}zero{{/if}}", {"n": 0}) == "zero"


def test_else_if_chains():
    template = "{{#if a}}A{{else if b}}B{{else if c}}C{{else}}D{{/if}}"
    assert [r(template, d) for d in ({"a": 1}, {"b": 1}, {"c": 1}, {})] == ["A", "B", "C", "D"]


def test_unless_is_the_inverse_of_if():
    assert r("{{#unless ok}}not ok{{else}}ok{{/unless}}", {"ok": False}) == "not ok"


def test_the_advanced_each_and_if_example_renders_as_on_aws():
    # moto's test_render_template__advanced, verified against AWS (F12)
    template = "{{#each items}} {{name}} is {{#if best}}the best{{else}}a {{type}}{{/if}}, {{/each}}"
    data = {"items": [{"type": "dog", "name": "bobby", "best": True},
                      {"type": "cat", "name": "pedro", "best": False}]}
    out = r(template, data)
    assert "bobby is the best" in out and "pedro is a cat" in out


# -- iteration ----------------------------------------------------------------------------------

def test_each_over_a_list_gives_this_index_first_and_last():
    template = "{{#each xs}}{{#if @first}}[{{/if}}{{@index}}:{{this}}{{#unless @last}},{{/unless}}{{#if @last}}]{{/if}}{{/each}}"
    assert r(template, {"xs": ["a", "b", "c"]}) == "[0:a,1:b,2:c]"


def test_each_over_an_object_gives_keys_in_order():
    assert r("{{#each o}}{{@key}}={{this}};{{/each}}", {"o": {"b": 1, "a": 2}}) == "b=1;a=2;"


def test_each_over_objects_reads_their_fields():
    data = {"subscription": [{"interest": "Sports"}, {"interest": "Travel"}]}
    assert r("{{#each subscription}}<li>{{interest}}</li>{{/each}}", data) == "<li>Sports</li><li>Travel</li>"


def test_each_with_block_parameters():
    data = {"items": [{"n": "a"}, {"n": "b"}]}
    assert r("{{#each items as |item i|}}{{i}}={{item.n}} {{/each}}", data) == "0=a 1=b "


def test_parent_paths_step_out_of_the_loop():
    data = {"greeting": "Hi", "people": [{"name": "A"}, {"name": "B"}]}
    assert r("{{#each people}}{{../greeting}} {{name}}. {{/each}}", data) == "Hi A. Hi B. "


def test_parent_data_variables_of_nested_loops():
    data = {"rows": [[1, 2], [3]]}
    assert r("{{#each rows}}{{#each this}}{{@../index}}.{{@index}} {{/each}}{{/each}}", data) == "0.0 0.1 1.0 "


def test_each_over_an_empty_list_renders_else():
    assert r("{{#each xs}}x{{else}}empty{{/each}}", {"xs": []}) == "empty"


def test_a_missing_field_inside_each_fails():
    with pytest.raises(MissingAttribute) as raised:
        r("{{#each people}}{{name}}{{/each}}", {"people": [{"name": "A"}, {}]})
    assert raised.value.name == "name"


# -- with, sections, lookup, log --------------------------------------------------------------

def test_with_changes_the_context():
    assert r("{{#with c}}{{first}} {{../top}}{{/with}}", {"c": {"first": "F"}, "top": "T"}) == "F T"


def test_with_block_parameter():
    assert r("{{#with c as |person|}}{{person.first}}{{/with}}", {"c": {"first": "F"}}) == "F"


def test_a_block_over_a_variable_is_a_mustache_section():
    data = {"person": {"name": "P"}, "list": [{"n": 1}, {"n": 2}], "yes": True}
    assert r("{{#person}}{{name}}{{/person}}{{#list}}{{n}}{{/list}}{{#yes}}Y{{/yes}}{{^no}}N{{/no}}", data) == "P12YN"


def test_lookup_reads_a_dynamic_key():
    data = {"names": {"en": "Hello", "fr": "Bonjour"}, "lang": "fr"}
    assert r("{{lookup names lang}}|{{lookup names 'de'}}", data) == "Bonjour|"


def test_lookup_as_a_subexpression():
    data = {"people": {"a": {"name": "Ann"}}, "id": "a"}
    assert r("{{#with (lookup people id)}}{{name}}{{/with}}", data) == "Ann"


def test_log_writes_nothing():
    assert r("a{{log 'x' level='warn'}}b") == "ab"


# -- partials --------------------------------------------------------------------------------------

def test_inline_partials_are_defined_and_used():
    # The developer guide's inline partial example (F12)
    template = '{{#*inline "fullName"}}{{firstName}} {{lastName}}{{/inline}}<h1>Hello {{> fullName}}!</h1>'
    assert r(template, {"firstName": "Anaya", "lastName": "Iyengar"}) == "<h1>Hello Anaya Iyengar!</h1>"


def test_a_partial_may_be_used_before_its_definition():
    assert r('{{> p}}{{#*inline "p"}}P{{/inline}}') == "P"


def test_a_partial_takes_a_context_and_hash_arguments():
    template = '{{#*inline "card"}}{{name}}/{{role}}{{/inline}}{{#each people}}{{> card this role="x"}} {{/each}}'
    assert r(template, {"people": [{"name": "A"}, {"name": "B"}]}) == "A/x B/x "


def test_an_undefined_partial_is_a_template_error():
    # InvalidTemplate: "may occur when a template refers to a partial that does not exist" (seed 004)
    with pytest.raises(TemplateSyntaxError):
        compile("{{> footer}}")


def test_a_partial_block_renders_its_fallback_when_the_partial_is_missing():
    assert r("{{#> layout}}fallback{{/layout}}") == "fallback"


def test_a_partial_block_passes_its_content_to_the_partial():
    template = '{{#*inline "layout"}}<main>{{> @partial-block}}</main>{{/inline}}{{#> layout}}body{{/layout}}'
    assert r(template) == "<main>body</main>"


def test_a_partial_including_itself_forever_is_a_render_error():
    with pytest.raises(RenderError):
        r('{{#*inline "p"}}x{{> p}}{{/inline}}{{> p}}')


# -- comments, whitespace, escapes ---------------------------------------------------------------

def test_comments_write_nothing():
    assert r("a{{! note }}b{{!-- has }} inside --}}c") == "abc"


def test_tilde_strips_whitespace_on_its_side():
    assert r("a  \n {{~x~}} \n  b", {"x": "X"}) == "aXb"
    assert r("{{#each xs~}}\n  {{this}}\n{{~/each}}", {"xs": [1, 2]}) == "12"


def test_block_tags_alone_on_a_line_leave_no_blank_line():
    template = "Hello\n{{#if vip}}\n  VIP\n{{else}}\n  regular\n{{/if}}\nBye"
    assert r(template, {"vip": True}) == "Hello\n  VIP\nBye"
    assert r(template, {"vip": False}) == "Hello\n  regular\nBye"


def test_a_standalone_partial_is_indented_like_its_tag():
    template = '{{#*inline "p"}}a\nb\n{{/inline}}<ul>\n  {{> p}}\n</ul>'
    assert r(template) == "<ul>\n  a\n  b\n</ul>"


def test_inline_tags_keep_their_line():
    assert r("a\n{{x}}\nb", {"x": "X"}) == "a\nX\nb"


def test_a_backslash_escapes_a_mustache():
    assert r("\\{{name}} is {{name}}", {"name": "Ann"}) == "{{name}} is Ann"


def test_single_braces_are_text():
    # getmoto/moto#6206: a lone "{" broke moto's renderer
    assert r("{ {name} } {x}} }}", {}) == "{ {name} } {x}} }}"


def test_literal_keys_as_the_whole_mustache():
    assert r('{{"first name"}} {{1}}', {"first name": "F", "1": "one"}) == "F one"


# -- syntax errors -----------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "{{#if a}}never closed",
    "{{/if}}",
    "{{#if a}}x{{/each}}",
    "{{#each}}x{{/each}}",
    "{{#if a b}}x{{/if}}",
    "{{name",
    "{{{name}}",
    "{{}}",
    "{{a..b}}",
    "{{foo bar=}}",
    "{{else}}",
    "{{#if a}}{{else}}{{else}}{{/if}}",
    "{{!-- never closed",
    "{{{{raw}}}}{{{{/raw}}}}",
    "{{*decorator}}",
    "{{if a}}",
    '{{#*inline name}}x{{/inline}}',
    "{{#with a as |b}}{{/with}}",
])
def test_malformed_templates_do_not_compile(source):
    with pytest.raises(TemplateSyntaxError):
        compile(source)


def test_compiling_is_cached_by_text():
    assert compile("Hello {{x}}") is compile("Hello {{x}}")


# -- the data ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '"text"', "42", "null", "NaN", '{"a": NaN}', "[" * 100000])
def test_data_that_is_not_a_json_object_is_refused(text):
    with pytest.raises(InvalidData):
        parse_data(text)


def test_data_with_duplicate_keys_keeps_the_last():
    assert parse_data('{"a": 1, "a": 2}') == {"a": 2}


# -- the renderer never fails otherwise -------------------------------------------------------

TEMPLATE_PIECES = st.sampled_from([
    "{{", "}}", "{{{", "}}}", "{{#if a}}", "{{#each l}}", "{{/if}}", "{{/each}}", "{{else}}", "{{^}}",
    "{{a}}", "{{b.c}}", "{{../a}}", "{{@index}}", "{{this}}", "{{> p}}", '{{#*inline "p"}}', "{{/inline}}",
    "{{!", "--}}", "{{!--", "~", "\\", "\n", " ", "a", "{{#with b}}", "{{/with}}", "{{lookup b 'c'}}",
    "{{#unless a}}", "{{/unless}}", "(", ")", '"', "=", "|", "as |x|", "{{#>", "@partial-block", "[", "]",
])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from("abclx"), children, max_size=3),
    max_leaves=10,
)


@given(pieces=st.lists(TEMPLATE_PIECES, max_size=30), data=st.dictionaries(st.sampled_from("abcl"), JSON, max_size=4))
def test_whatever_the_template_and_data_only_template_errors_escape(pieces, data):
    try:
        compile("".join(pieces)).render(data)
    except TemplateError:
        pass


@given(source=st.text(max_size=60), data=st.text(max_size=40))
def test_arbitrary_text_only_raises_template_errors(source, data):
    try:
        render(source, data)
    except TemplateError:
        pass


def _tree_walk(template, data):
    """Render through the general tree walk, bypassing the flat fast path."""
    from fakeses.mail import templates as engine

    scope = engine._Scope(contexts=(data,), data={"root": data}, block_params=(), partials=())
    out: list[str] = []
    engine._render_program(template._program, scope, out)
    return "".join(out)


@given(pieces=st.lists(TEMPLATE_PIECES, max_size=30), data=st.dictionaries(st.sampled_from("abcl"), JSON, max_size=4))
def test_the_flat_fast_path_answers_as_the_tree_walk(pieces, data):
    """Templates of text and plain variables skip the tree walk; the answer is the same."""
    try:
        template = compile("".join(pieces))
    except TemplateError:
        return
    if template._flat is None:
        return
    outcomes = []
    for how in (template.render, lambda d: _tree_walk(template, d)):
        try:
            outcomes.append(how(data))
        except TemplateError as error:
            outcomes.append(type(error).__name__ + str(error))
    assert outcomes[0] == outcomes[1]


def test_only_plain_variables_take_the_flat_path():
    assert compile("Hi {{name}} {{a.b}} {{this}}")._flat is not None
    for source in ("{{#if a}}x{{/if}}", "{{lookup a b}}", "{{../a}}", "{{@root.a}}", "{{> p}}{{#*inline \"p\"}}x{{/inline}}"):
        assert compile(source)._flat is None, source
    assert compile("Hi {{name}}").only_variables
    assert not compile("{{#each a}}{{this}}{{/each}}").only_variables


def _loads_with_options(text):
    """parse_data as json.loads with the options, building a decoder per call (the slow path)."""
    from fakeses.mail import templates as engine

    try:
        data = json.loads(text, parse_float=engine._Number, parse_constant=engine._reject_constant)
    except (ValueError, RecursionError, TypeError):
        return "InvalidData"
    return data if isinstance(data, dict) else "InvalidData"


def _outcome(text):
    try:
        return parse_data(text)
    except InvalidData:
        return "InvalidData"


def _same(a, b):
    # Numbers with a fraction keep their spelling: compare it too.
    return json.dumps(a, default=str) == json.dumps(b, default=str) and repr(a) == repr(b)


DATA_TEXT = st.one_of(
    JSON.map(json.dumps),
    st.dictionaries(st.text(max_size=4), JSON, max_size=4).map(json.dumps),
    st.text(max_size=40),
    st.sampled_from(['{"a": NaN}', '{"a": Infinity}', '{"a": 1.50}', '{"a": 1e400}', '\ufeff{}', '{"a": -0.0}',
                     '{"a": 1}x', '[]', '"a"', '{"a": "\\ud800"}', ' {} ', '{"a":1,"a":2}']),
)


@given(text=DATA_TEXT)
def test_the_shared_data_decoder_answers_as_json_loads_with_its_options(text):
    assert _same(_outcome(text), _loads_with_options(text))


@pytest.mark.parametrize("value", [b'{"a": 1.5}', bytearray(b'{"a": 1}'), None, 12, b"\xff"])
def test_data_that_is_not_a_str_is_read_as_json_loads_reads_it(value):
    assert _same(_outcome(value), _loads_with_options(value))
