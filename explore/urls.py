from django.urls import path

from . import views

app_name = "explore"
# Included before guides.urls: "compare" and "fields" are not careers' slugs.
urlpatterns = [
    path("compare/", views.CompareCareersView.as_view(), name="compare"),
    path("fields/", views.FieldListView.as_view(), name="fields"),
    path("fields/<slug:slug>/", views.FieldDetailView.as_view(), name="field"),
]
