"""/careers/match/: which careers fit me. The questionnaire (the interests app's activities,
answered on a five-point scale, one GET form, nothing stored) and, at the same address with the
six scores in it (?r=…&i=…&a=…&s=…&e=…&c=…, each 0–100), the careers that match them
(careers.matching). /careers/match/answers/ turns answers into that address.

Every page is public: the answers live in the address, so the same address is the same page
for everyone, cacheable by the page cache and a CDN, and no cookie is set. The one exception is
an `&area=` it cannot find: the page repeats what was typed, so it is kept for no one else.
"""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.interest_areas import AREA_WORDS, area_name
from core.public_pages import PublicPageMixin
from guides.links import career_link
from interests.selectors import questionnaire
from occupations.areas import area_medians, find_area
from occupations.filters import with_pay
from occupations.models import Field, Occupation, PayRelease
from occupations.onet_models import OnetRelease

from .matching import AREAS, SCALE, rank_careers, scores_from_answers, top_areas

PER_PAGE = 20
SCORE_ERROR = gettext_lazy("Enter each of the six interest scores as a whole number from 0 to 100.")
# "Up to" each of O*NET's job zones, by the name occupations.work.JOB_ZONES gives it (its words
# before the colon, in lower case): written out whole, so each reads well in every language.
UP_TO_ZONE = {
    1: gettext_lazy("Up to little or no preparation"),
    2: gettext_lazy("Up to some preparation"),
    3: gettext_lazy("Up to medium preparation"),
    4: gettext_lazy("Up to considerable preparation"),
    5: gettext_lazy("Up to extensive preparation"),
}


