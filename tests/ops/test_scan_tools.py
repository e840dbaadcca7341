"""make scan's reading of what the scanners and the server said (ops/scan_tools.py,
ops/scan_report.py): a finding or a 5xx always fails the scan, and is named."""

import importlib
import json
import urllib.request
from pathlib import Path

import pytest

OPS = Path(__file__).resolve().parents[2] / "ops"


def access_line(request: str, status: int, agent: str) -> str:
    """A line as gunicorn's default access log writes it."""
    return (
        f'127.0.0.1 - - [07/Dec/2026:03:17:08 +0000] "{request} HTTP/1.1" {status} 1 "-" "{agent}"'
    )


ACCESS_LOG = "\n".join(
    [
        access_line("GET /careers/?field=x&sort=-median", 200, "careerpath-scan/wapiti-public"),
        access_line("OPTIONS /careers/", 500, "careerpath-scan/wapiti-public"),
        access_line("POST /feedback/", 302, "careerpath-scan/sqlmap"),
        access_line("POST /feedback/", 403, "careerpath-scan/sqlmap"),
        access_line(
            "GET /admin/guides/faq/12/change/?_changelist_filters=a",
            200,
            "careerpath-scan/wapiti-admin",
        ),
        access_line("GET /healthz", 200, "-"),
        "not a log line",
    ]
)

SQLMAP_CLEAN = """\
[03:21:07] [INFO] testing for SQL injection on GET parameter 'sort'
[03:21:09] [INFO] testing for SQL injection on GET parameter 'q'
[03:21:09] [INFO] testing for SQL injection on GET parameter 'q'
[03:21:32] [CRITICAL] considerable lagging has been detected in connection response(s).
[03:21:10] [ERROR] all tested parameters do not appear to be injectable.
"""
SQLMAP_INJECTABLE = """\
[03:21:07] [INFO] testing for SQL injection on GET parameter 'sort'
[03:21:08] [INFO] GET parameter 'sort' is 'Generic inline queries' injectable
sqlmap identified the following injection point(s) with a total of 46 HTTP(s) requests:
"""


@pytest.fixture
def scan(monkeypatch):
    monkeypatch.syspath_prepend(str(OPS))
    return importlib.import_module("scan_tools"), importlib.import_module("scan_report")


def test_the_access_log_counts_each_scanners_requests_and_every_5xx(scan, tmp_path):
    tools, _ = scan
    path = tmp_path / "access.log"
    path.write_text(ACCESS_LOG)

    log = tools.AccessLog.read(path)

    assert log.requests == {"wapiti-public": 2, "sqlmap": 2, "wapiti-admin": 1, "other": 1}
    assert log.server_errors == ["500 OPTIONS /careers/ (wapiti-public)"]
    assert log.get_parameters["/careers/"] == {"field", "sort"}
    assert log.get_parameters["/admin/guides/faq/<id>/change/"] == {"_changelist_filters"}
    assert log.posts == {("/feedback/", 302): 1, ("/feedback/", 403): 1}


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("/careers/actuaries/", "/careers/<slug>/"),
        ("/careers/actuaries.json", "/careers/<slug>.json"),
        ("/careers/medical-assistant/ask/", "/careers/<slug>/ask/"),
        ("/careers/compare/", "/careers/compare/"),
        ("/careers/fields/healthcare/", "/careers/fields/<field>/"),
        ("/certifications/cpc/", "/certifications/<code>/"),
        ("/certifications/finder/", "/certifications/finder/"),
        ("/plan/start/medical-assistant/", "/plan/start/<slug>/"),
        (
            "/admin/questions/submittedquestion/7/change/",
            "/admin/questions/submittedquestion/<id>/change/",
        ),
    ],
)
def test_pages_are_grouped_by_their_kind(scan, path, pattern):
    tools, _ = scan
    assert tools.path_pattern(path) == pattern


def test_sqlmap_output_names_the_parameters_tested_and_any_injection(scan):
    tools, _ = scan
    clean = tools.read_sqlmap_output(SQLMAP_CLEAN)
    assert clean.parameters == ["GET parameter 'sort'", "GET parameter 'q'"]
    assert clean.injectable == []
    assert clean.errors == []  # lagging is a note, not a failure

    found = tools.read_sqlmap_output(SQLMAP_INJECTABLE)
    assert found.injectable == ["GET parameter 'sort'"]


def test_wapiti_vulnerabilities_and_anomalies_are_findings_time_outs_are_not(scan, tmp_path):
    tools, _ = scan
    path = tmp_path / "report.json"
    path.write_text(
        json.dumps(
            {
                "vulnerabilities": {
                    "Cross Site Scripting": [
                        {"method": "GET", "path": "/feedback/", "info": "XSS via path"}
                    ],
                    "SQL Injection": [],
                },
                "anomalies": {
                    "Internal Server Error": [
                        {"method": "OPTIONS", "path": "/careers/", "info": "500"}
                    ],
                    "Resource consumption": [
                        {"method": "GET", "path": "/careers/", "info": "slow"}
                    ],
                },
                "additionals": {"HTTP Methods": [{"info": "OPTIONS"}], "Fingerprint": []},
                "infos": {"crawled_pages_nbr": 12},
            }
        )
    )

    result = tools.read_wapiti_report(path)

    assert result.crawled == 12
    assert result.findings == [
        "Cross Site Scripting: GET /feedback/ XSS via path",
        "Internal Server Error: OPTIONS /careers/ 500",
    ]
    assert result.anomalies == ["Resource consumption: GET /careers/ slow"]
    assert result.notes == {"HTTP Methods": 1}


