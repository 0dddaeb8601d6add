"""Fuzz inputs for every operation of the installed botocore, from a seed.

Everything here is a pure function of a ``random.Random``: the same seed gives the same
case, on any machine, in any order. Five levels:

- ``valid``: params built from the operation's input shape, inside every constraint
  (member names pick plausible values: addresses, the pre-created template, ...);
- ``light``: a valid value with one thing wrong: a member out of its constraint, of the
  wrong type, missing, or null;
- ``heavy``: wrong everywhere: wrong types, huge strings (up to about 1 MB), unicode with
  surrogates and astral characters, control characters and NUL, huge numbers, nulls
  inside lists and maps, nesting thousands deep, objects JSON cannot carry;
- ``plausible``: sends SES would often accept (from the verified ``example.com``, to valid
  recipients), with odd MIME, odd charsets, RFC 2047 encoded words, deep TemplateData,
  odd attachments, so that accepted messages are common;
- ``wire``: bytes no SDK sends, straight to :func:`fakeses._dispatch.handle`: fields
  dropped, duplicated or truncated, odd list indices, bad JSON, bad UTF-8, wrong
  content types, unknown paths and methods.

The operations are read from the installed botocore (:func:`support.shapes.operations`),
so a new operation is fuzzed without a change here. The harness that runs a case is
``support.fuzz_oracle``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
import random
import re
from typing import Any, Optional, TypeVar
from urllib.parse import parse_qsl, quote, urlencode

from botocore.model import Shape
from support.shapes import PATTERN_EXAMPLES, matching, minimal, operations
from support.wire import serialize

from fakeses._model import service_model
from fakeses.api import handlers
from fakeses.protocols import Request

LEVELS = ("valid", "light", "heavy", "plausible", "wire")
T = TypeVar("T")
MB = 1024 * 1024

# What every fake a case runs in holds before it (support.fuzz_oracle.prepare creates them).
SENDER_DOMAIN = "example.com"
TEMPLATE = "fuzz-template"
CONFIGURATION_SET = "fuzz-set"
SNS_TOPIC = "arn:aws:sns:us-east-1:123456789012:fuzz-events"


@dataclasses.dataclass
class Case:
    """One request of the fuzz: a boto3 call (``params``) or raw wire bytes (``request``)."""

    id: str
    level: str
    service: str
    op: Optional[str]
    params: Optional[dict[str, Any]] = None
    request: Optional[Request] = None
    note: str = ""

    @property
    def via(self) -> str:
        return "wire" if self.request is not None else "boto3"


def rng_for(seed: int, index: int, salt: str = "") -> random.Random:
    """The generator of case ``index`` of run ``seed``: independent of every other case."""
    return random.Random(f"fakeses-fuzz/{seed}/{index}/{salt}")


def case(seed: int, index: int, *, level: Optional[str] = None, service: Optional[str] = None,
         op: Optional[str] = None, huge: int = MB) -> Case:
    """Case ``index`` of run ``seed``; ``level``, ``service`` and ``op`` pin what is drawn.

    ``huge`` bounds the longest string a case carries (the quick profile keeps it small).
    """
    rng = rng_for(seed, index, f"{level}/{service}/{op}")
    pinned = {"level": level, "service": service, "op": op, "huge": huge if huge != MB else None}
    case_id = ":".join([str(seed), str(index)] + [f"{k}={v}" for k, v in pinned.items() if v is not None])
    level = level or rng.choices(LEVELS, weights=(25, 25, 20, 17, 13))[0]
    junk = Junk(rng, huge)
    if level == "plausible":
        service, op, send, note = plausible_send(rng, junk, service)
        return Case(case_id, level, service, op, params=send, note=note)
    if service is None or op is None:
        service, op = pick_operation(rng)
    shape = service_model(service).operation_model(op).input_shape
    if level == "wire":
        request, note = wire_request(rng, junk, service, op)
        return Case(case_id, level, service, op, request=request, note=note)
    if shape is None:
        empty = {} if level != "heavy" else junk.extra_members({})
        return Case(case_id, level, service, op, params=empty, note="no input shape")
    if level == "valid":
        return Case(case_id, level, service, op, params=valid(shape, rng), note="valid")
    if level == "light":
        params, note = lightly_broken(shape, rng, junk)
        return Case(case_id, level, service, op, params=params, note=note)
    if level == "heavy":
        params = heavily_broken(shape, rng, junk)
        if not isinstance(params, dict):  # boto3 takes keyword arguments: the top stays a dict
            params = {next(iter(shape.members), "X"): params}
        return Case(case_id, level, service, op, params=params, note="heavy")
    raise ValueError(f"no fuzz level {level!r}; levels are {LEVELS}")


def pick_operation(rng: random.Random) -> tuple[str, str]:
    """Any operation of the installed botocore; those fakeses implements three times as often."""
    ops = operations()
    built = handlers()
    return rng.choices(ops, weights=[3 if op in built else 1 for op in ops])[0]


# -- valid values ----------------------------------------------------------------------------

ADDRESSES = ["me@example.com", "ann@example.org", "Ann <ann@example.org>", "bob@example.net",
             "success@simulator.amazonses.com", "bounce@simulator.amazonses.com",
             "complaint@simulator.amazonses.com", "ooto@simulator.amazonses.com",
             "suppressionlist@simulator.amazonses.com", "\"Doe, J\" <j@example.org>"]
SENDERS = ["me@example.com", "Me <me@example.com>", "noreply@example.com", "\u00c9mile <emile@example.com>",
           "=?utf-8?b?w4ltaWxl?= <me@example.com>", "me+tag@example.com"]
IDENTITIES = [SENDER_DOMAIN, "me@example.com", "other.example.org", "ann@example.org"]

RAW_SIMPLE = (b"From: me@example.com\r\nTo: ann@example.org\r\nSubject: hi\r\n"
              b"Content-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n")


def _plausible_string(name: str, rng: random.Random) -> Optional[str]:
    """A value SES would often accept for a member called ``name``, or None."""
    lower = name.lower()
    if lower in ("source", "fromemailaddress", "returnpath", "feedbackforwardingemailaddress") or lower.endswith("from"):
        return rng.choice(SENDERS)
    if "templatedata" in lower:
        return rng.choice(['{"name": "Ann"}', "{}", '{"name": "\\u00c9mile", "items": [1, 2]}'])
    if lower in ("templatename", "template"):
        return rng.choice([TEMPLATE, TEMPLATE, "other-template"])
    if lower == "configurationsetname":
        return rng.choice([CONFIGURATION_SET, "other-set"])
    if lower == "charset":
        return rng.choice(["UTF-8", "utf-8", "ISO-8859-1", "us-ascii"])
    if "identity" in lower or lower in ("domain", "emailaddress"):
        return rng.choice(IDENTITIES)
    if "address" in lower or lower in ("recipient", "destination"):
        return rng.choice(ADDRESSES)
    if lower in ("subjectpart", "textpart", "htmlpart", "subject", "text", "html", "data"):
        return rng.choice(["Hello {{name}}", "Hi", "<p>Hello</p>", "caf\u00e9 \U0001f600"])
    return None


def _fits(shape: Shape, value: str) -> bool:
    meta = shape.metadata
    if not meta.get("min", 0) <= len(value) <= meta.get("max", len(value)):
        return False
    return "pattern" not in meta or re.fullmatch(meta["pattern"], value) is not None


def valid(shape: Shape, rng: random.Random, name: str = "", depth: int = 0) -> Any:
    """A value of ``shape`` inside its model constraints, with plausible text where the name says."""
    kind, meta = shape.type_name, shape.metadata
    if kind == "structure":
        if depth > 12:
            return minimal(shape)
        required = set(shape.required_members)
        names = [n for n in shape.members if n in required or rng.random() < 0.4]
        if not names and shape.members:
            names = [rng.choice(list(shape.members))]
        if getattr(shape, "is_tagged_union", False) and names:
            names = [rng.choice(names)]
        return {n: valid(shape.members[n], rng, n, depth + 1) for n in names}
    if kind == "list":
        low, high = meta.get("min", 0), meta.get("max", 3)
        return [valid(shape.member, rng, name, depth + 1) for _ in range(rng.randint(low, max(low, min(high, 3))))]
    if kind == "map":
        low, high = meta.get("min", 0), meta.get("max", 3)
        size = rng.randint(low, max(low, min(high, 3)))
        keys = list(dict.fromkeys(valid(shape.key, rng, "key", depth + 1) for _ in range(size)))
        return {k: valid(shape.value, rng, name, depth + 1) for k in keys}
    if kind == "string":
        if "enum" in meta:
            return rng.choice(meta["enum"])
        plausible = _plausible_string(name, rng)
        if plausible is not None and _fits(shape, plausible):
            return plausible
        if "pattern" in meta:
            example = PATTERN_EXAMPLES.get(shape.name)
            if example and _fits(shape, example):
                return example
            return matching(meta["pattern"], meta.get("min", 1), meta.get("max", 256))
        low, high = meta.get("min", 0), meta.get("max", 40)
        alphabet = rng.choice(["abcdefghijklmnopqrstuvwxyz-", "ABCxyz019 _.", "\u00e9\u4e2d\U0001f600a "])
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(max(low, 1), max(low, 1, min(high, 24)))))
    if kind in ("integer", "long"):
        low, high = meta.get("min", 0), meta.get("max", 1000)
        return rng.randint(low, max(low, high))
    if kind in ("double", "float"):
        return rng.uniform(meta.get("min", 0), meta.get("max", 100.0))
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "timestamp":
        return dt.datetime(2026, 3, 5, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=rng.randint(-10**8, 10**8))
    if kind == "blob":
        if name == "Data" or name.lower().startswith("raw"):
            return rng.choice([RAW_SIMPLE, odd_mime(Odd(rng, Junk(rng, 4096), 0.1))])
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 16)))
    raise AssertionError(f"no valid value for shape type {kind}")


# -- junk ------------------------------------------------------------------------------------

class Opaque:
    """An object no protocol can carry (its text is fixed, so cases stay reproducible)."""

    def __repr__(self) -> str:
        return "Opaque()"


def nest(depth: int, leaf: Any = None, kind: str = "list") -> Any:
    """``leaf`` wrapped ``depth`` times in lists (``kind="list"``) or ``{"a": ...}`` dicts."""
    value = leaf
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


WEIRD_TEXT = [
    "", " ", "\x00", "a\x00b", "\r\n", "\n", "\t", "\x1b[31m", "\x7f", "\x0b\x0c", "\ud800", "a\udfffb",
    "\ud83d\ude00", "\U0001f600", "\U0010ffff", "\ufeff", "\ufffe", "\uffff", "\u202e\u0645", "e\u0301",
    "\u00e9", "\u4e2d\u6587", "=?utf-8?b?a?=", "=?utf-8?q?=FF?=", "=?x-unknown?b?YQ==?=", "=?rot13?q?nop?=",
    "<", "&amp;", "]]>", "{{name}}", "{{#each x}}", "%", "%zz", "%FF", "+", "..", "/", "a/b", "?a=b",
    "null", "None", "NaN", "-1", "1e309", "0x10", "@", "a@", "@b", "<>", "a@b@c", '"', "'", "\\",
]

HUGE_INTS = [10**4000, -(10**4000), 2**63, 2**64, -(2**63) - 1, 2**31, -(2**31) - 1, -1, 0, 10**300]
ODD_FLOATS = [float("nan"), float("inf"), float("-inf"), 1e308, -0.0, 5e-324]


class Junk:
    """Values of the wrong kind, for one case, within a budget of huge text."""

    def __init__(self, rng: random.Random, huge: int = MB) -> None:
        self.rng = rng
        self.huge = huge
        self.spent = 0

    def text(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08 and self.spent < self.huge:
            return self.long_text()
        if roll < 0.6:
            return rng.choice(WEIRD_TEXT)
        pieces = [rng.choice(WEIRD_TEXT) for _ in range(rng.randint(1, 6))]
        return "".join(pieces)

    def long_text(self, unit: Optional[str] = None, tail: Optional[str] = None) -> str:
        """A long run of ``unit`` (up to the case's budget), ended by ``tail``."""
        rng = self.rng
        room = max(1, self.huge - self.spent)
        size = min(room, rng.choice([300, 1000, 10_000, 40_000, 100_000, MB]))
        unit = unit or rng.choice(["a", "@", "\x00", "\u00e9", "\U0001f600", "=?utf-8?b?a?=", "<a>", "{{x}}", "%",
                                   " ", "a@b.", "\ud800"])
        tail = rng.choice(["", "\n", "\x00", "!", "@"]) if tail is None else tail
        value = unit * max(1, size // len(unit)) + tail
        self.spent += len(value)
        return value

    def number(self) -> Any:
        roll = self.rng.random()
        if roll < 0.5:
            return self.rng.choice(HUGE_INTS)
        if roll < 0.8:
            return self.rng.choice(ODD_FLOATS)
        return self.rng.choice([True, False, 1.5, -7])

    def odd_object(self) -> Any:
        return self.rng.choice([
            Opaque(), {1, 2}, frozenset(), decimal.Decimal("1.5"), decimal.Decimal("NaN"), complex(1, 2),
            b"\xff\xfe", bytearray(b"ab"), dt.date(2026, 3, 5), dt.time(1, 2), dt.timedelta(seconds=1),
            Ellipsis, range(3), (1, "a"),
        ])

    def deep(self) -> Any:
        depth = self.rng.choice([50, 500, 900, 3000, 20_000])
        return nest(depth, self.rng.choice([None, "x", 1]), self.rng.choice(["list", "dict"]))

    def container(self) -> Any:
        rng = self.rng
        return rng.choice([
            [None], [None, "a@example.org"], [[None]], {"": None}, {None: 1}, {1: 2}, {"a": [None]},
            [{}], [[]], {}, [], [self.text()], {self.text(): self.text()},
        ])

    def any(self) -> Any:
        roll = self.rng.random()
        if roll < 0.4:
            return self.text()
        if roll < 0.55:
            return self.number()
        if roll < 0.65:
            return None
        if roll < 0.8:
            return self.container()
        if roll < 0.9:
            return self.odd_object()
        return self.deep()

    def key(self) -> Any:
        """A map key: mostly text, sometimes a number, None or a tuple."""
        roll = self.rng.random()
        if roll < 0.8:
            return self.text()
        return self.rng.choice([None, 7, 1.5, True, (1, "a"), frozenset(), *HUGE_INTS[:2]])

    def extra_members(self, value: dict[str, Any]) -> dict[str, Any]:
        """``value`` with a member no shape has."""
        out = dict(value)
        out[self.rng.choice(["Unknown", "", "x" * 300, "\x00", "Action", "Version"])] = self.any()
        return out


# -- lightly broken --------------------------------------------------------------------------

def _nodes(value: Any, shape: Shape, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Shape, Any]]:
    """(path, shape, value) of every member present, and of every structure member absent."""
    found = [(path, shape, value)]
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                found += _nodes(value[name], member, path + (name,))
            else:
                found.append((path + (name,), member, _ABSENT))
    elif kind == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            found += _nodes(item, shape.member, path + (i,))
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, shape.value, path + (key,))
    return found


