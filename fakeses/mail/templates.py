"""The template language of SES stored templates: Handlebars, rendered as SES renders it.

SES renders stored templates with Handlebars (SES developer guide,
https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-advanced.html; F12):
variables and nested paths (``{{contact.firstName}}``, ``{{this}}``, ``{{../x}}``,
``{{@root.x}}``), the built-in helpers of https://handlebarsjs.com/guide/builtin-helpers.html
(``if``/``else``, ``unless``, ``each`` with ``@index``/``@key``/``@first``/``@last`` and
block parameters, ``with``, ``lookup``, ``log``), inline partials (``{{#*inline "n"}}`` and
``{{> n}}``), comments, whitespace control (``~``) and standalone-line removal as in
handlebars.js. What SES does differently from handlebars.js, and the source of each:

- Nothing is HTML-escaped, not even ``{{x}}``: "SES doesn't escape HTML content when
  rendering the HTML template" (the guide above; aws-ses-v2-local PR #101 uses
  ``noEscape`` for the same reason).
- No custom helpers (bitwarden/server PR #1276). An unknown helper is looked up as an
  attribute: ``{{#IF firstName}}`` fails with "Attribute 'IF' is not present in the
  rendering data." (recorded Rendering Failure, public regression test quoted in the
  research notes, F13).
- A variable that is output but absent, or null, fails the render with
  MissingRenderingAttribute "Attribute 'favoriteanimal' is not present in the rendering
  data." (F13; aws/aws-sdk-js#2239: a missing or null value stops the message). Inside
  ``#if``/``#unless``/``#each``/``#with`` a missing value is simply false: the guide uses
  ``{{#if}}`` to "format the email differently if a certain attribute is present".
  The attribute is named as written in the template (``contact.firstName``): no recorded
  answer for a nested path (?).
- A template that refers to a partial it does not define is refused when it is stored
  (InvalidTemplate: "This issue may occur when a template refers to a partial that does
  not exist", v1 API reference, seed 004).

Values are written as handlebars.js writes them: ``true``/``false``, numbers as they are
spelled in the JSON data, lists joined by ``,``, objects as ``[object Object]`` (?).

A template is parsed once into a tree (:func:`compile` caches by text) and rendered
many times. Every failure is a :class:`TemplateError`: :class:`TemplateSyntaxError` when
compiling, :class:`MissingAttribute` or :class:`InvalidData` when rendering.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
from typing import Any, Optional, Union

__all__ = [
    "TemplateError", "TemplateSyntaxError", "RenderError", "MissingAttribute", "InvalidData",
    "Template", "compile", "parse_data", "render",
]


# -- errors -----------------------------------------------------------------------------

class TemplateError(Exception):
    """Anything wrong with a template or its data."""


class TemplateSyntaxError(TemplateError):
    """The template cannot be parsed (SES: InvalidTemplate)."""


class RenderError(TemplateError):
    """The template could not be rendered with this data."""


class MissingAttribute(RenderError):
    """An output variable is absent or null (SES: MissingRenderingAttribute)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"Attribute '{name}' is not present in the rendering data.")


class InvalidData(RenderError):
    """The rendering data is not a JSON object (SES: InvalidRenderingParameter)."""


# -- data -------------------------------------------------------------------------------

class _Number(float):
    """A JSON number with a fraction or exponent, written back as it was spelled."""

    literal: str

    def __new__(cls, literal: str) -> _Number:
        number = super().__new__(cls, literal)
        number.literal = literal
        return number


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# One decoder for every send: json.loads with options builds a new one for each call.
_DECODER = json.JSONDecoder(parse_float=_Number, parse_constant=_reject_constant)


def parse_data(text: str) -> dict[str, Any]:
    """The rendering data: ``text`` must be a JSON object; raises :class:`InvalidData`."""
    try:
        if isinstance(text, str) and text[:1] == "{" and text[-1:] == "}":
            # No whitespace around the object (as SDKs write it): raw_decode reads what
            # decode would, without its two whitespace matches; anything else goes to decode.
            data, end = _DECODER.raw_decode(text)
            if end != len(text):
                data = _DECODER.decode(text)
        elif isinstance(text, str) and not text.startswith("\ufeff"):
            data = _DECODER.decode(text)  # what json.loads does with a str, but for the BOM check
        else:
            data = json.loads(text, parse_float=_Number, parse_constant=_reject_constant)
    except (ValueError, RecursionError, TypeError):
        raise InvalidData("Template rendering data is invalid") from None
    if not isinstance(data, dict):
        raise InvalidData("Template rendering data is invalid")
    return data


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def _stringify(value: Any) -> str:
    # As JavaScript's String(value): what handlebars.js writes. A list is its items
    # joined by "," at every depth (String([[1, [2]], 3]) is "1,2,3"), null items empty;
    # walked with a stack, so a list nested any depth in the data is written, not a
    # RecursionError.
    if not isinstance(value, list):
        return _scalar_text(value)
    out: list[str] = []
    stack: list[Any] = [iter(value)]
    first = [True]
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
            first.pop()
            continue
        if not first[-1]:
            out.append(",")
        first[-1] = False
        if isinstance(item, list):
            stack.append(iter(item))
            first.append(True)
        else:
            out.append(_scalar_text(item))
    return "".join(out)


