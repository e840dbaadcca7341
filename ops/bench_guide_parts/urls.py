"""For `make bench` only: the uncached guide's work, one part at a time.

With the cache disabled, the guide view loads the guide, its nine parts and its handbook
profile's pay from the database,
renders the page, and sends it through the middleware (gzip included). Each view here does one
of those alone, so the bench can show where the time goes and what the fastest possible page
would cost:

- sent: the finished guide page, rendered once per process, then only sent;
- loaded: the guide loaded from the database as the view loads it, nothing rendered; the
  finished page is sent as in "sent";
- rendered: the guide loaded once per process; the real view builds its context and renders
  its templates on every request.

Each part's cost includes sending the page, so "sent" is the floor under the other two. The
finished page carries no fresh CSRF token, so these are lower bounds. Appended after the
site's own URLs, so they change nothing in how the site's URLs resolve.
"""

from django.http import HttpResponse
from django.urls import path

from bench_guide_parts import PART_URLS
from careerpath.urls import urlpatterns as site_urlpatterns
from guides.views import GuideDetailView

SLUG = "medical-records-specialist"
_kept = {}  # per process: the loaded guide, the finished page


def finished_page(request) -> bytes:
    if "page" not in _kept:
        response = GuideDetailView.as_view()(request, slug=SLUG)
        _kept["page"] = response.render().content
    return _kept["page"]


def guide_sent(request):
    return HttpResponse(finished_page(request))


def guide_loaded(request):
    view = GuideDetailView()
    view.setup(request, slug=SLUG)
    # Everything the view loads (the guide, its parts, its profile's sections, the ladder's pay,
    # the pathway map), by the view's own code so the bench cannot drift from it; no template.
    view.object = view.get_object()
    view.get_context_data(object=view.object)
    return HttpResponse(finished_page(request))


class GuideRendered(GuideDetailView):
    def get_object(self, queryset=None):
        if "guide" not in _kept:
            _kept["guide"] = super().get_object(queryset)
        return _kept["guide"]


def guide_rendered(request):
    return GuideRendered.as_view()(request, slug=SLUG)


urlpatterns = [
    *site_urlpatterns,
    path(PART_URLS["sent"].lstrip("/"), guide_sent),
    path(PART_URLS["loaded"].lstrip("/"), guide_loaded),
    path(PART_URLS["rendered"].lstrip("/"), guide_rendered),
]
