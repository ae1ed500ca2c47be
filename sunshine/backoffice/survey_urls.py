"""Staff pages of surveys, under /staff/surveys/ (namespace ``surveys_staff``)."""

from django.urls import path

from sunshine.backoffice import surveys

app_name = "surveys_staff"
urlpatterns = [
    path("", surveys.survey_list, name="list"),
    path("new/", surveys.survey_create, name="create"),
    path("<int:pk>/", surveys.survey_detail, name="detail"),
    path("<int:pk>/results/", surveys.survey_results, name="results"),
    path("<int:pk>/steps/<slug:action>/", surveys.survey_step, name="step"),
]
