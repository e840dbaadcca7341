from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.models import published_q
from core.public_pages import PublicPageMixin, mark_for
from core.structured_data import json_ld_script
from occupations.filters import CareerFilter
from occupations.models import AreaPay, AreaType, Occupation, OccupationCode, PayRelease
from occupations.selectors import similar_links
from occupations.views import OccupationDetailView, profile_context

from .links import career_link, link_guides
from .models import GUIDE_PARTS, CareerGuide, GuideCertification, ProgressionStep
from .pathway_map import family_map
from .structured_data import guide_structured_data


def career_page(request, slug):
    """/careers/<slug>/: the guide with this slug; else the handbook profile of that name, or,
    when a guide covers that profile, a permanent redirect to the guide (one page per career)."""
    try:
        return GuideDetailView.as_view()(request, slug=slug)
    except Http404:
        pass  # no guide of that name: a profile, perhaps
    guides = CareerGuide.objects.visible_to(request.user)
    guide = guides.filter(occupation__slug=slug).only("slug").first()
    if guide is not None:
        query = request.GET.urlencode()  # ?state=… leads to the same figures on the guide
        response = redirect(
            guide.get_absolute_url() + (f"?{query}" if query else ""), permanent=True
        )
        mark_for(request, response)
        return response
    return OccupationDetailView.as_view()(request, slug=slug)


class CareerListView(PublicPageMixin, BreadcrumbsMixin, FilterView):
    """Every career, and the career finder: the handbook's profiles filtered and sorted by GET
    parameters (occupations.filters), a page at a time, with the guides first."""

    template_name = "guides/guide_list.html"
    filterset_class = CareerFilter
    context_object_name = "occupations"
    paginate_by = 40

    def get(self, request, *args, **kwargs):
        self.release = PayRelease.current()
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [Crumb("Careers")]

    def shows_visitor_input(self) -> bool:
        form = self.filterset.form
        return form.is_bound and bool(form.errors)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not any(value for key, value in self.request.GET.items() if key != "page"):
            kwargs["data"] = None  # no filter chosen: the plain list, unbound
        states = self.release.state_names() if self.release else []
        return {**kwargs, "release": self.release, "states": states}

    def get_queryset(self):
        return (
            Occupation.objects.visible_to(self.request.user)
            .select_related("field", "guide")
            .only(
                "title",
                "slug",
                "summary",
                "entry_education",
                "status",
                "publish_at",
                "outlook_percent",
                "outlook_label",
                "openings_per_year",
                "jobs",
                "pay_code",
                "field__name",
                "field__slug",
                "guide__slug",
                "guide__status",
                "guide__publish_at",
            )
        )

    def paginate_queryset(self, queryset, page_size):
        """Never a 404: a page that is not a number shows the first page, one out of range the
        last (Django's Paginator.get_page)."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        query = self.request.GET.copy()
        query.pop("page", None)
        current = query.get("sort", "")
        context.update(
            release=self.release,
            guides=CareerGuide.objects.visible_to(self.request.user).only(
                "title", "slug", "summary", "field", "status", "publish_at"
            ),
            state=filterset.chosen_state,
            filtered=filterset.form.is_bound,
            page_query=query.urlencode(),
            columns=self.columns(query, current, filterset.chosen_state),
            careers=[
                (occupation, career_link(occupation)) for occupation in context["occupations"]
            ],
        )
        return context

    def columns(self, query, current: str, state: str) -> list[dict]:
        """The table's headings: each a link that sorts by it (highest first for numbers,
        A–Z for words), or reverses the order it is sorted in; `aria_sort` on the sorted one."""
        columns = []
        for key, label, numeric in (
            ("title", "Career", False),
            ("median", "Median pay", True),
            ("state", f"{state} median", True),
            ("education", "Entry education", False),
            ("outlook", "Outlook, 2024–34", True),
            ("openings", "Openings a year", True),
        ):
            if key == "state" and not state:
                continue
            first = f"-{key}" if numeric else key
            sorted_now = (current or "title") in (key, f"-{key}")
            wanted = (key if current.startswith("-") else f"-{key}") if sorted_now else first
            aria = ""
            if sorted_now:
                aria = "descending" if current.startswith("-") else "ascending"
            columns.append(
                {
                    "label": label,
                    "numeric": numeric,
                    "url": f"?{self.with_query(query, sort=wanted)}",
                    "aria_sort": aria,
                }
            )
        return columns

    @staticmethod
    def with_query(query, **changes) -> str:
        changed = query.copy()
        for key, value in changes.items():
            changed[key] = value
        return changed.urlencode()


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
        return [Crumb("Careers", reverse("guides:list")), Crumb(self.object.title)]

    def shows_visitor_input(self) -> bool:
        """An unknown ?state= gets an error message: that page is not kept for others."""
        return getattr(self, "state_error", False)

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
        line = None if guide.occupation else self.handbook_line(guide)
        codes = [line] if line else ([] if guide.occupation is None else None)
        context.update(profile_context(self.request, guide.occupation, self.request.path, codes))
        self.state_error = context["state_error"]
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
            )
        )
        return context

    def handbook_line(self, guide):
        """For a guide on one occupation inside a handbook profile of a group (medical
        secretaries in Secretaries and administrative assistants): that occupation's own line
        of the profile, with its projections; the profile itself is linked, not redirected."""
        if not guide.soc_code:
            return None
        profiles = Occupation.objects.visible_to(self.request.user)
        return (
            OccupationCode.objects.filter(soc_code=guide.soc_code, occupation__in=profiles)
            .select_related("occupation")
            .first()
        )

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


class PathwayMapView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    """/careers/pathway-map/: how the featured guide's family of careers connect."""

    template_name = "guides/pathway_map.html"

    def get_breadcrumbs(self):
        return [Crumb("Careers", reverse("guides:list")), Crumb("Pathway map")]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "map": family_map(self.request.user)}


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
