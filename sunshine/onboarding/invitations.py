"""The invitation of a new staff account: an e-mail with a link to set a password.

The link carries Django's password-reset token (``default_token_generator``): it works once, for
``PASSWORD_RESET_TIMEOUT`` seconds (three days by default), and stops working as soon as a password
is set. The page behind it is ``onboarding:welcome`` (sunshine/backoffice/onboarding/).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from sunshine.core.messaging import send_email

log = logging.getLogger(__name__)


def invitation_link(user: User, base_url: str = "") -> str:
    """The address that lets ``user`` set a password (a path when ``base_url`` is empty)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("onboarding:welcome", kwargs={"uidb64": uid, "token": token})


def invitation_text(user: User, link: str) -> tuple[str, str]:
    """The subject and body of the invitation."""
    days = max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400))
    subject = _("Your account on %(site)s") % {"site": settings.SITE_NAME}
    body = _(
        "Hello %(name)s,\n\n"
        "an account has been opened for you on %(site)s, the platform of government information "
        "disclosure. Your username is: %(username)s\n\n"
        "Choose your password at this address (it works once, for %(days)s days):\n%(link)s\n\n"
        "Then sign in at the staff back office with your username and that password. If you did not "
        "expect this message, ask your agency's administrator."
    ) % {
        "name": user.first_name or user.get_username(),
        "site": settings.SITE_NAME,
        "username": user.get_username(),
        "days": days,
        "link": link,
    }
    return subject, body


def send_invitation(user: User, base_url: str = "") -> None:
    """E-mail the invitation; raises ``sunshine.core.messaging.SendFailed`` when it does not go out."""
    subject, body = invitation_text(user, invitation_link(user, base_url))
    send_email(user.email, subject, body)
