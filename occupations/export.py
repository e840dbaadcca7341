"""/careers/<slug>.json for a handbook profile: its facts and current pay as plain JSON, with
the source and period of each part (the guides' JSON is their content pack: content_packs)."""

from .models import OOH_NAME, AreaPay, AreaType, PayRelease
from .pay import STATE_LEVEL
from .selectors import national_medians
from .work import career_work
from .work_data import work_document

FORMAT = "careerpath-profile"
VERSION = 1
PAY_FIELDS = (
    "employment",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
    "annual_mean",
    "hourly_p10",
    "hourly_p25",
    "hourly_median",
    "hourly_p75",
    "hourly_p90",
    "hourly_mean",
)


def pay_row(row: AreaPay) -> dict:
    figures = {name: getattr(row, name) for name in PAY_FIELDS}
    return {
        "area": row.area_name,
        "soc_code": row.soc_code,
        **{name: (str(value) if value is not None else None) for name, value in figures.items()},
        "top_coded": row.top_coded.split(),
    }


def profile_document(occupation) -> dict:
    release = PayRelease.current()
    codes = list(occupation.codes.all())
    rows = (
        AreaPay.objects.filter(
            release=release,
            soc_code__in=[code.soc_code for code in codes],
            area_type__in=[*STATE_LEVEL, AreaType.INDUSTRY],
        ).order_by("soc_code", "area_type", "area_name", "industry_code")
        if release
        else []
    )
    industries = [row for row in rows if row.area_type == AreaType.INDUSTRY]
    return {
        "format": FORMAT,
        "version": VERSION,
        "slug": occupation.slug,
        "title": occupation.title,
        "summary": occupation.summary,
        # The site's own words, like the summary (written from the handbook and O*NET's tasks).
        "duties": [duty.text for duty in occupation.duties.all()],
        "field": occupation.field.name,
        "soc_codes": [
            {
                "soc_code": code.soc_code,
                "title": code.title,
                "level": code.level,
                "jobs_2024": code.jobs,
                "projected_2034": code.projected_jobs,
            }
            for code in codes
        ],
        "facts": {
            "source": OOH_NAME,
            "url": occupation.ooh_url,
            "page_modified": occupation.ooh_modified.isoformat()
            if occupation.ooh_modified
            else None,
            "entry_education": occupation.get_entry_education_display() or None,
            "work_experience": occupation.get_work_experience_display() or None,
            "on_the_job_training": occupation.get_training_display() or None,
            "jobs_2024": occupation.jobs,
            "projected_2034": occupation.projected_jobs,
            "employment_change_2024_34": occupation.employment_change,
            "outlook_percent_2024_34": occupation.outlook_percent,
            "outlook_label": occupation.get_outlook_label_display() or None,
            "openings_per_year": occupation.openings_per_year,
            "largest_employers": [
                {"industry": employer.industry, "percent": employer.percent}
                for employer in occupation.employers.all()
            ],
        },
        "pay": {
            "release": release.name if release else None,
            "source": release.source_name if release else None,
            "source_url": release.source_url if release else None,
            "headline_soc_code": occupation.pay_code or None,
            # The nation, the states and territories (an area's figures are on its own page).
            "areas": [pay_row(row) for row in rows if row.area_type != AreaType.INDUSTRY],
            "industries": [
                {
                    "naics": row.industry_code,
                    "industry": row.industry_title,
                    "soc_code": row.soc_code,
                    "employment": row.employment,
                    "annual_median": str(row.annual_median) if row.annual_median else None,
                    "hourly_median": str(row.hourly_median) if row.hourly_median else None,
                    "top_coded": row.top_coded.split(),
                }
                for row in industries
            ],
        },
        "similar": [link.similar.slug for link in occupation.similar_links.all()],
        # What the work is, from O*NET (with its credit), as the page shows it.
        "work": work_document(career_work(codes, "", release, national_medians)),
    }
