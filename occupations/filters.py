"""The career finder: the careers list's filters and sorts, as GET parameters (django-filter).

Every parameter is optional and the address is the state: `/careers/?field=healthcare&
education=postsecondary_nondegree&pay_min=40000&sort=-median` can be shared. Bad values (an
unknown field, pay "from" above "to", a negative number) are form errors with a clear message;
the page then lists nothing and says why, never a 500.
"""

import django_filters
from django import forms
from django.db.models import (
    Case,
    DecimalField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .models import (
    AreaPay,
    AreaType,
    CodeLevel,
    EntryEducation,
    Field,
    Occupation,
    OccupationCode,
    OutlookLabel,
    Training,
    WorkExperience,
)

# The order of BLS's categories, most to least, for sorting by them.
EDUCATION_RANK = {value: rank for rank, value in enumerate(EntryEducation.values)}
OUTLOOK_RANK = {value: rank for rank, value in enumerate(OutlookLabel.values)}
MAX_PAY = 10_000_000


def rank(field: str, ranks: dict) -> Case:
    return Case(
        *(When(**{field: value}, then=Value(number)) for value, number in ranks.items()),
        default=Value(len(ranks)),
        output_field=IntegerField(),
    )


def with_pay(queryset, release, state: str = "", area=None):
    """Annotate each profile with its headline national median (and the state's, and the
    area's: an `occupations.areas.Area`) for the release: `median_pay`, `median_hourly`,
    `state_pay`, `area_pay`; for a group without a figure of its own, `median_low` and
    `median_high`, the range of its occupations' national medians; and `pay_order`, what
    sorting and filtering by pay use: the median, or for such a group the middle of its range.
    One query with the list."""
    if release is None:
        none = Value(None, output_field=IntegerField())
        return queryset.annotate(
            median_pay=none,
            median_hourly=none,
            state_pay=none,
            area_pay=none,
            median_low=none,
            median_high=none,
            pay_order=none,
        )
    national = AreaPay.objects.filter(
        release=release, area_type=AreaType.NATIONAL, soc_code=OuterRef("pay_code")
    )
    members = AreaPay.objects.filter(
        release=release,
        area_type=AreaType.NATIONAL,
        annual_median__isnull=False,
        soc_code__in=OccupationCode.objects.filter(
            occupation=OuterRef(OuterRef("pk")), level=CodeLevel.DETAILED
        ).values("soc_code"),
    ).values("release")
    money = DecimalField(max_digits=10, decimal_places=2)
    queryset = queryset.annotate(
        median_pay=Subquery(national.values("annual_median")[:1]),
        median_hourly=Subquery(national.values("hourly_median")[:1]),
        median_low=Subquery(members.annotate(low=Min("annual_median")).values("low")[:1]),
        median_high=Subquery(members.annotate(high=Max("annual_median")).values("high")[:1]),
    ).annotate(
        pay_order=Coalesce(
            F("median_pay"),
            Case(
                When(
                    median_hourly__isnull=True,
                    then=(F("median_low") + F("median_high")) / Value(2, output_field=money),
                ),
                output_field=money,
            ),
            output_field=money,
        )
    )
    # No state or area chosen: sorting by its column keeps the order by title, not failing.
    state_pay = area_pay = Value(None, output_field=IntegerField())
    if state:
        in_state = AreaPay.objects.filter(
            release=release, area_name=state, soc_code=OuterRef("pay_code")
        )
        state_pay = Subquery(in_state.values("annual_median")[:1])
    if area is not None:
        in_area = AreaPay.objects.filter(
            release=release,
            area_code=area.code,
            area_type=area.area_type,
            soc_code=OuterRef("pay_code"),
        )
        area_pay = Subquery(in_area.values("annual_median")[:1])
    return queryset.annotate(state_pay=state_pay, area_pay=area_pay)


class CareerFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("pay_min"), cleaned.get("pay_max")
        if low is not None and high is not None and low > high:
            raise forms.ValidationError(
                _("Median pay “from” is above “to”: no career can match. Swap them or clear one."),
                code="pay_range",
            )
        return cleaned


def pay_field_kwargs(label):
    return {
        "label": label,
        "min_value": 0,
        "max_value": MAX_PAY,
        "error_messages": {
            "min_value": _("Pay cannot be below $0."),
            "max_value": _("That is above any pay BLS publishes."),
            "invalid": _("Enter pay as a whole number of dollars, e.g. 45000."),
        },
    }


CHOICE_ERROR = {"invalid_choice": _("That is not one of the choices; pick one from the list.")}


class CareerOrdering(django_filters.OrderingFilter):
    """django-filter's ordering, with careers that lack the figure last in either direction and
    the title breaking ties, so pages of a sorted list never repeat or skip a career."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Labels in the visitor's language: django-filter joins "%s (descending)" once, when
        # the class is made, which fixes them in English; a callable is read per form.
        fields = {field: param for param, field in self.param_map.items()}
        labels = kwargs.get("field_labels", {})
        self.extra["choices"] = lambda: self.build_choices(fields, labels)

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field_name = self.param_map[param.lstrip("-")]
        field = F(field_name)
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)

    def filter(self, qs, value):
        if value in (None, [], ()):
            return qs
        ordering = [self.get_ordering_value(param) for param in value]
        return qs.order_by(*ordering, "title", "pk")


class CareerFilter(django_filters.FilterSet):
    field = django_filters.ModelChoiceFilter(
        queryset=Field.objects.all(),
        to_field_name="slug",
        empty_label=_("Any field"),
        label=_("Field"),
        error_messages={"invalid_choice": _("There is no field of that name.")},
    )
    education = django_filters.ChoiceFilter(
        field_name="entry_education",
        choices=EntryEducation.choices,
        empty_label=_("Any education"),
        label=_("Typical entry education"),
        error_messages=CHOICE_ERROR,
    )
    experience = django_filters.ChoiceFilter(
        field_name="work_experience",
        choices=WorkExperience.choices,
        empty_label=_("Any experience"),
        label=_("Work experience needed"),
        error_messages=CHOICE_ERROR,
    )
    training = django_filters.ChoiceFilter(
        choices=Training.choices,
        empty_label=_("Any training"),
        label=_("On-the-job training"),
        error_messages=CHOICE_ERROR,
    )
    outlook = django_filters.ChoiceFilter(
        field_name="outlook_label",
        choices=OutlookLabel.choices,
        empty_label=_("Any outlook"),
        label=_("Job outlook, 2024–34"),
        error_messages=CHOICE_ERROR,
    )
    pay_min = django_filters.NumberFilter(
        field_name="pay_order", lookup_expr="gte", **pay_field_kwargs(_("Median pay from ($)"))
    )
    pay_max = django_filters.NumberFilter(
        field_name="pay_order", lookup_expr="lte", **pay_field_kwargs(_("Median pay to ($)"))
    )
    openings_min = django_filters.NumberFilter(
        field_name="openings_per_year",
        lookup_expr="gte",
        label=_("At least this many openings a year"),
        min_value=0,
        error_messages={
            "min_value": _("Openings cannot be below 0."),
            "invalid": _("Enter openings as a whole number, e.g. 5000."),
        },
    )
    state = django_filters.ChoiceFilter(
        method="show_state",
        choices=[],
        empty_label=_("No state"),
        label=_("Show pay for a state"),
        error_messages={"invalid_choice": _("We have no pay figures for that state.")},
    )
    sort = CareerOrdering(
        fields=(
            ("title", "title"),
            ("pay_order", "median"),
            ("education_rank", "education"),
            ("outlook_percent", "outlook"),
            ("openings_per_year", "openings"),
            ("jobs", "jobs"),
            ("state_pay", "state"),
            ("area_pay", "area"),
        ),
        field_labels={
            "title": _("Career"),
            "pay_order": _("Median pay"),
            "education_rank": _("Entry education"),
            "outlook_percent": _("Outlook"),
            "openings_per_year": _("Openings a year"),
            "jobs": _("Jobs"),
            "state_pay": _("State median"),
            "area_pay": _("City or area median"),
        },
        label=_("Sort by"),
        error_messages=CHOICE_ERROR,
    )

    class Meta:
        model = Occupation
        fields = []
        form = CareerFilterForm

    def __init__(self, *args, release=None, states=(), area=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.release = release
        # A city or area (`?area=`, found by occupations.areas in the view) filters nothing:
        # its median is annotated for showing and sorting, and it takes the state's place.
        self.area = area
        self.filters["state"].extra["choices"] = [(name, name) for name in states]

    def show_state(self, queryset, name, value):
        return queryset  # the state's median is annotated in `qs`; nothing is filtered out

    @property
    def chosen_state(self) -> str:
        form = self.form
        return form.cleaned_data.get("state") or "" if form.is_bound and form.is_valid() else ""

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            state = self.chosen_state if self.is_bound and self.area is None else ""
            self.queryset = with_pay(self.queryset, self.release, state, self.area).annotate(
                education_rank=rank("entry_education", EDUCATION_RANK)
            )
            queryset = super().qs
            if not self.form.is_bound or not self.form.cleaned_data.get("sort"):
                queryset = queryset.order_by("title")
            self._qs = queryset
        return self._qs
