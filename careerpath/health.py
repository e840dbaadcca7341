import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views import View

logger = logging.getLogger(__name__)


class HealthCheckView(View):
    """For load balancers: 200 when the database answers, 503 when it does not."""

    http_method_names = ["get", "head"]

    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            logger.exception("Health check: the database is unreachable")
            return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        return HttpResponse("ok\n", content_type="text/plain")
