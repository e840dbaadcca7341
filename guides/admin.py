from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from editorial.languages import SpanishBesideEnglish
from editorial.publishing import NeedsReviewFilter, PublishingAdmin

from .models import (
    FAQ,
    GUIDE_PARTS,
    CareerGuide,
    GuideCertification,
    GuideSource,
    JobDuty,
    PathwayMove,
    ProgressionStep,
    RelatedTitle,
    Tool,
    TrainingStep,
)


class OrderedInline(SpanishBesideEnglish, admin.StackedInline):
    """Children are edited in place and shown in the order of their position field."""

    extra = 0
    ordering = ["position", "pk"]


class CompactInline(SpanishBesideEnglish, admin.TabularInline):
    extra = 0
    ordering = ["position", "pk"]


class JobDutyInline(CompactInline):
    model = JobDuty


class RelatedTitleInline(CompactInline):
    model = RelatedTitle


class TrainingStepInline(OrderedInline):
    model = TrainingStep
    fields = [
        ("position", "title"),
        "description",
        "typical_duration",
        ("cost_min", "cost_max", "cost_currency"),
        "cost_source",
        "closes_gap",
    ]


class FAQInline(OrderedInline):
    model = FAQ
    fields = [("position", "question"), "answer"]


class ToolInline(CompactInline):
    model = Tool
    fields = ["position", "kind", "name", "description"]


class ProgressionStepInline(OrderedInline):
    model = ProgressionStep
    fk_name = "guide"
    fields = [
        ("position", "next_role", "is_this_role"),
        "what_it_takes",
        ("credential", "education", "typical_years"),
        ("median_pay", "pay_currency", "pay_period"),
        ("pay_source_name", "pay_source_url"),
        "next_guide",
    ]
    autocomplete_fields = ["next_guide"]


class GuideCertificationInline(CompactInline):
    model = GuideCertification
    fields = ["position", "certification", "note"]
    autocomplete_fields = ["certification"]


class PathwayMoveInline(CompactInline):
    """The pathway map's moves from this career (a sideways move is drawn both ways)."""

    model = PathwayMove
    fk_name = "guide"
    fields = ["position", "to_guide", "kind", "what_it_takes", "source_name", "source_url"]
    autocomplete_fields = ["to_guide"]


class GuideSourceInline(CompactInline):
    model = GuideSource
    fields = ["position", "title", "publisher", "url"]


@admin.register(CareerGuide)
class CareerGuideAdmin(PublishingAdmin):
    list_display = [
        "title",
        "occupation",
        "detailed_code",
        "state_column",
        "featured",
        "step_count",
        "last_reviewed",
        "review_due_column",
        "updated_at",
    ]
    list_filter = ["status", NeedsReviewFilter, "occupation__field", "featured"]
    history_parts = GUIDE_PARTS
    search_fields = [
        "title",
        "slug",
        "detailed_code",
        "occupation__title",
        "occupation__soc_codes",
        "summary",
        "related_titles__title",
    ]
    list_select_related = ["occupation"]
    autocomplete_fields = ["occupation"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "last_reviewed"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "featured"]}),
        (_("Publishing"), {"fields": [("status", "publish_at")]}),
        (_("Review"), {"fields": [("last_reviewed", "review_interval_months")]}),
        (
            _("What it is about"),
            {
                "fields": ["occupation", "detailed_code"],
                "description": _(
                    "Its field, codes, entry education, outlook and pay are read from the "
                    "handbook's data for this profile or occupation, never typed here."
                ),
            },
        ),
        (_("About the job"), {"fields": ["summary", "overview", "work_setting", "who_it_suits"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [
        JobDutyInline,
        RelatedTitleInline,
        TrainingStepInline,
        GuideCertificationInline,
        ToolInline,
        ProgressionStepInline,
        PathwayMoveInline,
        FAQInline,
        GuideSourceInline,
    ]

    def get_queryset(self, request):
        # One aggregate query for the list instead of a count per row.
        return (
            super()
            .get_queryset(request)
            .annotate(_step_count=Count("training_steps", distinct=True))
        )

    @admin.display(description=_("training steps"), ordering="_step_count")
    def step_count(self, guide):
        return guide._step_count
