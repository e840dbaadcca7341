from urllib.parse import urlencode

from django.urls import reverse
from django.views.generic import DetailView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin
from core.structured_data import json_ld_script

from .models import PayRelease
from .pay import career_pay, sort_states
from .selectors import profile_queryset, similar_with_pay
from .state_map import state_map
from .structured_data import profile_structured_data


def profile_context(request, occupation, page_url: str, codes=None) -> dict:
    """What a profile's sections need; a guide shows the same sections, for its profile or,
    when it is about one occupation inside a group's profile, for that occupation's `codes`
    (then without the profile's similar occupations)."""
    release = PayRelease.current()
    codes = occupation.codes.all() if codes is None else codes
    pay = career_pay(codes, request.GET.get("state", ""), release)
    order = "median" if request.GET.get("sort") == "median" else "state"
    # Only a state the page knows goes back into its links: never what a visitor typed.
    keep = {"state": pay.state.area_name} if pay.state else {}
    # Tiles lead to the state beside the nation where that compares like with like (the
    # headline's own code); otherwise to the state's row in the table.
    to_rows = pay.map_code is not None and pay.map_code != pay.headline_code
    return {
        "occupation": occupation,
        "career_pay": pay,
        "state_error": "state" in request.GET
        and bool(request.GET["state"])
        and pay.national is not None
        and not to_rows
        and pay.state is None,
        "state_rows": sort_states(pay.states, order),
        "state_sort": order,
        "state_picker": bool(pay.states) and not to_rows and pay.national is not None,
        "tiles_lead_to_rows": to_rows,
        "sort_by_median_url": f"{page_url}?{urlencode({**keep, 'sort': 'median'})}#pay-by-state",
        "sort_by_state_url": f"{page_url}?{urlencode({**keep, 'sort': 'state'})}#pay-by-state",
        "state_map": state_map(
            pay.states, lambda postal: _state_link(page_url, pay.states, postal, to_rows)
        ),
        "state_map_caption": _map_caption(release, to_rows),
        "similar": similar_with_pay(occupation, release) if occupation else [],
        "page_url": page_url,
    }


def _map_caption(release, to_rows: bool) -> str:
    if release is None:
        return ""
    where = "its row in the table below" if to_rows else "that state’s figures beside the nation’s"
    return (
        f"Median annual pay by state, {release.name} ({release.source_name}); darker tiles "
        f"pay more. Each tile links to {where}; the table below lists every state."
    )


def _state_link(page_url, states, postal, to_rows=False) -> str:
    """A state's tile leads to its figures beside the nation's (or its table row); a state
    without figures, to the table, which says which states BLS published none for."""
    name = next((row.area_name for row in states if row.postal == postal), "")
    if not name:
        return "#pay-by-state"
    if to_rows:
        return f"#state-{postal}"
    return f"{page_url}?{urlencode({'state': name})}#pay"


class OccupationDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    """A career profile: the handbook's facts for one occupation, and its pay by state."""

    template_name = "occupations/occupation_detail.html"
    context_object_name = "occupation"

    def get_queryset(self):
        return profile_queryset(self.request.user)

    def get_breadcrumbs(self):
        return [
            Crumb("Careers", reverse("guides:list")),
            Crumb(self.object.field.name, self.object.field.get_absolute_url()),
            Crumb(self.object.title),
        ]

    def shows_visitor_input(self) -> bool:
        """An unknown ?state= gets a message; that page is not kept for others."""
        return getattr(self, "state_error", False)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(profile_context(self.request, self.object, self.request.path))
        self.state_error = context["state_error"]
        context["structured_data"] = json_ld_script(
            profile_structured_data(
                self.request, self.object, context["career_pay"], context["breadcrumbs"]
            )
        )
        return context
