from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.simple_tag
def source_link(name, url=""):
    """A source's name, linked to its page when it has one."""
    return format_html('<a href="{}">{}</a>', url, name) if url else conditional_escape(name)
