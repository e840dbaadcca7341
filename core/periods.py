"""A month and year named in data ("May 2025", as BLS and O*NET write a release's period),
said in the page's language: "May 2025", "mayo de 2025"."""

import datetime

from django.utils.formats import date_format


def month_year(text: str) -> str:
    try:
        moment = datetime.datetime.strptime(text, "%B %Y")
    except (TypeError, ValueError):
        return text  # not a month and year: shown as the data gives it
    return date_format(moment, "YEAR_MONTH_FORMAT")
