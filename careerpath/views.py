from django.urls import reverse
from django.views.generic import TemplateView

from certifications.models import Certification
from core.breadcrumbs import Crumb
from core.public_pages import PublicPageMixin
from guides.models import CareerGuide


class HomeView(PublicPageMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        guides = list(
            CareerGuide.objects.published()
            .only("title", "slug", "summary", "field", "status", "featured")
            .order_by("-featured", "title")
        )
        context.update(
            # The root of every trail: shown alone, as the current page.
            breadcrumbs=[Crumb("Home")],
            featured_guide=guides[0] if guides else None,
            guides=guides,
            certifications=Certification.objects.published().select_related("body"),
        )
        return context


class RobotsView(PublicPageMixin, TemplateView):
    """robots.txt: keep crawlers out of admin and point them at the sitemap."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = self.request.build_absolute_uri(reverse("sitemap"))
        return context
