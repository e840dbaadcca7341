"""A certification's text in English and Spanish (django-modeltranslation). Its code, name
(the issuer's own), figures, dates and sources are not translated."""

from modeltranslation.translator import TranslationOptions, register

from .models import Certification, CertifyingBody


@register(CertifyingBody)
class CertifyingBodyText(TranslationOptions):
    fields = ("description",)


@register(Certification)
class CertificationText(TranslationOptions):
    fields = (
        "summary",
        "best_for",
        "eligibility",
        "experience_note",
        "leads_to",
        "exam_questions_note",
        "exam_delivery",
        "exam_notes",
        "renewal_notes",
        "fee_note",
    )
