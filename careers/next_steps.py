"""/careers/<slug>/next/: where my experience can take me. The careers this one's skills,
knowledge and tools carry over to best (occupations.next_steps), told apart as a step up, a
step sideways or a new start, each with its pay change, what is new to learn and a
certification or training step the site knows; for the flagship's family, the editors' own
pathway moves first. Public: everything on it comes from the address (`?state=`, or
`?area=` for a city or area, which takes the state's place), save an area it cannot find: that
is said, with the nation's figures, and the page is kept for no one else."""

from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from certifications.models import Certification
from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.models import published_q
from core.public_pages import PublicPageMixin
from guides.models import GuideCertification, MoveKind, PathwayMove, TrainingStep
from occupations.areas import find_area
from occupations.models import PayRelease
from occupations.next_steps import next_steps
from occupations.onet_models import OnetRelease

from .career_lookup import career_for

KINDS = [
    ("up", gettext_lazy("A step up")),
    ("sideways", gettext_lazy("A step sideways")),
    ("new", gettext_lazy("A new start")),
]
SHOWN = 12


class StateForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("Show pay for a state"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("We have no pay figures for that state.")},
    )

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("No state")), *((name, name) for name in states)]
        self.fields["state"].widget.attrs["class"] = "form-select"


class NextStepsView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    template_name = "careers/next_steps.html"

    def get(self, request, *args, slug, **kwargs):
        career = career_for(slug, request.user)
        self.guide, self.occupation, codes = career.guide, career.occupation, career.codes
        self.title, self.page_url = career.title, career.page_url
        self.release = PayRelease.current()
        states = self.release.state_names() if self.release else []
        self.form = StateForm(request.GET or None, states=states)
        state = self.form.cleaned_data["state"] if self.form.is_valid() else ""
        # A city or area is typed, not chosen from a list: it is not one of the form's fields.
        self.area_search = find_area(self.release, request.GET.get("area", ""))
        area = self.area_search.area
        # A found area takes the state's place; the page names the state it set aside.
        self.state, self.state_set_aside = ("", state) if area else (state, "")
        self.steps = next_steps(
            self.occupation, codes, self.release, self.state, limit=SHOWN, area=area
        )
        if self.steps is None:
            raise Http404("O*NET has no data for this career.")
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and not self.form.is_valid():
            response.status_code = 400
        return response

    def shows_visitor_input(self) -> bool:
        """An area it cannot find is said in the visitor's own words: not a page to share."""
        search = getattr(self, "area_search", None)
        return bool(search and search.error)

    def get_breadcrumbs(self):
        return [
            Crumb(_("Careers"), reverse("careers:finder")),
            Crumb(self.title[:1].upper() + self.title[1:], self.page_url),
            Crumb(_("Where it can take you")),
        ]

    def get_context_data(self, **kwargs):
        moves = self.editor_moves()
        covered = {target.occupation_id for target, _move in moves}
        steps = [step for step in self.steps.steps if step.occupation.pk not in covered]
        add_site_steps(steps)
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "page_url": self.page_url,
            "form": self.form,
            "state": self.state,
            "state_set_aside": self.state_set_aside,
            "area": self.steps.area,
            "area_search": self.area_search,
            "area_choices": [
                (choice, f"{self.page_url}next/?{urlencode({'area': choice.code})}")
                for choice in self.area_search.candidates[:12]
            ],
            "next": self.steps,
            "moves": moves,
            "groups": [
                (key, words, [step for step in steps if step.kind == key]) for key, words in KINDS
            ],
            "release": self.release,
            "onet_release": OnetRelease.current(),
        }

    def editor_moves(self) -> list:
        """The hand-written pathway moves from this guide to published guides: its own, and
        the sideways moves other guides store (a sideways move goes both ways), as
        (guide moved to, the move)."""
        if self.guide is None:
            return []
        moves = (
            PathwayMove.objects.filter(
                (Q(guide=self.guide) & published_q("to_guide__"))
                | (Q(to_guide=self.guide, kind=MoveKind.SIDEWAYS) & published_q("guide__"))
            )
            .select_related("guide", "to_guide")
            .order_by("position", "pk")
        )
        return [
            (move.to_guide if move.guide_id == self.guide.pk else move.guide, move)
            for move in moves
        ]


def add_site_steps(steps) -> None:
    """Each step's certification or training step the site knows (its guide's first
    recommended certification, else its first training step): two queries."""
    guides = {
        step.occupation.guide.pk: step
        for step in steps
        if getattr(step.occupation, "guide", None) is not None
        and step.occupation.guide.is_published
    }
    for step in steps:
        step.site_step = None
    if not guides:
        return
    links = GuideCertification.objects.filter(
        guide_id__in=guides, certification__in=Certification.objects.published()
    ).select_related("certification")
    for link in links.order_by("guide_id", "position", "pk"):
        step = guides[link.guide_id]
        if step.site_step is None:
            step.site_step = (link.certification.name, link.certification.get_absolute_url())
    for training in TrainingStep.objects.filter(guide_id__in=guides).order_by(
        "guide_id", "position", "pk"
    ):
        step = guides[training.guide_id]
        if step.site_step is None:
            step.site_step = (training.title, f"{step.occupation.guide.get_absolute_url()}#pathway")
