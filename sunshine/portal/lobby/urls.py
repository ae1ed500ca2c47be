"""The lobby screen, under /lobby/ (namespace ``lobby``)."""

from django.urls import path

from sunshine.portal.lobby import views

app_name = "lobby"
urlpatterns = [
    path("", views.start, name="start"),
    path("search/", views.search, name="search"),
    path("records/", views.records, name="records"),
    path("records/<path:index_number>/", views.record, name="record"),
    path("services/", views.guides, name="guides"),
    path("services/<str:code>/", views.guide, name="guide"),
    path("questions/", views.questions, name="questions"),
    path("questions/<int:entry_id>/", views.question, name="question"),
]
