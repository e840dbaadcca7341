"""The handbook's pay as the national rows of the OEWS May 2024 release.

Each handbook page gives its occupation's pay from OEWS May 2024: the median (a year and an
hour), the 10th and 90th percentiles, and for a group the same for each detailed occupation.
`scripts/extract_ooh.py` reads them into the data file (`pay_2024`); here they become
`AreaPay` rows for the nation, so every profile can say how pay changed since May 2024. Only
the figures the handbook gives are written: a row imported from BLS's own May 2024 file keeps
its other percentiles. A figure at BLS's top wage is no number: it is named in `top_coded`.
"""

from decimal import Decimal

from .models import NATIONAL_AREA_NAME, AreaPay, AreaType
from .oews_import import release_for

HANDBOOK_RELEASE = "May 2024"
FIGURES = ("annual_median", "annual_p10", "annual_p90", "hourly_median", "hourly_p10", "hourly_p90")


def pay_problem(pay: dict) -> str:
    """What is wrong with a profile's `pay_2024` (or its detailed occupations'), or ""."""
    for part in [pay, *pay.get("detailed", [])]:
        for name in FIGURES:
            value = part.get(name)
            try:
                amount = None if value is None else Decimal(str(value))
            except ArithmeticError:
                amount = Decimal(-1)
            if amount is not None and (not amount.is_finite() or amount < 0):
                return f"pay_2024 {name} “{value}” is not an amount of dollars"
        if unknown := set(part.get("top_coded", [])) - set(FIGURES):
            return f"pay_2024 top_coded names {', '.join(sorted(unknown))}, not a figure"
    return ""


def figures(pay: dict) -> dict:
    coded = set(pay.get("top_coded", []))
    values = {
        name: None if name in coded or pay.get(name) is None else Decimal(str(pay[name]))
        for name in FIGURES
    }
    values["top_coded"] = " ".join(name for name in FIGURES if name in coded)
    return values


def rows_of(entry: dict, pay_code: str) -> list[tuple[str, str, dict]]:
    """(SOC code, OEWS-style title, figures) for the profile's own code and each detailed
    occupation the page gives figures for."""
    pay = entry.get("pay_2024") or {}
    titles = {code["soc_code"]: code["title"] for code in entry.get("soc_codes", [])}
    rows = []
    if pay_code and any(pay.get(name) is not None for name in FIGURES):
        rows.append((pay_code, titles.get(pay_code, entry["title"]), figures(pay)))
    for detailed in pay.get("detailed", []):
        code = detailed["soc_code"]
        if any(detailed.get(name) is not None for name in FIGURES):
            rows.append((code, titles.get(code, entry["title"]), figures(detailed)))
    return rows


def store_handbook_pay(profiles: list[dict], pay_codes: dict[str, str]) -> tuple[int, int]:
    """Write the May 2024 national rows; (created, updated). `pay_codes`: slug → pay code."""
    wanted = {}
    for entry in profiles:
        for code, title, values in rows_of(entry, pay_codes.get(entry["slug"], "")):
            wanted.setdefault(code, (title, values))
    if not wanted:
        return 0, 0
    release = release_for(HANDBOOK_RELEASE)
    existing = {
        pay.soc_code: pay
        for pay in release.pay.filter(area_type=AreaType.NATIONAL, soc_code__in=wanted)
    }
    new, changed = [], []
    for code, (title, values) in sorted(wanted.items()):
        pay = existing.get(code)
        if pay is None:
            new.append(
                AreaPay(
                    release=release,
                    soc_code=code,
                    soc_title=title[:200],
                    area_type=AreaType.NATIONAL,
                    area_code="99",
                    area_name=NATIONAL_AREA_NAME,
                    postal="US",
                    **values,
                )
            )
        elif any(_differs(getattr(pay, name), value) for name, value in values.items()):
            for name, value in values.items():
                setattr(pay, name, value)
            changed.append(pay)
    AreaPay.objects.bulk_create(new, batch_size=1000)
    AreaPay.objects.bulk_update(changed, [*FIGURES, "top_coded"], batch_size=1000)
    return len(new), len(changed)


def _differs(stored, value) -> bool:
    if isinstance(value, Decimal) and stored is not None:
        return Decimal(stored) != value
    return stored != value
