"""The plan panel on a guide page, so the guide app needs to know nothing of plans."""

from django import template

from plans.plan import PlanStore

register = template.Library()


@register.inclusion_tag("plans/includes/plan_panel.html", takes_context=True)
def plan_panel(context, guide):
    """“Start my plan”, or how far the visitor's plan for this guide has got.

    From the session alone, no query; anonymous visitors have none (their page is everyone's),
    visitors with a plan get theirs."""
    return {"guide": guide, "visitor_plan": PlanStore(context["request"]).summary(guide.slug)}
