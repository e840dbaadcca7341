import reversion
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from guides.models import FAQ

from .models import QuestionStatus, SubmittedQuestion


@admin.register(SubmittedQuestion)
class SubmittedQuestionAdmin(admin.ModelAdmin):
    """The moderation queue: newest first, filter by status and guide, answer, publish as FAQ."""

    list_display = ["__str__", "guide", "status", "created_at", "has_answer", "has_email"]
    list_filter = ["status", "guide", "created_at"]
    search_fields = ["question", "answer"]
    date_hierarchy = "created_at"
    list_select_related = ["guide"]
    readonly_fields = ["guide", "question", "created_at", "updated_at", "faq"]
    fields = ["guide", "question", "email", "created_at", "status", "answer", "faq", "updated_at"]
    actions = ["publish_as_faq", "mark_rejected"]

    def has_add_permission(self, request):
        return False  # questions come from visitors

    @admin.display(boolean=True, description=_("answer"))
    def has_answer(self, question):
        return bool(question.answer.strip())

    @admin.display(boolean=True, description=_("email"))
    def has_email(self, question):
        return bool(question.email)

    def save_model(self, request, obj, form, change):
        if obj.answer.strip() and obj.status == QuestionStatus.NEW:
            obj.status = QuestionStatus.ANSWERED
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish as FAQ on the guide"), permissions=["change"])
    def publish_as_faq(self, request, queryset):
        published, skipped = 0, []
        for question in queryset.select_related("guide"):
            if question.faq_id or question.status == QuestionStatus.PUBLISHED:
                skipped.append(
                    gettext("“%(question)s” is already published") % {"question": question}
                )
            elif not question.answer.strip():
                skipped.append(gettext("“%(question)s” has no answer yet") % {"question": question})
            else:
                # A revision of the guide, so the new FAQ shows in its history and can be undone.
                with reversion.create_revision():
                    publish_question(question)
                    reversion.add_to_revision(question.guide)
                    reversion.set_user(request.user)
                    reversion.set_comment(
                        gettext("Published the visitor question “%(question)s” as an FAQ.")
                        % {"question": question}
                    )
                published += 1
        if published:
            self.message_user(
                request,
                ngettext(
                    "%d question was published as an FAQ.",
                    "%d questions were published as FAQs.",
                    published,
                )
                % published,
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                gettext("Not published: %(reasons)s.") % {"reasons": "; ".join(skipped)},
                messages.WARNING,
            )

    @admin.action(description=_("Reject (never published)"), permissions=["change"])
    def mark_rejected(self, request, queryset):
        count = queryset.exclude(status=QuestionStatus.PUBLISHED).update(
            status=QuestionStatus.REJECTED
        )
        self.message_user(
            request,
            ngettext("%(count)s question(s) rejected.", "%(count)s question(s) rejected.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@transaction.atomic
def publish_question(question: SubmittedQuestion) -> FAQ:
    """Add the question and its answer as the guide's last FAQ, and mark it published."""
    last = question.guide.faqs.aggregate(last=Max("position"))["last"]
    faq = FAQ.objects.create(
        guide=question.guide,
        position=0 if last is None else last + 1,
        question=" ".join(question.question.split())[: FAQ._meta.get_field("question").max_length],
        answer=question.answer.strip(),
    )
    question.faq = faq
    question.status = QuestionStatus.PUBLISHED
    question.save(update_fields=["faq", "status", "updated_at"])
    return faq
