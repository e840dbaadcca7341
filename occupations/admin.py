from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.languages import SpanishBesideEnglish
from editorial.publishing import PublishingAdmin

from . import onet_admin  # noqa: F401 (O*NET's admin, in a module of its own)
from .duties import Duty
from .models import (
    OCCUPATION_PARTS,
    AreaPay,
    Field,
    ImportRun,
    LargestEmployer,
    Occupation,
    OccupationCode,
    PayRelease,
    SimilarOccupation,
)
from .ooh_import import FACTS


class ImportedInline(admin.TabularInline):
    """Parts that come from the handbook: shown, never edited here (the next import would
    undo the edit); `manage.py import_ooh` keeps them in line with the source."""

    extra = 0
    can_delete = False
    ordering = ["position", "pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DutyInline(SpanishBesideEnglish, admin.TabularInline):
    """The site's own duties: editors write, reorder and remove them (imports never do)."""

    model = Duty
    extra = 0
    fields = ["position", "text"]
    ordering = ["position", "pk"]


class OccupationCodeInline(ImportedInline):
    model = OccupationCode
    fields = ["soc_code", "title", "level", "jobs", "projected_jobs", "change_percent", "change"]


class LargestEmployerInline(ImportedInline):
    model = LargestEmployer
    fields = ["industry", "percent"]


class SimilarOccupationInline(ImportedInline):
    model = SimilarOccupation
    fk_name = "occupation"
    fields = ["similar"]


@admin.register(Occupation)
class OccupationAdmin(PublishingAdmin):
    list_display = ["title", "field", "entry_education", "outlook_label", "state_column"]
    list_filter = ["status", "field", "entry_education", "work_experience", "outlook_label"]
    list_select_related = ["field"]
    search_fields = ["title", "slug", "codes__soc_code", "summary"]
    inlines = [DutyInline, OccupationCodeInline, LargestEmployerInline, SimilarOccupationInline]
    history_parts = OCCUPATION_PARTS
    fieldsets = [
        (None, {"fields": ["title", "summary", "status", "publish_at"]}),
        (
            _("From the Occupational Outlook Handbook (updated by import_ooh; not edited here)"),
            {"fields": [name.removesuffix("_id") for name in FACTS if name != "title"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        imported = [name.removesuffix("_id") for name in FACTS]
        return readonly + [name for name in imported if name not in readonly]


@admin.register(Field)
class FieldAdmin(SpanishBesideEnglish, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(PayRelease)
class PayReleaseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "published", "source_name"]


@admin.register(AreaPay)
class AreaPayAdmin(admin.ModelAdmin):
    """OEWS figures as imported: for looking up, not for editing (import_oews owns them)."""

    list_display = ["soc_code", "soc_title", "area_name", "annual_median", "release"]
    list_filter = ["release", "area_type"]
    list_select_related = ["release"]
    search_fields = ["soc_code", "soc_title", "area_name"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["ran_at", "kind", "file_name", "created", "updated", "unchanged", "skipped"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
