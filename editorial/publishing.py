"""Admin building blocks for content that goes draft → in review → published.

`PublishingAdmin` (a django-reversion VersionAdmin) gives a model admin:

- actions "Submit for review", "Publish" and "Unpublish (back to draft)"; the last two need
  the model's `publish_<model>` permission;
- a status field that offers only Draft and In review to users without it (and keeps
  Published for an item that already is), and a read-only "publish at" for them;
- history with who and when, and on each version a table of what reverting would change;
  revert and "recover deleted" for publishers only (both change what the public sees);
- a revision recorded just before every delete, so a deleted item is always recoverable.
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from core.freshness import ReviewState, review_state_q
from core.models import Status

from .diff import compare_with_current
from .languages import SpanishBesideEnglish

EDITOR_STATUSES = (Status.DRAFT, Status.REVIEW)
NOT_A_PUBLISHER = _(
    "Only a publisher can publish. Choose “In review” and a publisher will publish it."
)


class NeedsReviewFilter(admin.SimpleListFilter):
    """Overdue, due within 30 days, or up to date: “last reviewed” plus the review interval."""

    title = _("needs review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return ReviewState.choices

    def queryset(self, request, queryset):
        if self.value() in ReviewState.values:
            return queryset.filter(review_state_q(queryset.model, self.value()))
        return queryset


class PublishingAdmin(SpanishBesideEnglish, VersionAdmin):
    actions = ["submit_for_review", "publish", "unpublish"]
    history_latest_first = True
    change_list_template = "editorial/change_list.html"
    revision_form_template = "editorial/revision_form.html"
    # The reverse relations the model's history follows, shown in the "what changes" table.
    history_parts: tuple = ()

    # Permissions -------------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request) and "publish_at" not in readonly:
            readonly.append("publish_at")  # scheduling is publishing
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None and not self.has_publish_permission(request):
            allowed = list(EDITOR_STATUSES)
            if obj is not None and obj.status == Status.PUBLISHED:
                # Keeping it published is not publishing; submitting it for review takes it off
                # the site until a publisher publishes it again; unpublishing is for publishers.
                allowed = [Status.PUBLISHED, Status.REVIEW]
            status.choices = [(value, label) for value, label in Status.choices if value in allowed]
            status.error_messages["invalid_choice"] = NOT_A_PUBLISHER
        return form

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request) and obj.status == Status.PUBLISHED:
            was_published = change and form.initial.get("status") == Status.PUBLISHED
            if not was_published:  # the form never offers it; this guards against tampering
                raise PermissionDenied(NOT_A_PUBLISHER)
        super().save_model(request, obj, form, change)

    # The changelist and its actions --------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin records the whole changelist request as one revision; then an action on
        # several items would make one revision of them all, and reverting one item would
        # revert the others too. The actions below record one revision per item instead.
        context = {
            "has_change_permission": self.has_change_permission(request),
            "can_recover": self.can_recover(request),
            **(extra_context or {}),
        }
        return admin.ModelAdmin.changelist_view(self, request, context)

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.move_to(request, queryset, Status.REVIEW)

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        self.move_to(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self.move_to(request, queryset, Status.DRAFT)

    def move_to(self, request, queryset, status):
        moved, scheduled, hidden = [], [], []
        for obj in queryset:
            if obj.status == status:
                continue
            previous = obj.get_status_display()
            was_public = obj.is_published
            obj.status = status
            with reversion.create_revision():
                reversion.set_user(request.user)
                obj.save()
                # VersionAdmin's log_change also makes its message the revision's comment.
                self.log_change(
                    request,
                    obj,
                    gettext("%(status)s (was %(previous)s).")
                    % {"status": obj.get_status_display(), "previous": previous},
                )
            moved.append(obj)
            if obj.is_scheduled:
                scheduled.append(obj)
            elif was_public and not obj.is_published:
                hidden.append(obj)
        verbose = self.opts.verbose_name if len(moved) == 1 else self.opts.verbose_name_plural
        if not moved:
            self.message_user(
                request,
                _("Nothing changed: every selected item was already %(status)s.")
                % {"status": Status(status).label.lower()},
                messages.WARNING,
            )
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d %(verbose)s is now %(status)s.",
                "%(count)d %(verbose)s are now %(status)s.",
                len(moved),
            )
            % {"count": len(moved), "verbose": verbose, "status": Status(status).label.lower()},
            messages.SUCCESS,
        )
        for obj in scheduled:
            when = formats.date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
            self.message_user(
                request,
                _("“%(obj)s” is scheduled: the public sees it from %(when)s.")
                % {"obj": obj, "when": when},
                messages.INFO,
            )
        for obj in hidden:
            self.message_user(
                request,
                _("“%(obj)s” is no longer on the public site.") % {"obj": obj},
                messages.WARNING,
            )

    @admin.display(description=_("review due"))
    def review_due_column(self, obj):
        due = obj.review_due
        if due is None:
            return "—"
        state = obj.review_state()
        text = formats.date_format(due, "DATE_FORMAT")
        return text if state == ReviewState.UP_TO_DATE else f"{text} ({state.label.lower()})"

    @admin.display(description=_("status"), ordering="status")
    def state_column(self, obj):
        return obj.state_label

    # History, revert, recover and delete ---------------------------------------------------

    def can_recover(self, request) -> bool:
        return (
            self.has_publish_permission(request)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_publish_permission(request):
            raise PermissionDenied  # a revert changes what the public sees
        context = dict(extra_context or {})
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            version = (
                Version.objects.get_for_object_reference(self.model, unquote(object_id))
                .filter(pk=version_id)
                .select_related("revision__user")
                .first()
            )
            if obj is not None and version is not None:
                context["version"] = version
                context["version_diff"] = compare_with_current(version, obj, self.history_parts)
        return super().revision_view(request, object_id, version_id, context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.can_recover(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.can_recover(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def delete_model(self, request, obj):
        self.record_before_delete(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self.record_before_delete(request, queryset)
        super().delete_queryset(request, queryset)

    def record_before_delete(self, request, objects):
        """Store each item (with its parts) as it is, so "Recover deleted" can bring it back."""
        for obj in objects:
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(_("Deleted. Publishers can recover it."))
                reversion.add_to_revision(obj)
