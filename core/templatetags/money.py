from decimal import Decimal

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}
# English ordinals by their suffix; other languages write percentiles their own way.
PERCENTILES = {
    "st": _("%(number)sst percentile"),
    "nd": _("%(number)snd percentile"),
    "rd": _("%(number)srd percentile"),
    "th": _("%(number)sth percentile"),
}


@register.filter
def money(amount, currency="USD"):
    """Whole-unit amounts with thousands separators: 50250 → “$50,250”; other currencies by code."""
    return _formatted(amount, currency, Decimal(1))


@register.filter
def money_cents(amount, currency="USD"):
    """Amounts to the cent, for hourly pay: 24.16 → “$24.16”; other currencies by code."""
    return _formatted(amount, currency, Decimal("0.01"))


@register.filter
def signed_money(amount, currency="USD"):
    """A change in whole units with its sign: 1234 → “+$1,234”, -50 → “−$50” (a minus sign)."""
    if amount in (None, ""):
        return ""
    sign = "−" if Decimal(amount) < 0 else "+"
    return sign + _formatted(abs(Decimal(amount)), currency, Decimal(1))


def _formatted(amount, currency: str, unit: Decimal) -> str:
    if amount in (None, ""):
        return ""
    number = f"{Decimal(amount).quantize(unit):,}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


@register.filter
def ordinal_percentile(value):
    """50 → “median”, 10 → “10th percentile”, 90 → “90th percentile”."""
    value = int(value)
    if value == 50:
        return gettext("median")
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return PERCENTILES[suffix] % {"number": value}
