"""SES's checks on receipt filter, rule set and rule input, with SES's texts.

Sources (probes of SES; floci-io/floci PRs #2128, #3119 and #3163, "probed against AWS"
in us-west-2, 2026-08/09, and their tests):

- Names of rule sets and rules pass two layers. The first is the API's own constraint,
  answered as ``ValidationError`` with the member's path (``ruleSetName``, ``rule.name``,
  ``ruleName``, ``after``, ``originalRuleSetName``): an empty name breaks the length and
  the pattern ``^[a-zA-Z0-9_.-]+$``, other characters the pattern. The second is the
  service's: longer than 64 characters, or not starting and ending with a letter or a
  digit, is ``InvalidParameterValue`` "Not a valid ruleSetName: <name>" (``ruleName``).
- A filter name has no first layer: empty is "filterName must not be empty", anything
  else malformed "Not a valid filterName: <name>".
- A CIDR is one IPv4 or IPv6 address, or a block with an in-range mask, in a strict ASCII
  grammar; anything else is "Invalid CIDR block: <cidr>".
- Recipients are addresses, domains or ``.domain`` (every subdomain); a bad one is
  "Invalid recipient: <recipient>" (an emulator's test suite that checks SES's texts,
  find_string "Invalid recipient: " (?)).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ...validation import message
from ..errors import InvalidParameterValue
from .errors import ReceivingValidation

NAME_PATTERN = "^[a-zA-Z0-9_.-]+$"
_NAME_CHARS = re.compile(r"[a-zA-Z0-9_.\-]+")
MAX_NAME = 64  # "Not a valid ...Name" past 64 characters (floci PR #2128, probed)
# RFC 5322 ftext (printable ASCII but the colon): "Invalid header name: <name>" (floci PR #3119).
_HEADER_NAME = re.compile(r"[\x21-\x39\x3b-\x7e]+")
_IPV4 = re.compile(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}"
                   r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")
_HEX_GROUP = re.compile(r"[0-9a-fA-F]{1,4}")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def _violations(value: str, path: str) -> list[str]:
    """The API-layer constraint violations of a name given as ``value`` at ``path``."""
    if value == "":
        return [f"Value at '{path}' failed to satisfy constraint: Member must have length greater than or equal to 1",
                f"Value at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                f"{NAME_PATTERN}"]
    if not _NAME_CHARS.fullmatch(value):
        return [f"Value at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                f"{NAME_PATTERN}"]
    return []


def raise_violations(found: list[str]) -> None:
    """Raise the one ``ValidationError`` naming every violation in ``found`` (none: return)."""
    if found:
        raise ReceivingValidation(message=message(found))


def shaped(*named: tuple[str | None, str]) -> None:
    """Check the API layer of each ``(value, path)`` (``None`` values skipped), all at once."""
    found: list[str] = []
    for value, path in named:
        if value is not None:
            found += _violations(value, path)
    raise_violations(found)


def well_formed(name: str) -> bool:
    """Whether ``name`` passes both layers: SES's characters, 1 to 64 of them, a letter or
    digit at each end."""
    return (bool(_NAME_CHARS.fullmatch(name)) and len(name) <= MAX_NAME
            and name[0].isascii() and name[0].isalnum() and name[-1].isascii() and name[-1].isalnum())


def service_name(name: str, member: str) -> None:
    """The service layer: "Not a valid <member>: <name>" (member "ruleSetName" or "ruleName")."""
    if not well_formed(name):
        raise InvalidParameterValue(message=f"Not a valid {member}: {name}")


def rule_set_name(name: str, path: str = "ruleSetName") -> None:
    """Both layers for a rule set name parameter; blank is "RuleSetName is required." (floci PR #2128)."""
    if not name.strip():
        raise InvalidParameterValue(message="RuleSetName is required.")
    shaped((name, path))
    service_name(name, "ruleSetName")


def rule_name(name: str, path: str = "ruleName") -> None:
    """Both layers for a rule name parameter (``RuleName``)."""
    shaped((name, path))
    service_name(name, "ruleName")


def filter_name(name: str) -> None:
    """A receipt filter's name (service layer only, floci PR #3163)."""
    if name == "":
        raise InvalidParameterValue(message="filterName must not be empty")
    if not well_formed(name):
        raise InvalidParameterValue(message=f"Not a valid filterName: {name}")


def valid_cidr(cidr: str) -> bool:
    """Whether SES takes ``cidr``: an IPv4 or IPv6 address, optionally with a mask in range."""
    address, slash, mask = cidr.partition("/")
    if slash:
        if not (1 <= len(mask) <= 3 and mask.isascii() and mask.isdigit()):
            return False
    if _IPV4.fullmatch(address):
        return not slash or int(mask) <= 32
    if _ipv6(address):
        return not slash or int(mask) <= 128
    return False


def _ipv6(address: str) -> bool:
    # Bracketed, zone-scoped and IPv4-mapped spellings are refused (floci PR #3163, probed).
    if not address or any(c in address for c in "%.[]"):
        return False
    if address.count("::") > 1:
        return False
    head, sep, tail = address.partition("::")
    groups = [g for part in ((head, tail) if sep else (address,)) for g in ([] if part == "" else part.split(":"))]
    if not all(_HEX_GROUP.fullmatch(g) for g in groups):
        return False
    return len(groups) <= 7 if sep else len(groups) == 8


def cidr(value: str) -> None:
    """"Invalid CIDR block: <cidr>" unless SES takes ``value``."""
    if not valid_cidr(value):
        raise InvalidParameterValue(message=f"Invalid CIDR block: {value}")


def _domain(value: str) -> bool:
    labels = value.split(".")
    return len(labels) >= 1 and all(_LABEL.fullmatch(label) for label in labels) and len(value) <= 253


def valid_recipient(value: str) -> bool:
    """Whether ``value`` is a recipient condition SES takes: an address, a domain, or ``.domain``."""
    lowered = value.lower()
    if "@" in lowered:
        local, _, domain = lowered.rpartition("@")
        return (bool(local) and not any(c.isspace() or c in '"(),:;<>[\\]@' for c in local)
                and local.isascii() and _domain(domain))
    if lowered.startswith("."):
        return _domain(lowered[1:])
    return _domain(lowered)


def recipients(values: Iterable[str]) -> tuple[str, ...]:
    """The recipient conditions as SES stores them: checked, lower-cased, without
    duplicates, sorted (an emulator's tests of SES, find_string id 70446550067 (?)).

    Raises "Invalid recipient: <value>" for the first one SES would refuse.
    """
    kept: set[str] = set()
    for value in values:
        if not valid_recipient(value):
            raise InvalidParameterValue(message=f"Invalid recipient: {value}")
        kept.add(value.lower())
    return tuple(sorted(kept))


def header_name(name: str) -> None:
    if not _HEADER_NAME.fullmatch(name):
        raise InvalidParameterValue(message=f"Invalid header name: {name}")


def header_value(value: str) -> None:
    # A line break is refused, shown as its code: "a\nb" -> "a0x000ab" (an emulator's tests
    # of SES, find_string id 70446550067 (?)); a tab is kept.
    if "\n" in value or "\r" in value:
        shown = value.replace("\r", "0x000d").replace("\n", "0x000a")
        raise InvalidParameterValue(message=f"Invalid header value: {shown}")


MAX_REORDER_NAME = 100  # a RuleNames member's own cap (floci PR #3119, probed)


def reorder_violations(set_name: str, names: list[str]) -> list[str]:
    """The API-layer violations of ReorderReceiptRuleSet: the set name's, then one for
    every malformed rule name together, without an index (floci PR #3119, probed)."""
    found = _violations(set_name, "ruleSetName")
    if any(not n or len(n) > MAX_REORDER_NAME or not _NAME_CHARS.fullmatch(n) for n in names):
        found.append("Value at 'ruleNames' failed to satisfy constraint: Member must satisfy constraint: "
                     f"[Member must have length less than or equal to {MAX_REORDER_NAME}, Member must have "
                     f"length greater than or equal to 1, Member must satisfy regular expression pattern: "
                     f"{NAME_PATTERN}]")
    return found