_END = object()


def _scalar_text(value: Any) -> str:
    if value is None or value is MISSING:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _Number):
        return value.literal
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (int, str)):
        return str(value)
    return "[object Object]"


def _truthy(value: Any, include_zero: bool = False) -> bool:
    # handlebars.js `if`: false, undefined, null, "", 0 (unless includeZero) and [] are false.
    if value is MISSING or value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return include_zero or value != 0
    if isinstance(value, (str, list)):
        return len(value) > 0
    return True


# -- the tree ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Path:
    original: str
    parts: tuple[str, ...]
    depth: int = 0          # how many ../
    data: bool = False      # @index, @root.x
    scoped: bool = False    # this.x, ./x: never a helper or block parameter


@dataclasses.dataclass(frozen=True)
class Literal:
    value: Any
    original: str


@dataclasses.dataclass(frozen=True)
class SubExpr:
    name: Path
    params: tuple[Expr, ...]
    hash: tuple[tuple[str, Expr], ...]


Expr = Union[Path, Literal, SubExpr]


@dataclasses.dataclass(frozen=True)
class Call:
    """What is inside a mustache: a head, its parameters, hash and block parameters."""

    head: Expr
    params: tuple[Expr, ...] = ()
    hash: tuple[tuple[str, Expr], ...] = ()
    block_params: tuple[str, ...] = ()


@dataclasses.dataclass
class Program:
    body: list[Node] = dataclasses.field(default_factory=list)
    inlines: dict[str, Program] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Text:
    value: str


@dataclasses.dataclass
class Output:
    call: Call


@dataclasses.dataclass
class Block:
    call: Call
    program: Program
    inverse: Optional[Program] = None


@dataclasses.dataclass
class Partial:
    name: str
    call: Call              # head unused; params[0] is the context
    indent: str = ""


@dataclasses.dataclass
class PartialBlock:
    name: str
    call: Call
    program: Program


Node = Union[Text, Output, Block, Partial, PartialBlock]

BUILTIN_BLOCKS = {"if": 1, "unless": 1, "each": 1, "with": 1}
BUILTIN_VALUES = {"lookup": 2, "log": -1}
MAX_NESTING = 100          # blocks inside blocks: beyond this SES's engine is not asked (?)
MAX_PARTIAL_DEPTH = 64     # a partial that includes itself forever


# -- lexing -------------------------------------------------------------------------------

@dataclasses.dataclass
class _Tag:
    kind: str               # open, inverse, close, else, partial, partial_open, inline_open, output, comment
    content: str            # the expression, without sigils and ~
    strip_left: bool
    strip_right: bool
    start: int
    raw: bool = False


_STANDALONE = {"open", "inverse", "close", "else", "partial", "partial_open", "inline_open", "comment"}


def _find_close(text: str, start: int, closer: str) -> int:
    """Index of ``closer`` from ``start`` on, skipping quoted strings; -1 if none."""
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            end = text.find(c, i + 1)
            if end < 0:
                return -1
            i = end + 1
            continue
        if text.startswith(closer, i):
            return i
        i += 1
    return -1


def _lex(source: str) -> list[Union[str, _Tag]]:
    tokens: list[Union[str, _Tag]] = []
    text: list[str] = []
    i = 0
    n = len(source)
    while i < n:
        j = source.find("{{", i)
        if j < 0:
            text.append(source[i:])
            break
        # \{{ is a literal {{ up to the next mustache (handlebars.js "escaped mustache");
        # \\{{ is one backslash, then a mustache.
        if j > 0 and source[j - 1] == "\\" and not (j > 1 and source[j - 2] == "\\"):
            text.append(source[i:j - 1])
            k = source.find("{{", j + 2)
            k = n if k < 0 else k
            if k < n and source[k - 1] == "\\" and k - 1 >= j + 2:
                k -= 1  # the next escape starts at its backslash
            text.append(source[j:k])
            i = k
            continue
        if j > 1 and source[j - 2:j] == "\\\\":
            text.append(source[i:j - 1])
        else:
            text.append(source[i:j])
        if text:
            tokens.append("".join(text))
            text = []
        i = _lex_tag(source, j, tokens)
    if text:
        tokens.append("".join(text))
    return [t for t in tokens if not (isinstance(t, str) and t == "")]


