"""Email addresses as SES reads them: display names, RFC 2047 words, SES's error texts.

SES checks addresses with JavaMail's ``InternetAddress`` (strict parse, then
``validate()``): every address-syntax text SES is recorded answering is one of that
class's ``AddressException`` messages, e.g. "Missing final '@domain'"
(cloud-custodian PR #8051), "Missing local name" (aws-lambda-ses-forwarder#103),
"Local address contains illegal character" for a Destination of
``"To: recipient@example.com"`` (soto-project/soto#331), "Missing '\\"'"
(aws/aws-sdk-php#1196), "Domain contains control or whitespace"
(delphi-aws-ses#22), "Illegal address" (medplum PR #5320); v2 answers the same
texts (awslabs/aws-sdk-rust#881, awsdocs/aws-doc-sdk-examples PR #5191). So this
module ports that parser and check (Eclipse JavaMail ``InternetAddress.parse`` and
``checkAddress``, read for this purpose), plus the few rules where SES is recorded
to differ. No SMTPUTF8: the address itself must be 7-bit ASCII (seed 004, F9); a
display name may be anything (SES drops the non-ASCII characters of an unencoded
one: aws/aws-sdk-js#1585).
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple, Optional


class AddressError(ValueError):
    """An address SES refuses; ``str()`` is SES's message."""


MISSING_DOMAIN_PART = "Missing final '@domain'"
MISSING_LOCAL = "Missing local name"
MISSING_DOMAIN = "Missing domain"
ILLEGAL_LOCAL = "Local address contains illegal character"
ILLEGAL_DOMAIN = "Domain contains illegal character"
ILLEGAL_ADDRESS = "Illegal address"

_SPECIALS_NO_DOT = '()<>,;:\\"[]@'


class Address(NamedTuple):
    """One parsed address: display name as written (None if absent) and the bare address."""

    name: Optional[str]
    bare: str

    def display(self) -> str:
        """``Name <bare>`` with the name decoded, or the bare address."""
        return display(decode_words(self.name) or "", self.bare)


def _fail(text: str) -> AddressError:
    return AddressError(text)


def _unquote(value: str) -> str:
    if len(value) > 1 and value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
        if "\\" in value:
            out, i = [], 0
            while i < len(value):
                if value[i] == "\\" and i < len(value) - 1:
                    i += 1
                out.append(value[i])
                i += 1
            value = "".join(out)
    return value


