"""Frozen records made at the cost of plain ones.

A frozen dataclass's generated ``__init__`` stores each field with ``object.__setattr__``,
a call per field: about 2.5 µs for :class:`~fakeses.domain.messages.SentMessage`'s 22
fields, where a plain slotted class stores them with the interpreter's own slot writes
in about 0.4 µs. A bulk send makes a message and two events per entry (issue 11).

:func:`quick_init` gives a frozen slotted dataclass an ``__init__`` that, for the time it
stores the fields, makes the object a *twin*: a plain class with the very same slots
(``__class__`` may be assigned between classes of one layout), then makes it its own
class again. The fields, their order, defaults and default factories are the
dataclass's own, read from :func:`dataclasses.fields`, so a field added later is
handled; once made, the record is as frozen as before.
"""
from __future__ import annotations

import dataclasses
import inspect
from typing import Any, TypeVar

T = TypeVar("T")


class _Factory:
    """The default of a field made by its factory (shown as dataclasses shows it)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def quick_init(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` of ``cls`` (a frozen dataclass with ``slots=True``) by one
    with the same signature and result that stores its fields without a call each.

    A subclass of ``cls`` (another layout, no twin) is made by the dataclass's own ``__init__``.
    """
    twin = type(f"_{cls.__name__}Being_Made", (), {"__slots__": cls.__slots__})  # type: ignore[attr-defined]
    scope: dict[str, Any] = {"_twin": twin, "_cls": cls, "_set": object.__setattr__,
                             "_FACTORY": _FACTORY, "_dataclass_init": cls.__init__}
    params, given, body = [], [], []
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        name = field.name
        has_default = field.default is not dataclasses.MISSING
        if has_default:
            scope[f"_default_{name}"] = field.default
        elif field.default_factory is not dataclasses.MISSING:
            scope[f"_factory_{name}"] = field.default_factory
        if not field.init:  # not a parameter: its default or its factory's value
            body.append(f"    self.{name} = " + (f"_default_{name}" if has_default else f"_factory_{name}()"))
            continue
        given.append(f"{name!r}: {name}")
        if has_default:
            params.append(f"{name}=_default_{name}")
            body.append(f"    self.{name} = {name}")
        elif field.default_factory is not dataclasses.MISSING:
            params.append(f"{name}=_FACTORY")
            body.append(f"    self.{name} = _factory_{name}() if {name} is _FACTORY else {name}")
        else:
            params.append(name)
            body.append(f"    self.{name} = {name}")
    source = "\n".join([
        f"def __init__(self, {', '.join(params)}):",
        "    if self.__class__ is not _cls:  # (a field may be called type)",
        f"        given = {{{', '.join(given)}}}",
        "        return _dataclass_init(self, **{k: v for k, v in given.items() if v is not _FACTORY})",
        "    _set(self, '__class__', _twin)",
        *body,
        "    self.__class__ = _cls",
        *(["    self.__post_init__()"] if hasattr(cls, "__post_init__") else []),
    ])
    exec(source, scope)  # as dataclasses writes __init__: from the fields, once per class
    init = scope["__init__"]
    if list(inspect.signature(init).parameters) != list(inspect.signature(cls.__init__).parameters):
        # An InitVar is a parameter but no field: not written here.
        raise TypeError(f"quick_init cannot make {cls.__name__}: its __init__ takes more than its fields")
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
