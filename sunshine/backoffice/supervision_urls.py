"""Staff pages of electronic supervision, under /staff/supervision/ (namespace ``supervision_staff``)."""

from django.urls import path

from sunshine.backoffice import supervision

app_name = "supervision_staff"
urlpatterns = [
    path("", supervision.overview, name="overview"),
    path("cases/", supervision.cases, name="cases"),
    path("agencies/<str:code>/", supervision.agency, name="agency"),
    path("agencies/<str:code>/notices/", supervision.issue, name="issue"),
    path("notices/<int:pk>/", supervision.notice, name="notice"),
    path("notices/<int:pk>/actions/<slug:action>/", supervision.notice_action, name="notice_action"),
]
