"""The /certifications/ section, in the order its patterns are tried: the words ("compare",
"finder") before a certification's code."""

from django.urls import path

from . import views

app_name = "certifications"
urlpatterns = [
    path("", views.CertificationListView.as_view(), name="list"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("finder/", views.FinderView.as_view(), name="finder"),
    path("<slug:slug>/", views.CertificationDetailView.as_view(), name="detail"),
]
