from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.page_parts import cached_parts, page_parts
from core.public_pages import PublicPageMixin
from core.structured_data import json_ld_script

from .selectors import (
    career_parts,
    pay_context,
    profile_queryset,
    sections_context,
    sections_key,
)
from .structured_data import profile_structured_data, with_salary

TEMPLATE = "occupations/occupation_detail.html"
PARTS = career_parts(TEMPLATE)  # the same for every address (core.page_parts)


class OccupationDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    """A career profile: the handbook's facts for one occupation, its pay beside the state and
    the area the address asks for, and the sections that are the same for every address
    (rendered once per content version: core.page_parts)."""

    template_name = TEMPLATE
    context_object_name = "occupation"

    def get(self, request, *args, **kwargs):
        self.parts_key = sections_key(request, "profile", kwargs["slug"])
        self.parts = cached_parts(request, self.parts_key)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # With its parts cached, the page needs the profile, its field and codes, no more.
        return profile_queryset(self.request.user, sections=self.parts is None)

    def get_breadcrumbs(self):
        return [
            Crumb(_("Careers"), reverse("careers:finder")),
            Crumb(self.object.field.name, self.object.field.get_absolute_url()),
            Crumb(self.object.title),
        ]

    def shows_visitor_input(self) -> bool:
        """An unknown ?state= or ?area= gets a message: that page is not kept for others."""
        return getattr(self, "visitor_input_shown", False)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pay_context(self.request, self.object, self.request.path))
        self.visitor_input_shown = context["shows_visitor_input"]

        def graph(built):
            return {
                "graph": profile_structured_data(
                    self.request,
                    self.object,
                    built["career_pay"],
                    built["breadcrumbs"],
                    built["work"],
                )
            }

        context["parts"] = page_parts(
            self.request,
            self.parts_key,
            PARTS,
            lambda: {**context, **sections_context(self.request, context)},
            extra=graph,
            parts=self.parts,
        )
        context["structured_data"] = json_ld_script(
            with_salary(context["parts"]["graph"], context["career_pay"])
        )
        return context
