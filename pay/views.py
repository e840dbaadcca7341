"""/pay/: every metropolitan and nonmetropolitan area of the current OEWS release, by state,
with a search box (one match leads straight to it); /pay/<slug>/: one area's careers.

Both pages are the same for every anonymous visitor, except the list when it answers a search
that found no single area: that page repeats what was typed, so it is never kept for others.
"""

import unicodedata

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin
from occupations.areas import MAX_TYPED, area_by_slug, areas_by_state, find_area, release_areas
from occupations.models import PayRelease
from occupations.state_map import NAMES

from .selectors import area_overview, comparison_summary, state_names

PAGE_TITLE = gettext_lazy("Pay where you live")


def readable(typed: str) -> bool:
    """Whether the text could be a place name: no control characters (a NUL, an escape), which
    no area's name holds and which must never be written back into the page."""
    return not any(unicodedata.category(char) in ("Cc", "Cs") for char in typed)


class AreaListView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    """/pay/[?q=…]: the areas by state; a search that names one area goes to its page."""

    template_name = "pay/area_list.html"
    search = None
    problem = ""

    def shows_visitor_input(self) -> bool:
        """A search that did not end in a redirect says what was typed, or that it was odd."""
        return bool(self.problem)

    def get(self, request, *args, **kwargs):
        self.release = PayRelease.current()
        typed = request.GET.get("q", "")
        if not typed.strip():
            return super().get(request, *args, **kwargs)
        if not readable(typed):
            self.problem = _("That search holds characters no place name has.")
        else:
            self.search = find_area(self.release, typed)
            if self.search.area is not None:
                return redirect(self.search.area.get_absolute_url())
            self.problem = self.message(self.search, typed)
        return super().get(request, *args, **kwargs)

    @staticmethod
    def message(search, typed: str) -> str:
        """The site's own words for a search that found no single area (escaped by the
        template like everything else)."""
        if search.candidates:
            # Always two or more: a single match goes straight to its area.
            return _("%(count)s areas match “%(typed)s”. Choose yours:") % {
                "count": len(search.candidates),
                "typed": search.typed,
            }
        if len(" ".join(typed.split())) > MAX_TYPED:
            return _("That is longer than the name of any area.")
        return _("No metropolitan or nonmetropolitan area is called “%(typed)s”.") % {
            "typed": search.typed
        }

    def get_breadcrumbs(self):
        return [Crumb(str(PAGE_TITLE))]

    def get_context_data(self, **kwargs):
        areas = release_areas(self.release)
        states = [
            (postal, NAMES.get(postal, postal), in_state)
            for postal, in_state in areas_by_state(areas)
        ]
        search = self.search
        return {
            **super().get_context_data(**kwargs),
            "release": self.release,
            "area_count": len(areas),
            "states": sorted(states, key=lambda state: state[1]),
            "candidates": search.candidates if search else [],
            "problem": self.problem,
            # Only a readable search goes back into the box; truncated to an area name's length.
            "typed": search.typed if search else "",
            "max_typed": MAX_TYPED,
        }


class AreaDetailView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    """/pay/<slug>/: an area's best-paid careers, its largest, and how they compare with its
    state's pay. The careers are the handbook's profiles the visitor may see."""

    template_name = "pay/area_detail.html"

    def get(self, request, *args, slug, **kwargs):
        self.release = PayRelease.current()
        self.area = area_by_slug(self.release, slug) if self.release else None
        if self.area is None:
            raise Http404("No metropolitan or nonmetropolitan area has that address.")
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [Crumb(str(PAGE_TITLE), reverse("pay:areas")), Crumb(self.area.name)]

    def get_context_data(self, **kwargs):
        overview = area_overview(self.release, self.area, self.request.user)
        area_states = state_names(self.area.states)
        return {
            **super().get_context_data(**kwargs),
            "release": self.release,
            "area": self.area,
            "area_states": area_states,
            "states_text": get_text_list(area_states, _("and")),
            "overview": overview,
            "summary": comparison_summary(overview),
        }
