import logging

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.shortcuts import redirect
from django.views.generic import FormView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.throttle import Throttle

from .forms import FeedbackForm
from .models import PageFeedback

logger = logging.getLogger(__name__)


def feedback_throttle() -> Throttle:
    return Throttle("feedback", settings.FEEDBACK_PER_HOUR, 60 * 60)


class FeedbackView(BreadcrumbsMixin, FormView):
    """Receives the "Was this page useful?" form and sends the visitor back to the page.

    Saving is best effort: if the database fails, the visitor gets a polite message and the
    failure is logged. A form with errors is shown on its own page with what was typed.
    """

    template_name = "feedback/feedback_form.html"
    form_class = FeedbackForm
    http_method_names = ["get", "post"]

    def get_breadcrumbs(self):
        return [Crumb("Page feedback")]

    def get_initial(self):
        return {"path": self.request.GET.get("path", "")}

    def form_valid(self, form):
        path = form.cleaned_data["path"]
        if not feedback_throttle().allow(self.request):
            messages.warning(
                self.request,
                "Thank you, but we have had a lot of feedback from you in the last hour; "
                "please try again later.",
                extra_tags="feedback",
            )
            return redirect(f"{path}#feedback")
        try:
            PageFeedback.objects.create(
                path=path, useful=form.cleaned_data["useful"], comment=form.cleaned_data["comment"]
            )
        except DatabaseError:
            logger.exception("feedback for %s could not be saved", path)
            messages.warning(
                self.request,
                "Sorry, we could not save your feedback just now. Please try later.",
                extra_tags="feedback",
            )
        else:
            messages.success(self.request, "Thank you for your feedback.", extra_tags="feedback")
        return redirect(f"{path}#feedback")
