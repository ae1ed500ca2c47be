"""Staff pages of letters, under /staff/letters/ (namespace ``letters_staff``)."""

from django.urls import path

from sunshine.backoffice import letter_faq, letter_moderation, letter_replies, letter_templates, letters

app_name = "letters_staff"
urlpatterns = [
    path("", letters.queue, name="queue"),
    path("moderation/", letter_moderation.queue, name="moderation"),
    path("<int:pk>/", letters.detail, name="detail"),
    path("<int:pk>/flag/", letter_moderation.flag, name="flag"),
    path("<int:pk>/actions/<slug:action>/", letters.take_action, name="action"),
    path("<int:pk>/faq/", letter_faq.to_faq, name="to_faq"),
    path("<int:pk>/reply/", letter_replies.save, name="reply_save"),
    path("<int:pk>/reply/template/", letter_replies.from_template, name="reply_template"),
    path("<int:pk>/reply/steps/<slug:step>/", letter_replies.take_step, name="reply_step"),
    path("templates/", letter_templates.template_list, name="templates"),
    path("templates/new/", letter_templates.template_new, name="template_new"),
    path("templates/<int:template_id>/", letter_templates.template_edit, name="template_edit"),
    path(
        "templates/<int:template_id>/deactivate/",
        letter_templates.template_deactivate,
        name="template_deactivate",
    ),
]
