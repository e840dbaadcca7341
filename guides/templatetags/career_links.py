"""{{ occupation|career_url }}: where a link to a career leads (guides.links.career_link)."""

from django import template

from guides.links import career_link

register = template.Library()


@register.filter
def career_url(occupation) -> str:
    """The profile's address, or its guide's when a published guide covers it."""
    return career_link(occupation)
