from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.cache import CachedFragmentsMixin
from core.models import Status

from .models import CareerGuide, GuideCertification, ProgressionStep
from .pay import headline_median, pay_charts


class GuideListView(CachedFragmentsMixin, BreadcrumbsMixin, ListView):
    template_name = "guides/guide_list.html"
    context_object_name = "guides"

    def get_breadcrumbs(self):
        return [Crumb("Careers")]

    def get_queryset(self):
        return CareerGuide.objects.visible_to(self.request.user).only(
            "title", "slug", "summary", "field", "status"
        )


class GuideDetailView(CachedFragmentsMixin, BreadcrumbsMixin, DetailView):
    fragment_names = ("title", "description", "banner", "main")
    template_name = "guides/guide_detail.html"
    context_object_name = "guide"

    def get_queryset(self):
        return CareerGuide.objects.visible_to(self.request.user).prefetch_related(
            "duties",
            "related_titles",
            "training_steps",
            "salary_bands",
            "faqs",
            "tools",
            "sources",
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

    def recommended_certifications(self):
        links = GuideCertification.objects.select_related("certification__body")
        if not self.request.user.is_staff:
            links = links.filter(certification__status=Status.PUBLISHED)
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        guide = self.object
        charts = pay_charts(list(guide.salary_bands.all()))
        context.update(
            pay_charts=charts,
            median_band=headline_median(charts),
            certification_links=list(guide.recommended_certifications.all()),
            tools_by_kind=self.tools_by_kind(guide),
        )
        return context

    @staticmethod
    def tools_by_kind(guide):
        grouped: dict[str, list] = {}
        for tool in guide.tools.all():
            grouped.setdefault(tool.get_kind_display(), []).append(tool)
        return grouped