class MatchForm(forms.Form):
    """The results page's address: the six scores, and what the visitor narrows the list by."""

    zone = forms.TypedChoiceField(
        label=gettext_lazy("Preparation you are willing to do"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", gettext_lazy("Any amount")), *UP_TO_ZONE.items()],
        error_messages={
            "invalid_choice": gettext_lazy("Choose one of the amounts of preparation listed.")
        },
    )
    field = forms.ModelChoiceField(
        label=gettext_lazy("Field"),
        queryset=Field.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any field"),
        error_messages={"invalid_choice": gettext_lazy("There is no field of that name.")},
    )
    state = forms.ChoiceField(
        label=gettext_lazy("Show pay for a state"),
        required=False,
        choices=[],
        error_messages={"invalid_choice": gettext_lazy("We have no pay figures for that state.")},
    )

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        for letter in AREAS:
            name = area_name(letter)
            words = {"name": name, "rule": SCORE_ERROR}
            self.fields[letter.lower()] = forms.IntegerField(
                label=_("%(name)s score") % words,
                min_value=0,
                max_value=100,
                error_messages={
                    "required": _("The %(name)s score is missing. %(rule)s") % words,
                    "invalid": _("The %(name)s score is not a whole number. %(rule)s") % words,
                    "min_value": _("The %(name)s score is below 0. %(rule)s") % words,
                    "max_value": _("The %(name)s score is above 100. %(rule)s") % words,
                },
            )
        self.order_fields([letter.lower() for letter in AREAS])  # the scores first
        for name in ("zone", "field", "state"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["state"].choices = [("", _("No state")), *((name, name) for name in states)]

    def score_fields(self):
        return [self[letter.lower()] for letter in AREAS]

    def narrowing_fields(self):
        return [self[name] for name in ("zone", "field", "state")]

    @property
    def scores(self) -> dict[str, int]:
        return {letter: self.cleaned_data[letter.lower()] for letter in AREAS}


class MatchPage(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    def get_breadcrumbs(self):
        return [Crumb(_("Careers"), reverse("careers:finder")), Crumb(_("Which careers fit me"))]


class MatchView(MatchPage):
    """The questionnaire, or with scores in the address the careers that match them (the
    same for everyone: everything shown comes from the address)."""

    def get_template_names(self):
        return ["careers/match_results.html" if self.has_scores else "careers/match.html"]

    def get(self, request, *args, **kwargs):
        self.has_scores = any(letter.lower() in request.GET for letter in AREAS)
        self.form = None
        self.area_search = None
        if self.has_scores:
            self.release = PayRelease.current()
            # A city or area is not one of the form's choices: one it cannot find is said on
            # the results, which keep the nation's figures, rather than refusing the address.
            self.area_search = find_area(self.release, request.GET.get("area", ""))
            states = self.release.state_names() if self.release else []
            self.form = MatchForm(request.GET, states=states)
        response = super().get(request, *args, **kwargs)
        if self.form is not None and not self.form.is_valid():
            response.status_code = 400
        return response

    def shows_visitor_input(self) -> bool:
        return bool(self.area_search and self.area_search.error)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(scale=SCALE, onet_release=OnetRelease.current())
        if not self.has_scores:
            return {**context, "items": questionnaire()}
        context["form"] = self.form
        if not self.form.is_valid():
            return context
        scores = self.form.scores
        data = self.form.cleaned_data
        ranking = rank_careers(
            scores, field_slug=data["field"].slug if data["field"] else "", most_zone=data["zone"]
        )
        page = Paginator(ranking.matches, PER_PAGE).get_page(self.request.GET.get("page"))
        area = self.area_search.area
        # A city or area takes the state's place; the page names the state it set aside.
        state = "" if area else data["state"]
        attach_careers(page.object_list, self.release, state, area)
        # Only a found area goes back into the page's links, by its code: never what was typed.
        kept = {
            key: value for key, value in self.request.GET.items() if key not in ("page", "area")
        }
        if area is not None:
            kept["area"] = area.code
        top = top_areas(scores)
        return {
            **context,
            "profile": [
                (letter, area_name(letter), scores[letter], AREA_WORDS[letter]) for letter in AREAS
            ],
            "top": [(area_name(letter), AREA_WORDS[letter]) for letter in top],
            "ranking": ranking,
            "page_obj": page,
            "page_query": urlencode(kept),
            "release": self.release,
            "state": state,
            "area": area,
            "area_search": self.area_search,
            "state_set_aside": data["state"] if area else "",
            "area_choices": [
                (choice, "?" + urlencode({**kept, "area": choice.code}))
                for choice in self.area_search.candidates[:12]
            ],
            "scores_query": urlencode({letter.lower(): scores[letter] for letter in AREAS}),
        }


def attach_careers(matches, release, state: str, area=None) -> None:
    """Each match on the page gets its profile, with its pay (and a state's), in one query, and
    with an area its figures there (`in_area`, None where BLS publishes none), in one more."""
    profiles = with_pay(
        Occupation.objects.filter(pk__in=[match.profile_id for match in matches]).select_related(
            "guide"
        ),
        release,
        state,
    )
    by_id = {profile.pk: profile for profile in profiles}
    in_area = area_medians(release, area, [profile.pay_code for profile in by_id.values()])
    for match in matches:
        match.occupation = by_id.get(match.profile_id)
        match.link = career_link(match.occupation) if match.occupation else ""
        match.in_area = in_area.get(match.occupation.pay_code) if match.occupation else None


class MatchAnswersView(MatchPage):
    """The questionnaire's answers → the results' address (a redirect), or, when an area has
    too few answers or an answer is not one of the choices, the questionnaire again with every
    answer kept and what is missing said."""

    template_name = "careers/match.html"

    def get(self, request, *args, **kwargs):
        self.items = questionnaire()
        choices = {str(value) for value, _label in SCALE}
        self.answers, self.problems = {}, []
        for item in self.items:
            value = request.GET.get(f"q{item.pk}", "")
            if value in choices:
                self.answers[item.pk] = int(value)
            elif value:
                self.problems.append(
                    _("“%(activity)s”: the answer is not one of the choices.")
                    % {"activity": item.text}
                )
        scores, short = scores_from_answers(self.items, self.answers)
        self.problems += [
            _("%(area)s: answer at least half of its activities (marked below).")
            % {"area": area_name(letter)}
            for letter in short
        ]
        if not self.problems and self.items:
            query = urlencode({letter.lower(): scores[letter] for letter in AREAS})
            return redirect(f"{reverse('careers:match')}?{query}")
        self.short = set(short)
        for item in self.items:  # what the visitor chose stays chosen
            item.answer = self.answers.get(item.pk)
            item.needed = item.area in self.short and item.answer is None
        return super().get(request, *args, **kwargs)

    def shows_visitor_input(self) -> bool:
        return True  # the visitor's own answers are on this page

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "items": self.items,
            "problems": self.problems,
            "scale": SCALE,
            "onet_release": OnetRelease.current(),
        }
