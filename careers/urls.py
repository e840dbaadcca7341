"""The /careers/ section, in the order its patterns are tried: words first ("compare",
"fields", "match", "pathway-map", "technology" are no career's address), then a career's own
pages."""

from django.urls import path

from content_packs.views import CareerJSONView
from questions.views import AskQuestionView, QuestionThanksView

from . import views
from .area_pay import CareerAreaPayView
from .finder import FinderView
from .match import MatchAnswersView, MatchView
from .next_steps import NextStepsView
from .technology import TechnologyView

app_name = "careers"
urlpatterns = [
    path("", FinderView.as_view(), name="finder"),
    path("compare/", views.CompareCareersView.as_view(), name="compare"),
    path("fields/", views.FieldListView.as_view(), name="fields"),
    path("match/", MatchView.as_view(), name="match"),
    path("match/answers/", MatchAnswersView.as_view(), name="match_answers"),
    path("fields/<slug:slug>/", views.FieldDetailView.as_view(), name="field"),
    path("pathway-map/", views.PathwayMapView.as_view(), name="pathway_map"),
    path("technology/<slug:slug>/", TechnologyView.as_view(), name="technology"),
    # Slugs cannot contain ".", so "<slug>.json" and "<slug>/" never match the same path.
    path("<slug:slug>.json", CareerJSONView.as_view(), name="json"),
    # A guide, or the handbook profile of that name (views.career_page).
    path("<slug:slug>/", views.career_page, name="detail"),
    path("<slug:slug>/next/", NextStepsView.as_view(), name="next_steps"),
    path("<slug:slug>/pay/", CareerAreaPayView.as_view(), name="area_pay"),
    path("<slug:slug>/ask/", AskQuestionView.as_view(), name="ask"),
    path("<slug:slug>/ask/thanks/", QuestionThanksView.as_view(), name="ask_thanks"),
]
