"""One request per input constraint, generated from botocore's models.

For every operation, :func:`cases_for` walks the input shape from the top and, for each
constraint it meets (required member, length or size of strings, lists, maps and blobs,
numeric range, enum, pattern), builds params that break exactly that constraint and,
for each limit, params just inside it. Everything else is the minimal valid value
(:func:`support.shapes.minimal`). Each case knows the member path SES names in its
message: lowerCamel member names joined by dots, ``.1.member`` for the first item of a
list of structures, the list itself for items of a list of scalars, the map itself for
its keys and scalar values (foundation G3, G4, G6b, G8).

Some constraints cannot be broken on the wire; those cases carry a ``skip`` reason.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import re
from typing import Any, Callable

from botocore.model import Shape
from support.shapes import minimal, operations

from fakeses._model import service_model

Place = Callable[[Any], Any]

_NUMBERS = ("integer", "long", "double", "float")
_SCALARS = ("string", "blob", "boolean", "timestamp", *_NUMBERS)
_TYPE_LIMITS = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}

# Strings tried, in order, for one that breaks a pattern (and nothing else).
_NON_MATCHING = ["!", " ", "a b", "\u00e9", "#\n", "\n", "-", "a", "@@", "a/b", "ab:cd", "~~~~", "", "=", "a" * 5]


@dataclasses.dataclass(frozen=True)
class Case:
    service: str
    op: str
    member: str      # where the constraint sits, as a readable path of model names
    constraint: str  # required | min | max | enum | pattern
    inside: bool     # True: a boundary value just inside the limit, which must pass
    where: str       # the member path SES names in its message
    params: Any = None
    skip: str | None = None

    @property
    def id(self) -> str:
        side = "inside" if self.inside else "broken"
        return f"{self.service}.{self.op}:{self.member or '<input>'}:{self.constraint}:{side}"


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


@functools.lru_cache(maxsize=None)
def sized(pattern: str | None, length: int, seed: str = "", enum: tuple[str, ...] = ()) -> str | None:
    """A string of exactly ``length`` characters matching ``pattern``, made from ``seed``
    (a match) by repeating or dropping characters at one place; None if none is found."""
    if enum:
        return next((v for v in enum if len(v) == length), None)
    if not pattern:
        return "a" * length
    compiled = re.compile(pattern)
    if length == 0:
        return "" if compiled.fullmatch("") else None
    if len(seed) == length:
        return seed
    tries = []
    if len(seed) < length:  # "arn:...:role/a" -> "arn:...:role/aaaa"
        for i in range(len(seed) + 1):
            for char in dict.fromkeys(seed[max(0, i - 1):i + 1] + "a0-"):
                tries.append(seed[:i] + char * (length - len(seed)) + seed[i:])
    else:
        cut = len(seed) - length
        tries = [seed[:i] + seed[i + cut:] for i in range(len(seed) - cut + 1)]
    return next((value for value in tries if compiled.fullmatch(value)), None)


def _non_matching(meta: dict[str, Any]) -> str | None:
    pattern = re.compile(meta["pattern"])
    low, high = meta.get("min", 0), meta.get("max", 1 << 30)
    for text in _NON_MATCHING:
        text = text + "a" * (low - len(text))  # long enough, still not matching
        if len(text) <= high and not pattern.fullmatch(text):
            return text
    return None


def _not_in_enum(meta: dict[str, Any]) -> str:
    low, high = meta.get("min", 0), meta.get("max", 1 << 30)
    for text in ("Bogus", "x", "NOT_A_MEMBER", "b" * max(low, 1)):
        if low <= len(text) <= high and text not in meta["enum"]:
            return text
    raise AssertionError(f"no string outside {meta['enum']}")


class _Walker:
    def __init__(self, service: str, op: str) -> None:
        self.service, self.op = service, op
        self.protocol = service_model(service).protocol
        self.out: list[Case] = []

    def add(self, member: str, constraint: str, inside: bool, where: str, params: Any = None,
            skip: str | None = None) -> None:
        self.out.append(Case(self.service, self.op, member, constraint, inside, where,
                             None if skip else params, skip))

    def walk(self, shape: Shape, value: Any, place: Place, member: str, where: str,
             location: str | None = None) -> None:
        kind = shape.type_name
        if kind == "structure":
            self.structure(shape, value, place, member, where)
        elif kind == "list":
            self.list(shape, value, place, member, where, location)
        elif kind == "map":
            self.map(shape, value, place, member, where)
        else:
            self.scalar(shape, place, member, where, location)

    def structure(self, shape: Shape, value: dict[str, Any], place: Place, member: str, where: str) -> None:
        top = member == ""
        for name, child in shape.members.items():
            path = f"{member}.{name}" if member else name
            child_where = f"{where}.{_camel(name)}" if where else _camel(name)
            location = child.serialization.get("location") if top else None
            if name in shape.required_members:
                rest = {k: v for k, v in value.items() if k != name}
                skip = None
                if location == "uri":
                    skip = "a uri label cannot be left out of the path"
                elif self.protocol == "query" and not rest and not top:
                    # An empty structure leaves nothing on a form: another (optional)
                    # member keeps it there, or the case cannot be sent.
                    others = [n for n in shape.members if n != name and n not in shape.required_members]
                    if others:
                        rest = {others[0]: minimal(shape.members[others[0]])}
                    else:
                        skip = "query protocol: a structure with only this member left empty leaves nothing on the wire"
                self.add(path, "required", False, child_where, place(rest), skip)
            current = value[name] if name in value else minimal(child)
            self.walk(child, current, lambda v, name=name: place({**value, name: v}), path, child_where, location)

    def list(self, shape: Shape, value: list[Any], place: Place, member: str, where: str,
             location: str | None) -> None:
        meta, item = shape.metadata, shape.member
        filler = minimal(item)
        if meta.get("min", 0) >= 1:
            low = meta["min"]
            skip = "a query string cannot carry an empty list" if location == "querystring" and low == 1 else None
            self.add(member, "min", False, where, place([filler] * (low - 1)), skip)
            self.add(member, "min", True, where, place([filler] * low))
        if "max" in meta:
            self.add(member, "max", False, where, place([filler] * (meta["max"] + 1)))
            self.add(member, "max", True, where, place([filler] * meta["max"]))
        scalar = item.type_name in _SCALARS
        self.walk(item, value[0], lambda v: place([v, *value[1:]]), f"{member}[]",
                  where if scalar else f"{where}.1.member", location)

    def map(self, shape: Shape, value: dict[str, Any], place: Place, member: str, where: str) -> None:
        meta, key_shape, value_shape = shape.metadata, shape.key, shape.value
        filler = minimal(value_shape)
        keys = self.keys(key_shape, meta.get("max", meta.get("min", 1)) + 1)
        for constraint, size, inside in (("min", meta.get("min", 0) - 1, False), ("min", meta.get("min", 0), True),
                                          ("max", meta.get("max", -2) + 1, False), ("max", meta.get("max", -1), True)):
            if constraint not in meta or (constraint == "min" and meta["min"] < 1):
                continue
            if size > len(keys):
                self.add(member, constraint, inside, where, skip=f"the map's keys allow only {len(keys)} entries")
            else:
                self.add(member, constraint, inside, where, place({k: filler for k in keys[:size]}))
        first = next(iter(value))
        self.walk(key_shape, first, lambda k: place({k: value[first]}), f"{member}<key>", where)
        scalar = value_shape.type_name in _SCALARS
        self.walk(value_shape, value[first], lambda v: place({**value, first: v}), f"{member}{{}}",
                  where if scalar else f"{where}.{first}")

    @staticmethod
    def keys(shape: Shape, count: int) -> list[str]:
        meta = shape.metadata
        if "enum" in meta:
            return list(meta["enum"])[:count]
        keys = [minimal(shape)] + [f"k{i}" for i in range(count)]
        valid = [k for k in dict.fromkeys(keys) if meta.get("min", 0) <= len(k) <= meta.get("max", len(k))
                 and (not meta.get("pattern") or re.fullmatch(meta["pattern"], k))]
        return valid[:count]

    def scalar(self, shape: Shape, place: Place, member: str, where: str, location: str | None) -> None:
        kind, meta = shape.type_name, shape.metadata
        if kind == "string":
            enum = tuple(meta.get("enum", ()))
            pattern = meta.get("pattern")
            seed = minimal(shape)
            if enum:
                self.add(member, "enum", False, where, place(_not_in_enum(meta)))
            if pattern:
                bad = _non_matching(meta)
                self.add(member, "pattern", False, where, place(bad),
                         None if bad is not None else "the pattern accepts every string its lengths allow")
            if meta.get("min", 0) >= 1:
                low = meta["min"]
                short = sized(pattern, low - 1, seed, enum) or "a" * (low - 1)
                skip = "an empty uri label leaves an empty path segment" if location == "uri" and low == 1 else None
                self.add(member, "min", False, where, place(short), skip)
                fits = sized(pattern, low, seed, enum)
                self.add(member, "min", True, where, place(fits),
                         None if fits is not None else f"no value of {low} characters matches the pattern")
            if "max" in meta:
                high = meta["max"]
                self.add(member, "max", False, where, place(sized(pattern, high + 1, seed) or "a" * (high + 1)))
                fits = sized(pattern, high, seed, enum)
                self.add(member, "max", True, where, place(fits),
                         None if fits is not None else f"no value of {high} characters matches the pattern")
        elif kind == "blob":
            if meta.get("min", 0) >= 1:
                self.add(member, "min", False, where, place(b"x" * (meta["min"] - 1)))
                self.add(member, "min", True, where, place(b"x" * meta["min"]))
            if "max" in meta:
                self.add(member, "max", False, where, place(b"x" * (meta["max"] + 1)))
                self.add(member, "max", True, where, place(b"x" * meta["max"]))
        elif kind in _NUMBERS:
            low, high = _TYPE_LIMITS.get(kind, (float("-inf"), float("inf")))
            cast = float if kind in ("double", "float") else int
            for constraint, limit, step in (("min", meta.get("min"), -1), ("max", meta.get("max"), 1)):
                if limit is None:
                    continue
                beyond = limit + step
                skip = None if low <= beyond <= high else f"{limit} is the type's own limit"
                self.add(member, constraint, False, where, place(cast(beyond)), skip)
                self.add(member, constraint, True, where, place(cast(limit)))


@functools.lru_cache(maxsize=None)
def cases_for(service: str, op: str) -> tuple[Case, ...]:
    """Every constraint case of the operation's input, in model order."""
    shape = service_model(service).operation_model(op).input_shape
    if shape is None:
        return ()
    walker = _Walker(service, op)
    base = minimal(shape)
    walker.structure(shape, base, lambda v: copy.deepcopy(v), "", "")
    return tuple(walker.out)


@functools.lru_cache(maxsize=None)
def all_cases() -> tuple[Case, ...]:
    """The constraint cases of every operation botocore knows."""
    return tuple(case for service, op in operations() for case in cases_for(service, op))