_ABSENT = object()


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = root
    for step in path[:-1]:
        parent = parent[step]
    if value is _ABSENT:
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
        else:
            del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return root


WRONG_TYPES: dict[str, list[Any]] = {"string": [7, True, ["a"], {"a": "b"}, 1.5, b"bytes"],
               "integer": ["seven", "1.5", 1.5, True, [1], {"a": 1}, "9" * 30],
               "long": ["seven", 1.5, [1], "9" * 30],
               "boolean": ["yes", "TRUE", 0, 2, [True], {}],
               "double": ["x", [1.0], {}, "1e999"],
               "float": ["x", [1.0]],
               "timestamp": ["yesterday", 10**20, -1, [], "2026-13-45T99:00:00Z"],
               "blob": [7, ["a"], {"a": 1}, "not base64 \u00e9"],
               "structure": ["a", 7, ["a"], [{}], True],
               "list": ["a", 7, {"a": "b"}, {}, True],
               "map": ["a", 7, ["a"], [["k", "v"]], True]}


def _out_of_constraint(shape: Shape, rng: random.Random, junk: Junk) -> Any:
    kind, meta = shape.type_name, shape.metadata
    if kind == "string":
        options: list[Any] = ["", "\x00", " ", "\u00e9" * 3, "a" * (meta.get("max", 255) + 1), junk.long_text()]
        if "enum" in meta:
            options += ["NOT_IN_ENUM", meta["enum"][0].lower() + "x"]
        if "pattern" in meta:
            # A long run of one of the pattern's own characters, then one that fails it:
            # what makes a backtracking match slow (``^(.+)@(.+)$`` on "@" * 40000 + "\n").
            own = [c for c in meta["pattern"] if c.isprintable() and c not in "^$()[]{}?*+|\\"] or ["a"]
            options += [junk.long_text(rng.choice(own), rng.choice(["\n", "\x00", " "]))] * 3
        if meta.get("min", 0) > 1:
            options.append("a" * (meta["min"] - 1))
        return rng.choice(options)
    if kind in ("integer", "long"):
        return rng.choice([meta.get("min", 0) - 1, meta.get("max", 2**31 - 1) + 1, -(2**31) - 1, 2**63])
    if kind in ("double", "float"):
        return rng.choice([meta.get("min", 0) - 1.0, float("nan"), float("inf")])
    if kind == "list":
        item = valid(shape.member, rng)
        return rng.choice([[], [item] * (meta.get("max", 100) + 1)])
    if kind == "map":
        return {}
    if kind == "structure":
        return {}
    if kind == "blob":
        return b""
    return None


