"""sitemap.xml: an index of one sitemap per section (sitemap-<section>.xml), Django's own way
of splitting a large site: each section's file holds at most `limit` addresses and pages on
with ?p=2 beyond that, and the index lists every page of every section. The sections: the home
page and the lists, every published guide, handbook profile and certification, and every
product a career's O*NET data names (/careers/technology/<slug>/).

Every page is listed in English and in Spanish (/es/…), each with its alternate in the other
language and the English as x-default, as search engines ask for a translated site.

Drafts are never listed. An item's lastmod is the later of its last save (`updated_at`, which
every edit in admin or import changes) and the date an editor last checked its facts.

A section's newest lastmod (the index and the lists' entries show it) is one aggregate query:
Django's default loads every item of the section to compare them, so the index cost grew with
the number of profiles (at 10× today's, 100 ms instead of 20 ms; `make bench-scale`).
"""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from certifications.models import Certification
from core.models import published_q
from guides.models import CareerGuide
from occupations.models import Field, Occupation
from occupations.onet_models import OnetRelease, OnetTechnology, Technology


class BilingualSitemap(Sitemap):
    """A section's addresses in every language of settings.LANGUAGES, with their alternates."""

    i18n = True
    alternates = True
    x_default = True


def _at_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def _latest(*moments):
    moments = [moment for moment in moments if moment is not None]
    return max(moments, default=None)


def _newest(items, checked_on: str = ""):
    """The newest lastmod of the items (as `lastmod` computes each), from one aggregate."""
    newest = {"saved": Max("updated_at")}
    if checked_on:
        newest["checked"] = Max(checked_on)
    found = items.order_by().aggregate(**newest)
    checked = found.get("checked")
    return _latest(found["saved"], _at_midnight(checked) if checked else None)


class GuideSitemap(BilingualSitemap):
    priority = 0.9

    def items(self):
        return CareerGuide.objects.published().only("slug", "updated_at", "last_reviewed")

    def lastmod(self, guide):
        return _latest(guide.updated_at, _at_midnight(guide.last_reviewed))

    def get_latest_lastmod(self):
        return _newest(self.items(), "last_reviewed")


class CertificationSitemap(BilingualSitemap):
    priority = 0.7

    def items(self):
        return Certification.objects.published().only("slug", "updated_at", "last_checked")

    def lastmod(self, certification):
        return _latest(certification.updated_at, _at_midnight(certification.last_checked))

    def get_latest_lastmod(self):
        return _newest(self.items(), "last_checked")


class ProfileSitemap(BilingualSitemap):
    """Handbook profiles, except those a published guide covers (their address redirects to
    the guide, which the guides section lists)."""

    priority = 0.6
    limit = 5000

    def items(self):
        covered = CareerGuide.objects.published().filter(occupation__isnull=False)
        return (
            Occupation.objects.published()
            .exclude(pk__in=covered.values("occupation_id"))
            .only("slug", "updated_at")
            .order_by("slug")
        )

    def lastmod(self, occupation):
        return occupation.updated_at

    def get_latest_lastmod(self):
        return _newest(self.items())


class FieldSitemap(BilingualSitemap):
    """The handbook's fields, each as fresh as its newest profile."""

    priority = 0.5

    def items(self):
        newest = Max("occupations__updated_at", filter=published_q("occupations__"))
        return Field.objects.annotate(newest=newest).filter(newest__isnull=False).order_by("name")

    def lastmod(self, field):
        return field.newest


class TechnologySitemap(BilingualSitemap):
    """Products O*NET names in some career's work, as fresh as the O*NET import; a product
    whose every use an editor hid is left out (its page lists no career)."""

    priority = 0.3
    limit = 5000

    def items(self):
        shown = OnetTechnology.objects.filter(hidden=False).values("technology_id")
        return Technology.objects.filter(pk__in=shown).only("slug").order_by("slug")

    def lastmod(self, technology):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        if not hasattr(self, "_imported"):
            release = OnetRelease.current()
            self._imported = release.imported if release else None
        return self._imported


class SectionSitemap(BilingualSitemap):
    """The home page and the lists: as fresh as the newest thing they show."""

    priority = 0.5
    sections = {
        "home": (GuideSitemap, CertificationSitemap),
        "careers:finder": (GuideSitemap, ProfileSitemap),
        "certifications:list": (CertificationSitemap,),
        "careers:fields": (ProfileSitemap,),
        "careers:pathway_map": (GuideSitemap,),
    }

    def items(self):
        return list(self.sections)

    def location(self, url_name):
        return reverse(url_name)

    def lastmod(self, url_name):
        return _latest(
            *(sitemap().get_latest_lastmod() for sitemap in self.sections[url_name]),
        )


SITEMAPS = {
    "sections": SectionSitemap,
    "guides": GuideSitemap,
    "profiles": ProfileSitemap,
    "fields": FieldSitemap,
    "certifications": CertificationSitemap,
    "technology": TechnologySitemap,
}
