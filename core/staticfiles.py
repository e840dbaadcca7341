from django.contrib.staticfiles.apps import StaticFilesConfig


class SiteStaticFilesConfig(StaticFilesConfig):
    """Collect only the Bootstrap build the site links (bootstrap.min.css and its map).

    xstatic-bootstrap ships every variant (RTL, grid-only, unminified…); collecting and
    compressing them all would multiply collectstatic time and the deployed size for nothing.
    """

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "bootstrap-grid*",
        "bootstrap-reboot*",
        "bootstrap-utilities*",
        "*.rtl.*",
        "bootstrap.css",
        "bootstrap.css.map",
    ]
