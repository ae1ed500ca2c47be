"""Staff pages of service cases, under /staff/cases/ (namespace ``cases_staff``)."""

from django.urls import path

from sunshine.backoffice import cases

app_name = "cases_staff"
urlpatterns = [
    path("", cases.queue, name="queue"),
    path("<int:pk>/", cases.detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", cases.take_action, name="action"),
    path("<int:pk>/documents/<slug:kind>/", cases.document, name="document"),
]
