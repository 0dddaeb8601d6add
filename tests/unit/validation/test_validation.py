"""fakeses.validation: every model constraint, just inside and just outside, worded as SES.

Wording: docs/_research/foundation.md G1-G8 (Coral: "Value null at 'x'" for a missing
member, "Value at 'x'" otherwise, lowerCamel paths, ".N.member" for list items).
"""
from __future__ import annotations

from typing import Any

import pytest
from botocore.model import DenormalizedStructureBuilder, Shape

from fakeses import validation
from fakeses._model import service_model


def structure(members: dict[str, Any], required: tuple[str, ...] = ()) -> Shape:
    builder = DenormalizedStructureBuilder().with_members(members)
    shape = builder.build_model()
    if required:
        shape._shape_model["required"] = list(required)
        shape.__dict__.pop("required_members", None)  # a cached property
    return shape


def errors(shape: Shape, params: dict[str, Any]) -> list[str]:
    return validation.violations(shape, params)


def fail(where: str, constraint: str) -> str:
    return f"Value at '{where}' failed to satisfy constraint: Member must {constraint}"


def null(where: str) -> str:
    return f"Value null at '{where}' failed to satisfy constraint: Member must not be null"


# -- required -------------------------------------------------------------------------------

def test_a_missing_required_member_is_value_null_with_a_lower_camel_path() -> None:
    shape = structure({"FromEmailAddress": {"type": "string"}, "Other": {"type": "string"}},
                      required=("FromEmailAddress",))
    assert errors(shape, {}) == [null("fromEmailAddress")]
    assert errors(shape, {"FromEmailAddress": None}) == [null("fromEmailAddress")]
    assert errors(shape, {"FromEmailAddress": ""}) == []


def test_v1_send_email_without_destination_reads_as_recorded_from_ses() -> None:
    # G1, recorded: "1 validation error detected: Value null at 'destination' failed to
    # satisfy constraint: Member must not be null".
    shape = service_model("ses").operation_model("SendEmail").input_shape
    found = errors(shape, {"Source": "a@example.com", "Message": {"Subject": {"Data": "s"}, "Body": {}}})
    assert validation.message(found) == (
        "1 validation error detected: Value null at 'destination' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_nested_required_members_have_dotted_paths() -> None:
    # G6b: "Value null at 'message.subject'".
    shape = service_model("ses").operation_model("SendEmail").input_shape
    found = errors(shape, {"Source": "a", "Destination": {}, "Message": {"Body": {"Text": {}}}})
    assert found == [null("message.subject"), null("message.body.text.data")]


def test_several_violations_are_counted_and_joined_in_model_order() -> None:
    shape = service_model("ses").operation_model("SendEmail").input_shape
    assert validation.message(errors(shape, {})) == (
        "3 validation errors detected: "
        + "; ".join([null("source"), null("destination"), null("message")])
    )


def test_required_members_of_list_items_carry_the_item_index() -> None:
    # G3/G8: "content.simple.headers.<i>.member.name".
    shape = service_model("ses").operation_model("SendEmail").input_shape
    params = {"Source": "a", "Destination": {}, "Message": {"Subject": {"Data": "s"}, "Body": {}},
              "Tags": [{"Name": "a", "Value": "b"}, {"Value": "c"}]}
    assert errors(shape, params) == [null("tags.2.member.name")]


# -- lengths --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, found", [
    ("ab", []), ("abcd", []),
    ("a", [fail("name", "have length greater than or equal to 2")]),
    ("abcde", [fail("name", "have length less than or equal to 4")]),
])
def test_string_length_is_checked_at_both_ends(value: str, found: list[str]) -> None:
    shape = structure({"Name": {"type": "string", "min": 2, "max": 4}})
    assert errors(shape, {"Name": value}) == found


@pytest.mark.parametrize("size, found", [
    (1, []), (3, []),
    (0, [fail("items", "have length greater than or equal to 1")]),
    (4, [fail("items", "have length less than or equal to 3")]),
])
def test_list_length_is_checked_at_both_ends(size: int, found: list[str]) -> None:
    shape = structure({"Items": {"type": "list", "min": 1, "max": 3, "member": {"type": "string"}}})
    assert errors(shape, {"Items": ["x"] * size}) == found


