from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("", views.CareerListView.as_view(), name="list"),
    # Before careers' slugs: no handbook profile or guide is called "pathway-map".
    path("pathway-map/", views.PathwayMapView.as_view(), name="pathway_map"),
    # /careers/<slug>.json is content_packs.views.GuideJSONView, routed in careerpath/urls.py.
    # A guide, or the handbook profile of that name (see views.career_page).
    path("<slug:slug>/", views.career_page, name="detail"),
]
