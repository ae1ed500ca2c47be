"""The records' fixtures (tests/records/conftest.py) for the back-office pages: attachments in a
temporary folder (autouse), and the reviewer, signer and officer of another bureau."""

from tests.records.conftest import fred, media, rita, simon

__all__ = ["fred", "media", "rita", "simon"]
