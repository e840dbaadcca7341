"""The /careers/ section's pages but the finder (finder.py): each career's page (a guide, or
else its handbook profile), the pathway map, the fields, careers side by side."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin, mark_for
from guides.models import CareerGuide
from guides.pathway_map import family_map
from guides.views import GuideDetailView
from occupations.areas import find_area
from occupations.filters import with_pay
from occupations.models import Field, Occupation, PayRelease
from occupations.selectors import fields_with_counts
from occupations.views import OccupationDetailView

from .comparison import MAX_CAREERS, compare


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


class PathwayMapView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    """/careers/pathway-map/: how the featured guide's family of careers connect."""

    template_name = "careers/pathway_map.html"

    def get_breadcrumbs(self):
        return [Crumb(_("Careers"), reverse("careers:finder")), Crumb(_("Pathway map"))]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "map": family_map(self.request.user)}


class CompareCareersView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    """/careers/compare/?c=<slug>&c=<slug>[&state=<name>][&area=<code or name>]: two to four
    careers side by side. A city or area, once found, takes the state's place."""

    template_name = "careers/compare.html"

    def shows_visitor_input(self) -> bool:
        """A comparison that left something out says so: not a page to keep for others."""
        context = getattr(self, "shown", {})
        comparison = context.get("comparison")
        area_search = context.get("area_search")
        return bool(
            context.get("state_unknown")
            or (comparison and comparison.unknown)
            or (area_search and area_search.error)
        )

    def get_breadcrumbs(self):
        return [Crumb(_("Careers"), reverse("careers:finder")), Crumb(_("Compare careers"))]

    def get_context_data(self, **kwargs):
        release = PayRelease.current()
        states = release.state_names() if release else []
        state = self.request.GET.get("state", "")
        state = state if state in states else ""
        area_search = find_area(release, self.request.GET.get("area", ""))
        area = area_search.area
        comparison = compare(
            self.request.GET.getlist("c"), self.request.user, release, "" if area else state, area
        )
        choices = Occupation.objects.visible_to(self.request.user).only("title", "slug")
        slots = comparison.slugs + [""] * (MAX_CAREERS - len(comparison.slugs))
        self.shown = {
            **super().get_context_data(**kwargs),
            "comparison": comparison,
            "release": release,
            "state": state,
            "states": states,
            "state_unknown": bool(self.request.GET.get("state")) and not state,
            "area_search": area_search,
            "area": area,
            # The state a found area was shown instead of, so the page can say so.
            "state_set_aside": state if area else "",
            # Each area a typed name matched, as the same comparison in that area.
            "area_choices": [
                (choice, compare_query(comparison.slugs, area=choice.code))
                for choice in area_search.candidates[:12]
            ],
            "choices": list(choices),
            "slots": slots,
        }
        return self.shown


def compare_query(slugs, **extra) -> str:
    """The address's query for these careers side by side (and `extra`, e.g. an area)."""
    return "?" + urlencode([*(("c", slug) for slug in slugs), *extra.items()])


class FieldListView(PublicPageMixin, BreadcrumbsMixin, ListView):
    """/careers/fields/: the handbook's 25 fields, each with how many careers it holds."""

    template_name = "careers/field_list.html"
    context_object_name = "fields"

    def get_breadcrumbs(self):
        return [Crumb(_("Careers"), reverse("careers:finder")), Crumb(_("Fields"))]

    def get_queryset(self):
        return fields_with_counts()


class FieldDetailView(PublicPageMixin, BreadcrumbsMixin, ListView):
    """/careers/fields/<slug>/: one field's careers with median pay, education and outlook."""

    template_name = "careers/field_detail.html"
    context_object_name = "occupations"

    def get(self, request, *args, **kwargs):
        self.field = get_object_or_404(Field, slug=kwargs["slug"])
        self.release = PayRelease.current()
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [
            Crumb(_("Careers"), reverse("careers:finder")),
            Crumb(_("Fields"), reverse("careers:fields")),
            Crumb(self.field.name),
        ]

    def get_queryset(self):
        occupations = (
            Occupation.objects.visible_to(self.request.user)
            .filter(field=self.field)
            .select_related("guide")
            .order_by("title")
        )
        return with_pay(occupations, self.release)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "field": self.field,
            "release": self.release,
            "finder_url": f"{reverse('careers:finder')}?field={self.field.slug}",
        }
