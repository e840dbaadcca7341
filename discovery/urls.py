from django.urls import path

from . import views

# No namespace of its own: careerpath.urls serves these after certifications.urls, in the
# certifications namespace ("certifications:finder", "certifications:detail").
urlpatterns = [
    # Before the slug pattern, which would otherwise match this word.
    path("finder/", views.FinderView.as_view(), name="finder"),
    path("<slug:slug>/", views.CertificationDetailView.as_view(), name="detail"),
]
