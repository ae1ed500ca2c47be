"""Back-office pages of common questions, under /staff/faq/ (namespace ``faq_staff``)."""

from django.urls import path

from sunshine.backoffice import faq_views

app_name = "faq_staff"
urlpatterns = [
    path("", faq_views.entry_list, name="list"),
    path("new/", faq_views.entry_create, name="create"),
    path("<int:entry_id>/", faq_views.entry_detail, name="detail"),
    path("<int:entry_id>/<slug:action>/", faq_views.entry_action, name="action"),
]
