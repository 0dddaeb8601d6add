"""Model patterns matched in time linear in the value, with ``re``'s own meaning.

Python's ``re`` backtracks, and some patterns of the SES models make it take time
quadratic in the value: sesv2 ``AdditionalContactEmailAddress`` ``^(.+)@(.+)$`` took 16 s
on ``"@" * 40000 + "\\n"``, ``S3Url`` ``^s3:\\/\\/([^\\/]+)\\/(.*?([^\\/]+)\\/?)$`` (no length
limit) 34 s on 40,000 characters and would take hours on a megabyte. A request must
never hang the test process, so validation does not run patterns through ``re``.

:func:`compile` parses a pattern with the standard library's own parser (so the
language is exactly ``re``'s: the same character classes, ``$`` also before a final
newline, ``.`` anything but a newline) and runs it as an automaton: a Thompson NFA
whose sets of states become DFA states as they are first reached. Once a transition
is known a character costs one dictionary lookup; finding it costs at most the size
of the pattern. The cache is bounded, so a check takes time linear in the value
whatever the input. Lazy and greedy repeats describe the same language for a whole
match, so both are read as plain repeats. Constructs whose meaning needs
backtracking (back-references, look-around, atomic groups, possessive repeats, word
boundaries) and flags are not supported: :func:`compile` returns None for them.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Optional

try:  # Python >= 3.11
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _sre_parse

__all__ = ["LinearPattern", "compile"]

_CHAR, _SPLIT, _ASSERT, _MATCH = range(4)
_MAX_STATES = 10_000  # NFA size: bounded repeats are unrolled
_MAX_CACHED = 50_000  # DFA transitions kept before the cache starts afresh

_Context = tuple[bool, bool, bool]  # (at the start, at the end, before a final newline)
_PLAIN: _Context = (False, False, False)


class Unsupported(ValueError):
    """The pattern uses a construct this engine does not run."""


class _Nfa:
    def __init__(self) -> None:
        self.kind: list[int] = []
        self.test: list[Optional[Callable[[str], bool]]] = []
        self.out1: list[int] = []
        self.out2: list[int] = []
        self.at: list[Any] = []

    def add(self, kind: int, out1: int = -1, out2: int = -1,
            test: Optional[Callable[[str], bool]] = None, at: Any = None) -> int:
        if len(self.kind) >= _MAX_STATES:
            raise Unsupported("pattern too large")
        self.kind.append(kind)
        self.test.append(test)
        self.out1.append(out1)
        self.out2.append(out2)
        self.at.append(at)
        return len(self.kind) - 1


_CATEGORIES: dict[Any, re.Pattern[str]] = {
    _c.CATEGORY_DIGIT: re.compile(r"\d"), _c.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _c.CATEGORY_SPACE: re.compile(r"\s"), _c.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _c.CATEGORY_WORD: re.compile(r"\w"), _c.CATEGORY_NOT_WORD: re.compile(r"\W"),
}


def _class_test(items: Iterable[tuple[Any, Any]]) -> Callable[[str], bool]:
    negate = False
    chars: set[str] = set()
    ranges: list[tuple[int, int]] = []
    categories: list[re.Pattern[str]] = []
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE:
            ranges.append(av)
        elif op is _c.CATEGORY and av in _CATEGORIES:
            categories.append(_CATEGORIES[av])
        else:
            raise Unsupported(str(op))

    def test(ch: str) -> bool:
        code = ord(ch)
        found = (ch in chars or any(low <= code <= high for low, high in ranges)
                 or any(category.match(ch) for category in categories))
        return found != negate

    return test


def _build(nfa: _Nfa, items: Iterable[tuple[Any, Any]], after: int) -> int:
    """States for ``items`` followed by state ``after``; returns the first state."""
    for op, av in reversed(list(items)):
        after = _build_one(nfa, op, av, after)
    return after


def _build_one(nfa: _Nfa, op: Any, av: Any, after: int) -> int:
    if op is _c.LITERAL:
        char = chr(av)
        return nfa.add(_CHAR, after, test=char.__eq__)
    if op is _c.NOT_LITERAL:
        char = chr(av)
        return nfa.add(_CHAR, after, test=char.__ne__)
    if op is _c.ANY:
        return nfa.add(_CHAR, after, test="\n".__ne__)
    if op is _c.IN:
        return nfa.add(_CHAR, after, test=_class_test(av))
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        if add_flags or del_flags:
            raise Unsupported("inline flags")
        return _build(nfa, body, after)
    if op is _c.BRANCH:
        alternatives = [_build(nfa, body, after) for body in av[1]]
        start = alternatives[-1]
        for alternative in reversed(alternatives[:-1]):
            start = nfa.add(_SPLIT, alternative, start)
        return start
    if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
        low, high, body = av
        start = after
        if high is _c.MAXREPEAT:
            loop = nfa.add(_SPLIT, -1, after)
            nfa.out1[loop] = _build(nfa, body, loop)
            start = loop
        else:
            for _ in range(high - low):
                start = nfa.add(_SPLIT, _build(nfa, body, start), start)
        for _ in range(low):
            start = _build(nfa, body, start)
        return start
    if op is _c.AT and av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING, _c.AT_END, _c.AT_END_STRING):
        return nfa.add(_ASSERT, after, at=av)
    raise Unsupported(str(op))


class _State:
    """A DFA state: the NFA's character states, whether it accepts, its known moves."""

    __slots__ = ("chars", "accepts", "moves")

    def __init__(self, chars: tuple[int, ...], accepts: bool) -> None:
        self.chars = chars
        self.accepts = accepts
        self.moves: dict[str, _State] = {}