def _parse(s: str, strict: bool, header: bool) -> list[tuple[str, Optional[str], bool]]:
    """JavaMail's ``InternetAddress.parse``: ``(address, personal, route_addr)`` triples.

    ``header`` and not ``strict`` is the lenient mode used for message headers: no
    errors, best-effort split.
    """
    ignore = header and not strict
    out: list[tuple[str, Optional[str], bool]] = []
    length = len(s)
    start = end = -1
    start_personal = end_personal = -1
    in_group = route_addr = rfc822 = False
    index = 0

    def finish(end_at: int) -> None:
        addr = s[start:end_at].strip()
        personal: Optional[str] = None
        if rfc822 and start_personal >= 0:
            personal = _unquote(s[start_personal:end_personal].strip())
            if not personal.strip():
                personal = None
        if rfc822 or strict or header:
            if not ignore:
                _check(addr, route_addr, False)
            out.append((addr, personal, route_addr))
        else:  # pragma: no cover - only reached with strict=False, header=False
            for token in addr.split():
                _check(token, False, False)
                out.append((token, None, False))

    while index < length:
        c = s[index]
        if c == "(":
            rfc822 = True
            if start >= 0 and end == -1:
                end = index
            pindex = index
            index += 1
            nesting = 1
            while index < length and nesting > 0:
                c = s[index]
                if c == "\\":
                    index += 1
                elif c == "(":
                    nesting += 1
                elif c == ")":
                    nesting -= 1
                index += 1
            if nesting > 0:
                if not ignore:
                    raise _fail("Missing ')'")
                index = pindex + 1
                continue
            index -= 1
            if start_personal == -1:
                start_personal = pindex + 1
            if end_personal == -1:
                end_personal = index
        elif c == ")":
            if not ignore:
                raise _fail("Missing '('")
            if start == -1:
                start = index
        elif c == "<":
            rfc822 = True
            if route_addr:
                if not ignore:
                    raise _fail("Extra route-addr")
                if start == -1:
                    route_addr = rfc822 = False
                    start = end = -1
                    index += 1
                    continue
                if not in_group:
                    if end == -1:
                        end = index
                    addr = s[start:end].strip()
                    personal = _unquote(s[start_personal:end_personal].strip()) if start_personal >= 0 else None
                    out.append((addr, personal, True))
                    route_addr = rfc822 = False
                    start = end = -1
                    start_personal = end_personal = -1
            rindex = index
            inquote = False
            index += 1
            while index < length:
                c = s[index]
                if c == "\\":
                    index += 1
                elif c == '"':
                    inquote = not inquote
                elif c == ">" and not inquote:
                    break
                index += 1
            if inquote:
                if not ignore:
                    raise _fail("Missing '\"'")
                index = _closing(s, rindex + 1, ">")
            if index >= length:
                if not ignore:
                    raise _fail("Missing '>'")
                index = rindex + 1
                if start == -1:
                    start = rindex
                continue
            if not in_group:
                if start >= 0:
                    start_personal, end_personal = start, rindex
                start = rindex + 1
            route_addr = True
            end = index
        elif c == ">":
            if not ignore:
                raise _fail("Missing '<'")
            if start == -1:
                start = index
        elif c in '"[':  # a quoted string or a domain literal
            opened = index
            closer = '"' if c == '"' else "]"
            rfc822 = True
            if start == -1:
                start = index
            index = _closing(s, index + 1, closer)
            if index >= length:
                if not ignore:
                    raise _fail(f"Missing '{closer}'")
                index = opened + 1
                continue
        elif c in ";,":
            if start == -1:
                route_addr = rfc822 = False
                start = end = -1
            elif c == ";" and in_group:
                in_group = False
                out.append((s[start:index + 1].strip(), None, False))
                route_addr = rfc822 = False
                start = end = -1
                start_personal = end_personal = -1
            else:
                if c == ";" and not ignore:
                    raise _fail("Illegal semicolon, not in group")
                if in_group:
                    route_addr = False
                else:
                    finish(end if end != -1 else index)
                    route_addr = rfc822 = False
                    start = end = -1
                    start_personal = end_personal = -1
        elif c == ":":
            rfc822 = True
            if in_group and not ignore:
                raise _fail("Nested group")
            if start == -1:
                start = index
            if header and not strict:
                name = s[start:index].lower()
                if name in ("mailto", "from", "to", "cc", "subject", "re"):
                    start = -1
                else:
                    in_group = True
            else:
                in_group = True
        elif c in " \t\r\n":
            pass
        elif start == -1:
            start = index
        index += 1

    if start >= 0:
        finish(end if end != -1 else length)
    return out


