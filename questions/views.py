import logging

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core.throttle import Throttle
from guides.selectors import GuideSubpageMixin

from .forms import AskQuestionForm

logger = logging.getLogger(__name__)


def question_throttle() -> Throttle:
    return Throttle("questions", settings.QUESTIONS_PER_HOUR, 60 * 60)


class GuideQuestionMixin(GuideSubpageMixin):
    crumb = gettext_lazy("Ask a question")


class AskQuestionView(GuideQuestionMixin, FormView):
    """The question form (also shown on the guide page); POST-redirect-GET to a thank-you page."""

    template_name = "questions/ask.html"
    form_class = AskQuestionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "retention_days": settings.QUESTION_EMAIL_DAYS}

    def form_valid(self, form):
        if not question_throttle().allow(self.request):
            form.add_error(
                None,
                _(
                    "You have sent %(count)s questions in the last hour, which is our limit. "
                    "Please try again later; your question is still here."
                )
                % {"count": settings.QUESTIONS_PER_HOUR},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if form.is_spam():
            logger.info("question on %s dropped: honeypot filled", self.guide.slug)
        else:
            form.instance.guide = self.guide
            form.save()
        return redirect("careers:ask_thanks", slug=self.guide.slug)


class QuestionThanksView(GuideQuestionMixin, TemplateView):
    template_name = "questions/thanks.html"
