"""/careers/: every career, and the career finder: the handbook's profiles filtered and sorted
by GET parameters (occupations.filters), a page at a time, with the guides first.

`?area=` (a city or area, as typed) filters nothing: it adds the area's median, in place of a
state's when both are given. An area it cannot find is said, and the list keeps the nation's
figures; only a found area's code goes back into the page's links, never what was typed."""

from django.utils.translation import gettext as _
from django_filters.views import FilterView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin
from guides.links import career_link
from guides.models import CareerGuide
from guides.selectors import attach_facts
from occupations.areas import area_medians, find_area
from occupations.filters import CareerFilter
from occupations.models import Occupation, PayRelease


class FinderView(PublicPageMixin, BreadcrumbsMixin, FilterView):
    """Every career, and the career finder: the handbook's profiles filtered and sorted by GET
    parameters (occupations.filters), a page at a time, with the guides first."""

    template_name = "careers/finder.html"
    filterset_class = CareerFilter
    context_object_name = "occupations"
    paginate_by = 40

    def get(self, request, *args, **kwargs):
        self.release = PayRelease.current()
        self.area_search = find_area(self.release, request.GET.get("area", ""))
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [Crumb(_("Careers"))]

    def shows_visitor_input(self) -> bool:
        form = self.filterset.form
        return (form.is_bound and bool(form.errors)) or bool(self.area_search.error)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not any(value for key, value in self.request.GET.items() if key != "page"):
            kwargs["data"] = None  # no filter chosen: the plain list, unbound
        states = self.release.state_names() if self.release else []
        area = self.area_search.area
        return {**kwargs, "release": self.release, "states": states, "area": area}

    def get_queryset(self):
        return (
            Occupation.objects.visible_to(self.request.user)
            .select_related("field", "guide")
            .only(
                "title",
                "slug",
                "summary",
                "entry_education",
                "status",
                "publish_at",
                "outlook_percent",
                "outlook_label",
                "openings_per_year",
                "jobs",
                "pay_code",
                "field__name",
                "field__slug",
                "guide__slug",
                "guide__status",
                "guide__publish_at",
            )
        )

    def paginate_queryset(self, queryset, page_size):
        """Never a 404: a page that is not a number shows the first page, one out of range the
        last (Django's Paginator.get_page)."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        query = self.request.GET.copy()
        query.pop("page", None)
        area = self.area_search.area
        query.pop("area", None)
        if area is not None:
            query["area"] = area.code
        current = query.get("sort", "")
        # A city or area takes a state's place: the page names the state it set aside.
        state = "" if area else filterset.chosen_state
        occupations = context["occupations"]
        in_area = area_medians(self.release, area, [o.pay_code for o in occupations])
        for occupation in occupations:
            occupation.in_area = in_area.get(occupation.pay_code)
        context.update(
            release=self.release,
            guides=attach_facts(
                CareerGuide.objects.visible_to(self.request.user).only(
                    "title",
                    "slug",
                    "summary",
                    "occupation",
                    "detailed_code",
                    "status",
                    "publish_at",
                )
            ),
            state=state,
            area=area,
            area_search=self.area_search,
            state_set_aside=filterset.chosen_state if area else "",
            area_choices=[
                (choice, f"?{self.with_query(query, area=choice.code)}")
                for choice in self.area_search.candidates[:12]
            ],
            filtered=filterset.form.is_bound,
            page_query=query.urlencode(),
            columns=self.columns(query, current, state, area),
            careers=[(occupation, career_link(occupation)) for occupation in occupations],
        )
        return context

    def columns(self, query, current: str, state: str, area=None) -> list[dict]:
        """The table's headings: each a link that sorts by it (highest first for numbers,
        A–Z for words), or reverses the order it is sorted in; `aria_sort` on the sorted one."""
        columns = []
        for key, label, numeric in (
            ("title", _("Career"), False),
            ("median", _("Median pay"), True),
            ("state", _("%(state)s median") % {"state": state}, True),
            ("area", _("%(area)s median") % {"area": area}, True),
            ("education", _("Entry education"), False),
            ("outlook", _("Outlook, 2024–34"), True),
            ("openings", _("Openings a year"), True),
        ):
            if (key == "state" and not state) or (key == "area" and area is None):
                continue
            first = f"-{key}" if numeric else key
            sorted_now = (current or "title") in (key, f"-{key}")
            wanted = (key if current.startswith("-") else f"-{key}") if sorted_now else first
            aria = ""
            if sorted_now:
                aria = "descending" if current.startswith("-") else "ascending"
            columns.append(
                {
                    "label": label,
                    "numeric": numeric,
                    "url": f"?{self.with_query(query, sort=wanted)}",
                    "aria_sort": aria,
                }
            )
        return columns

    @staticmethod
    def with_query(query, **changes) -> str:
        changed = query.copy()
        for key, value in changes.items():
            changed[key] = value
        return changed.urlencode()
