"""A guide's text in English and Spanish (django-modeltranslation: title_en, title_es…).

Only words are translated; codes, figures, sources and addresses are one fact in one place."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    FAQ,
    CareerGuide,
    GuideCertification,
    JobDuty,
    PathwayMove,
    ProgressionStep,
    RelatedTitle,
    Tool,
    TrainingStep,
)


@register(CareerGuide)
class CareerGuideText(TranslationOptions):
    fields = ("title", "summary", "overview", "work_setting", "who_it_suits")


@register(JobDuty)
class JobDutyText(TranslationOptions):
    fields = ("text",)


@register(RelatedTitle)
class RelatedTitleText(TranslationOptions):
    fields = ("note",)


@register(TrainingStep)
class TrainingStepText(TranslationOptions):
    fields = ("title", "description", "typical_duration")


@register(FAQ)
class FAQText(TranslationOptions):
    fields = ("question", "answer")


@register(Tool)
class ToolText(TranslationOptions):
    fields = ("description",)


@register(ProgressionStep)
class ProgressionStepText(TranslationOptions):
    fields = ("next_role", "what_it_takes", "education", "typical_years")


@register(GuideCertification)
class GuideCertificationText(TranslationOptions):
    fields = ("note",)


@register(PathwayMove)
class PathwayMoveText(TranslationOptions):
    fields = ("what_it_takes",)