def _lex_tag(source: str, start: int, tokens: list[Union[str, _Tag]]) -> int:
    if source.startswith("{{{{", start):
        raise TemplateSyntaxError("raw blocks are not supported")
    i = start + 2
    strip_left = source.startswith("~", i)
    if strip_left:
        i += 1
    if source.startswith("!--", i):
        end = source.find("--", i + 3)
        while end >= 0 and not (source.startswith("--}}", end) or source.startswith("--~}}", end)):
            end = source.find("--", end + 1)
        if end < 0:
            raise TemplateSyntaxError("unclosed comment")
        strip_right = source.startswith("--~}}", end)
        tokens.append(_Tag("comment", "", strip_left, strip_right, start))
        return end + (5 if strip_right else 4)
    if source.startswith("!", i):
        end = source.find("}}", i)
        if end < 0:
            raise TemplateSyntaxError("unclosed comment")
        strip_right = end - 1 > i and source[end - 1] == "~"
        tokens.append(_Tag("comment", "", strip_left, strip_right, start))
        return end + 2
    if source.startswith("{", i):
        # {{{x}}} or, with whitespace control, {{~{x}~}}
        end = _find_close(source, i + 1, "}")
        if end >= 0 and source.startswith("}}}", end):
            strip_right, after = False, end + 3
        elif end >= 0 and source.startswith("}~}}", end):
            strip_right, after = True, end + 4
        else:
            raise TemplateSyntaxError("unclosed {{{")
        tokens.append(_Tag("output", source[i + 1:end], strip_left, strip_right, start, raw=True))
        return after
    end = _find_close(source, i, "}}")
    if end < 0:
        raise TemplateSyntaxError("unclosed {{")
    content = source[i:end]
    strip_right = content.endswith("~")
    if strip_right:
        content = content[:-1]
    after = end + 2
    if content.startswith("#*"):
        rest = content[2:].strip()
        if not rest.startswith("inline"):
            raise TemplateSyntaxError("only the inline decorator is supported")
        tokens.append(_Tag("inline_open", rest[len("inline"):], strip_left, strip_right, start))
    elif content.startswith("#>"):
        tokens.append(_Tag("partial_open", content[2:], strip_left, strip_right, start))
    elif content.startswith("#"):
        tokens.append(_Tag("open", content[1:], strip_left, strip_right, start))
    elif content.startswith("/"):
        tokens.append(_Tag("close", content[1:].strip(), strip_left, strip_right, start))
    elif content.startswith("^"):
        rest = content[1:]
        kind = "else" if not rest.strip() else "inverse"
        tokens.append(_Tag(kind, rest, strip_left, strip_right, start))
    elif re.match(r"\s*else(\s|$)", content):
        tokens.append(_Tag("else", content.strip()[4:], strip_left, strip_right, start))
    elif content.startswith(">"):
        tokens.append(_Tag("partial", content[1:], strip_left, strip_right, start))
    elif content.startswith("&"):
        tokens.append(_Tag("output", content[1:], strip_left, strip_right, start, raw=True))
    elif content.startswith("*"):
        raise TemplateSyntaxError("decorators are not supported")
    else:
        tokens.append(_Tag("output", content, strip_left, strip_right, start))
    return after


# -- whitespace: standalone lines and ~ ---------------------------------------------------

_LINE_END = re.compile(r"[ \t]*\r?\n")


def _whitespace(tokens: list[Union[str, _Tag]]) -> tuple[list[Union[str, _Tag]], dict[int, str]]:
    """Remove standalone tag lines and apply ``~``; returns the tokens and partial indents."""
    texts: list[Union[str, _Tag]] = list(tokens)
    indents: dict[int, str] = {}
    # Decide on the original text first, then trim (handlebars.js WhitespaceControl).
    trims: list[tuple[int, str]] = []
    for k, token in enumerate(texts):
        if not isinstance(token, _Tag) or token.kind not in _STANDALONE:
            continue
        before = texts[k - 1] if k > 0 else None
        after = texts[k + 1] if k + 1 < len(texts) else None
        if isinstance(before, _Tag) or isinstance(after, _Tag):
            continue
        if before is not None:
            line = before.rsplit("\n", 1)
            if line[-1].strip(" \t") or (len(line) == 1 and k - 1 != 0):
                continue  # something before the tag on its line
        if after is not None and not _LINE_END.match(after):
            if after.strip(" \t") or k + 2 != len(texts):
                continue  # something after the tag on its line
        if before is not None:
            trims.append((k - 1, "right"))
            if token.kind == "partial":
                indents[k] = before.rsplit("\n", 1)[-1]
        if after is not None:
            trims.append((k + 1, "left"))
    for index, side in trims:
        value = texts[index]
        assert isinstance(value, str)
        if side == "right":
            head, sep, _ = value.rpartition("\n")
            texts[index] = head + sep
        else:
            match = _LINE_END.match(value)
            texts[index] = value[match.end():] if match else value.lstrip(" \t")
    for k, token in enumerate(texts):
        if not isinstance(token, _Tag):
            continue
        if token.strip_left and k > 0 and isinstance(texts[k - 1], str):
            texts[k - 1] = str(texts[k - 1]).rstrip()
        if token.strip_right and k + 1 < len(texts) and isinstance(texts[k + 1], str):
            texts[k + 1] = str(texts[k + 1]).lstrip()
    return texts, indents


