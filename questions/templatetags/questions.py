"""The guide page's "Ask a question" section: the guide app needs to know nothing of questions."""

from django import template

register = template.Library()


@register.inclusion_tag("questions/includes/ask_section.html")
def ask_section(guide):
    """A link to the guide's question form (the page itself carries no form: it is everyone's)."""
    return {"guide": guide}
