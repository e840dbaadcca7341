"""O*NET's data in the admin: read-only and searchable. An editor may hide an item that
misleads on a page (a title, a product, a rating); the numbers are never edited here, and
every hide is a revision in the occupation's history."""

from django.contrib import admin
from reversion.admin import VersionAdmin

from .onet_models import (
    OnetOccupation,
    OnetRating,
    OnetRelease,
    OnetTechnology,
    OnetTitle,
    Technology,
)


class HideOnlyInline(admin.TabularInline):
    """Every field read-only but `hidden`; nothing added or deleted (import_onet owns them)."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [name for name in self.fields if name != "hidden"]


class TitleInline(HideOnlyInline):
    model = OnetTitle
    fields = ["kind", "title", "short_title", "in_my_next_move", "hidden"]


class TechnologyInline(HideOnlyInline):
    model = OnetTechnology
    fields = ["technology", "hot", "in_demand", "hidden"]


class RatingInline(HideOnlyInline):
    model = OnetRating
    fields = ["kind", "name", "importance", "level", "hidden"]


@admin.register(OnetOccupation)
class OnetOccupationAdmin(VersionAdmin):
    list_display = ["code", "title", "job_zone", "high_points", "release"]
    list_filter = ["release", "job_zone"]
    search_fields = ["code", "title", "titles__title", "careers__soc_code"]
    inlines = [TitleInline, TechnologyInline, RatingInline]
    readonly_fields = [
        "release", "code", "title", "job_zone", "interests", "high_points", "education",
        "work_styles", "work_values",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        queryset, _duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(Technology)
class TechnologyAdmin(admin.ModelAdmin):
    list_display = ["name", "commodity_title"]
    search_fields = ["name", "commodity_title"]
    readonly_fields = ["name", "slug", "commodity_code", "commodity_title"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OnetRelease)
class OnetReleaseAdmin(admin.ModelAdmin):
    list_display = ["name", "released", "skills_version", "licence", "imported"]
    readonly_fields = [f.name for f in OnetRelease._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