def lightly_broken(shape: Shape, rng: random.Random, junk: Junk) -> tuple[dict[str, Any], str]:
    """Valid params with one member out of constraint, of the wrong type, missing or null."""
    params = valid(shape, rng)
    nodes = [n for n in _nodes(params, shape) if n[0]]
    if not nodes:
        return junk.extra_members(params), "unknown member"
    required = [n for n in nodes if n[2] is not _ABSENT and n[0][-1] in _required_of(shape, n[0])]
    path, member, current = rng.choice(required if required and rng.random() < 0.3 else nodes)
    where = ".".join(map(str, path))
    how = rng.choice(["constraint", "type", "missing", "null"]) if current is not _ABSENT else rng.choice(
        ["constraint", "type", "null"])
    if how == "missing":
        return _set(params, path, _ABSENT), f"{where} missing"
    if how == "null":
        return _set(params, path, None), f"{where} null"
    if how == "type":
        return _set(params, path, rng.choice(WRONG_TYPES.get(member.type_name, [None]))), f"{where} wrong type"
    return _set(params, path, _out_of_constraint(member, rng, junk)), f"{where} out of constraint"


def _required_of(shape: Shape, path: tuple[Any, ...]) -> set[str]:
    node = shape
    for step in path[:-1]:
        if node.type_name == "structure":
            node = node.members[step]
        elif node.type_name == "list":
            node = node.member
        elif node.type_name == "map":
            node = node.value
    return set(node.required_members) if node.type_name == "structure" else set()


