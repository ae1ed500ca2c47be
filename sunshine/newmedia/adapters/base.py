"""What every platform adapter takes and gives (docs/newmedia.md#cross-posting): the post's content,
the account's credentials and the time allowed per call in; the post's address (or a note) out, or a
``PlatformError`` whose message says in words what the platform answered."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Content:
    title: str
    digest: str  # a short summary
    html: str  # the text as the public reads it (sanitised, masked)
    link: str  # the record's page on the portal


@dataclass(frozen=True)
class Sent:
    url: str = ""  # the post's address on the platform, where it gives one
    note: str = ""  # what else is worth keeping (an id to find the post by)


class PlatformError(Exception):
    """The platform refused the post or could not be reached; the message is for staff."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# (content, credentials, timeout in seconds) → Sent, or PlatformError.
Adapter = Callable[[Content, Mapping[str, str], float], Sent]
