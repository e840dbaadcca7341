"""A visitor's pathway plan, kept in their (server-side) session: no account needed.

A plan is for a career: a guide (its training steps and recommended certifications) or, for a
career without one, its handbook profile (the handbook's entry education, related experience
and on-the-job training: the steps the site knows for it). The session holds, per career
slug, what the visitor wrote for each item of the plan: whether it is done, an optional target
month and a note, plus the item's title when the plan was made. The
plan shown is always rebuilt from the guide as it is now, so an editor can change the guide's
steps at any time: new steps appear as not done, and saved items whose step was removed are
kept and shown as "no longer in the guide" rather than lost.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from certifications.models import Certification
from core.models import published_q
from guides.models import CareerGuide
from occupations.models import EntryEducation, Occupation, Training, WorkExperience

SESSION_KEY = "pathway_plans"


@dataclass
class PlanItem:
    key: str
    title: str
    done: bool = False
    target: str = ""  # "YYYY-MM"
    note: str = ""
    in_guide: bool = True
    url: str = ""
    duration: str = ""
    cost: tuple = ()  # (min, max, currency, source) for training steps with a cost

    @property
    def target_date(self) -> datetime.date | None:
        if not self.target:
            return None
        year, month = self.target.split("-")
        return datetime.date(int(year), int(month), 1)


@dataclass
class Plan:
    slug: str
    title: str
    guide: CareerGuide | None  # or the profile, for a career without a guide
    items: list[PlanItem]  # what the guide has now, in its order
    removed: list[PlanItem]  # saved items whose step is no longer in the guide

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def next_item(self) -> PlanItem | None:
        return next((item for item in self.items if not item.done), None)

    @property
    def has_targets(self) -> bool:
        return any(item.target for item in self.items + self.removed)


class PlanStore:
    """Reads and writes the plans in one visitor's session."""

    def __init__(self, request):
        self.request = request
        self.session = request.session

    @property
    def saved(self) -> dict:
        return self.session.get(SESSION_KEY, {})

    def has(self, slug: str) -> bool:
        return slug in self.saved

    def summary(self, slug: str) -> dict | None:
        """For the guide page: counts from the session alone (no queries)."""
        plan = self.saved.get(slug)
        if plan is None:
            return None
        items = plan["items"].values()
        return {"done": sum(item["done"] for item in items), "total": len(items)}

    def start(self, guide) -> bool:
        """Create the plan for a guide or a profile; False (and nothing changed) when one
        exists already."""
        if self.has(guide.slug):
            return False
        items = {
            item.key: {"title": item.title, "done": False, "target": "", "note": ""}
            for item in career_items(guide, self.request.user)
        }
        plans = self.saved
        plans[guide.slug] = {
            "title": guide.title,
            "started": datetime.date.today().isoformat(),
            "items": items,
        }
        self.session[SESSION_KEY] = plans
        if not self.request.user.is_authenticated:
            # Survive browser restarts: the plan is the visitor's only copy.
            self.session.set_expiry(settings.PLAN_SESSION_AGE)
        return True

    def remove(self, slug: str) -> bool:
        plans = self.saved
        if plans.pop(slug, None) is None:
            return False
        self.session[SESSION_KEY] = plans
        return True

    def update(self, slug: str, changes: dict[str, dict]) -> None:
        """Save done / target / note for items already in the plan (keys checked by the form)."""
        plans = self.saved
        items = plans[slug]["items"]
        for key, values in changes.items():
            items.setdefault(key, {"title": values.pop("title", key)}).update(values)
        self.session[SESSION_KEY] = plans

    def plans(self) -> list[Plan]:
        return [self.build(slug, saved) for slug, saved in self.saved.items()]

    def plan(self, slug: str) -> Plan | None:
        saved = self.saved.get(slug)
        return self.build(slug, saved) if saved else None

    def build(self, slug: str, saved: dict) -> Plan:
        guide = career_of(slug, self.request.user)
        current = career_items(guide, self.request.user) if guide else []
        stored = saved["items"]
        for item in current:
            state = stored.get(item.key, {})
            item.done = bool(state.get("done"))
            item.target = state.get("target", "")
            item.note = state.get("note", "")
        current_keys = {item.key for item in current}
        removed = [
            PlanItem(
                key=key,
                title=state.get("title", _("A removed step")),
                done=bool(state.get("done")),
                target=state.get("target", ""),
                note=state.get("note", ""),
                in_guide=False,
            )
            for key, state in stored.items()
            if key not in current_keys
        ]
        return Plan(
            slug=slug,
            title=guide.title if guide else saved["title"],
            guide=guide,
            items=current,
            removed=removed,
        )


