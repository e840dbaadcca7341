from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.models import published_q
from core.public_pages import PublicPageMixin
from core.structured_data import json_ld_script

from .forms import PayRegionForm
from .models import GUIDE_PARTS, CareerGuide, GuideCertification, ProgressionStep
from .pay import pay_explorer, pay_states
from .structured_data import guide_structured_data


class GuideListView(PublicPageMixin, BreadcrumbsMixin, ListView):
    template_name = "guides/guide_list.html"
    context_object_name = "guides"

    def get_breadcrumbs(self):
        return [Crumb("Careers")]

    def get_queryset(self):
        return CareerGuide.objects.visible_to(self.request.user).only(
            "title", "slug", "summary", "field", "status", "publish_at"
        )


class GuideDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    template_name = "guides/guide_detail.html"
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

    def shows_visitor_input(self) -> bool:
        """An unknown ?state= gets an error message: that page is not kept for others."""
        form = getattr(self, "pay_form", None)
        return bool(form and form.is_bound and form.errors)

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
        pay_form = self.pay_form = PayRegionForm(pay_states(bands), query)
        pay = pay_explorer(bands, state=pay_form.chosen_state())
        context.update(
            pay=pay,
            pay_form=pay_form,
            median_band=pay.headline_median,
            certification_links=list(guide.recommended_certifications.all()),
            tools_by_kind=self.tools_by_kind(guide),
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


class GuideSubpageMixin(BreadcrumbsMixin):
    """For a page about one guide the visitor may see (/…/<slug>/…): `self.guide`, `guide` in
    the context, and a trail Careers › the guide › `crumb`."""

    crumb = ""

    def dispatch(self, request, *args, **kwargs):
        self.guide = get_object_or_404(
            CareerGuide.objects.visible_to(request.user), slug=kwargs["slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [
            Crumb("Careers", reverse("guides:list")),
            Crumb(self.guide.title, self.guide.get_absolute_url()),
            Crumb(self.crumb),
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "guide": self.guide}
