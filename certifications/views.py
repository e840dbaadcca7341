"""The /certifications/ section's pages: the list, a certification, the comparison and the
finder. A certification's page lists the guides that recommend it, and the finder links the
training steps that close a gap: certifications sits above guides (import-linter)."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin
from core.structured_data import json_ld_script
from guides.models import CareerGuide, GuideCertification, TrainingStep

from .comparison import CompareForm, comparison_rows
from .finder import FinderForm, assess, grouped
from .models import Certification, WorkFocus
from .structured_data import certification_structured_data

# More certifications than this, with none picked, and the page compares one kind of work.
DEFAULT_COLUMNS = 5


class CertificationListView(PublicPageMixin, BreadcrumbsMixin, ListView):
    template_name = "certifications/certification_list.html"
    context_object_name = "certifications"

    def get_breadcrumbs(self):
        return [Crumb(_("Certifications"))]

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
        return [Crumb(_("Certifications"), reverse("certifications:list")), Crumb(_("Compare"))]

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


class CertificationDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    template_name = "certifications/certification_detail.html"
    context_object_name = "certification"

    def get_breadcrumbs(self):
        return [
            Crumb(_("Certifications"), reverse("certifications:list")),
            Crumb(self.object.code),
        ]

    def get_queryset(self):
        guides = CareerGuide.objects.visible_to(self.request.user)
        return (
            Certification.objects.visible_to(self.request.user)
            .select_related("body")
            .prefetch_related(
                Prefetch(
                    "guide_links",
                    queryset=GuideCertification.objects.filter(guide__in=guides).select_related(
                        "guide"
                    ),
                    to_attr="recommending_links",
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = json_ld_script(
            certification_structured_data(
                self.request, self.object, breadcrumbs=context["breadcrumbs"]
            )
        )
        return context


class FinderView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    """“Which certification fits me?”: a GET form, so every result has a shareable URL."""

    template_name = "certifications/finder.html"

    def shows_visitor_input(self) -> bool:
        return bool(self.form.is_bound and self.form.errors)

    def get_breadcrumbs(self):
        return [Crumb(_("Certifications"), reverse("certifications:list")), Crumb(_("Finder"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        if set(query) == {"work"}:
            # From a certification page: the kind of work chosen, nothing answered yet.
            form = self.form = FinderForm(initial={"work": query["work"]})
        else:
            form = self.form = FinderForm(query or None)
        context["form"] = form
        if form.is_bound and form.is_valid():
            work = form.cleaned_data["work"]
            chosen, others = grouped(self.verdicts(form.cleaned_data), work)
            context.update(
                verdicts=chosen + others,
                chosen_verdicts=chosen,
                other_verdicts=others,
                work_label=dict(form.fields["work"].choices)[work] if work else "",
            )
        return context

    def verdicts(self, answers):
        certifications = (
            Certification.objects.visible_to(self.request.user)
            .select_related("body")
            .prefetch_related(
                Prefetch(
                    "guide_links",
                    queryset=GuideCertification.objects.filter(
                        guide__in=CareerGuide.objects.visible_to(self.request.user)
                    ).order_by("guide__title"),
                    to_attr="recommending_links",
                )
            )
        )
        steps = pathway_steps_by_guide()
        return [
            assess(cert, answers, [steps.get(guide, {}) for guide in self.guides_for(cert)])
            for cert in certifications
        ]

    @staticmethod
    def guides_for(certification) -> list[int]:
        """The guides recommending it, by title: the first with a step for a gap links it."""
        return [link.guide_id for link in certification.recommending_links]


def pathway_steps_by_guide() -> dict:
    """{guide id: {gap: [steps in pathway order]}} for the steps that close a gap."""
    grouped: dict = {}
    steps = (
        TrainingStep.objects.exclude(closes_gap="")
        .select_related("guide")
        .order_by("guide_id", "position", "pk")
    )
    for step in steps:
        grouped.setdefault(step.guide_id, {}).setdefault(step.closes_gap, []).append(step)
    return grouped
