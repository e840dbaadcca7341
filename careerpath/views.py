from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from careers.highlights import highlights
from certifications.models import Certification
from core.breadcrumbs import Crumb
from core.public_pages import PublicPageMixin
from guides.links import link_guides
from guides.models import CareerGuide
from guides.selectors import attach_facts
from occupations.models import PayRelease
from occupations.selectors import fields_with_counts, similar_links, similar_with_pay


class HomeView(PublicPageMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        guides = attach_facts(
            CareerGuide.objects.published()
            .select_related("occupation")
            .only(
                "title", "slug", "summary", "detailed_code", "status", "featured",
                "occupation__slug",
            )
            .order_by("-featured", "title")
        )  # fmt: skip
        featured = guides[0] if guides else None
        release = PayRelease.current()
        context.update(
            # The root of every trail: shown alone, as the current page.
            breadcrumbs=[Crumb(_("Home"))],
            featured_guide=featured,
            # Its family: the occupations the handbook calls similar, with their medians.
            family=self.family(featured, release),
            fields=fields_with_counts(),
            highlights=highlights(self.request.user, release),
            release=release,
            guides=guides,
            certifications=Certification.objects.published().select_related("body"),
        )
        return context

    def family(self, guide, release) -> list:
        occupation = guide.occupation if guide is not None else None
        if occupation is None:
            return []
        prefetch_related_objects(
            [occupation], Prefetch("similar_links", queryset=similar_links(self.request.user))
        )
        family = similar_with_pay(occupation, release)
        link_guides([profile for profile, _ in family], self.request.user)
        return family


class RobotsView(PublicPageMixin, TemplateView):
    """robots.txt: keep crawlers out of admin and point them at the sitemap."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = self.request.build_absolute_uri(reverse("sitemap"))
        return context
