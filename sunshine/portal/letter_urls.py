"""The writer's pages of letters, under /letters/ (namespace ``letters``)."""

from django.urls import path

from sunshine.portal import letters

app_name = "letters"
urlpatterns = [
    path("write/", letters.write, name="write"),
    path("write/sent/", letters.written, name="written"),
    path("follow/", letters.follow, name="follow"),
    path("follow/info/", letters.send_info, name="send_info"),
]
