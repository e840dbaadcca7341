import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
NOTE_MAX_LENGTH = 500
FURTHEST_TARGET_YEARS = 20


def example_month(today: datetime.date) -> str:
    """A month to show the format with, always ahead of `today`: March of next year."""
    return f"{today.year + 1}-03"


class PlanItemForm(forms.Form):
    """One row of the plan: done, target month, note. `item` must be one of the plan's items."""

    item = forms.CharField(widget=forms.HiddenInput)
    done = forms.BooleanField(required=False, label=_("Done"))
    target = forms.CharField(
        required=False,
        label=_("Target month"),
        # No placeholder: HTML allows none on a month field; the label shows the format.
        widget=forms.DateInput(attrs={"type": "month"}),
    )
    note = forms.CharField(
        required=False,
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, item_keys=(), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_keys = set(item_keys)
        self.today = today or datetime.date.today()
        self.example_month = example_month(self.today)

    def clean_item(self):
        key = self.cleaned_data["item"]
        if key not in self.item_keys:
            raise ValidationError(
                _("That step is not in your plan. Reload the page and try again.")
            )
        return key

    def clean_target(self):
        value = self.cleaned_data["target"].strip()
        if not value:
            return ""
        match = MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValidationError(
                _("Enter the month as year and month, e.g. %(month)s."),
                params={"month": self.example_month},
            )
        year, month = int(match.group(1)), int(match.group(2))
        if (year, month) < (self.today.year, self.today.month):
            raise ValidationError(_("A target month cannot be in the past."))
        if year > self.today.year + FURTHEST_TARGET_YEARS:
            raise ValidationError(
                _("Choose a month within the next %(years)s years."),
                params={"years": FURTHEST_TARGET_YEARS},
            )
        return f"{year:04d}-{month:02d}"


class BasePlanFormSet(forms.BaseFormSet):
    def __init__(self, *args, item_keys=(), **kwargs):
        self.item_keys = item_keys
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "item_keys": self.item_keys}

    def clean(self):
        seen = set()
        for form in self.forms:
            key = form.cleaned_data.get("item")
            if key in seen:
                raise ValidationError(_("A step appears twice. Reload the page and try again."))
            seen.add(key)


PlanFormSet = forms.formset_factory(
    PlanItemForm,
    formset=BasePlanFormSet,
    extra=0,
    max_num=200,
    absolute_max=200,
    validate_max=True,
)


def plan_formset(plan, data=None):
    """The plan's editable items (those still in the guide) as a formset, prefixed by guide."""
    items = plan.items
    initial = [
        {"item": item.key, "done": item.done, "target": item.target, "note": item.note}
        for item in items
    ]
    formset = PlanFormSet(
        data,
        initial=initial,
        prefix=f"plan-{plan.slug}",
        item_keys=[item.key for item in items],
    )
    # Pair each form with its item for the template, by the key it carries (not by position:
    # a tampered or stale form may list items in another order).
    by_key = {item.key: item for item in items}
    for form in formset.forms:
        key = form["item"].value()
        form.plan_item = by_key.get(key)
    return formset