# -- parsing expressions ------------------------------------------------------------------

_ID = r"[^\s!\"#%&'()*+,./;<=>@\[\\\]^`{|}~]+"
_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<str>\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')"
    r"|(?P<num>-?\d+(?:\.\d+)?(?=[\s)}=|]|$))"
    r"|(?P<open>\()|(?P<close>\))"
    r"|(?P<as>as\s+\|)"
    r"|(?P<hash>" + _ID + r")="
    r"|(?P<path>@?(?:[^\s!\"#%&'()*+,;<=>@\[\\\]^`{|}~]|\[[^\]]*\])+)"
    r")"
)


def _segments(text: str, original: str) -> list[str]:
    segments: list[str] = []
    current = ""
    i = 0
    while i < len(text):
        c = text[i]
        if c == "[":
            end = text.find("]", i)
            if end < 0:
                raise TemplateSyntaxError(f"invalid path {original}")
            current += text[i:end + 1]
            i = end + 1
            continue
        if c in "./":
            segments.append(current)
            current = ""
        else:
            current += c
        i += 1
    segments.append(current)
    return segments


def _parse_path(original: str) -> Path:
    text = original
    data = text.startswith("@")
    if data:
        text = text[1:]
    depth = 0
    while text.startswith("../"):
        depth += 1
        text = text[3:]
    scoped = False
    if text == "..":
        depth, text, scoped = depth + 1, "", True
    elif text == ".":
        text, scoped = "", True
    elif text.startswith("./"):
        text, scoped = text[2:], True
    parts: list[str] = []
    for position, segment in enumerate(_segments(text, original) if text else []):
        if segment.startswith("[") and segment.endswith("]") and len(segment) >= 2:
            parts.append(segment[1:-1])
        elif segment == "this" and position == 0 and not scoped:
            scoped = True
        elif re.fullmatch(_ID, segment) and segment != "this":
            parts.append(segment)
        else:
            raise TemplateSyntaxError(f"invalid path {original}")
    if data and not parts:
        raise TemplateSyntaxError(f"invalid path {original}")
    if depth and not (text or scoped):
        scoped = True
    return Path(original, tuple(parts), depth, data, scoped or depth > 0)


class _ExprParser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self) -> TemplateSyntaxError:
        return TemplateSyntaxError(f"cannot parse {{{{{self.text}}}}}")

    def next(self) -> Optional[re.Match[str]]:
        if not self.text[self.pos:].strip():
            self.pos = len(self.text)
            return None
        match = _TOKEN.match(self.text, self.pos)
        if match is None or match.end() == self.pos:
            raise self.error()
        return match

    def call(self, allow_block_params: bool = False) -> Call:
        head = self.expr(self.next(), head=True)
        params: list[Expr] = []
        hashes: list[tuple[str, Expr]] = []
        block_params: tuple[str, ...] = ()
        while True:
            match = self.next()
            if match is None:
                break
            if match.group("close"):
                raise self.error()
            if match.group("as"):
                if not allow_block_params:
                    raise self.error()
                end = self.text.find("|", match.end())
                if end < 0 or self.text[end + 1:].strip():
                    raise self.error()
                names = self.text[match.end():end].split()
                if not names or not all(re.fullmatch(_ID, name) for name in names):
                    raise self.error()
                block_params = tuple(names)
                self.pos = len(self.text)
                break
            if match.group("hash"):
                self.pos = match.end()
                hashes.append((match.group("hash"), self.expr(self.next())))
                continue
            if hashes:
                raise self.error()
            params.append(self.expr(match))
        return Call(head, tuple(params), tuple(hashes), block_params)

    def expr(self, match: Optional[re.Match[str]], head: bool = False) -> Expr:
        if match is None:
            raise self.error()
        self.pos = match.end()
        if match.group("str") is not None:
            raw = match.group("str")
            value = re.sub(r"\\(.)", r"\1", raw[1:-1])
            return Literal(value, value)
        if match.group("num") is not None:
            raw = match.group("num")
            if "." in raw or len(raw) > 300:
                return Literal(_Number(raw), raw)
            return Literal(int(raw), raw)
        if match.group("open"):
            name = self.expr(self.next(), head=True)
            if not isinstance(name, Path):
                raise self.error()
            params: list[Expr] = []
            hashes: list[tuple[str, Expr]] = []
            while True:
                inner = self.next()
                if inner is None:
                    raise self.error()
                if inner.group("close"):
                    self.pos = inner.end()
                    break
                if inner.group("hash"):
                    self.pos = inner.end()
                    hashes.append((inner.group("hash"), self.expr(self.next())))
                    continue
                if inner.group("as"):
                    raise self.error()
                params.append(self.expr(inner))
            return SubExpr(name, tuple(params), tuple(hashes))
        if match.group("path") is not None:
            raw = match.group("path")
            if raw in ("true", "false"):
                return Literal(raw == "true", raw)
            if raw in ("null", "undefined"):
                return Literal(None, raw)
            return _parse_path(raw)
        raise self.error()


