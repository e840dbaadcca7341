"""“Which certification fits me?”: judge each certification against a visitor's answers.

Every reason comes from the certification's own rules (editable in admin), and each gap
links to the pathway steps that close it.
"""

from dataclasses import dataclass, field

from django import forms

from certifications.models import Education, Experience, Setting
from guides.models import Gap


class Goal:
    QUICK = "quick"
    GROWTH = "growth"
    CHOICES = [(QUICK, "Start working quickly"), (GROWTH, "Long-term growth")]


SETTING_CHOICES = [
    (Setting.PHYSICIAN_PRACTICE, "Physician practice"),
    (Setting.HOSPITAL, "Hospital"),
    (Setting.ANY, "Either"),
]


class FinderForm(forms.Form):
    education = forms.TypedChoiceField(
        label="Your highest education",
        choices=Education.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    experience = forms.TypedChoiceField(
        label="Your medical coding experience",
        choices=Experience.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    setting = forms.ChoiceField(
        label="Where you would like to work", choices=SETTING_CHOICES, widget=forms.RadioSelect
    )
    goal = forms.ChoiceField(label="Your goal", choices=Goal.CHOICES, widget=forms.RadioSelect)


class Status:
    NOW = "now"
    AFTER = "after"
    NOT_YET = "not_yet"
    LABELS = {NOW: "Eligible now", AFTER: "Eligible after", NOT_YET: "Not a fit yet"}


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
    Gap.EXPERIENCE: [Gap.EXPERIENCE],
}


def education_gap(certification, education: int) -> str | None:
    if certification.accredited_program_required and education != Education.ACCREDITED_ASSOCIATE:
        return Gap.ACCREDITED_PROGRAM
    if education >= certification.min_education:
        return None
    if certification.min_education == Education.HIGH_SCHOOL:
        return Gap.HIGH_SCHOOL
    return Gap.CODING_PROGRAM


def experience_reason(certification, experience: int) -> str | None:
    """Experience is never required to sit an exam: it is advised, or it turns an interim
    credential (CPC-A) into the full one."""
    if experience < certification.recommended_experience:
        recommended = Experience(certification.recommended_experience).label
        return f"Recommended experience: {recommended}. " + (
            certification.experience_note or "It is advised, not required."
        )
    if experience < certification.experience_for_full_credential:
        needed = Experience(certification.experience_for_full_credential).label.lower()
        return "No experience is needed to sit the exam. " + (
            certification.experience_note
            or f"The full {certification.code} is awarded after {needed} of experience."
        )
    return None


def assess(certification, answers: dict, steps_by_gap: dict) -> Verdict:
    verdict = Verdict(certification=certification, status=Status.NOW)
    code = certification.code
    required = Education(certification.min_education).label
    gap = education_gap(certification, answers["education"])
    if gap == Gap.ACCREDITED_PROGRAM:
        verdict.reasons.append(
            f"{code} is open only to graduates of a CAHIIM-accredited associate program, or to "
            "its students in their final term."
        )
    elif gap:
        verdict.reasons.append(f"{code} asks for at least: {required}.")
    elif certification.min_education == Education.NONE:
        verdict.reasons.append(f"{code} asks for no proof of education.")
    else:
        verdict.reasons.append(f"You meet {code}’s education requirement ({required}).")
    if gap:
        verdict.status = Status.AFTER
        verdict.required_steps = steps_closing([gap], steps_by_gap)
        if gap == Gap.ACCREDITED_PROGRAM and answers["goal"] == Goal.QUICK:
            verdict.status = Status.NOT_YET
            verdict.reasons.append(
                "An accredited associate-level program is a longer route: it does not suit a "
                "quick start."
            )

    if reason := experience_reason(certification, answers["experience"]):
        verdict.reasons.append(reason)
        verdict.helpful_steps = steps_closing([Gap.EXPERIENCE], steps_by_gap)

    focus = certification.setting_focus
    if Setting.ANY not in (focus, answers["setting"]) and focus != answers["setting"]:
        verdict.status = Status.NOT_YET
        verdict.reasons.append(
            f"{code} is most valued in {Setting(focus).label.lower()} work; you prefer "
            f"{Setting(answers['setting']).label.lower()} work."
        )
    return verdict


def steps_closing(gaps: list[str], steps_by_gap: dict) -> list:
    """The first pathway step for each gap (in the order the gaps were found), no repeats."""
    steps = []
    for gap in gaps:
        for tag in STEPS_FOR_GAP[gap]:
            if steps_by_gap.get(tag):
                if steps_by_gap[tag][0] not in steps:
                    steps.append(steps_by_gap[tag][0])
                break
    return steps
