from django.urls import path

from . import views

app_name = "occupations"
# /careers/<slug>/ is routed through guides.views.career_page (a guide, or else this profile),
# so this pattern is only ever reversed: profiles and guides share one address space.
urlpatterns = [
    path("<slug:slug>/", views.OccupationDetailView.as_view(), name="detail"),
]