def report_of(
    tools, reporting, tmp_path, log_text, *, findings=(), sqlmap_output=SQLMAP_CLEAN, callbacks=()
):
    path = tmp_path / "access.log"
    path.write_text(log_text)
    result = tools.WapitiResult(crawled=3, findings=list(findings), anomalies=[], notes={})
    target = tools.SqlmapTarget("search", "/search/?q=x")
    return reporting.report(
        passes={"forms": (result, 12.0)},
        sqlmap={target: tools.read_sqlmap_output(sqlmap_output)},
        log=tools.AccessLog.read(path),
        callbacks=list(callbacks),
        isolated=True,
        minutes=1.0,
    )


FORMS_REACHED = "\n".join(
    access_line(f"POST {page}", 302, "careerpath-scan/wapiti-forms")
    for page in ("/careers/medical-assistant/ask/", "/feedback/")
)
CLEAN_LOG = "\n".join(
    [*(line for line in ACCESS_LOG.splitlines() if '" 500 ' not in line), FORMS_REACHED]
)


def test_a_clean_scan_passes_and_says_what_it_covered(scan, tmp_path):
    tools, reporting = scan
    text, failed = report_of(tools, reporting, tmp_path, CLEAN_LOG)
    assert not failed
    assert "**Result: passed**: 0 finding(s), 0 answer(s) 5xx." in text
    assert "| search | GET parameter 'sort', GET parameter 'q' | no |" in text
    assert "| `/careers/` | field, sort |" in text
    assert "| `/feedback/` |  | 302: 2, 403: 1 |" in text


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("5xx", "500 OPTIONS /careers/ (wapiti-public)"),
        ("wapiti", "wapiti (forms): Cross Site Scripting: GET /feedback/"),
        ("sqlmap", "sqlmap (search): GET parameter 'sort' is injectable"),
        ("callback", "the site fetched a scanner's callback address: GET /ssrf-probe"),
    ],
)
def test_any_finding_or_5xx_fails_the_scan_and_is_named(scan, tmp_path, case, expected):
    tools, reporting = scan
    text, failed = report_of(
        tools,
        reporting,
        tmp_path,
        f"{ACCESS_LOG}\n{FORMS_REACHED}" if case == "5xx" else CLEAN_LOG,
        findings=["Cross Site Scripting: GET /feedback/"] if case == "wapiti" else [],
        sqlmap_output=SQLMAP_INJECTABLE if case == "sqlmap" else SQLMAP_CLEAN,
        callbacks=["GET /ssrf-probe"] if case == "callback" else [],
    )
    assert failed
    assert "**Result: FAILED**" in text
    assert expected in text


def test_the_callback_listener_answers_on_loopback_and_tells_its_own_queries_apart(scan):
    tools, _ = scan
    listener = tools.CallbackListener()
    try:
        assert listener.url.startswith("http://127.0.0.1:")
        for path in ("get_ssrf.php?session_id=1", "fetched-by-the-site"):
            with urllib.request.urlopen(listener.url + path, timeout=5) as response:  # noqa: S310
                assert json.loads(response.read()) == {}
    finally:
        listener.shutdown()
    assert listener.callbacks() == ["GET /fetched-by-the-site"]


def test_a_pass_for_one_method_turns_the_other_off_module_by_module(scan):
    tools, _ = scan
    assert tools.only("post", ["xss", "sql"]) == ["xss", "sql", "-xss:get", "-sql:get"]
    assert tools.only("get", ["csp"]) == ["csp", "-csp:post"]


def test_a_finding_repeated_by_a_later_pass_of_the_same_crawl_counts_once(scan, tmp_path):
    tools, reporting = scan
    path = tmp_path / "access.log"
    path.write_text("")
    found = tools.WapitiResult(crawled=3, findings=["XSS: GET /x"], anomalies=[], notes={})
    text, failed = reporting.report(
        passes={"forms": (found, 1.0), "links": (found, 1.0)},
        sqlmap={},
        log=tools.AccessLog.read(path),
        callbacks=[],
        isolated=False,
        minutes=1.0,
    )
    assert failed
    assert text.count("XSS: GET /x") == 1
    assert "NOT isolated" in text


def test_payloads_sent_as_parameter_names_are_not_listed_as_parameters(scan, tmp_path):
    tools, _ = scan
    path = tmp_path / "access.log"
    path.write_text(access_line("GET /search/?q=x&%7Cenv=1&page=2", 200, "careerpath-scan/sqlmap"))
    assert tools.AccessLog.read(path).get_parameters["/search/"] == {"q", "page"}


def test_a_scan_whose_forms_pass_reached_no_form_fails_as_incomplete(scan, tmp_path):
    tools, reporting = scan
    only_the_feedback_form = CLEAN_LOG.replace("/careers/medical-assistant/ask/", "/plan/")
    text, failed = report_of(tools, reporting, tmp_path, only_the_feedback_form)
    assert failed
    assert "**Incomplete**" in text
    assert "`/careers/<slug>/ask/`" in text
    assert "`/feedback/` (" not in text
