import hashlib
from functools import cached_property

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.cache import CachedFragmentsMixin
from core.models import published_q
from core.structured_data import json_ld_script
from plans.plan import PlanStore
from questions.forms import AskQuestionForm

from .forms import PayRegionForm
from .models import GUIDE_PARTS, CareerGuide, GuideCertification, ProgressionStep
from .pay import known_regions, pay_explorer, pay_states
from .structured_data import guide_structured_data


class GuideListView(CachedFragmentsMixin, BreadcrumbsMixin, ListView):
    template_name = "guides/guide_list.html"
    context_object_name = "guides"

    def get_breadcrumbs(self):
        return [Crumb("Careers")]

    def get_queryset(self):
        return CareerGuide.objects.visible_to(self.request.user).only(
            "title", "slug", "summary", "field", "status", "publish_at"
        )


class GuideDetailView(CachedFragmentsMixin, BreadcrumbsMixin, DetailView):
    # ask_fields: the blank ask form is the same for everyone, so its fields are cached too.
    fragment_names = (
        "title",
        "description",
        "banner",
        "intro",
        "main",
        "structured_data",
        "ask_fields",
    )
    template_name = "guides/guide_detail.html"
    has_visitor_forms = True
    context_object_name = "guide"

    def get_queryset(self):
        # Every part of the guide, one query each; two need their own querysets.
        special = {"progression", "recommended_certifications"}
        return CareerGuide.objects.visible_to(self.request.user).prefetch_related(
            *(part for part in GUIDE_PARTS if part not in special),
            Prefetch(
                "progression",
                queryset=ProgressionStep.objects.select_related("next_guide"),
            ),
            Prefetch(
                "recommended_certifications",
                queryset=self.recommended_certifications(),
            ),
        )

    def get_breadcrumbs(self):
        return [Crumb("Careers", reverse("guides:list")), Crumb(self.object.title)]

    def fragments_cache_key(self) -> str:
        # The pay section depends on ?state=: one cached copy per known state, one for the rest.
        key = super().fragments_cache_key()
        state = self.request.GET.get("state", "")
        if not state:
            return key
        if state in known_regions():
            return f"{key}:state={hashlib.sha256(state.encode()).hexdigest()}"
        return f"{key}:state=unknown"

    def visitor_context(self) -> dict:
        slug = self.kwargs["slug"]
        return {
            "guide_slug": slug,
            "visitor_plan": self.visitor_plan,
        }

    def visitor_state(self) -> str:
        return repr(self.visitor_plan)

    @cached_property
    def visitor_plan(self) -> dict | None:
        return PlanStore(self.request).summary(self.kwargs["slug"])

    def recommended_certifications(self):
        links = GuideCertification.objects.select_related("certification__body")
        if not self.request.user.is_staff:
            links = links.filter(published_q("certification__"))
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        guide = self.object
        bands = list(guide.salary_bands.all())
        query = self.request.GET if "state" in self.request.GET else None
        pay_form = PayRegionForm(pay_states(bands), query)
        pay = pay_explorer(bands, state=pay_form.chosen_state())
        context.update(
            pay=pay,
            pay_form=pay_form,
            median_band=pay.headline_median,
            certification_links=list(guide.recommended_certifications.all()),
            tools_by_kind=self.tools_by_kind(guide),
            blank_ask_form=AskQuestionForm(retention_days=settings.QUESTION_EMAIL_DAYS),
        )
        context["structured_data"] = json_ld_script(
            guide_structured_data(
                self.request,
                guide,
                pay_chart=pay.main,
                certification_links=context["certification_links"],
                breadcrumbs=context["breadcrumbs"],
            )
        )
        return context

    @staticmethod
    def tools_by_kind(guide):
        grouped: dict[str, list] = {}
        for tool in guide.tools.all():
            grouped.setdefault(tool.get_kind_display(), []).append(tool)
        return grouped
