from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.throttle import Throttle

from .forms import FeedbackForm
from .models import PageFeedback


def feedback_throttle() -> Throttle:
    return Throttle("feedback", settings.FEEDBACK_PER_HOUR, 60 * 60)


class FeedbackView(BreadcrumbsMixin, FormView):
    """The "Was this page useful?" form, on a page of its own, and back to the page after.

    The page asked about links here with the visitor's answer (?path=…&useful=yes), which is
    chosen already; a comment is optional. A form with errors is shown again with what was
    typed. If the database is down, the 503 page keeps what was typed (core.unavailable).
    """

    template_name = "feedback/feedback_form.html"
    form_class = FeedbackForm
    http_method_names = ["get", "post"]

    def get_breadcrumbs(self):
        return [Crumb("Page feedback")]

    def get_initial(self):
        initial = {"path": self.request.GET.get("path", "")}
        if self.request.GET.get("useful") in ("yes", "no"):
            initial["useful"] = self.request.GET["useful"]
        return initial

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
        PageFeedback.objects.create(
            path=path, useful=form.cleaned_data["useful"], comment=form.cleaned_data["comment"]
        )
        messages.success(self.request, "Thank you for your feedback.", extra_tags="feedback")
        return redirect(f"{path}#feedback")
