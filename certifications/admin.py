from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from certifications.models import Certification, CertifyingBody
from editorial.languages import SpanishBesideEnglish
from editorial.publishing import NeedsReviewFilter, PublishingAdmin
from guides.models import GuideCertification


class CertificationInline(admin.TabularInline):
    model = Certification
    fields = ["code", "name", "status", "last_checked"]
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # New certifications are added from their own page, which has every required field.
        return False

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("certifications.publish_certification"):
            return super().get_readonly_fields(request, obj)
        return ["status"]  # publishing happens on the certification's own page, by publishers


@admin.register(CertifyingBody)
class CertifyingBodyAdmin(SpanishBesideEnglish, VersionAdmin):
    list_display = ["abbreviation", "name", "website", "certification_count"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    inlines = [CertificationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_certification_count=Count("certifications"))

    @admin.display(description=_("certifications"), ordering="_certification_count")
    def certification_count(self, body):
        return body._certification_count


# A certification's page also lists the guides that recommend it (the links are guides').
class GuideLinkInline(SpanishBesideEnglish, admin.TabularInline):
    model = GuideCertification
    fields = ["guide", "position", "note"]
    autocomplete_fields = ["guide"]
    extra = 0
    verbose_name = _("guide that recommends it")
    verbose_name_plural = _("guides that recommend it")


@admin.register(Certification)
class CertificationAdmin(PublishingAdmin):
    list_display = [
        "code",
        "name",
        "body",
        "state_column",
        "last_checked",
        "review_due_column",
        "updated_at",
    ]
    list_filter = [
        "status",
        NeedsReviewFilter,
        "body",
        "exam_book",
        "work_focus",
        "setting_focus",
        "min_education",
        "required_program",
    ]
    list_select_related = ["body"]
    search_fields = ["code", "name", "summary", "body__name", "body__abbreviation"]
    prepopulated_fields = {"slug": ["code"]}
    autocomplete_fields = ["body"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["code", "name", "slug", "body"]}),
        (_("Publishing"), {"fields": [("status", "publish_at")]}),
        (_("For job seekers"), {"fields": ["summary", "best_for", "eligibility", "leads_to"]}),
        (
            _("Finder rules"),
            {
                "description": _("How the “Which certification fits me?” finder judges a visitor."),
                "fields": [
                    "eligibility_checked",
                    ("work_focus", "setting_focus"),
                    ("min_education", "required_program"),
                    ("experience_in_place_of_program", "credential_required"),
                    ("recommended_experience", "experience_for_full_credential"),
                    "experience_note",
                ],
            },
        ),
        (
            _("Exam"),
            {
                "fields": [
                    ("exam_question_count", "exam_questions_note"),
                    ("exam_minutes", "exam_book"),
                    "exam_delivery",
                    "exam_passing_score",
                    "exam_notes",
                ]
            },
        ),
        (_("Renewal"), {"fields": [("renewal_ceus", "renewal_cycle_years"), "renewal_notes"]}),
        (
            _("Exam fee"),
            {
                "description": _("Shown only when amount, source and checked date are all given."),
                "fields": [
                    ("fee_amount", "fee_currency", "fee_note"),
                    ("fee_source_name", "fee_source_url"),
                    "fee_checked",
                ],
            },
        ),
        (
            _("Sources"),
            {
                "fields": [
                    "official_url",
                    "source_name",
                    "source_url",
                    ("last_checked", "review_interval_months"),
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    # The guides that recommend it.
    inlines = [GuideLinkInline]
