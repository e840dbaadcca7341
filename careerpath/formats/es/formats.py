"""Spanish as written in the United States: months in words and lower case, as Django's own
Spanish formats ("7 de diciembre de 2026", "mayo de 2025"), but numbers grouped and pointed as
in US English ("$51,140", "$24.59"), as US Spanish-language newspapers and agencies (BLS's and
CareerOneStop's Spanish pages) write them, so every figure reads the same in both languages."""

from django.conf.locale.es.formats import *  # noqa: F403 (Django's Spanish formats, then ours)

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
