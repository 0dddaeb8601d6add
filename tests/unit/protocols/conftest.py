"""Hypothesis profile for the codec and wire tests.

The default run stays short: each test asks for a small number of examples, scaled
by the active profile's ``max_examples`` (100 by default). ``--hypothesis-profile=deep``
raises that to 2000, so every codec test searches twenty times harder (for example
after touching a codec, or before a release).
"""
from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "deep",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
