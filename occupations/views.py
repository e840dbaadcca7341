from django.urls import reverse
from django.views.generic import DetailView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin
from core.structured_data import json_ld_script

from .selectors import profile_context, profile_queryset
from .structured_data import profile_structured_data


class OccupationDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    """A career profile: the handbook's facts for one occupation, and its pay by state."""

    template_name = "occupations/occupation_detail.html"
    context_object_name = "occupation"

    def get_queryset(self):
        return profile_queryset(self.request.user)

    def get_breadcrumbs(self):
        return [
            Crumb("Careers", reverse("careers:finder")),
            Crumb(self.object.field.name, self.object.field.get_absolute_url()),
            Crumb(self.object.title),
        ]

    def shows_visitor_input(self) -> bool:
        """An unknown ?state= or ?area= gets a message: that page is not kept for others."""
        return getattr(self, "visitor_input_shown", False)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(profile_context(self.request, self.object, self.request.path))
        self.visitor_input_shown = context["shows_visitor_input"]
        context["structured_data"] = json_ld_script(
            profile_structured_data(
                self.request,
                self.object,
                context["career_pay"],
                context["breadcrumbs"],
                context["work"],
            )
        )
        return context
