"""Production settings for `make observatory` only: one change, where HTTP redirects to.

In production HTTP and HTTPS listen on the standard ports, so Django's redirect to
https://<same host>/ reaches the HTTPS server. Locally each gets a free port, so the HTTP
server's redirect must name the HTTPS one (OBSERVATORY_HTTPS_HOST, e.g. 127.0.0.1:8443).
"""

import os

from careerpath.settings import *  # noqa: F403 (the site's settings, unchanged but one)

SECURE_SSL_HOST = os.environ.get("OBSERVATORY_HTTPS_HOST") or None