@pytest.mark.parametrize("size, found", [
    (1, []), (2, []),
    (0, [fail("attributes", "have length greater than or equal to 1")]),
    (3, [fail("attributes", "have length less than or equal to 2")]),
])
def test_map_size_is_checked_at_both_ends(size: int, found: list[str]) -> None:
    shape = structure({"Attributes": {"type": "map", "min": 1, "max": 2,
                                      "key": {"type": "string"}, "value": {"type": "string"}}})
    assert errors(shape, {"Attributes": {f"k{i}": "v" for i in range(size)}}) == found


def test_blob_length_is_checked() -> None:
    shape = structure({"Data": {"type": "blob", "max": 3}})
    assert errors(shape, {"Data": b"abc"}) == []
    assert errors(shape, {"Data": b"abcd"}) == [fail("data", "have length less than or equal to 3")]


def test_a_real_v2_length_limit_just_inside_and_outside() -> None:
    # PutAccountDetails WebsiteURL: 1..1000 (model).
    shape = service_model("sesv2").operation_model("PutAccountDetails").input_shape
    ok = {"MailType": "MARKETING", "WebsiteURL": "https://example.com/" + "a" * 980}
    assert errors(shape, ok) == []
    assert errors(shape, {**ok, "WebsiteURL": ok["WebsiteURL"] + "a"}) == [
        fail("websiteURL", "have length less than or equal to 1000")]


# -- numeric ranges -------------------------------------------------------------------------

@pytest.mark.parametrize("value, found", [
    (300, []), (50400, []),
    (299, [fail("maxDeliverySeconds", "have value greater than or equal to 300")]),
    (50401, [fail("maxDeliverySeconds", "have value less than or equal to 50400")]),
])
def test_integer_range_is_checked_at_both_ends(value: int, found: list[str]) -> None:
    # G8: SES v2 maxDeliverySeconds, 300..50400.
    shape = structure({"MaxDeliverySeconds": {"type": "long", "min": 300, "max": 50400}})
    assert errors(shape, {"MaxDeliverySeconds": value}) == found


def test_double_range_is_checked() -> None:
    shape = structure({"Rate": {"type": "double", "min": 0, "max": 1}})
    assert errors(shape, {"Rate": 1.0}) == []
    assert errors(shape, {"Rate": 1.5}) == [fail("rate", "have value less than or equal to 1")]
    assert errors(shape, {"Rate": -0.1}) == [fail("rate", "have value greater than or equal to 0")]


# -- enums and patterns ---------------------------------------------------------------------

def test_an_enum_violation_leaves_the_value_out_and_lists_the_set_sorted() -> None:
    # G7, verified against SES: "Value at 'deliveryOptions.tlsPolicy' failed to satisfy
    # constraint: Member must satisfy enum value set: [Optional, Require]".
    shape = service_model("ses").operation_model("PutConfigurationSetDeliveryOptions").input_shape
    found = errors(shape, {"ConfigurationSetName": "c", "DeliveryOptions": {"TlsPolicy": "Sometimes"}})
    assert validation.message(found) == (
        "1 validation error detected: Value at 'deliveryOptions.tlsPolicy' failed to satisfy "
        "constraint: Member must satisfy enum value set: [Optional, Require]"
    )
    assert errors(shape, {"ConfigurationSetName": "c", "DeliveryOptions": {"TlsPolicy": "Require"}}) == []


def test_enum_values_are_case_sensitive() -> None:
    shape = service_model("sesv2").operation_model("PutAccountDetails").input_shape
    found = errors(shape, {"MailType": "marketing", "WebsiteURL": "https://example.com"})
    assert found == [fail("mailType", "satisfy enum value set: [MARKETING, TRANSACTIONAL]")]


def test_a_pattern_must_match_the_whole_value() -> None:
    shape = structure({"Selector": {"type": "string", "pattern": "^[a-z]+$"},
                       "Header": {"type": "string", "pattern": "[ -~]*"}})
    assert errors(shape, {"Selector": "abc", "Header": "printable ascii"}) == []
    assert errors(shape, {"Selector": "ab1"}) == [
        fail("selector", "satisfy regular expression pattern: ^[a-z]+$")]
    # Unanchored in the model, but Coral matches the whole value: "é" is outside [ -~].
    assert errors(shape, {"Header": "café"}) == [fail("header", "satisfy regular expression pattern: [ -~]*")]


def test_a_pattern_and_a_length_are_reported_separately() -> None:
    shape = structure({"Name": {"type": "string", "min": 3, "pattern": "[a-z]*"}})
    assert errors(shape, {"Name": "A"}) == [
        fail("name", "satisfy regular expression pattern: [a-z]*"),
        fail("name", "have length greater than or equal to 3"),
    ]


