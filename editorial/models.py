"""No models: the workflow's data lives on the content models (core.models.Publishable and
Reviewable). This module exists so that Django sends this app its post_migrate signal, which
creates the editorial roles (see apps.py)."""
