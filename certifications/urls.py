from django.urls import path

from . import views

app_name = "certifications"
urlpatterns = [
    path("", views.CertificationListView.as_view(), name="list"),
    # Before the slug pattern, which would otherwise match these words.
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("finder/", views.FinderView.as_view(), name="finder"),
    path("<slug:slug>/", views.CertificationDetailView.as_view(), name="detail"),
]