def _check(addr: str, route_addr: bool, validate: bool) -> None:
    """JavaMail's ``InternetAddress.checkAddress``, with SES's recorded differences."""
    start = 0
    length = len(addr)
    if length == 0:
        raise _fail("Empty address")
    if route_addr and addr[0] == "@":
        i = start
        while True:
            hits = [p for p in (addr.find(",", start), addr.find(":", start)) if p >= 0]
            if not hits:
                break
            i = min(hits)
            if addr[start] != "@":
                raise _fail("Illegal route-addr")
            if addr[i] == ":":
                start = i + 1
                break
            start = i + 1
    c = lastc = ""
    inquote = False
    i = start
    while i < length:
        lastc, c = c, addr[i]
        i += 1
        if c == "\\" or lastc == "\\":
            continue
        if c == '"':
            if inquote:
                if validate and i < length and addr[i] != "@":
                    raise _fail("Quote not at end of local address")
                inquote = False
            else:
                if validate and i - 1 != 0:
                    raise _fail("Quote not at start of local address")
                inquote = True
            continue
        if c == "\r":
            if i < length and addr[i] != "\n":
                raise _fail("Quoted local address contains CR without LF")
        elif c == "\n":
            if i < length and addr[i] not in " \t":
                raise _fail("Quoted local address contains newline without whitespace")
        if inquote:
            continue
        if c == ".":
            if i - 1 == start:
                raise _fail("Local address starts with dot")
            if lastc == ".":
                raise _fail("Local address contains dot-dot")
        if c == "@":
            if i - 1 == 0:
                raise _fail(MISSING_LOCAL)
            if lastc == ".":
                raise _fail("Local address ends with dot")
            break
        if c <= " " or c == "\x7f":
            raise _fail("Local address contains control or whitespace")
        if c in _SPECIALS_NO_DOT:
            raise _fail(ILLEGAL_LOCAL)
    if inquote:
        raise _fail("Unterminated quote")
    if c != "@":
        if validate:
            raise _fail(MISSING_DOMAIN_PART)
        return
    start = i
    if start >= length:
        raise _fail(MISSING_DOMAIN)
    if addr[start] == ".":
        raise _fail("Domain starts with dot")
    inliteral = False
    lastc = ""
    for i in range(start, length):
        c = addr[i]
        if c == "[":
            if i != start:
                raise _fail("Domain literal not at start of domain")
            inliteral = True
        elif c == "]":
            if i != length - 1:
                raise _fail("Domain literal end not at end of domain")
            inliteral = False
        elif c <= " " or c == "\x7f":
            raise _fail("Domain contains control or whitespace")
        elif not inliteral:
            if not (c.isalnum() or c in "-."):
                raise _fail(ILLEGAL_DOMAIN)
            if c == "." and lastc == ".":
                raise _fail("Domain contains dot-dot")
        lastc = c
    if lastc == ".":
        # JavaMail says "Domain ends with dot"; SES answers "Missing domain" for
        # francois@brave.com. (brave/accounts#35; its other input, a quoted local
        # part, SES accepts: docs/_research G22).
        raise _fail(MISSING_DOMAIN)


def _unquoted_ats(value: str) -> int:
    count, inquote, depth, escaped = 0, False, 0, False
    for c in value:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == '"' and not depth:
            inquote = not inquote
        elif inquote:
            continue
        elif c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif c == "@" and not depth:
            count += 1
    return count


# A plain address: dot-atoms of RFC 5322 atext, one @, then a domain of ASCII letters,
# digits and hyphens in dot-separated labels. The JavaMail port accepts every such
# address as it is, with no display name (tests/unit/mail/test_addresses.py compares
# the two), so most addresses skip the character-by-character parse.
_PLAIN = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")


@functools.lru_cache(maxsize=4096)
def parse(address: str) -> Address:
    """Parse one address as SES does, or raise :class:`AddressError` with SES's text."""
    if _PLAIN.fullmatch(address):
        return _plain(Address, (None, address))  # Address(None, address), without its __new__ frame
    return _parse_address(address)


_plain = tuple.__new__


def _parse_address(address: str) -> Address:
    """The JavaMail port's answer for ``address`` (what :func:`parse` answers)."""
    if _unquoted_ats(address) > 1:
        # Two addresses run together: SES says "Illegal address" before JavaMail's
        # domain check would (awsdocs/aws-doc-sdk-examples PR #5191, v2).
        raise _fail(ILLEGAL_ADDRESS)
    found = _parse(address, strict=True, header=False)
    if len(found) != 1:  # JavaMail's InternetAddress(String): none or several
        raise _fail(ILLEGAL_ADDRESS)
    bare, personal, _ = found[0]
    if bare.endswith(";") and ":" in bare:
        raise _fail(ILLEGAL_ADDRESS)  # a group has no mailbox to send to or from
    _check(bare, True, True)
    local, _, domain = bare.rpartition("@")
    # No SMTPUTF8 (seed 004, SendEmail Source; F9). JavaMail lets Unicode letters
    # through, SES does not; the texts are the ones it uses for other bad characters.
    if not local.isascii():
        raise _fail(ILLEGAL_LOCAL)
    if not domain.isascii():
        raise _fail(ILLEGAL_DOMAIN)
    return Address(personal, bare)


def check(address: str) -> str:
    """The bare address of ``address``, or :class:`AddressError` with SES's text."""
    return parse(address).bare


def split_list(value: str) -> list[Address]:
    """The addresses of a header such as ``To:``, leniently split as JavaMail does for headers.

    Group syntax (``Friends: a@x.org;``) is skipped: it names no mailbox of its own.
    """
    return [
        Address(personal, bare)
        for bare, personal, _ in _parse(value, strict=False, header=True)
        if bare and not (bare.endswith(";") and ":" in bare)
    ]


