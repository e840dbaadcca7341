from django.contrib import admin
from django.urls import include, path

from core.health import HealthCheckView
from core.views import HomeView

admin.site.site_header = "CareerPath content"
admin.site.site_title = "CareerPath admin"
admin.site.index_title = "Guides and certifications"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("careers/", include("guides.urls")),
    path("certifications/", include("certifications.urls")),
    path("search/", include("search.urls")),
    path("admin/", admin.site.urls),
    path("healthz", HealthCheckView.as_view(), name="healthz"),
]
