"""Pay moves to one table: every guide's salary band becomes a figure of `AreaPay` under its
`PayRelease`, and the `SalaryBand` model goes.

Nothing is lost:
- Every band is carried over, or the migration stops before changing anything and names the
  band to fix (a period that is not an OEWS release, a region that is neither the nation nor a
  state, a percentile OEWS does not publish, a guide without an occupation code). Where the
  release already holds a figure for the same code, area and percentile (imported from BLS's
  file), the file's figure stays and a different band figure is reported.
- The bands' versions stay in the database: each guide revision that held them keeps the
  guide's own versions, and the band versions move to an archive revision of their own that
  names the revision they came from, so reverting a guide works and the old figures remain.
- Backwards, the bands are rebuilt from `AreaPay` (every release, the nation and each state,
  for each guide's code) and the archived versions go back to their revisions.
"""

import datetime
import re
from collections import defaultdict
from decimal import Decimal

from django.db import migrations, models

NATIONAL = "United States"
# The OEWS releases the site knows (as occupations.oews_import.KNOWN_RELEASES at the time).
RELEASES = {
    "May 2025": ("2025A01", datetime.date(2026, 5, 15)),
    "May 2024": ("2024A01", datetime.date(2025, 4, 2)),
    "May 2023": ("2023A01", datetime.date(2024, 4, 3)),
}
FIELDS = {
    10: ("annual_p10", "hourly_p10"),
    25: ("annual_p25", "hourly_p25"),
    50: ("annual_median", "hourly_median"),
    75: ("annual_p75", "hourly_p75"),
    90: ("annual_p90", "hourly_p90"),
}
LABELS = {10: "Entry level", 25: "Early career", 50: "Median", 75: "Established", 90: "Experienced"}
ARCHIVED = "Salary bands archived when pay moved to one table (was revision {pk})."
ARCHIVED_PATTERN = re.compile(r"\(was revision (\d+)\)\.$")


class CannotCarry(Exception):
    pass


def guide_code(guide) -> str:
    return guide.soc_code or (guide.occupation.pay_code if guide.occupation_id else "")


def carry_bands(apps, schema_editor):
    SalaryBand = apps.get_model("guides", "SalaryBand")
    AreaPay = apps.get_model("occupations", "AreaPay")
    PayRelease = apps.get_model("occupations", "PayRelease")
    problems, rows = [], defaultdict(list)
    for band in SalaryBand.objects.select_related("guide__occupation").order_by("pk"):
        where = (
            f"band “{band.label}” ({band.region}, {band.reference_period}) of “{band.guide.title}”"
        )
        code = guide_code(band.guide)
        if band.reference_period not in RELEASES:
            problems.append(f"{where}: the period is not an OEWS release ({', '.join(RELEASES)})")
        elif band.percentile not in FIELDS:
            problems.append(f"{where}: OEWS publishes no {band.percentile}th percentile")
        elif not code:
            problems.append(f"{where}: the guide has no SOC code or occupation")
        elif band.currency != "USD":
            problems.append(f"{where}: not in US dollars")
        else:
            rows[(band.reference_period, code, band.region)].append(band)
    states = {
        pay.area_name: (pay.area_code, pay.postal, pay.area_type)
        for pay in AreaPay.objects.exclude(area_name=NATIONAL).order_by("release_id")
    }
    for period, code, region in rows:
        if region != NATIONAL and region not in states:
            bands = rows[(period, code, region)]
            problems.append(f"{len(bands)} band(s) for “{region}”: not the nation or a known state")
    if problems:
        raise CannotCarry(
            "Some salary bands cannot become pay figures; fix or delete them in the admin on the "
            "previous version, then migrate again:\n  " + "\n  ".join(problems)
        )
    for (period, code, region), bands in rows.items():
        release, _ = PayRelease.objects.get_or_create(
            name=period, defaults={"code": RELEASES[period][0], "published": RELEASES[period][1]}
        )
        area_code, postal, area_type = (
            ("99", "US", "national") if region == NATIONAL else states[region]
        )
        pay, created = AreaPay.objects.get_or_create(
            release=release,
            soc_code=code,
            area_code=area_code,
            defaults={
                "soc_title": bands[0].guide.title,
                "area_type": area_type,
                "area_name": region,
                "postal": postal,
            },
        )
        for band in bands:
            annual, hourly = FIELDS[band.percentile]
            if getattr(pay, annual) is None or created:
                setattr(pay, annual, band.annual_amount)
                if band.hourly_amount is not None:
                    setattr(pay, hourly, band.hourly_amount)
            elif Decimal(getattr(pay, annual)) != band.annual_amount:
                print(
                    f"\n  {band.guide.title}, {region}, {period}: the band said "
                    f"{band.annual_amount}, BLS's file {getattr(pay, annual)}; the file's stays."
                )
        pay.save()
    archive_band_versions(apps)


def archive_band_versions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    band_type = ContentType.objects.filter(app_label="guides", model="salaryband").first()
    if band_type is None:
        return
    versions = Version.objects.filter(content_type=band_type)
    for revision in Revision.objects.filter(version__in=versions).distinct():
        archive = Revision.objects.create(
            date_created=revision.date_created,
            user_id=revision.user_id,
            comment=ARCHIVED.format(pk=revision.pk),
        )
        versions.filter(revision=revision).update(revision=archive)


def rebuild_bands(apps, schema_editor):
    CareerGuide = apps.get_model("guides", "CareerGuide")
    SalaryBand = apps.get_model("guides", "SalaryBand")
    AreaPay = apps.get_model("occupations", "AreaPay")
    bands = []
    for guide in CareerGuide.objects.select_related("occupation"):
        code = guide_code(guide)
        rows = AreaPay.objects.filter(soc_code=code, area_type__in=["national", "state"])
        for pay in rows.select_related("release").order_by("release__published", "area_name"):
            for position, (percentile, (annual, hourly)) in enumerate(FIELDS.items()):
                if getattr(pay, annual) is None:
                    continue
                bands.append(
                    SalaryBand(
                        guide=guide,
                        position=position,
                        label=LABELS[percentile],
                        percentile=percentile,
                        annual_amount=getattr(pay, annual),
                        hourly_amount=getattr(pay, hourly),
                        region=pay.area_name,
                        reference_period=pay.release.name,
                        source_name=pay.release.source_name,
                        source_url=pay.release.source_url,
                    )
                )
    SalaryBand.objects.bulk_create(bands, batch_size=500)
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    for archive in Revision.objects.filter(comment__startswith=ARCHIVED.split("(")[0]):
        match = ARCHIVED_PATTERN.search(archive.comment)
        if match and Revision.objects.filter(pk=match[1]).exists():
            Version.objects.filter(revision=archive).update(revision_id=int(match[1]))
            archive.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0008_pathway_moves"),
        ("occupations", "0003_area_pay_lookup_indexes"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(carry_bands, rebuild_bands),
        migrations.RemoveConstraint(
            model_name="salaryband", name="salary_band_amount_non_negative"
        ),
        migrations.RemoveConstraint(model_name="salaryband", name="salary_band_percentile_0_100"),
        migrations.RemoveConstraint(
            model_name="salaryband", name="salary_band_unique_label_region_period"
        ),
        migrations.RemoveConstraint(
            model_name="salaryband", name="salary_band_unique_percentile_region_period"
        ),
        migrations.RemoveConstraint(
            model_name="salaryband", name="salary_band_hourly_non_negative"
        ),
        migrations.DeleteModel(name="SalaryBand"),
    ]