def _parse_call(text: str, allow_block_params: bool = False) -> Call:
    if not text.strip():
        raise TemplateSyntaxError("empty mustache")
    return _ExprParser(text).call(allow_block_params)


def _partial_name(text: str) -> tuple[str, Call]:
    parser = _ExprParser(text)
    match = parser.next()
    if match is None:
        raise TemplateSyntaxError("a partial needs a name")
    parser.pos = match.end()
    if match.group("str") is not None:
        name = match.group("str")[1:-1]
    elif match.group("num") is not None:
        name = match.group("num")
    elif match.group("path") is not None:
        name = match.group("path")
    else:
        raise TemplateSyntaxError("dynamic partials are not supported")
    rest = text[parser.pos:]
    call = _parse_call("this " + rest) if rest.strip() else Call(Path("this", (), 0, False, True))
    if len(call.params) > 1:
        raise TemplateSyntaxError("a partial takes one context")
    return name, call


# -- parsing the template -------------------------------------------------------------------

@dataclasses.dataclass
class _Frame:
    kind: str               # block, inline, partial_block
    name: str               # as written, matched by the close tag
    node: Any
    current: Program
    in_else: bool = False
    chained: bool = False


def _block_name(call: Call) -> str:
    head = call.head
    return head.original if isinstance(head, (Path, Literal)) else ""


def _check_call(call: Call, block: bool) -> None:
    head = call.head
    name = head.original if isinstance(head, Path) and not head.data and not head.scoped and head.depth == 0 else None
    if name in BUILTIN_BLOCKS:
        if not block:
            raise TemplateSyntaxError(f"{name} is a block helper")
        if len(call.params) != BUILTIN_BLOCKS[name]:
            raise TemplateSyntaxError(f"#{name} requires exactly one argument")
    elif name == "lookup" and len(call.params) != 2:
        raise TemplateSyntaxError("lookup takes two arguments")
    for expr in (*call.params, *(value for _, value in call.hash)):
        _check_expr(expr)


def _check_expr(expr: Expr) -> None:
    if isinstance(expr, SubExpr):
        if expr.name.original in BUILTIN_BLOCKS:
            raise TemplateSyntaxError(f"{expr.name.original} is a block helper")
        _check_call(Call(expr.name, expr.params, expr.hash), block=False)


def _parse(source: str) -> Program:
    tokens, indents = _whitespace(_lex(source))
    root = Program()
    stack: list[_Frame] = []
    current = root
    for k, token in enumerate(tokens):
        if isinstance(token, str):
            if current.body and isinstance(current.body[-1], Text):
                current.body[-1].value += token
            else:
                current.body.append(Text(token))
            continue
        kind = token.kind
        if kind == "comment":
            continue
        if kind == "output":
            call = _parse_call(token.content)
            _check_call(call, block=False)
            current.body.append(Output(call))
        elif kind in ("open", "inverse"):
            call = _parse_call(token.content, allow_block_params=True)
            _check_call(call, block=True)
            block = Block(call, Program())
            current.body.append(block)
            frame = _Frame("block", _block_name(call), block, block.program)
            if kind == "inverse":
                block.inverse = Program()
                block.program = Program()
                frame.current = block.inverse
                frame.in_else = True
                frame.kind = "inverse"
            stack.append(frame)
            current = frame.current
        elif kind == "else":
            if not stack or stack[-1].kind not in ("block", "inverse"):
                raise TemplateSyntaxError("else outside a block")
            frame = stack[-1]
            if frame.kind == "inverse":
                if frame.in_else is False or token.content.strip():
                    raise TemplateSyntaxError("misplaced else")
                frame.in_else = False
                frame.current = frame.node.program
                current = frame.current
                continue
            if frame.in_else:
                raise TemplateSyntaxError("a second else")
            frame.in_else = True
            frame.node.inverse = Program()
            if token.content.strip():
                call = _parse_call(token.content, allow_block_params=True)
                _check_call(call, block=True)
                chained = Block(call, Program())
                frame.node.inverse.body.append(chained)
                stack.append(_Frame("block", frame.name, chained, chained.program, chained=True))
                current = chained.program
            else:
                frame.current = frame.node.inverse
                current = frame.current
        elif kind == "partial":
            name, call = _partial_name(token.content)
            current.body.append(Partial(name, call, indents.get(k, "")))
        elif kind == "partial_open":
            name, call = _partial_name(token.content)
            node = PartialBlock(name, call, Program())
            current.body.append(node)
            stack.append(_Frame("partial_block", name, node, node.program))
            current = node.program
        elif kind == "inline_open":
            match = re.fullmatch(r"\s*(\"[^\"]*\"|'[^']*')\s*", token.content)
            if match is None:
                raise TemplateSyntaxError("inline needs a quoted name")
            program = Program()
            current.inlines[match.group(1)[1:-1]] = program
            stack.append(_Frame("inline", "inline", program, program))
            current = program
        elif kind == "close":
            while stack and stack[-1].chained:
                stack.pop()
            if not stack:
                raise TemplateSyntaxError(f"{token.content} closes nothing")
            frame = stack.pop()
            if frame.name != token.content:
                raise TemplateSyntaxError(f"{frame.name} doesn't match {token.content}")
            current = stack[-1].current if stack else root
        if len(stack) > MAX_NESTING:
            raise TemplateSyntaxError("blocks nested too deep")
    if stack:
        raise TemplateSyntaxError(f"{stack[-1].name} is not closed")
    _check_partials(root, [])
    return root