# -- heavily broken --------------------------------------------------------------------------

def heavily_broken(shape: Shape, rng: random.Random, junk: Junk, depth: int = 0) -> Any:
    """Junk of the shape's rough form: most members wrong, some containers of junk."""
    kind = shape.type_name
    if depth and rng.random() < 0.35:
        return junk.any()
    if kind == "structure":
        out: dict[Any, Any] = {}
        for name, member in shape.members.items():
            if rng.random() < 0.7:
                out[name] = heavily_broken(member, rng, junk, depth + 1) if depth < 8 else junk.any()
        if rng.random() < 0.2:
            out = junk.extra_members(out)
        return out
    if kind == "list":
        return [heavily_broken(shape.member, rng, junk, depth + 1) if depth < 8 else junk.any()
                for _ in range(rng.choice([0, 1, 2, 3, 50]))]
    if kind == "map":
        return {junk.key(): heavily_broken(shape.value, rng, junk, depth + 1) for _ in range(rng.randint(0, 3))}
    return junk.any()


# -- plausible sends -------------------------------------------------------------------------

class Odd:
    """Choices for one plausible send: each field is odd with probability ``rate``, so that
    most sends carry one or two odd things and SES still accepts many of them."""

    def __init__(self, rng: random.Random, junk: Junk, rate: float) -> None:
        self.rng, self.junk, self.rate = rng, junk, rate

    def pick(self, normal: list[T], odd: list[T]) -> T:
        return self.rng.choice(odd if odd and self.rng.random() < self.rate else normal)

    def maybe(self, p: float) -> bool:
        return self.rng.random() < p


RECIPIENTS = ["ann@example.org", "bob@example.net", "Ann Example <ann@example.org>", "success@simulator.amazonses.com",
              "bounce@simulator.amazonses.com", "complaint@simulator.amazonses.com", "ooto@simulator.amazonses.com",
              "suppressionlist@simulator.amazonses.com", "ann+x@example.org", "bounce+x@simulator.amazonses.com"]
ODD_RECIPIENTS = ["=?utf-8?b?QW5u?= <ann@example.org>", "\u00c5sa <asa@example.org>", "\"Doe, J\" <j@example.org>",
                  "=?utf-8?q?=FF?= <ann@example.org>", "=?x-unknown?b?YQ==?= <ann@example.org>",
                  "\u00e9l\u00e8ve@example.org", "ann@\u00e9xample.org", "<ann@example.org>"]
CHARSETS = ["UTF-8", "utf-8", "iso-8859-1", "us-ascii"]
ODD_CHARSETS = ["utf-16", "shift_jis", "rot13", "hex", "base64", "zlib", "x-unknown", "\x00", "\ud800", "",
                "utf-8\x00", "\u00e9", "UTF-8; x=y", "utf-7", "cp037"]
ENCODED_WORDS = ["=?utf-8?b?a?=", "=?utf-8?q?=FF?=", "=?utf-8?b?w6k=?=", "=?x-unknown?b?YQ==?=", "=?rot13?q?nop?=",
                 "=?hex?q?41?=", "=?utf-8?b?8J+YgA==?=", "=?iso-8859-1?q?caf=E9?=", "=?utf-8?q?a_b?=",
                 "=?utf-8*en?q?hi?=", "=??q?x?=", "=?utf-8?x?abc?=", "=?utf-16?b?AAA=?=", "=?\x00?b?YQ==?="]
SUBJECTS = ["Hello", "Hello {{name}}", "caf\u00e9", "\U0001f600 smile", "Re: your order #42"]
ODD_SUBJECTS = ["a\r\nBcc: x@example.org", "\x00", "x" * 2000, "\ud800", "", " ", *ENCODED_WORDS]
BODIES = ["hello", "caf\u00e9 \U0001f600", "<p>Hello {{name}}</p>", "line\r\nline\n.\n",
          "{{#each items}}{{this}}{{/each}}", "\u00e9" * 300, "x" * 1200]
ODD_BODIES = ["\x00", "\ud800x", "=?utf-8?b?a?=", "{{", "{{#if}}", "\r" * 50, "\u202e\u0645"]
ODD_SENDERS = [*(f"{w} <me@example.com>" for w in ENCODED_WORDS), *(f'"{w}" <me@example.com>' for w in ENCODED_WORDS[:4]),
               "=?utf-8?b?a?=@example.com", "\u00e9@example.com", "me@example.com\x00", "\ud800 <me@example.com>"]


def _text(odd: Odd) -> str:
    if odd.maybe(0.01):
        return odd.junk.long_text()
    return odd.pick(BODIES, ODD_BODIES)


def _content(odd: Odd, data: str) -> dict[str, Any]:
    value: dict[str, Any] = {"Data": data}
    if odd.maybe(0.5):
        value["Charset"] = odd.pick(CHARSETS, ODD_CHARSETS)
    return value


def _recipients(odd: Odd) -> list[str]:
    return [odd.pick(RECIPIENTS, ODD_RECIPIENTS) for _ in range(odd.rng.randint(1, 3))]


def _destination(odd: Odd) -> dict[str, list[str]]:
    destination = {"ToAddresses": _recipients(odd)}
    if odd.maybe(0.3):
        destination["CcAddresses"] = _recipients(odd)
    if odd.maybe(0.2):
        destination["BccAddresses"] = _recipients(odd)
    return destination


def _sender(odd: Odd) -> str:
    return odd.pick(SENDERS, ODD_SENDERS)


