"""Read helpers other apps use: a profile with everything its page shows, its similar
profiles, national medians for a list of profiles, the fields with their careers."""

from django.db.models import Count, Prefetch

from core.models import published_q

from .models import AreaPay, AreaType, Field, Occupation, SimilarOccupation


def profile_queryset(user):
    """A profile and everything its page shows, in a fixed number of queries."""
    return (
        Occupation.objects.visible_to(user)
        .select_related("field")
        .prefetch_related(
            "codes",
            "employers",
            Prefetch("similar_links", queryset=similar_links(user)),
        )
    )


def similar_links(user=None):
    """A profile's links to similar profiles the visitor may see (drafts only for staff)."""
    links = SimilarOccupation.objects.select_related("similar")
    if user is None or not (user.is_authenticated and user.is_staff):
        links = links.filter(published_q("similar__"))
    return links


def national_medians(profiles, release) -> dict:
    """{profile id: the national AreaPay of its headline code}, one query for them all. A group
    without a code of its own has no headline code (`pay_code` is empty), so lists show no
    figure rather than one detailed occupation's as if it were the whole group's."""
    wanted = {profile.pay_code for profile in profiles if profile.pay_code}
    pays = {}
    if release is not None and wanted:
        pays = {
            pay.soc_code: pay
            for pay in AreaPay.objects.filter(
                release=release, area_type=AreaType.NATIONAL, soc_code__in=wanted
            )
        }
    return {profile.pk: pays.get(profile.pay_code) for profile in profiles}


def similar_with_pay(occupation, release) -> list[tuple]:
    """(similar profile, its national AreaPay or None), one query for them all."""
    links = [link.similar for link in occupation.similar_links.all()]
    medians = national_medians(links, release)
    return [(profile, medians.get(profile.pk)) for profile in links]


def fields_with_counts():
    """The handbook's fields that hold a published career, each with how many."""
    return (
        Field.objects.annotate(careers=Count("occupations", filter=published_q("occupations__")))
        .filter(careers__gt=0)
        .order_by("name")
    )
