"""The public pages of surveys, under /surveys/ (namespace ``surveys``)."""

from django.urls import path

from sunshine.portal import surveys

app_name = "surveys"
urlpatterns = [
    path("", surveys.survey_list, name="list"),
    path("<int:pk>/", surveys.survey_detail, name="detail"),
]
