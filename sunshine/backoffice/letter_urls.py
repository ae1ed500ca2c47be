"""Staff pages of letters, under /staff/letters/ (namespace ``letters_staff``)."""

from django.urls import path

from sunshine.backoffice import letter_faq, letter_moderation, letters

app_name = "letters_staff"
urlpatterns = [
    path("", letters.queue, name="queue"),
    path("moderation/", letter_moderation.queue, name="moderation"),
    path("<int:pk>/", letters.detail, name="detail"),
    path("<int:pk>/flag/", letter_moderation.flag, name="flag"),
    path("<int:pk>/actions/<slug:action>/", letters.take_action, name="action"),
    path("<int:pk>/faq/", letter_faq.to_faq, name="to_faq"),
]
