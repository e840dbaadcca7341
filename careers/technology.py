"""/careers/technology/<slug>/: the careers whose work uses one product (Epic Systems, AutoCAD,
Python), from O*NET's technology examples, with their pay; linked from every career's list of
tools."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin
from occupations.filters import with_pay
from occupations.models import Occupation, OccupationCode, PayRelease
from occupations.onet_models import OnetCareerCode, OnetRelease, OnetTechnology, Technology


class TechnologyView(PublicPageMixin, BreadcrumbsMixin, ListView):
    template_name = "careers/technology.html"
    context_object_name = "occupations"

    def get(self, request, *args, **kwargs):
        self.technology = get_object_or_404(Technology, slug=kwargs["slug"])
        self.release = PayRelease.current()
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [Crumb(_("Careers"), reverse("careers:finder")), Crumb(self.technology.name)]

    def get_queryset(self):
        uses = OnetTechnology.objects.filter(technology=self.technology, hidden=False)
        codes = OnetCareerCode.objects.filter(occupation__in=uses.values("occupation"))
        own_codes = OccupationCode.objects.filter(occupation=OuterRef(OuterRef("pk")))
        hot = uses.filter(hot=True, occupation__careers__soc_code__in=own_codes.values("soc_code"))
        occupations = (
            Occupation.objects.visible_to(self.request.user)
            .filter(codes__soc_code__in=codes.values("soc_code"))
            .distinct()
            .annotate(hot=Exists(hot))
            .select_related("guide")
            .order_by("-hot", "title")
        )
        return with_pay(occupations, self.release)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "technology": self.technology,
            "release": self.release,
            "onet_release": OnetRelease.current(),
        }