def _check_partials(program: Program, scope: list[dict[str, Program]]) -> None:
    """Every ``{{> name}}`` names an inline partial in scope (else InvalidTemplate, seed 004)."""
    scope = scope + [program.inlines]
    for inline in program.inlines.values():
        _check_partials(inline, scope)
    for node in program.body:
        if isinstance(node, Partial):
            if node.name != "@partial-block" and not any(node.name in s for s in scope):
                raise TemplateSyntaxError(f"The partial {node.name} could not be found")
        elif isinstance(node, Block):
            _check_partials(node.program, scope)
            if node.inverse is not None:
                _check_partials(node.inverse, scope)
        elif isinstance(node, PartialBlock):
            _check_partials(node.program, scope)


# -- rendering ----------------------------------------------------------------------------

@dataclasses.dataclass
class _Scope:
    """Where a lookup starts: the context chain, data frame, block parameters, partials."""

    contexts: tuple[Any, ...]                 # innermost last
    data: dict[str, Any]
    block_params: tuple[dict[str, Any], ...]
    partials: tuple[dict[str, Program], ...]
    partial_block: Optional[tuple[Program, _Scope]] = None
    depth: int = 0

    def child(self, context: Any = MISSING, data: Optional[dict[str, Any]] = None,
              params: Optional[dict[str, Any]] = None) -> _Scope:
        return dataclasses.replace(
            self,
            contexts=self.contexts + ((context,) if context is not MISSING else ()),
            data=data if data is not None else self.data,
            block_params=self.block_params + ((params,) if params else ()),
        )


def _get(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return value.get(key, MISSING)
    if isinstance(value, (list, str)):
        if key == "length":
            return len(value)
        if isinstance(value, list) and key.isascii() and key.isdigit():
            index = int(key)
            return value[index] if index < len(value) else MISSING
    return MISSING


def _lookup_path(path: Path, scope: _Scope) -> Any:
    if path.data:
        frame: Any = scope.data
        for _ in range(path.depth):
            frame = frame.get("_parent", {})
        head, rest = path.parts[0], path.parts[1:]
        value = frame.get(head, MISSING)
    else:
        if not path.scoped and path.depth == 0 and path.parts:
            for params in reversed(scope.block_params):
                if path.parts[0] in params:
                    value = params[path.parts[0]]
                    for part in path.parts[1:]:
                        value = _get(value, part)
                    return value
        index = len(scope.contexts) - 1 - path.depth
        if index < 0:
            return MISSING
        value = scope.contexts[index]
        rest = path.parts
    for part in rest:
        if value is MISSING or value is None:
            return MISSING
        value = _get(value, part)
    return value


def _helper_name(expr: Expr) -> Optional[str]:
    if isinstance(expr, Path) and not expr.data and not expr.scoped and expr.depth == 0 and len(expr.parts) == 1:
        return expr.parts[0]
    return None


def _evaluate(expr: Expr, scope: _Scope) -> Any:
    if isinstance(expr, Literal):
        return expr.value
    if isinstance(expr, Path):
        return _lookup_path(expr, scope)
    return _call_value(Call(expr.name, expr.params, expr.hash), scope)


def _call_value(call: Call, scope: _Scope) -> Any:
    """The value of a non-block call: a variable, a literal key or a built-in helper."""
    name = _helper_name(call.head)
    if name == "lookup" and not _is_block_param(name, scope):
        target = _evaluate(call.params[0], scope)
        key = _evaluate(call.params[1], scope)
        if target is MISSING or target is None or key is MISSING or key is None:
            return MISSING
        return _get(target, _stringify(key))
    if name == "log" and not _is_block_param(name, scope):
        return ""
    if call.params or call.hash:
        # No custom helpers in SES: the name is looked up as an attribute (F13, "IF").
        raise MissingAttribute(_original(call.head))
    head = call.head
    if isinstance(head, Literal):
        # {{"key"}} and {{1}} look the literal up as a key (handlebars.js 4).
        return _get(scope.contexts[-1], _stringify(head.value))
    return _evaluate(head, scope)


def _is_block_param(name: str, scope: _Scope) -> bool:
    return any(name in params for params in scope.block_params)


def _original(expr: Expr) -> str:
    if isinstance(expr, (Path, Literal)):
        return expr.original
    return expr.name.original


def _is_attribute(call: Call, scope: _Scope) -> bool:
    """Whether ``call`` outputs an attribute of the data (not @data, a helper or a subexpression)."""
    head = call.head
    if isinstance(head, SubExpr) or (isinstance(head, Path) and head.data):
        return False
    name = _helper_name(head)
    return name not in BUILTIN_VALUES or _is_block_param(name, scope)


def _hash(call: Call, scope: _Scope) -> dict[str, Any]:
    return {key: _evaluate(value, scope) for key, value in call.hash}


def _render_program(program: Program, scope: _Scope, out: list[str]) -> None:
    if program.inlines:
        scope = dataclasses.replace(scope, partials=scope.partials + (program.inlines,))
    for node in program.body:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, Output):
            value = _call_value(node.call, scope)
            if (value is MISSING or value is None) and _is_attribute(node.call, scope):
                raise MissingAttribute(_original(node.call.head))
            out.append(_stringify(value))
        elif isinstance(node, Block):
            _render_block(node, scope, out)
        elif isinstance(node, Partial):
            _render_partial(node.name, node.call, scope, out, node.indent, None)
        else:
            _render_partial(node.name, node.call, scope, out, "", node.program)


