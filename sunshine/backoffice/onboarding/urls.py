"""Imports (/staff/import/) and the invitation's page (/staff/welcome/). URL names: ``onboarding:*``."""

from django.urls import path

from sunshine.backoffice.onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<int:pk>/", views.job, name="job"),
    path("import/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("import/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("import/<int:pk>/report.csv", views.report_csv, name="report"),
    path("welcome/done/", views.WelcomeDoneView.as_view(), name="welcome_done"),
    path("welcome/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
]
