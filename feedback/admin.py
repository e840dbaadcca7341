from django.contrib import admin
from django.db.models import Count, Q

from .models import PageFeedback


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    """Answers to "Was this page useful?", with a per-page tally above the list."""

    change_list_template = "admin/feedback/pagefeedback/change_list.html"
    list_display = ["path", "useful", "comment", "created_at"]
    list_filter = ["useful", "created_at"]
    search_fields = ["path", "comment"]
    date_hierarchy = "created_at"
    readonly_fields = ["path", "useful", "comment", "created_at"]

    def has_add_permission(self, request):
        return False  # feedback comes from visitors

    def has_change_permission(self, request, obj=None):
        return False  # what a visitor said is kept as they said it

    def changelist_view(self, request, extra_context=None):
        tally = (
            PageFeedback.objects.values("path")
            .annotate(
                yes=Count("pk", filter=Q(useful=True)),
                no=Count("pk", filter=Q(useful=False)),
                comments=Count("pk", filter=~Q(comment="")),
            )
            .order_by("path")
        )
        return super().changelist_view(request, {**(extra_context or {}), "tally": tally})
