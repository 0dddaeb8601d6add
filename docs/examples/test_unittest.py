"""A unittest.TestCase decorated with @fakeses: every test gets a fresh fake."""
import unittest

import boto3

from fakeses import fakeses

REGION = "us-east-1"


@fakeses
class SignupMailTest(unittest.TestCase):
    def setUp(self):
        # The fake is already active here: setUp runs inside it.
        self.fake = fakeses.current()
        self.ses = boto3.client("sesv2", region_name=REGION)
        self.ses.create_email_identity(EmailIdentity="example.com")

    def send(self, to):
        self.ses.send_email(
            FromEmailAddress="hello@example.com",
            Destination={"ToAddresses": [to]},
            Content={"Simple": {"Subject": {"Data": "Welcome"}, "Body": {"Html": {"Data": "<h1>Hi</h1>"}}}},
        )

    def test_one_message_is_sent(self):
        self.send("ann@example.org")
        [message] = self.fake.sent_messages
        self.assertEqual(message.to, ["ann@example.org"])
        self.assertEqual(message.html, "<h1>Hi</h1>")
        self.assertIsNone(message.text)

    def test_each_test_starts_empty(self):
        self.assertEqual(self.fake.sent_messages, [])
        identities = self.ses.list_email_identities()["EmailIdentities"]
        self.assertEqual([i["IdentityName"] for i in identities], ["example.com"])


if __name__ == "__main__":
    unittest.main()
