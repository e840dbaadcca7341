"""/careers/<slug>.json: a guide in the content-pack format (content_packs), or, for a handbook
profile without a guide of that name, the profile's facts and pay (occupations.export)."""

from django.http import Http404, JsonResponse
from django.views.generic import View

from core.public_pages import PublicPageMixin
from guides.models import CareerGuide
from guides.selectors import guide_codes
from occupations.export import profile_document
from occupations.models import PayRelease
from occupations.selectors import national_medians, profile_queryset
from occupations.work import career_work
from occupations.work_data import work_document

from .export import guide_document

JSON_OPTIONS = {"indent": 2, "sort_keys": True, "ensure_ascii": False}


class CareerJSONView(PublicPageMixin, View):
    """Published guides and profiles for everyone; staff also get drafts, as on the HTML page."""

    def get(self, request, slug):
        guide = CareerGuide.objects.visible_to(request.user).filter(slug=slug).first()
        if guide is not None:
            document = guide_document(guide, public=not request.user.is_staff)
            # What the work is, from O*NET (with its credit), as the guide's page shows it.
            codes = guide_codes(guide, request.user)
            work = career_work(codes, "", PayRelease.current(), national_medians)
            document["work"] = work_document(work)
            return JsonResponse(document, json_dumps_params=JSON_OPTIONS)
        profile = profile_queryset(request.user).filter(slug=slug).first()
        if profile is None:
            raise Http404("No guide or profile of that name.")
        return JsonResponse(profile_document(profile), json_dumps_params=JSON_OPTIONS)
