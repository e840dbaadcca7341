from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.models import published_q
from core.page_parts import cached_parts, page_parts
from core.public_pages import PublicPageMixin
from core.structured_data import json_ld_script
from occupations.models import (
    AreaPay,
    AreaType,
    PayRelease,
)
from occupations.selectors import (
    career_parts,
    pay_context,
    sections_context,
    sections_key,
    similar_links,
)
from occupations.structured_data import with_salary

from .links import link_guides
from .models import GUIDE_PARTS, CareerGuide, GuideCertification, ProgressionStep
from .pathway_map import family_map
from .selectors import GuideFacts, handbook_line
from .structured_data import guide_structured_data

TEMPLATE = "guides/guide_detail.html"
PARTS = career_parts(TEMPLATE)  # the same for every address (core.page_parts)


class GuideDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    """A career guide: its editors' content, its pay beside the state and the area the
    address asks for, and the handbook profile's sections; what is the same for every address
    is rendered once per content version (core.page_parts)."""

    template_name = TEMPLATE
    context_object_name = "guide"

    def get(self, request, *args, **kwargs):
        self.parts_key = sections_key(request, "guide", kwargs["slug"])
        self.parts = cached_parts(request, self.parts_key)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        guides = CareerGuide.objects.visible_to(self.request.user)
        guides = guides.select_related("occupation__field")
        if self.parts is not None:  # the header and the pay section: the profile's codes
            return guides.prefetch_related("occupation__codes")
        # Every part of the guide, one query each; two need their own querysets.
        special = {"progression", "recommended_certifications"}
        return guides.prefetch_related(
            *(part for part in GUIDE_PARTS if part not in special),
            Prefetch(
                "progression",
                queryset=ProgressionStep.objects.select_related("next_guide", "occupation"),
            ),
            Prefetch("recommended_certifications", queryset=self.recommended_certifications()),
            # The handbook profile's sections (facts, pay by state, similar occupations).
            "occupation__codes",
            "occupation__employers",
            Prefetch("occupation__similar_links", queryset=similar_links(self.request.user)),
        )

    def get_breadcrumbs(self):
        return [Crumb(_("Careers"), reverse("careers:finder")), Crumb(self.object.title)]

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
        # A guide on one occupation inside a group's profile shows that occupation's line and
        # pay, without the group's other sections.
        line = None if guide.occupation else handbook_line(guide, self.request.user)
        guide.facts = GuideFacts(profile=line.occupation if line else guide.occupation, line=line)
        codes = [line] if line else ([] if guide.occupation is None else None)
        context.update(pay_context(self.request, guide.occupation, self.request.path, codes))
        context["handbook_line"] = line
        self.visitor_input_shown = context["shows_visitor_input"]
        context["parts"] = page_parts(
            self.request,
            self.parts_key,
            PARTS,
            lambda: self.sections(context),
            extra=lambda built: {
                "graph": guide_structured_data(
                    self.request,
                    guide,
                    certification_links=built["certification_links"],
                    breadcrumbs=built["breadcrumbs"],
                    work=built["work"],
                )
            },
            parts=self.parts,
        )
        context["structured_data"] = json_ld_script(
            with_salary(context["parts"]["graph"], context["career_pay"])
        )
        return context

    def sections(self, context) -> dict:
        """The context of the parts that are the same for every address."""
        guide = self.object
        built = {
            **context,
            **sections_context(self.request, context),
            "certification_links": list(guide.recommended_certifications.all()),
            "tools_by_kind": self.tools_by_kind(guide),
        }
        if guide.occupation is not None:
            link_guides([profile for profile, _ in built["similar"]], self.request.user)
        self.add_ladder_pay(guide)
        pathway = family_map(self.request.user, around=guide)
        if pathway is not None and pathway.current is not None:
            built.update(pathway_map=pathway, pathway_moves=pathway.edges_of(pathway.current))
        return built

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
