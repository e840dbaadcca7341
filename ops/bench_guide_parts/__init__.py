"""`make bench`'s view of the uncached guide's work, one part at a time (see urls.py)."""

# Kept here, apart from the Django URLs, so that bench.py can name them without Django.
PART_URLS = {
    "sent": "/bench/guide-sent/",
    "loaded": "/bench/guide-loaded/",
    "rendered": "/bench/guide-rendered/",
}
SETTINGS_MODULE = "bench_guide_parts.settings"
