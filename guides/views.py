from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.models import published_q
from core.public_pages import PublicPageMixin
from core.structured_data import json_ld_script
from occupations.models import (
    AreaPay,
    AreaType,
    PayRelease,
)
from occupations.selectors import profile_context, similar_links

from .links import link_guides
from .models import GUIDE_PARTS, CareerGuide, GuideCertification, ProgressionStep
from .pathway_map import family_map
from .selectors import GuideFacts, handbook_line
from .structured_data import guide_structured_data


class GuideDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    template_name = "guides/guide_detail.html"
    context_object_name = "guide"

    def get_queryset(self):
        # Every part of the guide, one query each; two need their own querysets.
        special = {"progression", "recommended_certifications"}
        return (
            CareerGuide.objects.visible_to(self.request.user)
            .prefetch_related(
                *(part for part in GUIDE_PARTS if part not in special),
                Prefetch(
                    "progression",
                    queryset=ProgressionStep.objects.select_related("next_guide", "occupation"),
                ),
                Prefetch(
                    "recommended_certifications",
                    queryset=self.recommended_certifications(),
                ),
                # The handbook profile's sections (facts, pay by state, similar occupations).
                "occupation__codes",
                "occupation__employers",
                Prefetch("occupation__similar_links", queryset=similar_links(self.request.user)),
            )
            .select_related("occupation__field")
        )

    def get_breadcrumbs(self):
        return [Crumb("Careers", reverse("careers:finder")), Crumb(self.object.title)]

    def shows_visitor_input(self) -> bool:
        """An unknown ?state= or ?area= gets a message: that page is not kept for others."""
        return getattr(self, "visitor_input_shown", False)

    def recommended_certifications(self):
        links = GuideCertification.objects.select_related("certification__body")
        if not self.request.user.is_staff:
            links = links.filter(published_q("certification__"))
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        guide = self.object
        context.update(
            certification_links=list(guide.recommended_certifications.all()),
            tools_by_kind=self.tools_by_kind(guide),
        )
        # The profile's sections, pay included; a guide on one occupation inside a group's
        # profile shows that occupation's line and pay, without the group's other sections.
        line = None if guide.occupation else handbook_line(guide, self.request.user)
        guide.facts = GuideFacts(profile=line.occupation if line else guide.occupation, line=line)
        codes = [line] if line else ([] if guide.occupation is None else None)
        context.update(profile_context(self.request, guide.occupation, self.request.path, codes))
        self.visitor_input_shown = context["shows_visitor_input"]
        if guide.occupation is not None:
            link_guides([profile for profile, _ in context["similar"]], self.request.user)
        context["handbook_line"] = line
        self.add_ladder_pay(guide)
        pathway = family_map(self.request.user, around=guide)
        if pathway is not None and pathway.current is not None:
            context.update(pathway_map=pathway, pathway_moves=pathway.edges_of(pathway.current))
        context["structured_data"] = json_ld_script(
            guide_structured_data(
                self.request,
                guide,
                pay=context["career_pay"],
                certification_links=context["certification_links"],
                breadcrumbs=context["breadcrumbs"],
                work=context["work"],
            )
        )
        return context

    @staticmethod
    def add_ladder_pay(guide):
        """Each rung that is a handbook occupation gets its current national median
        (`rung.current_pay`), one query for the whole ladder."""
        rungs = [rung for rung in guide.progression.all() if rung.occupation is not None]
        codes = {rung.occupation.pay_code for rung in rungs if rung.occupation.pay_code}
        release = PayRelease.current() if codes else None
        pays = {}
        if release is not None:
            rows = AreaPay.objects.filter(
                release=release, area_type=AreaType.NATIONAL, soc_code__in=codes
            ).select_related("release")
            pays = {row.soc_code: row for row in rows}
        for rung in rungs:
            rung.current_pay = pays.get(rung.occupation.pay_code)

    @staticmethod
    def tools_by_kind(guide):
        grouped: dict[str, list] = {}
        for tool in guide.tools.all():
            grouped.setdefault(tool.get_kind_display(), []).append(tool)
        return grouped
