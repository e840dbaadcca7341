"""Small security helpers used by settings."""

from django.contrib.auth import get_user_model

USERNAME_MAX_LENGTH = get_user_model()._meta.get_field("username").max_length


def login_throttle_username(request, credentials=None) -> str:
    """The username django-axes records for a login attempt, made safe to store.

    Attackers send anything: over-long names would overflow axes' 255-character column, and
    NUL characters are rejected by PostgreSQL. No real username is longer than the user
    model allows or contains NUL, so trimming changes nothing for genuine attempts.
    """
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = str(source.get("username") or "")
    return username.replace("\x00", "")[:USERNAME_MAX_LENGTH]


class CrossOriginResourcePolicyMiddleware:
    """Send Cross-Origin-Resource-Policy: same-origin on every response (Django has no setting).

    Browsers then refuse other sites' no-cors loads of anything here (pages, images, styles),
    so those bytes never enter another site's process (Spectre-style leaks). Crawlers and
    links are unaffected. A view may still set its own value.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
