from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("careers/<slug:slug>/ask/", views.AskQuestionView.as_view(), name="ask"),
    path("careers/<slug:slug>/ask/thanks/", views.QuestionThanksView.as_view(), name="thanks"),
]