# -- items of lists of scalars, and maps ------------------------------------------------------

def test_a_bad_item_of_a_list_of_scalars_is_reported_on_the_list_with_all_item_constraints() -> None:
    # SES v2 PutAccountDetails AdditionalContactEmailAddresses (floci, probe-confirmed):
    # "Member must satisfy constraint: [Member must have length less than or equal to 254,
    # Member must have length greater than or equal to 6, Member must satisfy regular
    # expression pattern: ^(.+)@(.+)$]".
    shape = service_model("sesv2").operation_model("PutAccountDetails").input_shape
    params = {"MailType": "MARKETING", "WebsiteURL": "https://example.com",
              "AdditionalContactEmailAddresses": ["ann@example.com", "bad"]}
    assert errors(shape, params) == [fail(
        "additionalContactEmailAddresses",
        "satisfy constraint: [Member must have length less than or equal to 254, Member must have "
        "length greater than or equal to 6, Member must satisfy regular expression pattern: ^(.+)@(.+)$]",
    )]
    params["AdditionalContactEmailAddresses"] = ["ann@example.com", "bob@example.com"]
    assert errors(shape, params) == []


def test_a_list_of_enums_reports_once_however_many_items_are_bad() -> None:
    shape = service_model("sesv2").operation_model("ListSuppressedDestinations").input_shape
    assert errors(shape, {"Reasons": ["BOUNCE", "SPAM", "JUNK"]}) == [
        fail("reasons", "satisfy constraint: [Member must satisfy enum value set: [BOUNCE, COMPLAINT]]")]


def test_a_null_item_adds_not_null_to_the_item_constraints() -> None:
    shape = structure({"Items": {"type": "list", "member": {"type": "string", "max": 2}}})
    assert errors(shape, {"Items": ["ab", None]}) == [fail(
        "items", "satisfy constraint: [Member must have length less than or equal to 2, Member must not be null]")]


def test_a_null_item_of_a_list_of_structures_is_reported_on_the_list() -> None:
    # Coral, measured for Cognito: "Value '[null]' at 'assets' failed to satisfy
    # constraint: Member must satisfy constraint: [Member must not be null]".
    shape = service_model("sesv2").operation_model("CreateEmailIdentity").input_shape
    assert errors(shape, {"EmailIdentity": "x.example.com", "Tags": [None]}) == [
        fail("tags", "satisfy constraint: [Member must not be null]")]
    assert errors(shape, {"EmailIdentity": "x.example.com", "Tags": [{"Key": "k"}, None, None]}) == [
        fail("tags", "satisfy constraint: [Member must not be null]"), null("tags.1.member.value")]


def test_a_null_map_value_is_reported_on_the_map() -> None:
    shape = service_model("sesv2").operation_model("ListRecommendations").input_shape
    assert errors(shape, {"Filter": {"TYPE": None}}) == [
        ("Value at 'filter' failed to satisfy constraint: Map value must satisfy constraint: "
         "[Member must have length less than or equal to 512, Member must have length greater than or equal to 1, "
         "Member must not be null]")]
    nested = structure({"Outer": {"type": "map", "key": {"type": "string"}, "value": {
        "type": "list", "member": {"type": "string"}}}})
    assert errors(nested, {"Outer": {"k": None, "j": ["x"]}}) == [
        "Value at 'outer' failed to satisfy constraint: Map value must satisfy constraint: [Member must not be null]"]

def test_map_keys_and_values_are_checked_against_their_shapes() -> None:
    shape = service_model("sesv2").operation_model("ListRecommendations").input_shape
    assert errors(shape, {"Filter": {"TYPE": "DKIM"}}) == []
    assert errors(shape, {"Filter": {"COLOUR": "x"}}) == [fail(
        "filter", "satisfy constraint: [Member must satisfy enum value set: "
        "[IMPACT, RESOURCE_ARN, STATUS, TYPE]]").replace("Member must satisfy constraint", "Map keys must satisfy constraint")]
    assert errors(shape, {"Filter": {"TYPE": ""}}) == [
        ("Value at 'filter' failed to satisfy constraint: Map value must satisfy constraint: "
        "[Member must have length less than or equal to 512, Member must have length greater than or equal to 1]")]