def _render_block(node: Block, scope: _Scope, out: list[str]) -> None:
    call = node.call
    name = _helper_name(call.head)
    if name is not None and _is_block_param(name, scope):
        name = None
    inverse = node.inverse
    if name in ("if", "unless"):
        include_zero = _truthy(_hash(call, scope).get("includeZero", False))
        condition = _truthy(_evaluate(call.params[0], scope), include_zero)
        if name == "unless":
            condition = not condition
        chosen = node.program if condition else inverse
        if chosen is not None:
            _render_program(chosen, scope, out)
        return
    if name == "with":
        value = _evaluate(call.params[0], scope)
        if _truthy(value, include_zero=True) or isinstance(value, dict):
            params = {call.block_params[0]: value} if call.block_params else None
            _render_program(node.program, scope.child(value, params=params), out)
        elif inverse is not None:
            _render_program(inverse, scope, out)
        return
    if name == "each":
        _render_each(node, _evaluate(call.params[0], scope), scope, out)
        return
    if call.params or call.hash:
        raise MissingAttribute(_original(call.head))
    # A block over a variable (handlebars.js blockHelperMissing, mustache sections).
    value = _call_value(Call(call.head), scope)
    if value is True:
        _render_program(node.program, scope, out)
    elif value is False or value is None or value is MISSING or value == []:
        if inverse is not None:
            _render_program(inverse, scope, out)
    elif isinstance(value, list):
        _render_each(node, value, scope, out)
    else:
        params = {call.block_params[0]: value} if call.block_params else None
        _render_program(node.program, scope.child(value, params=params), out)


def _render_each(node: Block, value: Any, scope: _Scope, out: list[str]) -> None:
    items: list[tuple[Any, Any]]
    if isinstance(value, list):
        items = list(enumerate(value))
    elif isinstance(value, dict):
        items = list(value.items())
    else:
        items = []
    if not items:
        if node.inverse is not None:
            _render_program(node.inverse, scope, out)
        return
    names = node.call.block_params
    last = len(items) - 1
    for position, (key, item) in enumerate(items):
        data = {"_parent": scope.data, "root": scope.data.get("root"), "index": position,
                "first": position == 0, "last": position == last}
        if isinstance(value, dict):
            data["key"] = key
        params: dict[str, Any] = {}
        if names:
            params[names[0]] = item
            if len(names) > 1:
                params[names[1]] = key
        _render_program(node.program, scope.child(item, data=data, params=params or None), out)


def _find_partial(name: str, scope: _Scope) -> Optional[Program]:
    for partials in reversed(scope.partials):
        if name in partials:
            return partials[name]
    return None


