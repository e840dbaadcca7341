from django.urls import path

from . import json_views, views

app_name = "guides"
urlpatterns = [
    path("", views.GuideListView.as_view(), name="list"),
    # Slugs cannot contain ".", so "<slug>.json" and "<slug>/" never match the same path.
    path("<slug:slug>.json", json_views.GuideJSONView.as_view(), name="detail_json"),
    path("<slug:slug>/", views.GuideDetailView.as_view(), name="detail"),
]