def career_of(slug: str, user):
    """The guide of that name, or the guide that covers the profile of that name (one page, and
    one plan, per career), else the profile; None when none is visible."""
    guides = CareerGuide.objects.visible_to(user)
    return (
        guides.filter(slug=slug).first()
        or guides.filter(occupation__slug=slug).first()
        or Occupation.objects.visible_to(user).filter(slug=slug).first()
    )


def career_items(career, user) -> list[PlanItem]:
    if isinstance(career, CareerGuide):
        return guide_items(career, user)
    return profile_items(career)


def profile_items(profile: Occupation) -> list[PlanItem]:
    """The steps the handbook gives a career without a guide: its typical entry education,
    work experience in a related occupation and on-the-job training, each where it has one."""
    url = f"{profile.get_absolute_url()}#how-to-become"
    items = []
    if profile.entry_education not in ("", EntryEducation.NONE, EntryEducation.SEE_PROFILE):
        education = profile.get_entry_education_display()
        title = _("Complete: %(education)s") % {"education": education}
        items.append(PlanItem(key="education", title=title, url=url))
    if profile.work_experience in (WorkExperience.LESS_THAN_FIVE, WorkExperience.FIVE_OR_MORE):
        years = profile.get_work_experience_display().lower()
        title = _("Work in a related job (%(years)s)") % {"years": years}
        items.append(PlanItem(key="experience", title=title, url=url))
    if profile.training not in ("", Training.NONE):
        training = profile.get_training_display()
        title = _("Training once hired: %(training)s") % {"training": training}
        items.append(PlanItem(key="training", title=title, url=url))
    if not items:  # the handbook describes the way in only in words
        items.append(
            PlanItem(key="read", title=_("Read how to become one"), url=f"{profile.ooh_url}#tab-4")
        )
    return items


def guide_items(guide: CareerGuide, user) -> list[PlanItem]:
    """The plan's items as the guide has them now: training steps, then certifications."""
    url = guide.get_absolute_url()
    items = [
        PlanItem(
            key=f"step-{step.pk}",
            title=step.title,
            url=f"{url}#step-{step.pk}",
            duration=step.typical_duration,
            cost=(step.cost_min, step.cost_max, step.cost_currency, step.cost_source)
            if step.has_cost
            else (),
        )
        for step in guide.training_steps.all()
    ]
    certifications = Certification.objects.filter(guide_links__guide=guide).order_by(
        "guide_links__position", "code"
    )
    if not user.is_staff:
        certifications = certifications.filter(published_q())
    items += [
        PlanItem(
            key=f"cert-{certification.pk}",
            title=_("Earn the %(code)s certification") % {"code": certification.code},
            url=certification.get_absolute_url(),
            duration=_("Exam: %(duration)s") % {"duration": certification.exam_hours}
            if certification.exam_hours
            else "",
            cost=certification_fee(certification),
        )
        for certification in certifications
    ]
    return items


def certification_fee(certification) -> tuple:
    if not certification.has_checked_fee:
        return ()
    source = _("%(source)s, checked %(month)s") % {
        "source": certification.fee_source_name,
        "month": date_format(certification.fee_checked, "YEAR_MONTH_FORMAT"),
    }
    amount = certification.fee_amount
    return (amount, amount, certification.fee_currency, source)
