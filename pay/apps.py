from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayConfig(AppConfig):
    """The /pay/ section: every metropolitan and nonmetropolitan area OEWS publishes, found by
    name, and each area's best-paid and largest careers beside its state's. No models: it reads
    the one pay table (occupations.pay_models.AreaPay)."""

    name = "pay"
    verbose_name = _("Pay where you live")
