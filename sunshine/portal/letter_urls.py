"""The writer's and the public's pages of letters, under /letters/ (namespace ``letters``)."""

from django.urls import path, re_path

from sunshine.portal import letters, public_letters

app_name = "letters"
urlpatterns = [
    path("", public_letters.public_list, name="public_list"),
    path("statistics/", public_letters.statistics_page, name="statistics"),
    path("write/", letters.write, name="write"),
    path("write/sent/", letters.written, name="written"),
    path("follow/", letters.follow, name="follow"),
    path("follow/info/", letters.send_info, name="send_info"),
    path("follow/rating/", letters.rate, name="rate"),
    path("follow/reopen/", letters.reopen, name="reopen"),
    # A published letter by its tracking code (X2026-ABCDEFGH): never a word of the paths above.
    re_path(r"^(?P<tracking_code>X\d{4}-[0-9A-Z]{8})/$", public_letters.public_detail, name="public_detail"),
]
