from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core.public_pages import public_page

from .health import HealthCheckView
from .sitemaps import SITEMAPS
from .views import HomeView, RobotsView

admin.site.site_header = "CareerPath content"
admin.site.site_title = "CareerPath admin"
admin.site.index_title = "Guides and certifications"

# The public pages in both languages: English where they always were, Spanish under /es/
# (core.languages reads the language from the address alone).
urlpatterns = i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("careers/", include("careers.urls")),
    path("pay/", include("pay.urls")),
    path("certifications/", include("certifications.urls")),
    path("plan/", include("plans.urls")),
    path("feedback/", include("feedback.urls")),
    path("search/", include("search.urls")),
    prefix_default_language=False,
)

urlpatterns += [
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
