"""The public pages of common questions, under /faq/ (namespace ``faq``)."""

from django.urls import path

from sunshine.portal import faq

app_name = "faq"
urlpatterns = [
    path("", faq.faq_search, name="search"),
    path("<int:entry_id>/", faq.faq_detail, name="detail"),
]
