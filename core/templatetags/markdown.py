from django import template
from django.utils.safestring import mark_safe

from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render editor Markdown as sanitised HTML (see core.markdown)."""
    return mark_safe(render_markdown(str(text or "")))  # noqa: S308 - sanitised by nh3
