"""/pay/: the areas, and one page per area (its address is the slug of its BLS name)."""

from django.urls import path

from . import views

app_name = "pay"
urlpatterns = [
    path("", views.AreaListView.as_view(), name="areas"),
    path("<slug:slug>/", views.AreaDetailView.as_view(), name="area"),
]
