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
from ._activation import Activation, fakeses
from ._handle import FakeSES
from ._net import UnservedRequest
from .domain.attachments import Attachment
from .domain.authorization import AuthorizationDecision
from .domain.errors import RenderingFailure
from .domain.events import Event, Publication
from .domain.messages import SentMessage
from .domain.receiving.records import (
    ActionResult,
    FilterDecision,
    ReceivedMail,
    RuleResult,
    Verdicts,
)

__all__ = [
    "fakeses", "Activation", "FakeSES", "SentMessage", "Attachment", "Event", "Publication", "RenderingFailure",
    "UnservedRequest", "AuthorizationDecision", "ReceivedMail", "RuleResult", "ActionResult", "FilterDecision",
    "Verdicts",
]
__version__ = "0.1.0"
