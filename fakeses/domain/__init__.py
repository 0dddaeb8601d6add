"""The SES account: identities, account settings, sending and what was sent.

Plain dataclasses keyed by (account, region), one lock per regional backend. This
package speaks SES, not the wire: it imports nothing from botocore, ``fakeses.api`` or
``fakeses.protocols`` (a test walks the imports).
"""
