"""Receipt filters: the account's IP address allow and block lists for incoming mail.

A filter names an IPv4 or IPv6 address or CIDR range and a policy. When mail arrives, SES
checks the sending server's address against the filters first: an address in a Block
filter is refused, unless it is also in an Allow filter (Allow wins, developer guide
"Creating IP address filters": "If an IP address is on both lists, ... the allow list
takes precedence" (?)).
"""
from __future__ import annotations

import dataclasses
import ipaddress
from typing import Literal

#: SES's receipt-filter policies (botocore ReceiptFilterPolicy).
Policy = Literal["Allow", "Block"]


@dataclasses.dataclass(frozen=True, slots=True)
class ReceiptFilter:
    """One IP address filter: ``cidr`` is an IPv4 or IPv6 address or range as given (``"10.0.0.0/24"``)."""

    name: str
    cidr: str
    policy: Policy

    @property
    def network(self) -> "ipaddress.IPv4Network | ipaddress.IPv6Network":
        """The filter's range (a single address is a /32 or /128; host bits are ignored)."""
        return ipaddress.ip_network(self.cidr, strict=False)

    def covers(self, ip: str) -> bool:
        """Whether the address ``ip`` is in the filter's range (False for anything else)."""
        try:
            return ipaddress.ip_address(ip) in self.network
        except ValueError:
            return False


def admits(filters: "list[ReceiptFilter] | tuple[ReceiptFilter, ...]", ip: str | None) -> bool:
    """Whether mail from ``ip`` passes ``filters``: not blocked, or blocked and also allowed.

    No address (``None``) passes: a test that gives no source IP is not filtered.
    """
    if ip is None:
        return True
    if any(f.policy == "Allow" and f.covers(ip) for f in filters):
        return True
    return not any(f.policy == "Block" and f.covers(ip) for f in filters)
