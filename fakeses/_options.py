"""The options of a fake, checked in one place for every way of giving them.

``fakeses(...)``, ``@fakeses(...)``, ``@pytest.mark.fakeses(...)`` and the handle's
``region=`` / ``account_id=`` arguments are checked here. A wrong option is the test
author's mistake, so it is a Python exception with a sentence saying what to write
(STYLE.md, "Errors"): ``TypeError`` for an unknown option or a value of the wrong type,
``ValueError`` for a value of the right type that cannot be one.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, Union

DEFAULT_ACCOUNT_ID = "123456789012"

#: Every option, in the order the docs list them, with its default. The plugin's marker
#: takes exactly these (conftest_plugin reads this list).
OPTIONS: dict[str, Any] = {
    "region": None,
    "account_id": DEFAULT_ACCOUNT_ID,
    "sandbox": False,
    "auto_verify": True,
    "raise_on_rendering_failure": False,
    "outcomes": "deliver",
}

# botocore's own rule for a client's region_name (botocore.utils.validate_region_name):
# any region a client can be created for is one a fake can default to.
_REGION = re.compile(r"(?!-)[a-zA-Z0-9-]{1,63}(?<!-)")


def _shown(value: object) -> str:
    return f"{value!r} ({type(value).__name__})"


def check_region(value: object, caller: str) -> str:
    """``value`` if it is a region name botocore accepts; else TypeError or ValueError."""
    if not isinstance(value, str):
        raise TypeError(f"{caller}: region must be a region name such as 'eu-west-1', not {_shown(value)}")
    if not _REGION.fullmatch(value):
        raise ValueError(f"{caller}: region must be a region name such as 'eu-west-1', not {value!r}")
    return value


def check_account_id(value: object, caller: str) -> str:
    """``value`` if it is an AWS account id (12 digits, as a string); else TypeError or ValueError."""
    if not isinstance(value, str):
        raise TypeError(f"{caller}: account_id must be a string of 12 digits such as '123456789012', "
                        f"not {_shown(value)}")
    if not (len(value) == 12 and value.isascii() and value.isdigit()):
        raise ValueError(f"{caller}: account_id must be 12 digits such as '123456789012', not {value!r}")
    return value


_PRINCIPAL = re.compile(r"arn:aws[a-z-]*:(iam::\d{12}:(user|role)/[\w+=,.@/-]+"
                        r"|sts::\d{12}:assumed-role/[\w+=,.@-]+/[\w+=,.@-]+)")


def check_principal(value: object, caller: str) -> str:
    """``value`` if it is an IAM user, role or assumed-role ARN; else TypeError or ValueError."""
    example = "'arn:aws:iam::222233334444:user/ann' or 'arn:aws:iam::222233334444:role/mailer'"
    if not isinstance(value, str):
        raise TypeError(f"{caller}: principal must be an IAM ARN such as {example}, not {_shown(value)}")
    if not _PRINCIPAL.fullmatch(value):
        raise ValueError(f"{caller}: principal must be an IAM user, role or assumed-role ARN such as "
                         f"{example}, not {value!r}")
    return value


_OUTCOMES_EXAMPLE = "{'*@bounces.example.org': 'bounce', '*': 'hold'}"


def check_outcomes(value: object, caller: str) -> Union[str, tuple[tuple[str, str], ...]]:
    """``value`` as the domain holds it (one outcome, or (pattern, outcome) pairs in order)
    if it is an outcome or a mapping of address patterns to outcomes; else TypeError or
    ValueError."""
    # Imported here: the outcomes module brings the event documents, which `import
    # fakeses` leaves for later (tests/unit/test_layers.py).
    from .domain.outcomes import OUTCOMES

    names = ", ".join(map(repr, OUTCOMES))

    def named(outcome: str, where: str) -> str:
        if outcome in OUTCOMES:
            return outcome
        close = difflib.get_close_matches(outcome, OUTCOMES, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"{caller}: {where} must be one of {names}, not {outcome!r}{hint}")

    if isinstance(value, str):
        return named(value, "outcomes")
    if isinstance(value, Mapping):
        pairs = []
        for pattern, outcome in value.items():
            if not isinstance(pattern, str) or not isinstance(outcome, str):
                raise TypeError(f"{caller}: outcomes maps address patterns to outcomes, both strings, "
                                f"such as {_OUTCOMES_EXAMPLE}; not {pattern!r}: {outcome!r}")
            if not pattern.strip():
                raise ValueError(f"{caller}: outcomes has an empty address pattern; write a pattern such as "
                                 f"'*@example.org' or 'bounce-*@example.org'")
            pairs.append((pattern, named(outcome, f"outcomes[{pattern!r}]")))
        return tuple(pairs)
    raise TypeError(f"{caller}: outcomes must be one of {names}, or a dict of address patterns "
                    f"to them such as {_OUTCOMES_EXAMPLE}, not {_shown(value)}")


def check_options(options: Mapping[str, Any], caller: str) -> dict[str, Any]:
    """The options, checked: names, then each value. ``caller`` names the form the test
    used (``"fakeses()"``, ``"@pytest.mark.fakeses"``) at the start of the message.

    Raises TypeError for an unknown name (naming it, with the closest option if one is
    close, and listing all) or a value of the wrong type, ValueError for a bad value.
    """
    unknown = [name for name in options if name not in OPTIONS]
    if unknown:
        named = []
        for name in unknown:
            close = difflib.get_close_matches(name, OPTIONS, n=1)
            named.append(f"{name} (did you mean {close[0]}?)" if close else name)
        raise TypeError(f"{caller} got unknown option(s) {', '.join(named)}; "
                        f"the options are {', '.join(OPTIONS)}")
    checked = dict(options)
    for name, value in options.items():
        if name == "region":
            if value is not None:
                check_region(value, caller)
        elif name == "account_id":
            check_account_id(value, caller)
        elif name == "outcomes":
            check_outcomes(value, caller)
        elif not isinstance(value, bool):
            raise TypeError(f"{caller}: {name} must be True or False, not {_shown(value)}")
    return checked
