"""Pagination with opaque tokens, shared by v1 and v2 (tokens work across both, F29)."""
from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Optional, TypeVar

from .errors import InvalidParameterValue

T = TypeVar("T")


class InvalidToken(InvalidParameterValue):
    fmt = "Invalid NextToken value."


def page(items: Sequence[T], token: Optional[str], size: int) -> tuple[list[T], Optional[str]]:
    """One page of ``items`` from ``token`` on, and the token of the next page (or None)."""
    start = 0
    if token:
        try:
            start = int(base64.urlsafe_b64decode(token.encode("ascii")).decode("ascii"))
        except (ValueError, UnicodeError):
            raise InvalidToken() from None
        if start < 0 or start > len(items):
            raise InvalidToken()
    end = start + size
    following = base64.urlsafe_b64encode(str(end).encode()).decode("ascii") if end < len(items) else None
    return list(items[start:end]), following