def template_data(odd: Odd) -> str:
    """TemplateData text: mostly plausible; else deep, huge, odd or not JSON at all."""
    rng = odd.rng
    if not odd.maybe(odd.rate * 2):
        return json.dumps({"name": rng.choice(["Ann", "\u00c9mile", "\U0001f600", "<b>"]), "items": [1, 2]})
    roll = rng.random()
    if roll < 0.4:
        depth = rng.choice([10, 100, 900, 2000, 5000, 100_000])
        opened, closed = rng.choice([("[", "]"), ('{"a":', "}")])
        return '{"name": ' + opened * depth + "1" + closed * depth + "}"
    if roll < 0.7:
        return rng.choice(["", "null", "[]", "1", '"x"', "{", '{"name": NaN}', '{"name": 1e999}',
                           '{"name": "\\ud800"}', '{"name": ' + "9" * 5000 + "}", '{"a": 1, "a": 2}'])
    if roll < 0.85:
        return json.dumps({"name": odd.junk.text(), "n": rng.choice(HUGE_INTS[4:])})
    return json.dumps({"name": "Ann", "nested": {"a": [{"b": "c"}] * 50}})


FILE_NAMES = ["a.txt", "report.pdf", "r\u00e9sum\u00e9.pdf", "\U0001f600.png", "my file.txt"]
ODD_FILE_NAMES = ["\ud800.txt", "=?utf-8?b?a?=.txt", 'a"b.txt', "a\r\nX: y", "\x00", "x" * 300, "a;b=c.txt", "",
                  "=?x-unknown?q?a?=", "..", "a/b"]


def _attachment(odd: Odd) -> dict[str, Any]:
    rng = odd.rng
    value: dict[str, Any] = {"RawContent": rng.choice([b"hello", b"\x00\xff" * 10, b"", "\u00e9".encode()]),
                             "FileName": odd.pick(FILE_NAMES, ODD_FILE_NAMES)}
    if odd.maybe(0.6):
        value["ContentType"] = odd.pick(["text/plain", "application/pdf", "image/png"],
                                        ["image/png; name=x", "x", "", "text/plain; charset=rot13", "multipart/mixed",
                                         "\x00/\x00", "message/rfc822", "text/html; charset=\"\u00e9\""])
    if odd.maybe(0.4):
        value["ContentDisposition"] = odd.pick(["ATTACHMENT", "INLINE"], ["other", ""])
    if odd.maybe(0.3):
        value["ContentTransferEncoding"] = odd.pick(["BASE64", "QUOTED_PRINTABLE", "SEVEN_BIT"], ["x", ""])
    if odd.maybe(0.3):
        value["ContentId"] = odd.pick(["<a@b>", "logo"], ["\ud800", "\x00", "<", "a" * 100])
    if odd.maybe(0.2):
        value["ContentDescription"] = odd.pick(["d", "\u00e9"], ["=?utf-8?b?a?=", "\x00", "\ud800"])
    return value


def _headers(odd: Odd) -> list[dict[str, str]]:
    return [{"Name": odd.pick(["X-Custom", "List-Unsubscribe", "X-A"], ["X-\u00e9", "", "Subject", "x" * 100, "a:b"]),
             "Value": odd.pick(["v", "<mailto:a@example.org>"], ["\u00e9", "=?utf-8?b?a?=", "a\r\nB: c", "\x00"])}
            for _ in range(odd.rng.randint(1, 3))]


def plausible_send(rng: random.Random, junk: Junk, service: Optional[str] = None) -> tuple[str, str, dict[str, Any], str]:
    """A send from the verified domain that SES often accepts, with odd text here and there."""
    kinds = [("ses", "SendEmail"), ("ses", "SendRawEmail"), ("ses", "SendTemplatedEmail"),
             ("ses", "SendBulkTemplatedEmail"), ("sesv2", "SendEmail:Simple"), ("sesv2", "SendEmail:Raw"),
             ("sesv2", "SendEmail:Template"), ("sesv2", "SendBulkEmail")]
    if service is not None:
        kinds = [k for k in kinds if k[0] == service]
    svc, kind = rng.choice(kinds)
    op = kind.split(":")[0]
    odd = Odd(rng, junk, rng.choice([0.05, 0.15, 0.3, 0.6]))
    configuration_set = {"ConfigurationSetName": CONFIGURATION_SET} if odd.maybe(0.6) else {}
    template_name = odd.pick([TEMPLATE], ["no-such-template"])
    if kind == "SendEmail" and svc == "ses":
        message: dict[str, Any] = {"Subject": _content(odd, odd.pick(SUBJECTS, ODD_SUBJECTS)), "Body": {}}
        for part in rng.sample(["Text", "Html"], rng.randint(1, 2)):
            message["Body"][part] = _content(odd, _text(odd))
        params: dict[str, Any] = {"Source": _sender(odd), "Destination": _destination(odd), "Message": message,
                                  **configuration_set}
        if odd.maybe(0.3):
            params["ReplyToAddresses"] = _recipients(odd)
        if odd.maybe(0.2):
            params["Tags"] = [{"Name": "campaign", "Value": odd.pick(["a", "b-c"], ["\u00e9", ""])}]
        return svc, op, params, "plausible simple send"
    if kind == "SendRawEmail":
        params = {"RawMessage": {"Data": odd_mime(odd)}, **configuration_set}
        if odd.maybe(0.4):
            params["Source"] = _sender(odd)
        if odd.maybe(0.4):
            params["Destinations"] = _recipients(odd)
        return svc, op, params, "plausible raw send"
    if kind == "SendTemplatedEmail":
        params = {"Source": _sender(odd), "Destination": _destination(odd), "Template": template_name,
                  "TemplateData": template_data(odd), **configuration_set}
        return svc, op, params, "plausible templated send"
    if kind == "SendBulkTemplatedEmail":
        entries: list[dict[str, Any]] = [{"Destination": _destination(odd)} for _ in range(rng.randint(1, 4))]
        for destination in entries:
            if odd.maybe(0.6):
                destination["ReplacementTemplateData"] = template_data(odd)
        params = {"Source": _sender(odd), "Template": template_name, "DefaultTemplateData": template_data(odd),
                  "Destinations": entries, **configuration_set}
        return svc, op, params, "plausible bulk send"
    v2: dict[str, Any] = {"FromEmailAddress": _sender(odd), "Destination": _destination(odd), **configuration_set}
    if kind == "SendEmail:Simple":
        simple: dict[str, Any] = {"Subject": _content(odd, odd.pick(SUBJECTS, ODD_SUBJECTS)), "Body": {}}
        for part in rng.sample(["Text", "Html"], rng.randint(1, 2)):
            simple["Body"][part] = _content(odd, _text(odd))
        if odd.maybe(0.4):
            simple["Attachments"] = [_attachment(odd) for _ in range(rng.randint(1, 3))]
        if odd.maybe(0.3):
            simple["Headers"] = _headers(odd)
        v2["Content"] = {"Simple": simple}
        return svc, op, v2, "plausible v2 simple send"
    if kind == "SendEmail:Raw":
        v2["Content"] = {"Raw": {"Data": odd_mime(odd)}}
        if odd.maybe(0.5):
            del v2["FromEmailAddress"]
        if odd.maybe(0.3):
            del v2["Destination"]
        return svc, op, v2, "plausible v2 raw send"
    template: dict[str, Any] = {"TemplateData": template_data(odd)}
    if odd.maybe(0.7):
        template["TemplateName"] = template_name
    else:
        template["TemplateContent"] = {"Subject": odd.pick(SUBJECTS, ODD_SUBJECTS), "Text": "Hi {{name}}",
                                       "Html": "<p>{{name}}</p>"}
    if odd.maybe(0.3):
        template["Attachments"] = [_attachment(odd) for _ in range(rng.randint(1, 2))]
    if odd.maybe(0.3):
        template["Headers"] = _headers(odd)
    if kind == "SendEmail:Template":
        v2["Content"] = {"Template": template}
        return svc, op, v2, "plausible v2 templated send"
    bulk = []
    for _ in range(rng.randint(1, 4)):
        entry: dict[str, Any] = {"Destination": _destination(odd)}
        if odd.maybe(0.6):
            entry["ReplacementEmailContent"] = {"ReplacementTemplate": {"ReplacementTemplateData": template_data(odd)}}
        bulk.append(entry)
    del v2["Destination"]
    v2.update(DefaultContent={"Template": template}, BulkEmailEntries=bulk)
    return svc, op, v2, "plausible v2 bulk send"


