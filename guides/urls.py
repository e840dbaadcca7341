from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("", views.GuideListView.as_view(), name="list"),
    # /careers/<slug>.json is content_packs.views.GuideJSONView, routed in careerpath/urls.py.
    path("<slug:slug>/", views.GuideDetailView.as_view(), name="detail"),
]
