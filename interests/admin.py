from django.contrib import admin

from editorial.publishing import PublishingAdmin

from .models import InterestItem


@admin.register(InterestItem)
class InterestItemAdmin(PublishingAdmin):
    list_display = ["text", "area", "position", "state_column"]
    list_editable = ["position"]
    list_filter = ["status", "area"]
    search_fields = ["text"]
    fields = ["text", "area", "position", "status", "publish_at"]