# -- odd MIME ----------------------------------------------------------------------------------

HEADER_VALUES = {
    b"Cc": [b"ann@example.org", b"Bob <bob@example.net>"], b"Bcc": [b"bob@example.net"],
    b"Reply-To": [b"me@example.com", b"Me <me@example.com>"], b"Subject": [b"Hello", b"=?utf-8?q?caf=C3=A9?="],
    b"Message-ID": [b"<1@example.com>"], b"Date": [b"Thu, 5 Mar 2026 08:07:06 +0000"],
    b"X-SES-CONFIGURATION-SET": [CONFIGURATION_SET.encode()], b"X-SES-MESSAGE-TAGS": [b"campaign=a"],
    b"MIME-Version": [b"1.0"], b"X-Odd": [b"odd", "caf\u00e9".encode()],
}


def _header_value(odd: Odd, name: bytes) -> bytes:
    return odd.pick(HEADER_VALUES[name], [
        b"caf\xe9", b"\xff\xfe", b"\x00", *(w.encode("utf-8", "surrogatepass") for w in ENCODED_WORDS),
        b"=?utf-8?b?a?= =?utf-8?q?b?=", b"x" * 10_000, b"a\r\n b", b"\r\n folded only", b""])


def _part(odd: Odd, depth: int) -> bytes:
    if odd.maybe(0.2) and depth < 60:
        return _multipart(odd, depth + 1)
    charset = odd.pick(CHARSETS, ODD_CHARSETS).encode("utf-8", "surrogatepass")
    encoding = odd.pick([b"7bit", b"8bit", b"base64", b"quoted-printable"], [b"x-uuencode", b"binary", b"bogus", b""])
    body = odd.pick([b"hello\r\n", b"aGVsbG8=\r\n", "caf\u00e9".encode()], [
        b"!!!not base64", b"caf=E9 =ZZ =\r\n", b"\xff\xfe\x00", b"begin 644 a\r\n#0V%T\r\n`\r\nend\r\n", b""])
    kind = odd.pick([b"text/plain", b"text/html", b"application/octet-stream", b"image/png"],
                    [b"message/rfc822", b"text/plain; format=flowed", b"x/y", b"", b"multipart/mixed", b"text"])
    headers = [b"Content-Type: " + kind + b"; charset=" + charset]
    if odd.maybe(0.8):
        headers.append(b"Content-Transfer-Encoding: " + encoding)
    if odd.maybe(0.4):
        name = odd.pick([b"a.txt", "r\u00e9sum\u00e9.pdf".encode(), b"=?utf-8?q?caf=C3=A9?=.txt"],
                        [b"=?utf-8?b?a?=", b"\xff.txt", b"a\x00b", b"=?x-unknown?q?a?=", b""])
        disposition = odd.pick([b"attachment", b"inline"], [b"weird", b""])
        headers.append(b"Content-Disposition: " + disposition + odd.pick(
            [b'; filename="' + name + b'"', b"; filename*=utf-8''r%C3%A9sum%C3%A9.pdf"],
            [b"; filename*=utf-8''%FF%FE", b"; filename*=rot13''nop", b"; filename*0=a; filename*1=b", b"; filename"]))
    if kind == b"message/rfc822":
        body = odd_mime(odd, depth + 1)
    return b"\r\n".join(headers) + b"\r\n\r\n" + body


def _multipart(odd: Odd, depth: int) -> bytes:
    rng = odd.rng
    subtype = odd.pick([b"mixed", b"alternative", b"related"], [b"digest", b"signed", b"x"])
    boundary = odd.pick([b"b1", b"=_b"], [b"x" * 80, b"", b"\xff", b" "]) + str(depth).encode()
    parts = [_part(odd, depth) for _ in range(rng.randint(0 if odd.maybe(odd.rate) else 1, 3))]
    close = odd.pick([b"--" + boundary + b"--\r\n"], [b"", b"--" + boundary + b"\r\n"])
    head = b"Content-Type: multipart/" + subtype + odd.pick([b'; boundary="' + boundary + b'"'],
                                                            [b"; boundary=" + boundary, b""])
    return head + b"\r\n\r\npreamble\r\n" + b"".join(b"--" + boundary + b"\r\n" + p + b"\r\n" for p in parts) + close


