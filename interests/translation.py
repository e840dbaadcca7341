"""The questionnaire's activities in English and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import InterestItem


@register(InterestItem)
class InterestItemText(TranslationOptions):
    fields = ("text",)
