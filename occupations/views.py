from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin

from .models import AreaPay, AreaType, Occupation, PayRelease, SimilarOccupation
from .profile_pay import profile_pay, sort_states
from .state_map import state_map


def profile_queryset(user):
    """A profile and everything its page shows, in a fixed number of queries."""
    return (
        Occupation.objects.visible_to(user)
        .select_related("field")
        .prefetch_related(
            "codes",
            "employers",
            Prefetch("similar_links", queryset=similar_links()),
        )
    )


def similar_links():
    return SimilarOccupation.objects.select_related("similar").prefetch_related("similar__codes")


def similar_with_pay(occupation, release) -> list[tuple]:
    """(similar profile, its national median AreaPay or None), one query for them all."""
    links = [link.similar for link in occupation.similar_links.all()]
    firsts = {profile.pk: next(iter(profile.codes.all()), None) for profile in links}
    codes = {code.soc_code for code in firsts.values() if code is not None}
    medians = {}
    if release is not None and codes:
        medians = {
            pay.soc_code: pay
            for pay in AreaPay.objects.filter(
                release=release, area_type=AreaType.NATIONAL, soc_code__in=codes
            )
        }
    return [
        (profile, medians.get(firsts[profile.pk].soc_code) if firsts[profile.pk] else None)
        for profile in links
    ]


def profile_context(request, occupation, page_url: str) -> dict:
    """What a profile's sections need; a guide about the occupation shows the same sections."""
    release = PayRelease.current()
    state_name = request.GET.get("state", "")
    pay = profile_pay(occupation, state_name, release)
    order = "median" if request.GET.get("sort") == "median" else "state"
    state_query = f"state={state_name}&" if state_name else ""
    return {
        "occupation": occupation,
        "profile_pay": pay,
        "state_error": bool(state_name) and pay.national is not None and pay.state is None,
        "state_rows": sort_states(pay.states, order),
        "state_sort": order,
        "sort_by_median_url": f"{page_url}?{state_query}sort=median#pay-by-state",
        "sort_by_state_url": f"{page_url}?{state_query}sort=state#pay-by-state",
        "state_map": state_map(
            pay.states, lambda postal: _state_link(page_url, pay.states, postal)
        ),
        "state_map_caption": (
            f"Median annual pay by state, {release.name} ({release.source_name}); darker tiles "
            "pay more. Each tile links to that state’s figures; the table below lists them all."
            if release
            else ""
        ),
        "similar": similar_with_pay(occupation, release),
        "page_url": page_url,
    }


def _state_link(page_url, states, postal) -> str:
    name = next((row.area_name for row in states if row.postal == postal), "")
    return f"{page_url}?state={name.replace(' ', '+')}#pay"


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
        return context