def odd_mime(odd: Odd, depth: int = 0) -> bytes:
    """A raw message from me@example.com to plausible recipients, odd here and there."""
    rng = odd.rng
    sender = odd.pick([b"me@example.com", b"Me <me@example.com>", b"=?utf-8?q?M=C3=A9?= <me@example.com>"], [
        *(w.encode("utf-8", "surrogatepass") + b" <me@example.com>" for w in ENCODED_WORDS),
        "\u00c9mile <me@example.com>".encode(), b"\xff <me@example.com>", b"me@example.com, you@example.com",
        b"<>", b""])
    to = odd.pick([b"ann@example.org", b"Ann <ann@example.org>, bob@example.net", b"success@simulator.amazonses.com"],
                  [b"=?utf-8?b?a?= <ann@example.org>", b"undisclosed-recipients:;", b"\xe9@example.org", b""])
    headers = [b"From: " + sender, b"To: " + to]
    for name in HEADER_VALUES:
        if odd.maybe(0.3):
            headers.append(name + b": " + _header_value(odd, name))
    if odd.maybe(odd.rate / 2):
        headers.append(rng.choice([b"no colon here", b": empty name", b"\x00: nul", b"Subject:" + b"y" * 5000,
                                   b" leading fold", "X-\u00e9: \u00e9".encode()]))
    rng.shuffle(headers)
    roll = rng.random()
    if roll < 0.5:
        body = _part(odd, depth)
    elif roll < 0.9:
        body = _multipart(odd, depth)
    else:
        body = b"\r\n" + odd.pick([b"plain body"], [b"\x00\x00", b"x" * 100_000, b"\xff" * 20])
    message = b"\r\n".join(headers) + b"\r\n" + body
    if odd.maybe(odd.rate / 3):
        message = message.replace(b"\r\n", rng.choice([b"\n", b"\r", b"\n\r"]))
    if depth == 0 and odd.maybe(odd.rate / 6):
        message = message[: rng.randrange(len(message) + 1)]
    return message


# -- wire-level garbage ------------------------------------------------------------------------

CONTENT_TYPES = ["application/x-www-form-urlencoded; charset=utf-8", "application/json", "text/plain", "",
                 "multipart/form-data; boundary=x", "application/x-amz-json-1.0", "\u00e9/\u00e9", "a" * 1000,
                 "application/x-www-form-urlencoded; charset=rot13"]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "get", "", "P\u00d6ST", "X" * 100]
ODD_INDICES = ["0", "-1", "01", "\u00b2", "\uff11", "1.5", "1e3", "9" * 5000, "", " 1", "1 ", "a", "99999999999",
               "4294967297", "\U0001d7cf"]


def wire_request(rng: random.Random, junk: Junk, service: str, op: str) -> tuple[Request, str]:
    """A request of ``op`` botocore would send, broken at the byte level."""
    shape = service_model(service).operation_model(op).input_shape
    params = valid(shape, rng) if shape is not None else {}
    try:
        request = serialize(service, op, params)
    except Exception:  # a valid value botocore cannot write (none known): start from the minimal one
        request = serialize(service, op, minimal(shape) if shape is not None else {})
    if service_model(service).protocol == "query":
        return _broken_form(rng, junk, request)
    return _broken_rest(rng, junk, request)


def _broken_form(rng: random.Random, junk: Junk, request: Request) -> tuple[Request, str]:
    assert isinstance(request.body, bytes)
    pairs = parse_qsl(request.body.decode(), keep_blank_values=True)
    notes = []
    for _ in range(rng.randint(1, 4)):
        how = rng.choice(["drop", "duplicate", "index", "value", "action", "version", "unknown", "many", "huge int"])
        notes.append(how)
        if how == "drop" and pairs:
            pairs.pop(rng.randrange(len(pairs)))
        elif how == "duplicate" and pairs:
            key, _ = rng.choice(pairs)
            pairs.insert(rng.randrange(len(pairs) + 1), (key, junk.text()))
        elif how == "index":
            listed = [i for i, (k, _) in enumerate(pairs) if re.search(r"\.\d+", k)]
            if listed:
                i = rng.choice(listed)
                key, value = pairs[i]
                pairs[i] = (re.sub(r"\.\d+", "." + rng.choice(ODD_INDICES), key, count=1), value)
            else:
                pairs.append((f"Destinations.member.{rng.choice(ODD_INDICES)}", "a@example.org"))
        elif how == "value" and pairs:
            i = rng.randrange(len(pairs))
            pairs[i] = (pairs[i][0], junk.text())
        elif how == "action":
            pairs = [(k, v) for k, v in pairs if k != "Action"]
            pairs.insert(0, ("Action", rng.choice(["", "Nope", "sendemail", "SendEmail\x00", "\u00e9", "x" * 5000])))
        elif how == "version":
            pairs = [(k, v) for k, v in pairs if k != "Version"] + [("Version", rng.choice(["", "2019-09-27", "x"]))]
        elif how == "unknown":
            pairs.append((rng.choice(["Unknown", "", "a.b.c", "Message.Subject.Data.x", "."]), junk.text()))
        elif how == "many":
            pairs += [(f"Destinations.member.{i}", "a@example.org") for i in range(1, rng.choice([100, 5000]))]
        elif how == "huge int":
            pairs += [(rng.choice(["MaxItems", "MaxResults", "Max24HourSend"]), rng.choice(["9" * 5000, "-1", "1e3",
                                                                                            "NaN", "0x10"]))]
    body = urlencode([(k.encode("utf-8", "surrogatepass"), v.encode("utf-8", "surrogatepass")) for k, v in pairs]).encode()
    roll = rng.random()
    if roll < 0.15:
        body = body[: rng.randrange(len(body) + 1)]
        notes.append("truncated")
    elif roll < 0.35:
        at = rng.randrange(len(body) + 1)
        body = body[:at] + rng.choice([b"%", b"%zz", b"%FF%FE", b"\xff", b"\x00", b"&&==&", b"=", b"%C3", b"+",
                                       b"&Action=GetSendQuota", b";"]) + body[at:]
        notes.append("bytes")
    headers = {"Content-Type": rng.choice(CONTENT_TYPES) if rng.random() < 0.3 else CONTENT_TYPES[0]}
    method = rng.choice(METHODS) if rng.random() < 0.15 else "POST"
    path = rng.choice(["/", "/", "/", "/x", "//", "/?Action=GetSendQuota", "/%zz", ""])
    query: dict[str, Any] = {}
    if rng.random() < 0.1:
        query = {rng.choice(["Action", "Version", "X"]): rng.choice(["GetSendQuota", junk.text(), ["a", "b"], []])}
    return Request(method, path, query, headers, body), " ".join(notes)


