"""fakeses: Amazon SES (v1 and v2) faked inside the test process.

>>> import boto3
>>> from fakeses import fakeses
>>> with fakeses() as fake:
...     ses = boto3.client("sesv2", region_name="us-east-1")
...     _ = ses.create_email_identity(EmailIdentity="example.com")
...     _ = ses.send_email(
...         FromEmailAddress="hello@example.com",
...         Destination={"ToAddresses": ["ann@example.org"]},
...         Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
...     )
...     [message] = fake.sent_messages
>>> message.to, message.subject
(['ann@example.org'], 'Hi')
"""
from typing import TYPE_CHECKING, Any

from ._activation import Activation, fakeses
from ._handle import FakeSES
from ._net import UnservedRequest
from .domain.attachments import Attachment
from .domain.errors import RenderingFailure
from .domain.events import Event, Publication
from .domain.messages import SentMessage

if TYPE_CHECKING:
    from .domain.authorization import AuthorizationDecision
    from .domain.receiving.records import (
        ActionResult,
        FilterDecision,
        ReceivedMail,
        RuleResult,
        Verdicts,
    )

# Records of capabilities a test may never use, loaded when first named (PEP 562), so that
# `import fakeses` stays cheap (docs/benchmarks.md).
_LAZY = {
    "AuthorizationDecision": "fakeses.domain.authorization",
    "ReceivedMail": "fakeses.domain.receiving.records",
    "RuleResult": "fakeses.domain.receiving.records",
    "ActionResult": "fakeses.domain.receiving.records",
    "FilterDecision": "fakeses.domain.receiving.records",
    "Verdicts": "fakeses.domain.receiving.records",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'fakeses' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

__all__ = [
    "fakeses", "Activation", "FakeSES", "SentMessage", "Attachment", "Event", "Publication", "RenderingFailure",
    "UnservedRequest", "AuthorizationDecision", "ReceivedMail", "RuleResult", "ActionResult", "FilterDecision",
    "Verdicts",
]
__version__ = "0.1.0"
