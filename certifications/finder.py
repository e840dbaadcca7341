"""“Which certification fits me?”: judge each certification against a visitor's answers.

Every reason comes from the certification's own rules (editable in admin), and each gap
links to the pathway steps that close it.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certifications.models import (
    LONG_PROGRAMS,
    Education,
    Experience,
    Program,
    Setting,
    WorkFocus,
)
from guides.models import Gap


class Goal:
    QUICK = "quick"
    GROWTH = "growth"
    CHOICES = [
        (QUICK, gettext_lazy("Start working quickly")),
        (GROWTH, gettext_lazy("Long-term growth")),
    ]


SETTING_CHOICES = [
    (Setting.PHYSICIAN_PRACTICE, gettext_lazy("Physician practice")),
    (Setting.HOSPITAL, gettext_lazy("Hospital")),
    (Setting.ANY, gettext_lazy("Either")),
]

ANY_WORK = ""
PROGRAM_CHOICES = [(value, label) for value, label in Program.choices if value]


class FinderForm(forms.Form):
    # Optional, like the programs: a link shared before these questions existed still works.
    work = forms.ChoiceField(
        label=gettext_lazy("What would you like to do?"),
        choices=[
            (ANY_WORK, gettext_lazy("Not sure yet: show every kind of work")),
            *WorkFocus.choices,
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    education = forms.TypedChoiceField(
        label=gettext_lazy("Your highest education"),
        choices=Education.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    programs = forms.MultipleChoiceField(
        label=gettext_lazy("Accredited programs you have finished, or are in the final term of"),
        help_text=gettext_lazy("Leave them all unticked if none applies."),
        choices=PROGRAM_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    experience = forms.TypedChoiceField(
        label=gettext_lazy(
            "Your experience in health information work (coding, records, registry or billing)"
        ),
        choices=Experience.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    setting = forms.ChoiceField(
        label=gettext_lazy("Where you would like to work"),
        choices=SETTING_CHOICES,
        widget=forms.RadioSelect,
    )
    goal = forms.ChoiceField(
        label=gettext_lazy("Your goal"), choices=Goal.CHOICES, widget=forms.RadioSelect
    )


class Status:
    NOW = "now"
    AFTER = "after"
    CHECK = "check"
    NOT_YET = "not_yet"
    LABELS = {
        NOW: gettext_lazy("Eligible now"),
        AFTER: gettext_lazy("Eligible after"),
        CHECK: gettext_lazy("Check with the issuer"),
        NOT_YET: gettext_lazy("Not a fit yet"),
    }
    ORDER = [NOW, AFTER, CHECK, NOT_YET]


@dataclass
class Verdict:
    certification: object
    status: str
    reasons: list[str] = field(default_factory=list)
    required_steps: list = field(default_factory=list)  # must be done before the exam
    helpful_steps: list = field(default_factory=list)  # recommended, not required

    @property
    def steps(self) -> list:
        return self.required_steps + [s for s in self.helpful_steps if s not in self.required_steps]

    @property
    def label(self) -> str:
        return Status.LABELS[self.status]


# Pathway steps that close each gap, best first.
STEPS_FOR_GAP = {
    Gap.HIGH_SCHOOL: [Gap.HIGH_SCHOOL],
    Gap.CODING_PROGRAM: [Gap.CODING_PROGRAM],
    Gap.ACCREDITED_PROGRAM: [Gap.ACCREDITED_PROGRAM, Gap.CODING_PROGRAM],
    Gap.ASSOCIATE_DEGREE: [Gap.ASSOCIATE_DEGREE, Gap.ACCREDITED_PROGRAM],
    Gap.BACHELORS_DEGREE: [Gap.BACHELORS_DEGREE, Gap.HIM_BACHELORS_PROGRAM],
    Gap.HIM_BACHELORS_PROGRAM: [Gap.HIM_BACHELORS_PROGRAM, Gap.BACHELORS_DEGREE],
    Gap.REGISTRY_PROGRAM: [Gap.REGISTRY_PROGRAM, Gap.ASSOCIATE_DEGREE],
    Gap.MA_PROGRAM: [Gap.MA_PROGRAM],
    Gap.EXPERIENCE: [Gap.EXPERIENCE],
}

GAP_FOR_PROGRAM = {
    Program.CAHIIM_ASSOCIATE: Gap.ACCREDITED_PROGRAM,
    Program.CAHIIM_BACHELORS: Gap.HIM_BACHELORS_PROGRAM,
    Program.NCRA: Gap.REGISTRY_PROGRAM,
    Program.MEDICAL_ASSISTING: Gap.MA_PROGRAM,
}

GAP_FOR_EDUCATION = {
    Education.HIGH_SCHOOL: Gap.HIGH_SCHOOL,
    Education.ASSOCIATE: Gap.ASSOCIATE_DEGREE,
    Education.BACHELORS: Gap.BACHELORS_DEGREE,
}


def education_gap(certification, education: int) -> str | None:
    if education >= certification.min_education:
        return None
    return GAP_FOR_EDUCATION[certification.min_education]


def program_gap(certification, answers: dict) -> str | None:
    """The accredited program the visitor still needs, unless the experience the issuer
    accepts instead (CTR's route B) is theirs."""
    program = certification.required_program
    if not program or program in answers.get("programs", ()):
        return None
    instead = certification.experience_in_place_of_program
    if instead and answers["experience"] >= instead:
        return None
    return GAP_FOR_PROGRAM[Program(program)]


def experience_reason(certification, experience: int) -> str | None:
    """Experience is never required to sit an exam: it is advised, or it turns an interim
    credential (CPC-A) into the full one."""
    if experience < certification.recommended_experience:
        recommended = Experience(certification.recommended_experience).label
        return (
            _("Recommended experience: %(experience)s.") % {"experience": recommended}
            + " "
            + (certification.experience_note or _("It is advised, not required."))
        )
    if experience < certification.experience_for_full_credential:
        needed = Experience(certification.experience_for_full_credential).label.lower()
        return (
            _("No experience is needed to sit the exam.")
            + " "
            + (
                certification.experience_note
                or _("The full %(code)s is awarded after %(years)s of experience.")
                % {"code": certification.code, "years": needed}
            )
        )
    return None


def assess(certification, answers: dict, steps_by_gap: list[dict]) -> Verdict:
    """`steps_by_gap`: for each guide recommending the certification, {gap: [its steps]}."""
    verdict = Verdict(certification=certification, status=Status.NOW)
    code = certification.code
    if not certification.eligibility_checked:
        verdict.status = Status.CHECK
        verdict.reasons.append(
            _(
                "We have not found %(body)s’s own statement of who may sit %(code)s: check its "
                "page before you enrol."
            )
            % {"body": certification.body.abbreviation, "code": code}
        )
    else:
        judge_eligibility(verdict, answers, steps_by_gap)

    focus = certification.setting_focus
    if Setting.ANY not in (focus, answers["setting"]) and focus != answers["setting"]:
        verdict.status = Status.NOT_YET
        verdict.reasons.append(
            _("%(code)s is most valued in %(setting)s work; you prefer %(preferred)s work.")
            % {
                "code": code,
                "setting": Setting(focus).label.lower(),
                "preferred": Setting(answers["setting"]).label.lower(),
            }
        )
    return verdict


def judge_eligibility(verdict: Verdict, answers: dict, steps_by_gap: list[dict]) -> None:
    certification = verdict.certification
    code = certification.code
    gaps = []
    if program := certification.required_program:
        gap = program_gap(certification, answers)
        needed = Program(program).label
        instead = certification.experience_in_place_of_program
        if gap:
            program_text = needed[0].lower() + needed[1:]
            text = _(
                "%(code)s asks you to have finished %(program)s, or to be in its final term"
            ) % {"code": code, "program": program_text}
            if instead:
                years = Experience(instead).label.lower()
                text += "; " + _("%(years)s of experience can take its place") % {"years": years}
            verdict.reasons.append(text + ".")
            gaps.append(gap)
        elif program in answers.get("programs", ()):
            verdict.reasons.append(_("You meet %(code)s’s program requirement.") % {"code": code})
        else:
            verdict.reasons.append(
                _("Your experience takes the place of the program %(code)s otherwise asks for.")
                % {"code": code}
                + " "
                + certification.experience_note
            )

    required = Education(certification.min_education).label
    if gap := education_gap(certification, answers["education"]):
        verdict.reasons.append(
            _("%(code)s asks for at least: %(education)s.") % {"code": code, "education": required}
        )
        gaps.insert(0, gap)
    elif certification.min_education == Education.NONE:
        verdict.reasons.append(_("%(code)s asks for no proof of education.") % {"code": code})
    else:
        verdict.reasons.append(
            _("You meet %(code)s’s education requirement (%(education)s).")
            % {"code": code, "education": required}
        )

    if certification.credential_required:
        verdict.status = Status.AFTER
        verdict.reasons.append(
            _("You need %(credential)s first.") % {"credential": certification.credential_required}
        )

    if gaps:
        verdict.status = Status.AFTER
        verdict.required_steps = steps_closing(gaps, steps_by_gap)
        long_route = Program(certification.required_program) in LONG_PROGRAMS
        program_missing = GAP_FOR_PROGRAM.get(certification.required_program) in gaps
        if long_route and program_missing and answers["goal"] == Goal.QUICK:
            verdict.status = Status.NOT_YET
            verdict.reasons.append(
                _(
                    "An accredited college program is a longer route: it does not suit a quick "
                    "start."
                )
            )

    if reason := experience_reason(certification, answers["experience"]):
        verdict.reasons.append(reason)
        verdict.helpful_steps = steps_closing([Gap.EXPERIENCE], steps_by_gap)


def steps_closing(gaps: list[str], steps_by_gap: list[dict]) -> list:
    """The first pathway step for each gap (in the order the gaps were found), no repeats,
    from the first recommending guide that has one."""
    steps = []
    for gap in gaps:
        step = next(
            (
                guide_steps[tag][0]
                for tag in STEPS_FOR_GAP[gap]
                for guide_steps in steps_by_gap
                if guide_steps.get(tag)
            ),
            None,
        )
        if step is not None and step not in steps:
            steps.append(step)
    return steps


def grouped(verdicts: list[Verdict], work: str) -> tuple[list, list]:
    """The verdicts for the kind of work chosen (all, when none is), best first; the rest."""
    chosen = [v for v in verdicts if not work or v.certification.work_focus == work]
    others = [v for v in verdicts if v not in chosen]

    def best_first(verdict):
        return Status.ORDER.index(verdict.status), verdict.certification.code

    return sorted(chosen, key=best_first), sorted(others, key=best_first)
