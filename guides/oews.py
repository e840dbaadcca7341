"""Writing a guide's salary bands from an OEWS file (reading and parsing: occupations.oews_files).

For the occupation code of each guide, the national and state rows of the file become salary
bands (annual percentiles, with the hourly wage where the file gives one), matched by (guide,
percentile, region, period) so that importing the same file again changes nothing.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.db import transaction

from core.content_version import bump_content_version
from occupations.models import ImportRun
from occupations.oews_files import (  # noqa: F401 (period_from_file_name: for the command)
    OEWS_NAME,
    OEWS_TABLES_URL,
    PERCENTILES,
    OEWSFileError,
    RowError,
    SkipRow,
    WageRow,
    is_cross_industry,
    parse_row,
    percentile_name,
    period_from_file_name,
    read_table,
    validate_period,
)
from occupations.oews_import import import_area_pay

from .models import CareerGuide, SalaryBand


@dataclass
class ImportReport:
    file_name: str
    period: str
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    other_occupations: int = 0

    def lines(self) -> list[str]:
        mode = " (dry run: nothing was saved)" if self.dry_run else ""
        out = [f"OEWS import of {self.file_name} for {self.period}{mode}"]
        for title, items in (
            ("Created", self.created),
            ("Updated", self.updated),
            ("Unchanged", self.unchanged),
        ):
            out.append(f"{title}: {len(items)}")
            out.extend(f"  {item}" for item in items if title != "Unchanged")
        out.append(f"Skipped: {len(self.skipped)}")
        out.extend(f"  line {line}: {reason}" for line, reason in self.skipped)
        out.append(f"Bad rows (not imported): {len(self.bad_rows)}")
        out.extend(f"  line {line}: {reason}" for line, reason in self.bad_rows)
        out.append(f"Rows for occupations without a guide: {self.other_occupations}")
        return out


# Writing bands -------------------------------------------------------------------------------


def import_oews(path, period, *, dry_run=False, source_url=OEWS_TABLES_URL) -> ImportReport:
    path = Path(path)
    report = ImportReport(file_name=path.name, period=validate_period(period), dry_run=dry_run)
    guides = {guide.soc_code: guide for guide in CareerGuide.objects.exclude(soc_code="")}
    seen: dict[tuple[str, str], int] = {}
    new_bands: list[SalaryBand] = []
    changed: dict[int, CareerGuide] = {}
    with transaction.atomic(), reversion.create_revision():
        # Each guide whose pay changed gets a version in its history, as an editor's save would.
        reversion.set_comment(f"OEWS import of {path.name} for {report.period}.")
        for line, row in read_table(path):
            if row.get("OCC_CODE") not in guides:
                report.other_occupations += 1
                continue
            if not is_cross_industry(row):
                report.skipped.append(
                    (line, "an industry-specific row; the all-industry row is used")
                )
                continue
            try:
                wage_row = parse_row(line, row)
            except SkipRow as skip:
                report.skipped.append((line, str(skip)))
                continue
            except RowError as error:
                report.bad_rows.append((line, str(error)))
                continue
            key = (wage_row.occ_code, wage_row.region)
            if key in seen:
                report.bad_rows.append(
                    (line, f"{wage_row.region} repeats line {seen[key]} for {wage_row.occ_code}")
                )
                continue
            seen[key] = line
            guide = guides[wage_row.occ_code]
            if save_bands(guide, wage_row, report, source_url, new_bands):
                changed[guide.pk] = guide
        # New bands in one insert (a whole release is thousands), then the cached pages'
        # version bumped once, as the per-row saves' signals would have done.
        SalaryBand.objects.bulk_create(new_bands, batch_size=500)
        if new_bands:
            bump_content_version(SalaryBand)
        for guide in changed.values():
            reversion.add_to_revision(guide)
        if dry_run:
            transaction.set_rollback(True)
    return report


def save_bands(
    guide, wage_row: WageRow, report: ImportReport, source_url: str, new_bands: list
) -> bool:
    """Update the guide's bands for one area, and add those it lacks to `new_bands` (saved
    by the caller); True when anything changed."""
    changed = False
    for note in wage_row.left_out:
        report.skipped.append((wage_row.line, f"{wage_row.region}: {note}"))
    existing = {
        band.percentile: band
        for band in SalaryBand.objects.filter(
            guide=guide, region=wage_row.region, reference_period=report.period
        )
    }
    labels_in_use = {band.label for band in existing.values()}
    for position, (percentile, amount) in enumerate(sorted(wage_row.amounts.items())):
        name = f"{guide.title}, {wage_row.region}, {percentile_name(percentile)}: ${amount:,.0f}"
        band = existing.get(percentile)
        if band is None:
            label = PERCENTILES[percentile][1]
            if label in labels_in_use:  # an editor gave another band this name
                label = f"{label} ({percentile}th percentile)"
            labels_in_use.add(label)
            new_bands.append(
                SalaryBand(
                    guide=guide,
                    position=position,
                    label=label,
                    percentile=percentile,
                    annual_amount=amount,
                    hourly_amount=wage_row.hourly.get(percentile),
                    currency="USD",
                    region=wage_row.region,
                    reference_period=report.period,
                    source_name=OEWS_NAME,
                    source_url=source_url,
                )
            )
            report.created.append(name)
            changed = True
            continue
        # A file without an hourly figure leaves the band's (perhaps an editor's) as it is.
        hourly = wage_row.hourly.get(percentile, band.hourly_amount)
        if (band.annual_amount, band.hourly_amount) != (amount, hourly):
            band.annual_amount, band.hourly_amount = amount, hourly
            band.save(update_fields=["annual_amount", "hourly_amount"])
            report.updated.append(name)
            changed = True
        else:
            report.unchanged.append(name)
    return changed


# A whole release: every occupation's pay by area, and the guides' bands, in one transaction --


class BadRows(Exception):
    """Some rows are malformed: the run saved nothing. `lines` says which and why."""

    def __init__(self, path, bad_rows):
        self.lines = [f"{Path(path).name}, line {line}: {reason}" for line, reason in bad_rows]
        super().__init__(f"{len(bad_rows)} bad row(s) in {Path(path).name}; nothing was imported.")


def import_release(path, period, *, dry_run=False, source_url=OEWS_TABLES_URL, published=None):
    """(pay report, band report) for an OEWS file; BadRows (and nothing saved) for bad input."""
    path = Path(path)
    period = validate_period(period)
    with transaction.atomic():
        pay = import_area_pay(path, period, published)
        if pay.bad_rows:
            transaction.set_rollback(True)
            raise BadRows(path, pay.bad_rows)
        bands = import_oews(path, period, source_url=source_url)
        if bands.bad_rows:
            transaction.set_rollback(True)
            raise BadRows(path, bands.bad_rows)
        ImportRun.objects.create(
            kind="oews",
            file_name=path.name,
            file_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            created=pay.created + len(bands.created),
            updated=pay.updated + len(bands.updated),
            unchanged=pay.unchanged + len(bands.unchanged),
            skipped=len(pay.skipped),
            report="\n".join(pay.lines() + bands.lines()),
        )
        if pay.created or pay.updated:
            bump_content_version()  # bulk writes send no signals
        if dry_run:
            transaction.set_rollback(True)
    bands.dry_run = dry_run
    return pay, bands
