"""Read helpers other apps use: what a guide shows about its occupation, read from the handbook's
data (never stored on the guide), and the mixin of a page about one guide (ask, plan).

A guide covers a whole handbook profile (`occupation`) or one occupation inside a group's
profile (`detailed_code`: medical secretaries, 43-6013, inside secretaries and administrative
assistants). Its field, codes, entry education and outlook are the profile's, or, for one
occupation inside a group, that occupation's own line of the profile (codes, jobs and
projections) with the group's field and education, labelled as the group's.
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from occupations.models import CodeLevel, Occupation, OccupationCode

from .models import CareerGuide

PROJECTIONS = "BLS Employment Projections, 2024–34"


def handbook_line(guide, user):
    """For a guide on one occupation inside a handbook profile of a group (medical secretaries
    in Secretaries and administrative assistants): that occupation's own line of the profile,
    with its projections; the profile itself is linked, not redirected."""
    if not guide.detailed_code:
        return None
    profiles = Occupation.objects.visible_to(user)
    return (
        OccupationCode.objects.filter(
            soc_code=guide.detailed_code, level=CodeLevel.DETAILED, occupation__in=profiles
        )
        .select_related("occupation__field")
        .prefetch_related("occupation__codes")
        .first()
    )


def guide_codes(guide, user) -> list:
    """The `OccupationCode`s a guide's figures and O*NET data are read for."""
    if guide.occupation is not None:
        return list(guide.occupation.codes.all())
    line = handbook_line(guide, user)
    return [line] if line else []


@dataclass
class GuideFacts:
    profile: Occupation | None = None
    line: OccupationCode | None = None  # the occupation inside a group's profile

    @property
    def field_name(self) -> str:
        return self.profile.field.name if self.profile else ""

    @property
    def soc_codes(self) -> list[str]:
        if self.line is not None:
            return [self.line.soc_code]
        return [code.soc_code for code in self.profile.codes.all()] if self.profile else []

    @property
    def pay_code(self) -> str:
        """The code whose national median stands for the career in lists and the map."""
        if self.line is not None:
            return self.line.soc_code
        return self.profile.pay_code if self.profile else ""

    @property
    def education(self) -> str:
        if self.profile is None or not self.profile.entry_education:
            return ""
        return str(self.profile.get_entry_education_display())

    @property
    def education_is_the_groups(self) -> bool:
        return self.line is not None

    @property
    def outlook_percent(self) -> int | None:
        if self.line is not None:
            return self.line.change_percent
        return self.profile.outlook_percent if self.profile else None

    @property
    def outlook_source(self) -> str:
        """Where the outlook comes from, as BLS names it (a source's name: the same in every
        language)."""
        return PROJECTIONS

    @property
    def outlook_label(self) -> str:
        if self.line is not None or self.profile is None or not self.profile.outlook_label:
            return ""
        return str(self.profile.get_outlook_label_display()).lower()


def attach_facts(guides) -> list:
    """Give each guide `facts` (GuideFacts) for a list: its field, education, outlook and pay
    code, in two queries at most (the profiles, the detailed lines) for any number of guides.
    Lists need no SOC codes; a guide's own page builds its facts with its profile's codes."""
    guides = list(guides)
    profiles = {
        profile.pk: profile
        for profile in Occupation.objects.filter(
            pk__in={guide.occupation_id for guide in guides if guide.occupation_id}
        ).select_related("field")
    }
    wanted = {guide.detailed_code for guide in guides if guide.detailed_code}
    lines = {}
    if wanted:
        for line in OccupationCode.objects.filter(
            soc_code__in=wanted, level=CodeLevel.DETAILED
        ).select_related("occupation__field"):
            lines.setdefault(line.soc_code, line)
    for guide in guides:
        line = lines.get(guide.detailed_code) if guide.detailed_code else None
        profile = line.occupation if line else profiles.get(guide.occupation_id)
        guide.facts = GuideFacts(profile=profile, line=line)
    return guides


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
            Crumb(_("Careers"), reverse("careers:finder")),
            Crumb(self.guide.title, self.guide.get_absolute_url()),
            Crumb(str(self.crumb)),
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "guide": self.guide}
