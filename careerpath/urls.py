from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from certifications import urls as certification_urls
from content_packs.views import GuideJSONView
from core.public_pages import public_page
from discovery import urls as discovery_urls

from .health import HealthCheckView
from .sitemaps import SITEMAPS
from .views import HomeView, RobotsView

admin.site.site_header = "CareerPath content"
admin.site.site_title = "CareerPath admin"
admin.site.index_title = "Guides and certifications"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # Slugs cannot contain ".", so "<slug>.json" and "<slug>/" never match the same path.
    path("careers/<slug:slug>.json", GuideJSONView.as_view(), name="guide_json"),
    path("careers/", include("explore.urls")),  # compare/ and fields/: before careers' slugs
    path("careers/", include("guides.urls")),
    path("careers/", include("occupations.urls")),  # reversed only: guides.views.career_page
    # One namespace for every certification page, wherever its view lives: "compare/" (in
    # certifications) must come before discovery's slug pattern.
    path(
        "certifications/",
        include(
            (
                certification_urls.urlpatterns + discovery_urls.urlpatterns,
                certification_urls.app_name,
            )
        ),
    ),
    path("plan/", include("plans.urls")),
    path("", include("questions.urls")),
    path("feedback/", include("feedback.urls")),
    path("search/", include("search.urls")),
    path("admin/", admin.site.urls),
    path("healthz", HealthCheckView.as_view(), name="healthz"),
    path(
        "sitemap.xml",
        public_page(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
]

# A database that does not answer gets a 503 page, not a 500 (core.unavailable).
handler500 = "core.unavailable.server_error"
