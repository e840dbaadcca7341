from django.urls import path

from . import views

# careerpath.urls adds discovery.urls to this namespace, after these: the finder, and the
# certification pages' slug pattern, which must come after "compare/".
app_name = "certifications"
urlpatterns = [
    path("", views.CertificationListView.as_view(), name="list"),
    path("compare/", views.CompareView.as_view(), name="compare"),
]
