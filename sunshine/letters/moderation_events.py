"""The entries of a letter's history written by moderation (``letters.moderation``): a duplicate
merged into the writer's earlier letter, and that letter's note of it. The workflow declares them
beside its own (``actions.EVENT_TEXTS``), so their audit codes have words too."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.core.workflow import Texts

MODERATION_EVENTS: dict[str, Texts] = {
    "merge": Texts(
        button="",
        history=_("Letter merged into an earlier letter of the same writer"),
        help="",
        public=lambda d: (
            gettext(
                "Your letter repeats your earlier letter %(code)s: it is handled under that letter's code. "
                "Follow %(code)s for the reply."
            )
            % {"code": d.get("original", "")}
        ),
    ),
    "merged_in": Texts(
        button="",
        history=_("A later letter of the same writer merged into this one"),
        help="",
        public=lambda d: (
            gettext("Your later letter %(code)s repeats this one: it is handled here.")
            % {"code": d.get("duplicate", "")}
        ),
    ),
}