class LinearPattern:
    """A compiled pattern whose :meth:`fullmatch` takes time linear in the value."""

    def __init__(self, pattern: str, nfa: _Nfa, start: int) -> None:
        self.pattern = pattern
        self._nfa = nfa
        self._start = start
        self._states: dict[tuple[tuple[int, ...], bool], _State] = {}
        self._cached = 0

    def fullmatch(self, value: str) -> bool:
        """Whether the whole of ``value`` matches, as ``re.fullmatch`` would say."""
        n = len(value)
        final_newline = value.endswith("\n")

        def context(position: int) -> _Context:
            return (position == 0, position == n, final_newline and position == n - 1)

        state = self._closure((self._start,), context(0))
        # Positions 1 .. plain - 1 need no assertion: their moves are cached.
        plain = n - 1 if final_newline else n
        for index in range(n):
            char = value[index]
            position = index + 1
            if position < plain:
                following = state.moves.get(char)
                if following is None:
                    following = self._move(state, char, _PLAIN)
                    state.moves[char] = following
                    self._cached += 1
            else:
                following = self._move(state, char, context(position))
            state = following
            if not state.chars and not state.accepts:
                return False
        return state.accepts

    def _move(self, state: _State, char: str, context: _Context) -> _State:
        nfa = self._nfa
        targets = [nfa.out1[i] for i in state.chars if nfa.test[i](char)]  # type: ignore[misc]
        return self._closure(targets, context)

    def _closure(self, starts: Iterable[int], context: _Context) -> _State:
        nfa = self._nfa
        at_start, at_end, before_final_newline = context
        seen: set[int] = set()
        chars: list[int] = []
        accepts = False
        stack = list(starts)
        while stack:
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            kind = nfa.kind[i]
            if kind == _CHAR:
                chars.append(i)
            elif kind == _MATCH:
                accepts = True
            elif kind == _SPLIT:
                stack += (nfa.out2[i], nfa.out1[i])
            else:
                at = nfa.at[i]
                if (at is _c.AT_BEGINNING or at is _c.AT_BEGINNING_STRING) and at_start \
                        or at is _c.AT_END and (at_end or before_final_newline) \
                        or at is _c.AT_END_STRING and at_end:
                    stack.append(nfa.out1[i])
        key = (tuple(sorted(chars)), accepts)
        found = self._states.get(key)
        if found is None:
            if self._cached > _MAX_CACHED:  # start afresh: memory stays bounded
                for old in self._states.values():
                    old.moves.clear()
                self._states.clear()
                self._cached = 0
            found = self._states[key] = _State(*key)
        return found

    def __repr__(self) -> str:
        return f"<LinearPattern {self.pattern!r}>"


def compile(pattern: str) -> Optional[LinearPattern]:  # noqa: A001 - as re.compile
    """``pattern`` as a :class:`LinearPattern`, or None if it uses what this engine does not run.

    Raises ``re.error`` for a pattern ``re`` cannot parse.
    """
    parsed = _sre_parse.parse(pattern)
    if parsed.state.flags & ~_c.SRE_FLAG_UNICODE:
        return None
    nfa = _Nfa()
    try:
        start = _build(nfa, parsed, nfa.add(_MATCH))
    except Unsupported:
        return None
    return LinearPattern(pattern, nfa, start)
