from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from core.breadcrumbs import BreadcrumbsMixin, Crumb
from core.public_pages import PublicPageMixin

from .backends import search
from .forms import SearchForm

# Searches to try, in the page's language (a code such as RHIT is the same in both).
SUGGESTIONS = [
    gettext_lazy("medical coder"),
    gettext_lazy("CPC exam"),
    "RHIT",
    gettext_lazy("do I need a degree"),
]


class SearchView(PublicPageMixin, BreadcrumbsMixin, ListView):
    """/search/?q=…&page=N: the same page for everyone who asks the same question."""

    template_name = "search/results.html"
    context_object_name = "results"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET if "q" in request.GET else None)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        return super().get(request, *args, **kwargs)

    def shows_visitor_input(self) -> bool:
        return bool(self.form.is_bound and self.form.errors)

    def get_queryset(self):
        return search(self.query) if self.query else []

    def paginate_queryset(self, queryset, page_size):
        """Never a 404: junk page numbers show the first page, numbers past the end the last."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_breadcrumbs(self):
        return [Crumb(_("Search"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = context["object_list"]
        page = context["page_obj"]
        url = reverse("search:results")
        context.update(
            form=self.form,
            query=self.query,
            query_string=urlencode({"q": self.query}),
            some_words_only=bool(results) and not results[0].matches_all_words,
            page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2),
            suggestions=[
                (str(text), f"{url}?{urlencode({'q': str(text)})}") for text in SUGGESTIONS
            ],
        )
        return context
