"""/careers/<slug>.json: one guide, read-only, in the content-pack format (content_packs)."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import View

from core.public_pages import PublicPageMixin
from guides.models import CareerGuide

from .export import guide_document


class GuideJSONView(PublicPageMixin, View):
    """Published guides for everyone; staff also get drafts, as on the HTML page."""

    def get(self, request, slug):
        guide = get_object_or_404(CareerGuide.objects.visible_to(request.user), slug=slug)
        return JsonResponse(
            guide_document(guide, public=not request.user.is_staff),
            json_dumps_params={"indent": 2, "sort_keys": True, "ensure_ascii": False},
        )
