from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.PlanView.as_view(), name="plan"),
    path("start/<slug:slug>/", views.StartPlanView.as_view(), name="start"),
    path("remove/<slug:slug>/", views.RemovePlanView.as_view(), name="remove"),
    path("print/", views.PlanPrintView.as_view(), name="print"),
    path("calendar.ics", views.PlanCalendarView.as_view(), name="calendar"),
]
