from django.urls import path

from sunshine.portal import feeds, interaction, records, requests, search, sitemaps, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("search/", search.search_page, name="search"),
    path("interaction/", interaction.interaction, name="interaction"),
    path("agencies/<str:code>/", views.agency_detail, name="agency_detail"),
    path("agencies/<str:code>/feed.rss", feeds.agency_rss, name="agency_feed_rss"),
    path("agencies/<str:code>/feed.atom", feeds.agency_atom, name="agency_feed_atom"),
    path("agencies/<str:code>/categories/<str:key>/", records.category_listing, name="category_records"),
    path("agencies/<str:code>/categories/<str:key>/feed.rss", feeds.category_rss, name="category_feed_rss"),
    path(
        "agencies/<str:code>/categories/<str:key>/feed.atom", feeds.category_atom, name="category_feed_atom"
    ),
    # Longer record addresses first: an index number holds a "/" (<path:...> takes the rest).
    path("records/<path:index_number>/print/", records.record_print, name="record_print"),
    path(
        "records/<path:index_number>/files/<int:attachment_id>/",
        records.attachment_download,
        name="record_attachment",
    ),
    path("records/<path:index_number>/", records.record_detail, name="record_detail"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml", sitemaps.section, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap_section"
    ),
    path(
        "agencies/<str:code>/requests/statistics/",
        requests.agency_statistics,
        name="agency_request_statistics",
    ),
    path("requests/apply/", requests.apply, name="request_apply"),
    path("requests/apply/submitted/", requests.submitted, name="request_submitted"),
    path(
        "requests/apply/submitted/receipt.pdf",
        requests.submitted_receipt_pdf,
        name="request_submitted_receipt_pdf",
    ),
    path("requests/status/", requests.status, name="request_status"),
    path("requests/status/withdraw/", requests.withdraw, name="request_withdraw"),
    path("requests/follow/<str:code>/<str:token>/", requests.private, name="request_private"),
    path(
        "requests/follow/<str:code>/<str:token>/notices/<slug:kind>.pdf",
        requests.private_notice,
        name="request_notice",
    ),
    path(
        "requests/follow/<str:code>/<str:token>/files/<int:file_id>/",
        requests.private_file,
        name="request_file",
    ),
    path("requests/status/correction/", requests.correction, name="request_correction"),
    path("requests/status/rating/", requests.rating, name="request_rating"),
    path("requests/status/fee/", requests.fee, name="request_fee"),
]
