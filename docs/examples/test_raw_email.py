"""SendRawEmail with an attachment, built with the standard library, read back from the fake."""
from email.message import EmailMessage

import boto3

from fakeses import fakeses

REGION = "us-east-1"


def test_the_attachment_arrives():
    report = EmailMessage()
    report["From"] = "Reports <reports@example.com>"
    report["To"] = "ann@example.org"
    report["Subject"] = "Your monthly report"
    report.set_content("The report is attached.")
    report.add_attachment(b"month,total\nMay,42\n", maintype="text", subtype="csv", filename="report.csv")

    with fakeses() as fake:
        fake.verify_identity("example.com", region=REGION)
        ses = boto3.client("ses", region_name=REGION)
        ses.send_raw_email(RawMessage={"Data": report.as_bytes()})

    sent = fake.sent_messages[-1]
    assert sent.operation == "SendRawEmail"
    assert sent.to == ["ann@example.org"]
    assert sent.subject == "Your monthly report"
    assert sent.text.strip() == "The report is attached."
    [attachment] = sent.attachments
    assert attachment.filename == "report.csv"
    assert attachment.content_type == "text/csv"
    assert attachment.content == b"month,total\nMay,42\n"
