"""The admin index's "needs review" panel."""

from django import template
from django.urls import reverse

from core.freshness import ReviewState, review_state_q
from core.models import reviewable_models

register = template.Library()

SHOWN_PER_KIND = 5


@register.inclusion_tag("editorial/includes/review_panel.html", takes_context=True)
def review_panel(context):
    """What is overdue for review, for the kinds of content the signed-in user may see."""
    user = context["request"].user
    kinds = []
    for model in reviewable_models():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        overdue = model.objects.filter(review_state_q(model, ReviewState.OVERDUE)).order_by(
            model.reviewed_field
        )
        count = overdue.count()
        if not count:
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        kinds.append(
            {
                "name": opts.verbose_name if count == 1 else opts.verbose_name_plural,
                "count": count,
                "items": [
                    {
                        "obj": obj,
                        "url": reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
                        ),
                    }
                    for obj in overdue[:SHOWN_PER_KIND]
                ],
                "more": count - SHOWN_PER_KIND,
                "list_url": f"{changelist}?review={ReviewState.OVERDUE}",
            }
        )
    return {"kinds": kinds}