def domain_of(bare: str) -> str:
    return bare.rpartition("@")[2].lower()


def is_simulator(bare: str) -> bool:
    """Mailbox simulator addresses need no verification, even in the sandbox (F24)."""
    return domain_of(bare) == "simulator.amazonses.com"


_PHRASE_SPECIALS = set('()<>@,;:\\".[]')


def _quote_name(name: str) -> str:
    if '"' in name or "\\" in name:
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if any(c in _PHRASE_SPECIALS or c < " " for c in name):
        return f'"{name}"'
    return name


def display(name: str, bare: str) -> str:
    """``Name <bare>`` (quoted where RFC 5322 needs it) or ``bare`` when there is no name."""
    return f"{_quote_name(name)} <{bare}>" if name else bare


def decode_words(value: Optional[str]) -> Optional[str]:
    """Decode RFC 2047 encoded-words (as in a Subject or display name).

    What cannot be decoded stays as written, as JavaMail's ``MimeUtility.decodeText``
    leaves it (SES reads headers with JavaMail; see the module docstring): a word that
    does not decode (``=?utf-8?b?a?=``, bad base64) is kept as text, and a value naming
    a charset there is no decoder for (``=?x-unknown?q?a?=``, ``=?ü?q?x?=``) is
    kept whole (``decodeText`` throws ``UnsupportedEncodingException`` and
    ``getSubject``/``getPersonal`` fall back to the raw value).
    """
    if value is None or "=?" not in value:
        return value
    import email.errors
    import email.header

    if len(value) <= _LONGEST_FOR_THE_STANDARD_LIBRARY:
        try:
            return str(email.header.make_header(email.header.decode_header(value)))
        except (LookupError, UnicodeError, ValueError, email.errors.MessageError):
            pass
    try:
        return _decode_each(value)
    except LookupError:
        return value


# The standard library's decoder joins adjacent words of one charset before decoding them
# (a character split over two words comes out whole), but takes time superlinear in the
# number of words: over this length, words are decoded one by one, in linear time (a 1 MB
# Subject of 80,000 words took seconds per read; found by the fuzz harness).
_LONGEST_FOR_THE_STANDARD_LIBRARY = 16 * 1024

# One encoded-word: =?charset?encoding?text?= (RFC 2047 section 2; no spaces inside).
_ENCODED_WORD = re.compile(r"=\?([^?\s]*)\?([bBqQ])\?([^?\s]*)\?=")


def _decode_each(value: str) -> str:
    """Decode word by word, keeping a word that does not decode as written.

    Raises LookupError for a charset there is no decoder for.
    """
    out: list[str] = []
    position = 0
    after_word = False
    for match in _ENCODED_WORD.finditer(value):
        gap = value[position:match.start()]
        position = match.end()
        decoded = _decode_word(*match.groups())
        if decoded is None:
            out += [gap, match.group(0)]
            after_word = False
            continue
        if not (after_word and not gap.strip()):  # space between two words is dropped (RFC 2047 6.2)
            out.append(gap)
        out.append(decoded)
        after_word = True
    out.append(value[position:])
    return "".join(out)


def _decode_word(charset: str, encoding: str, text: str) -> Optional[str]:
    import binascii
    import codecs
    import email.quoprimime

    name = charset.partition("*")[0]  # RFC 2231 adds a language: =?utf-8*en?q?...?=
    if not name.isascii():
        raise LookupError(name)
    try:
        codec = codecs.lookup(name)  # LookupError: no decoder for this charset
    except ValueError:  # a name codecs cannot even look up ("utf-8\x00")
        raise LookupError(name) from None
    if encoding in "bB":
        try:  # padded as the standard library pads it before decoding
            data = binascii.a2b_base64(text + "==="[: -len(text) % 4])
        except (binascii.Error, ValueError):
            return None
    else:
        data = email.quoprimime.header_decode(text).encode("latin-1")
    return data.decode(codec.name, errors="replace")


def _closing(s: str, index: int, closer: str) -> int:
    """Index of the first unescaped ``closer`` from ``index`` on, or ``len(s)``."""
    while index < len(s):
        c = s[index]
        if c == "\\":
            index += 1
        elif c == closer:
            break
        index += 1
    return index
