"""The content apps' admin: editing guides and certifications is the editorial workflow's.

The building blocks are in editorial.publishing; each content app's admin is in its own module
here, so no content app imports editorial.
"""

from . import certification_admin, guide_admin  # noqa: F401  (they register with admin.site)
