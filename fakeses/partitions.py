"""SES's regions, by partition, read from botocore's endpoint data (never typed by hand).

A layer beside ``validation``: it reads botocore's data files, and ``api`` may ask it
(``api`` itself imports nothing from botocore; tests/unit/test_layers.py).
"""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=None)
def ses_regions(region: str) -> frozenset[str]:
    """The regions with SES (the ``email`` service of ``endpoints.json``, FIPS names and
    deprecated entries left out) in ``region``'s partition; empty for a region botocore
    does not list for SES."""
    from botocore.loaders import create_loader

    for partition in create_loader().load_data("endpoints")["partitions"]:
        endpoints = partition.get("services", {}).get("email", {}).get("endpoints", {})
        regions = frozenset(name for name, value in endpoints.items()
                            if "fips" not in name and not (isinstance(value, dict) and value.get("deprecated")))
        if region in regions:
            return regions
    return frozenset()
