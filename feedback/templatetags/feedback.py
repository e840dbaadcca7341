"""The "Was this page useful?" section, for any page that asks it (guides, certifications)."""

from django import template

register = template.Library()


@register.inclusion_tag("feedback/includes/feedback_section.html", takes_context=True)
def feedback_section(context):
    """Yes / No links to the feedback page for this page, and the thanks once it was sent."""
    return {"request": context["request"], "messages": context.get("messages", ())}
