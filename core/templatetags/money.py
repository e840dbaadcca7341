from decimal import Decimal

from django import template

register = template.Library()

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


@register.filter
def money(amount, currency="USD"):
    """Whole-unit amounts with thousands separators: 50250 → “$50,250”; other currencies by code."""
    if amount in (None, ""):
        return ""
    whole = f"{Decimal(amount).quantize(Decimal(1)):,}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{whole}" if symbol else f"{whole} {currency}"


@register.filter
def money_cents(amount, currency="USD"):
    """Amounts to the cent, for hourly pay: 24.16 → “$24.16”; other currencies by code."""
    if amount in (None, ""):
        return ""
    exact = f"{Decimal(amount).quantize(Decimal('0.01')):,}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{exact}" if symbol else f"{exact} {currency}"


@register.filter
def ordinal_percentile(value):
    """50 → “median”, 10 → “10th percentile”, 90 → “90th percentile”."""
    value = int(value)
    if value == 50:
        return "median"
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix} percentile"
