"""Production settings plus the URLs of bench_guide_parts.urls: for `make bench` only."""

from careerpath.settings import *  # noqa: F403 (the site's settings, unchanged but one)

ROOT_URLCONF = "bench_guide_parts.urls"
