from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.throttle import Throttle

from .forms import FeedbackForm, page_asking_for_feedback
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
        return [Crumb(_("Page feedback"))]

    def get_initial(self):
        # Only a page of this site that asks for feedback is carried: a made-up path in the
        # link (another site, `javascript:`…) is dropped, never shown nor linked to.
        initial = {"path": page_asking_for_feedback(self.request.GET.get("path")) or ""}
        if self.request.GET.get("useful") in ("yes", "no"):
            initial["useful"] = self.request.GET["useful"]
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["about_path"] = page_asking_for_feedback(context["form"]["path"].value())
        return context

    def form_valid(self, form):
        path = form.cleaned_data["path"]
        if not feedback_throttle().allow(self.request):
            messages.warning(
                self.request,
                _(
                    "Thank you, but we have had a lot of feedback from you in the last hour; "
                    "please try again later."
                ),
                extra_tags="feedback",
            )
            return redirect(f"{path}#feedback")
        PageFeedback.objects.create(
            path=path, useful=form.cleaned_data["useful"], comment=form.cleaned_data["comment"]
        )
        messages.success(self.request, _("Thank you for your feedback."), extra_tags="feedback")
        return redirect(f"{path}#feedback")
