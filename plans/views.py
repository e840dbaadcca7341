import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from icalendar import Calendar, Event

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from guides.models import CareerGuide

from .forms import plan_formset
from .plan import PlanStore, career_items, career_of


@method_decorator(never_cache, name="dispatch")
class StartPlanView(BreadcrumbsMixin, TemplateView):
    """GET: what a plan of this career holds (a guide's steps and certifications, or for a
    career without a guide the handbook's steps), and the button that makes it (career pages,
    the matcher and next steps link here, so they carry no form). POST: make it, show it."""

    template_name = "plans/start.html"

    def dispatch(self, request, *args, **kwargs):
        self.career = career_of(kwargs["slug"], request.user)
        if self.career is None:
            raise Http404("No career of that name.")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        title = self.career.title
        return [
            Crumb(_("Careers"), reverse("careers:finder")),
            Crumb(title[:1].upper() + title[1:], self.career.get_absolute_url()),
            Crumb(_("Start my plan")),
        ]

    def get(self, request, *args, **kwargs):
        if PlanStore(request).has(self.career.slug):
            return redirect(f"{reverse('plans:plan')}#plan-{self.career.slug}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        items = career_items(self.career, self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "career": self.career,
            "is_guide": isinstance(self.career, CareerGuide),
            "step_count": sum(item.key.startswith("step-") for item in items),
            "items": items,
            "plan_days": settings.PLAN_SESSION_AGE // (24 * 60 * 60),
        }

    def post(self, request, slug):
        career = self.career
        title = career.title[:1].upper() + career.title[1:]
        if PlanStore(request).start(career):
            messages.success(
                request,
                _("Your plan for %(title)s is ready. Tick steps off as you go.") % {"title": title},
            )
        else:
            messages.info(
                request, _("You already have a plan for %(title)s: here it is.") % {"title": title}
            )
        return redirect(f"{reverse('plans:plan')}#plan-{career.slug}")


@method_decorator(never_cache, name="dispatch")
class RemovePlanView(View):
    def post(self, request, slug):
        if PlanStore(request).remove(slug):
            messages.success(request, _("The plan was removed."))
        return redirect("plans:plan")

    def get(self, request, slug):
        return redirect("plans:plan")


@method_decorator(never_cache, name="dispatch")
class PlanView(BreadcrumbsMixin, TemplateView):
    """The visitor's plans: tick steps, set target months, write notes (POST-redirect-GET)."""

    template_name = "plans/plan.html"

    def get_breadcrumbs(self):
        return [Crumb(_("My plan"))]

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        plans = PlanStore(self.request).plans()
        for plan in plans:
            plan.formset = bound if bound and bound.prefix == f"plan-{plan.slug}" else None
            plan.formset = plan.formset or plan_formset(plan)
        context.update(plans=plans, plan_days=settings.PLAN_SESSION_AGE // (24 * 60 * 60))
        return context

    def post(self, request):
        store = PlanStore(request)
        slug = request.POST.get("plan", "")
        plan = store.plan(slug) if store.has(slug) else None
        if plan is None:
            messages.error(request, _("That plan no longer exists; nothing was changed."))
            return redirect("plans:plan")
        formset = plan_formset(plan, request.POST)
        if not formset.is_valid():
            # Shown again with what the visitor typed; the saved plan is untouched.
            return self.render_to_response(self.get_context_data(bound=formset))
        store.update(
            slug,
            {
                form.cleaned_data["item"]: {
                    "title": form.plan_item.title,
                    "done": form.cleaned_data["done"],
                    "target": form.cleaned_data["target"],
                    "note": form.cleaned_data["note"],
                }
                for form in formset.forms
            },
        )
        messages.success(request, _("Your plan for %(title)s was saved.") % {"title": plan.title})
        return redirect(f"{reverse('plans:plan')}#plan-{slug}")


@method_decorator(never_cache, name="dispatch")
class PlanPrintView(TemplateView):
    """A plain, printable copy of the plans (save as PDF from the browser's print dialog)."""

    template_name = "plans/plan_print.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plans": PlanStore(self.request).plans()}


@method_decorator(never_cache, name="dispatch")
class PlanCalendarView(View):
    """An iCalendar file with an all-day event on the first day of each target month."""

    def get(self, request):
        plans = PlanStore(request).plans()
        if not any(plan.has_targets for plan in plans):
            messages.info(
                request, _("Set a target month on a step first, then download the calendar.")
            )
            return redirect("plans:plan")
        response = HttpResponse(
            plan_calendar(request, plans), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="careerpath-plan.ics"'
        return response


def plan_calendar(request, plans) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CareerPath//Pathway plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("My CareerPath plan"))
    stamp = datetime.datetime.now(datetime.UTC)
    for plan in plans:
        for item in plan.items + plan.removed:
            if not item.target_date:
                continue
            event = Event()
            event.add("uid", f"{plan.slug}-{item.key}@careerpath")
            event.add("dtstamp", stamp)
            event.add("summary", f"{plan.title}: {item.title}")
            event.add("dtstart", item.target_date)
            event.add("dtend", item.target_date + datetime.timedelta(days=1))
            details = [item.note, _("Done.") if item.done else ""]
            if item.url:
                event.add("url", request.build_absolute_uri(item.url))
                details.append(request.build_absolute_uri(item.url))
            event.add("description", "\n".join(part for part in details if part))
            calendar.add_component(event)
    return calendar.to_ical()
