"""A career profile's words in English and Spanish (django-modeltranslation): its title, the
site's summary and duties, and the handbook's field names. Imports fill the Spanish from
data/ooh/spanish.json where a field is empty, as they do the English."""

from modeltranslation.translator import TranslationOptions, register

from .duties import Duty
from .models import Field, Occupation


@register(Field)
class FieldText(TranslationOptions):
    fields = ("name",)


@register(Occupation)
class OccupationText(TranslationOptions):
    fields = ("title", "summary", "search_terms")


@register(Duty)
class DutyText(TranslationOptions):
    fields = ("text",)
