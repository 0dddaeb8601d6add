"""Mail mechanics: address checks, MIME building and reading. No botocore here."""