def _broken_rest(rng: random.Random, junk: Junk, request: Request) -> tuple[Request, str]:
    body = request.body if isinstance(request.body, bytes) else json.dumps(request.body).encode()
    method, path, query = request.method, request.path, dict(request.query)
    headers = dict(request.headers)
    notes = []
    for _ in range(rng.randint(1, 3)):
        how = rng.choice(["truncate", "bad json", "utf8", "numbers", "deep", "top", "member", "path", "method",
                          "query", "content type", "duplicate key", "json node", "json node", "json node"])
        notes.append(how)
        if how == "truncate" and body:
            body = body[: rng.randrange(len(body) + 1)]
        elif how == "bad json":
            body = rng.choice([b"{", b"}", b"{'a': 1}", b'{"a":}', b"{,}", b"\x00", b"nul", b'{"a": 1,}', b"[1,]",
                               b'"unterminated', b"{}{}", body + b"x"])
        elif how == "utf8":
            at = rng.randrange(len(body) + 1)
            body = rng.choice([b"\xef\xbb\xbf", b""]) + body[:at] + rng.choice(
                [b"\xff", b"\xc3", b"\xed\xa0\x80", b'"\\ud800"', b"\x00"]) + body[at:]
        elif how == "numbers":
            body = _json_with(rng, body, rng.choice([b"NaN", b"Infinity", b"-Infinity", b"1e999999", b"9" * 5000,
                                                     b"-0", b"1.0e-400", b"0x10", b"01"]))
        elif how == "deep":
            depth = rng.choice([1000, 5000, 100_000])
            body = _json_with(rng, body, b"[" * depth + b"]" * depth)
        elif how == "top":
            body = rng.choice([b"[]", b'"x"', b"null", b"1", b"true", b"[{}]", b""])
        elif how == "member":
            body = _json_with(rng, body, rng.choice([b"null", b"[null]", b'{"a": null}', b"[[]]", b"1", b'"x"',
                                                     b"true", b'{"": {}}', b'[{"Name": null}]']))
        elif how == "json node":
            body = _json_node_broken(rng, body)
        elif how == "duplicate key":
            body = b'{"a": 1, "a": {"b": 2}, ' + body.lstrip(b"{") if body.startswith(b"{") else body
        elif how == "path":
            path = rng.choice([
                "/", "/v2", "/v2/email", "/v2/email/nope", path + "/", path + "/extra", path.replace("/v2", "/v3"),
                path + "%zz", path + "%FF%FE", path + "%00", "/v2/email/identities/" + "a" * 100_000,
                "/v2/email/identities/\u00e9", "/v2/email/identities/%2F..%2F", "//v2//email", path + "?x=%ff",
                "/v2/email/identities/" + quote("\ud800".encode("utf-8", "surrogatepass")), "",
            ])
        elif how == "method":
            method = rng.choice(METHODS)
        elif how == "query":
            query = {rng.choice(["PageSize", "NextToken", "x", "", "\u00e9"]): rng.choice(
                ["9" * 5000, "-1", "%ff", "\x00", ["1", "2"], [], "1e3", junk.text()])}
        elif how == "content type":
            headers["Content-Type"] = rng.choice(CONTENT_TYPES)
    return Request(method, path, query, headers, body), " ".join(notes)


JSON_JUNK: list[Any] = [None, [None], [None, {}], [{}], {}, [], "", "x", 0, -1, 1.5, True, {"": None}, [[None]],
                        {"a": [None]}, 10**30, "\u00e9", "\x00"]


def _json_node_broken(rng: random.Random, body: bytes) -> bytes:
    """``body`` as JSON with one value inside replaced by JSON of another kind, or a null
    put into one of its lists (bytes that are not JSON come back as they are)."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return body
    places: list[tuple[Any, Any]] = []
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            places += [(node, key) for key in node]
            stack += list(node.values())
        elif isinstance(node, list):
            places += [(node, i) for i in range(len(node))] + [(node, None)]
            stack += node
    if not places:
        return body
    container, key = rng.choice(places)
    if key is None:  # a null among a list's items
        container.insert(rng.randint(0, len(container)), None)
    else:
        container[key] = rng.choice(JSON_JUNK)
    return json.dumps(document).encode()


def _json_with(rng: random.Random, body: bytes, value: bytes) -> bytes:
    """``body`` with one member's value replaced by ``value`` (raw JSON text), or a member added."""
    matches = list(re.finditer(rb'"[A-Za-z]+": ', body))
    if matches and rng.random() < 0.7:
        found = rng.choice(matches)
        rest = body[found.end():]
        end = _value_end(rest)
        return body[: found.end()] + value + rest[end:]
    key = rng.choice([b'"X"', b'"Content"', b'"Destination"', b'"FromEmailAddress"', b'"PageSize"'])
    if body.startswith(b"{") and len(body) > 2:
        return b"{" + key + b": " + value + b", " + body[1:]
    return b"{" + key + b": " + value + b"}"


def _value_end(text: bytes) -> int:
    """Where the JSON value at the start of ``text`` ends (a rough scan; garbage is fine here)."""
    depth, in_string, escaped = 0, False, False
    for i, byte in enumerate(text):
        char = chr(byte)
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
                if depth == 0:
                    return i + 1
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            if depth == 0:
                return i
            depth -= 1
            if depth == 0:
                return i + 1
        elif char == "," and depth == 0:
            return i
    return len(text)


def case_from_id(case_id: str) -> Case:
    """The case a :attr:`Case.id` names: ``seed:index``, then ``key=value`` for what was pinned."""
    seed, index, *rest = case_id.split(":")
    pinned: dict[str, Any] = dict(part.split("=", 1) for part in rest)
    if "huge" in pinned:
        pinned["huge"] = int(pinned["huge"])
    return case(int(seed), int(index), **pinned)
