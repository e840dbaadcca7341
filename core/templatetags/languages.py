"""The page in the other language: the header's switch and the hreflang links."""

from django import template
from django.conf import settings
from django.db.models import Model
from django.utils.translation import get_language

from core.languages import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[dict]:
    """[{code, name, url, current}] for every language this page exists in, or [] for a page
    that has one language only (admin)."""
    current = get_language()
    names = dict(settings.LANGUAGES)
    return [
        {"code": code, "name": names[code], "url": url, "current": code == current}
        for code, url in alternates(context.get("request"))
    ]


@register.simple_tag
def untranslated(*objects_and_fields) -> bool:
    """True when the page is not in English and any of the named translated fields has no
    text in its language (the page then shows the English and says so):
    {% untranslated guide "overview" "work_setting" as shows_english %}. An object is followed
    by the names of its fields; a list of objects (a guide's duties) counts each."""
    language = get_language()
    if language == settings.LANGUAGE_CODE:
        return False
    current = []
    for item in objects_and_fields:
        if isinstance(item, str):
            for obj in current:
                english = getattr(obj, f"{item}_{settings.LANGUAGE_CODE}", None)
                if english and not getattr(obj, f"{item}_{language}", None):
                    return True
        else:  # an object, or a list or queryset of them (read only on a non-English page)
            current = [item] if isinstance(item, Model) else list(item)
    return False
