from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str = ""


class BreadcrumbsMixin:
    """Adds `breadcrumbs` (Home first, current page last) to a view's context for base.html."""

    def get_breadcrumbs(self) -> list[Crumb]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trail = self.get_breadcrumbs()
        context["breadcrumbs"] = [Crumb(_("Home"), reverse("home")), *trail] if trail else []
        return context
