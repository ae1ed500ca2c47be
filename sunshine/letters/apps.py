from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "sunshine.letters"
    label = "letters"
    verbose_name = _("Letters")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from sunshine.letters.models import Letter
        from sunshine.letters.public import on_letter_saved

        post_save.connect(on_letter_saved, sender=Letter, dispatch_uid="letters.public_words")
