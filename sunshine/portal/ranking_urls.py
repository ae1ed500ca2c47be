"""Published rankings of assessment schemes, under /oversight/rankings/ (namespace ``rankings``)."""

from django.urls import path

from sunshine.portal import rankings

app_name = "rankings"
urlpatterns = [
    path("", rankings.ranking_list, name="list"),
    path("<int:pk>/", rankings.ranking_detail, name="detail"),
    path("<int:pk>/xlsx/", rankings.ranking_xlsx, name="xlsx"),
]
