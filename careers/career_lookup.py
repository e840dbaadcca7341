"""A career's address to what its pages need: the guide with that slug, else the handbook
profile, with the SOC codes its pay and O*NET data are read for (a guide inside a group
profile is about its one detailed code)."""

from dataclasses import dataclass

from django.http import Http404

from guides.models import CareerGuide
from guides.selectors import guide_codes
from occupations.models import Occupation


@dataclass
class Career:
    guide: CareerGuide | None
    occupation: Occupation | None
    codes: list
    title: str
    page_url: str

    @property
    def heading_title(self) -> str:
        return self.title[:1].upper() + self.title[1:]


def career_for(slug: str, user) -> Career:
    """The career at /careers/<slug>/ the visitor may see; Http404 when there is none."""
    guide = CareerGuide.objects.visible_to(user).filter(slug=slug).first()
    if guide is not None:
        codes = guide_codes(guide, user)
        occupation = codes[0].occupation if codes else None
        return Career(guide, occupation, codes, guide.title, guide.get_absolute_url())
    occupation = Occupation.objects.visible_to(user).filter(slug=slug).first()
    if occupation is None:
        raise Http404("No career of that name.")
    codes = list(occupation.codes.all())
    return Career(None, occupation, codes, occupation.title, occupation.get_absolute_url())
