"""/careers/<slug>/pay/?state=…&sort=…: every metropolitan and nonmetropolitan area that
publishes a career's pay, sortable by median and by jobs, filterable by state, with the
best- and lowest-paid areas called out. Public: everything on it comes from the address."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin
from occupations.models import PayRelease
from occupations.pay import career_pay
from occupations.pay_models import LOCAL_AREA_TYPES

from .career_lookup import career_for

SORTS = [
    ("median", gettext_lazy("Median pay, highest first")),
    ("jobs", gettext_lazy("Jobs, most first")),
    ("area", gettext_lazy("Name")),
]
CALLED_OUT = 3  # best- and lowest-paid areas named above the table


class AreaListForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("Areas in"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "We know no state by that code. Choose one from the list."
            )
        },
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=SORTS,
        error_messages={"invalid_choice": gettext_lazy("Sort by median pay, jobs or name.")},
    )

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Every state")), *states]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


def sorted_areas(rows, order: str) -> list:
    if order == "jobs":
        return sorted(rows, key=lambda row: (row.employment is None, -(row.employment or 0)))
    if order == "area":
        return sorted(rows, key=lambda row: row.area_name)
    return sorted(rows, key=lambda row: (row.annual_median is None, -(row.annual_median or 0)))


class CareerAreaPayView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    template_name = "careers/area_pay.html"

    def get(self, request, *args, slug, **kwargs):
        self.career = career_for(slug, request.user)
        self.release = PayRelease.current()
        self.pay = career_pay(self.career.codes, "", self.release)
        national = self.pay.national
        rows = []
        if national is not None:
            rows = list(
                self.release.pay.filter(
                    soc_code=national.soc_code, area_type__in=LOCAL_AREA_TYPES
                ).order_by("area_name")
            )
        names = {row.postal: row.area_name for row in self.pay.states}
        spanned = {postal for row in rows for postal in row.states.split()}
        self.form = AreaListForm(
            request.GET or None,
            states=sorted(
                ((postal, names.get(postal, postal)) for postal in spanned),
                key=lambda choice: choice[1],
            ),
        )
        valid = self.form.is_valid()
        state = self.form.cleaned_data["state"] if valid else ""
        self.order = (self.form.cleaned_data["sort"] if valid else "") or "median"
        self.state_name = names.get(state, state)
        self.state_pay = next((row for row in self.pay.states if row.postal == state), None)
        self.rows = [row for row in rows if not state or state in row.states.split()]
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and not valid:
            response.status_code = 400
        return response

    def get_breadcrumbs(self):
        return [
            Crumb(_("Careers"), reverse("careers:finder")),
            Crumb(self.career.heading_title, self.career.page_url),
            Crumb(_("Pay by area")),
        ]

    def sort_url(self, order: str) -> str:
        state = self.form.cleaned_data.get("state") if self.form.is_valid() else ""
        query = f"?state={state}&sort={order}" if state else f"?sort={order}"
        return f"{self.career.page_url}pay/{query}"

    def get_context_data(self, **kwargs):
        published = [row for row in self.rows if row.annual_median is not None]
        ranked = sorted(published, key=lambda row: -row.annual_median)
        return {
            **super().get_context_data(**kwargs),
            "career": self.career,
            "release": self.release,
            "career_pay": self.pay,
            "form": self.form,
            "rows": sorted_areas(self.rows, self.order),
            "order": self.order,
            "sort_urls": {order: self.sort_url(order) for order, _label in SORTS},
            "state_name": self.state_name,
            "state_pay": self.state_pay,
            "best": ranked[:CALLED_OUT],
            "lowest": ranked[-CALLED_OUT:][::-1] if len(ranked) > CALLED_OUT else [],
            "not_published": len(self.rows) - len(published),
        }
