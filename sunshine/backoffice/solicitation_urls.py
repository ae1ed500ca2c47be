"""Staff pages of solicitations, under /staff/solicitations/ (namespace ``solicitations_staff``)."""

from django.urls import path

from sunshine.backoffice import solicitations

app_name = "solicitations_staff"
urlpatterns = [
    path("", solicitations.solicitation_list, name="list"),
    path("new/", solicitations.solicitation_create, name="create"),
    path("<int:pk>/", solicitations.solicitation_detail, name="detail"),
    path("<int:pk>/comments/", solicitations.comment_moderation, name="moderate"),
    path("<int:pk>/steps/<slug:action>/", solicitations.solicitation_step, name="step"),
]