def _render_partial(name: str, call: Call, scope: _Scope, out: list[str], indent: str,
                    block: Optional[Program]) -> None:
    if scope.depth >= MAX_PARTIAL_DEPTH:
        raise RenderError("Partials nested too deep.")
    if name == "@partial-block":
        if scope.partial_block is None:
            raise MissingAttribute("@partial-block")
        program, outer = scope.partial_block
        _render_program(program, dataclasses.replace(outer, depth=scope.depth + 1), out)
        return
    partial = _find_partial(name, scope)
    if partial is None:
        if block is None:
            raise RenderError(f"The partial {name} could not be found")
        _render_program(block, scope, out)
        return
    context = _evaluate(call.params[0], scope) if call.params else scope.contexts[-1]
    hashed = _hash(call, scope)
    if hashed:
        context = {**(context if isinstance(context, dict) else {}), **hashed}
    if context is MISSING:
        context = {}
    inner = dataclasses.replace(
        scope, contexts=scope.contexts + (context,), depth=scope.depth + 1,
        partial_block=(block, scope) if block is not None else scope.partial_block,
    )
    rendered: list[str] = []
    _render_program(partial, inner, rendered)
    text = "".join(rendered)
    if indent:
        lines = text.split("\n")
        text = "\n".join(indent + line if line or i < len(lines) - 1 else line for i, line in enumerate(lines))
    out.append(text)


# -- the public face ------------------------------------------------------------------------

class Template:
    """A parsed template: :meth:`render` it as often as needed.

    >>> compile("Hello {{contact.firstName}}!").render({"contact": {"firstName": "Ann"}})
    'Hello Ann!'
    """

    __slots__ = ("source", "_program", "_flat")

    def __init__(self, source: str) -> None:
        self.source = source
        try:
            self._program = _parse(source)
        except RecursionError:
            raise TemplateSyntaxError("template nested too deep") from None
        self._flat = _flatten(self._program)

    @property
    def only_variables(self) -> bool:
        """True when the template is text and ``{{variables}}`` only: no blocks, partials
        or helpers (what SES accepts in inline TemplateContent, aws/aws-sdk-js-v3#6657)."""
        program = self._program
        return not program.inlines and all(
            isinstance(node, Text) or (
                isinstance(node, Output) and isinstance(node.call.head, Path)
                and not node.call.params and not node.call.hash
            )
            for node in program.body
        )

    def names(self) -> Optional[list[str]]:
        """For a template of text and ``{{name}}`` placeholders only, each name as often as it
        is used: :meth:`render` then fails for exactly the data that lack one of them or hold
        null there. None for any other template."""
        if self._flat is None or any(parts is not None and len(parts) != 1 for _, parts, _ in self._flat):
            return None
        return [parts[0] for _, parts, _ in self._flat if parts is not None]

    def render(self, data: dict[str, Any]) -> str:
        """The text for ``data``; raises :class:`MissingAttribute` or :class:`RenderError`."""
        if self._flat is not None:
            return _render_flat(self._flat, data)
        scope = _Scope(contexts=(data,), data={"root": data}, block_params=(), partials=())
        out: list[str] = []
        try:
            _render_program(self._program, scope, out)
        except RecursionError:
            raise RenderError("Template rendering data is nested too deep.") from None
        return "".join(out)

    def __repr__(self) -> str:
        return f"<Template {self.source[:40]!r}>"


# A template of text and plain {{variables}} only (most mail templates) is rendered from
# a flat list of (text, path parts, path as written): the same answer as the tree walk
# (tests/unit/mail/test_templates.py checks both), in a fraction of the time.
_Flat = list[tuple[str, Optional[tuple[str, ...]], str]]


def _flatten(program: Program) -> Optional[_Flat]:
    if program.inlines:
        return None
    flat: _Flat = []
    for node in program.body:
        if isinstance(node, Text):
            flat.append((node.value, None, ""))
            continue
        if not isinstance(node, Output) or node.call.params or node.call.hash:
            return None
        head = node.call.head
        if not isinstance(head, Path) or head.data or head.depth or _helper_name(head) in BUILTIN_VALUES:
            return None
        flat.append(("", head.parts, head.original))
    return flat


def _render_flat(flat: _Flat, data: dict[str, Any]) -> str:
    out = []
    top = type(data) is dict
    for text, parts, original in flat:
        if parts is None:
            out.append(text)
            continue
        value: Any
        if top and len(parts) == 1:  # {{name}} in a JSON object: _get's answer, at once
            value = data.get(parts[0], MISSING)
        else:
            value = data
            for part in parts:
                value = MISSING if value is MISSING or value is None else _get(value, part)
        if value is MISSING or value is None:
            raise MissingAttribute(original)
        # A str is written as it is, an int as str() writes it (what _stringify answers, at once).
        kind = type(value)
        out.append(value if kind is str else str(value) if kind is int else _stringify(value))
    return "".join(out)


@functools.lru_cache(maxsize=256)
def compile(source: str) -> Template:  # noqa: A001 - the name Handlebars uses
    """The parsed ``source``, cached by text; raises :class:`TemplateSyntaxError`."""
    return Template(source)


def render(source: str, data: Union[str, dict[str, Any]]) -> str:
    """Render ``source`` with ``data`` (a JSON object, or its text).

    >>> render("{{#each items}}{{@index}}={{this}} {{/each}}", '{"items": ["a", "b"]}')
    '0=a 1=b '
    """
    return compile(source).render(parse_data(data) if isinstance(data, str) else data)