def test_structures_inside_maps_and_lists_are_walked() -> None:
    shape = structure({"Outer": {"type": "map", "key": {"type": "string"}, "value": {
        "type": "list", "member": {"type": "structure", "members": {"Code": {"type": "integer", "max": 9}}}}}})
    assert errors(shape, {"Outer": {"k": [{"Code": 1}, {"Code": 10}]}}) == [
        fail("outer.k.2.member.code", "have value less than or equal to 9")]


def test_values_of_the_wrong_type_are_left_to_the_codecs() -> None:
    shape = structure({"Name": {"type": "string", "min": 5}, "Count": {"type": "integer", "min": 1},
                       "Items": {"type": "list", "min": 1, "member": {"type": "string"}}})
    assert errors(shape, {"Name": 3, "Count": "x", "Items": "y"}) == []
    assert errors(shape, {"Count": True}) == []


def test_no_input_shape_means_nothing_to_check() -> None:
    assert validation.violations(None, {"Anything": 1}) == []
    assert validation.message(["a", "b"]) == "2 validation errors detected: a; b"


def test_no_input_shape_contains_itself_so_walks_over_a_request_are_bounded_by_the_model() -> None:
    # Validation and both codecs walk a request by its shape: however deep a JSON body
    # nests, they go no deeper than the model, which this holds to a small depth.
    def depth(shape: Shape, seen: tuple[str, ...]) -> int:
        assert shape.name not in seen, f"{' > '.join(seen)} > {shape.name} is recursive"
        inner = {"structure": lambda: list(shape.members.values()), "list": lambda: [shape.member],
                 "map": lambda: [shape.key, shape.value]}.get(shape.type_name, list)()
        return 1 + max((depth(child, (*seen, shape.name)) for child in inner), default=0)

    for service in ("ses", "sesv2"):
        model = service_model(service)
        for name in model.operation_names:
            shape = model.operation_model(name).input_shape
            if shape is not None:
                assert depth(shape, ()) <= 10, (service, name)  # 7 in botocore 1.44


# -- the fast path --------------------------------------------------------------------------

def _agree(shape: Shape, params: Any) -> None:
    check = validation._checker(shape)
    passes = check is None or check(params)
    walked = list(validation._walk(shape, params, ""))
    assert passes == (not walked), (shape.name, params, walked)


def test_the_checker_built_per_shape_agrees_with_the_walk_on_every_constraint_of_both_models() -> None:
    # violations() walks only what its checker refuses: a checker that passed a broken
    # value would hide SES's error, one that refused a good value would cost a walk.
    from support.constraints import all_cases

    checked = 0
    for case in all_cases():
        if case.skip is None and case.params is not None:
            shape = service_model(case.service).operation_model(case.op).input_shape
            _agree(shape, case.params)
            checked += 1
    assert checked > 500


def test_the_checker_agrees_with_the_walk_on_nulls_and_values_of_the_wrong_type() -> None:
    shape = structure({
        "Name": {"type": "string", "min": 2, "max": 3, "pattern": "^[a-z]+$"},
        "Kind": {"type": "string", "enum": ["A", "B"]},
        "Count": {"type": "integer", "min": 1, "max": 9},
        "Names": {"type": "list", "max": 2, "member": {"type": "string", "min": 1}},
        "Items": {"type": "list", "member": {"type": "structure", "members": {"Code": {"type": "integer", "max": 9}},
                                             "required": ["Code"]}},
        "Tags": {"type": "map", "key": {"type": "string", "min": 1}, "value": {"type": "string", "max": 2}},
        "Data": {"type": "blob", "max": 2},
    }, required=("Name",))
    good = {"Name": "ab", "Kind": "A", "Count": 9, "Names": ["x"], "Items": [{"Code": 1}], "Tags": {"k": "v"},
            "Data": b"ab"}
    _agree(shape, good)
    for name, values in {
        "Name": [None, "a", "abcd", "AB", 3, "", "ab\n"], "Kind": ["C", "a", 1], "Count": [0, 10, True, "x", 1.5,
                                                                                     float("nan"), 10**30],
        "Names": [[], ["x", "y", "z"], ["x", None], [""], "x", [3]], "Items": [[None], [{}], [{"Code": 10}], [1]],
        "Tags": [{"": "v"}, {"k": None}, {"k": "abc"}, {}, []], "Data": [b"abc", bytearray(b"abc"), "abc"],
    }.items():
        for value in values:
            _agree(shape, {**good, name: value})
    _agree(shape, {**good, "Unknown": None})
    _agree(shape, "not a structure")
