from django.urls import reverse
from django.views.generic import ListView, TemplateView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin

from .comparison import CompareForm, comparison_rows
from .models import Certification, WorkFocus

# More certifications than this, with none picked, and the page compares one kind of work.
DEFAULT_COLUMNS = 5


class CertificationListView(PublicPageMixin, BreadcrumbsMixin, ListView):
    template_name = "certifications/certification_list.html"
    context_object_name = "certifications"

    def get_breadcrumbs(self):
        return [Crumb("Certifications")]

    def get_queryset(self):
        return (
            Certification.objects.visible_to(self.request.user)
            .select_related("body")
            .order_by("body__name", "code")
        )


class CompareView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    """Side by side: the certifications a visitor picks. With none picked: those of the kind of
    work most of them are for (coding, at first), as fourteen columns would fit no screen;
    links offer each kind of work's set."""

    template_name = "certifications/compare.html"

    def shows_visitor_input(self) -> bool:
        return bool(self.form.is_bound and self.form.errors)

    def get_breadcrumbs(self):
        return [Crumb("Certifications", reverse("certifications:list")), Crumb("Compare")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        available = list(
            Certification.objects.visible_to(self.request.user)
            .select_related("body")
            .order_by("code")
        )
        by_work: dict = {}
        for cert in available:
            by_work.setdefault(cert.work_focus, []).append(cert)
        sets = [(WorkFocus(work).label, group) for work, group in by_work.items() if len(group) > 1]
        chosen = available
        if len(available) > DEFAULT_COLUMNS and sets:
            chosen = max(sets, key=lambda pair: len(pair[1]))[1]
        form = self.form = CompareForm(
            self.request.GET or None,
            certifications=available,
            initial={"c": [cert.slug for cert in chosen]},  # the boxes say what is compared
        )
        if form.is_bound and form.is_valid() and form.cleaned_data["c"]:
            picked = set(form.cleaned_data["c"])
            chosen = [cert for cert in available if cert.slug in picked]
        rows = comparison_rows(chosen)
        context.update(
            form=form,
            certifications=chosen,
            rows=rows,
            # The same facts per certification, for the stacked cards shown on phones.
            cards=[
                (cert, [(row.label, row.cells[index]) for row in rows])
                for index, cert in enumerate(chosen)
            ],
            too_few=len(chosen) < 2,
            work_sets=[
                (label, group, "&".join(f"c={cert.slug}" for cert in group))
                for label, group in sorted(sets)
            ],
        )
        return context
