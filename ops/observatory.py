"""`make observatory`: the MDN HTTP Observatory's grade for the production site, offline.

Starts two gunicorns with production settings (ops/prodserver.py) on 127.0.0.1: one
serving HTTPS with a throwaway self-signed certificate (made with openssl in a temporary
directory, deleted afterwards), one serving plain HTTP, which Django redirects to HTTPS as it
does in production (SSL redirect and HSTS on; ops/observatory_settings.py only makes the
redirect name the HTTPS server's port). Then runs the Observatory pinned in
ops/observatory/package-lock.json (installed with `npm ci` when missing) on the home page
through ops/observatory/scan.mjs, with the certificate as the one trusted extra CA: the
scan sees a valid certificate, as it would in production, and reaches nothing but loopback.

Prints the grade, the score and each test's result and score modifier; exits 1 when it cannot
run or the score is below TARGET_SCORE.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prodserver import ROOT, ProductionSite, ServerError

OBSERVATORY_DIR = ROOT / "ops" / "observatory"
PACKAGE_DIR = OBSERVATORY_DIR / "node_modules" / "@mdn" / "mdn-http-observatory"
SCAN = OBSERVATORY_DIR / "scan.mjs"
SETTINGS_MODULE = "observatory_settings"
HOST = "127.0.0.1"
# The target (A+ is anything from 100 up; extra credit goes beyond).
TARGET_SCORE = 130
SCAN_TIMEOUT = 120


def ensure_observatory() -> None:
    """`npm ci` with install scripts off: they download things (Mozilla's intermediate CA
    bundle, Chromium's HSTS preload list, the TLD list; pg-native builds against libpq) that
    an offline scan of 127.0.0.1 does not use. An IP address is never on the HSTS preload
    list, so an empty list gives the same results as the real one."""
    if not PACKAGE_DIR.exists():
        npm = shutil.which("npm")
        if not npm:
            sys.exit("make observatory needs Node.js and npm to install the pinned Observatory.")
        print("-- npm ci (MDN HTTP Observatory, pinned by package-lock.json)", flush=True)
        subprocess.run(  # noqa: S603 (fixed arguments)
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=OBSERVATORY_DIR,
            check=True,
        )
    preload = PACKAGE_DIR / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}\n")


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, valid for a day."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    openssl = shutil.which("openssl")
    if not openssl:
        raise ServerError("make observatory needs openssl to make a throwaway certificate.")
    options = (
        "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        f"-subj /CN={HOST} -addext subjectAltName=IP:{HOST}"
    )
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [openssl, *options.split(), "-keyout", str(key), "-out", str(cert)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ServerError(f"openssl could not make a certificate:\n{result.stderr}")
    return cert, key


def run_scan(http_port: int, https_port: int, cert: Path) -> dict:
    node = shutil.which("node")
    if not node:
        raise ServerError("make observatory needs Node.js.")
    # Loopback only: no proxy (axios would honour one), and only our certificate added.
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["NODE_EXTRA_CA_CERTS"] = str(cert)
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [node, str(SCAN), HOST, str(http_port), str(https_port)],
        cwd=OBSERVATORY_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=SCAN_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise ServerError(
            f"the Observatory scan failed (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return json.loads(result.stdout)


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def report(found: dict, version: str) -> str:
    lines = [
        f"MDN HTTP Observatory {version} (algorithm {found['algorithmVersion']}), "
        f"production settings, {found['url']} (certificate verified: {found['verified']})",
        "",
        f"Grade: {found['grade']}",
        f"Score: {found['score']}",
        f"Tests passed: {found['testsPassed']}/{found['testsQuantity']}",
        "",
        "| Test | Pass | Modifier | Result |",
        "| --- | --- | ---: | --- |",
    ]
    for test in found["tests"]:
        lines.append(
            f"| {test['name']} | {'pass' if test['pass'] else 'FAIL'} "
            f"| {test['scoreModifier']:+d} | {test['result']} |"
        )
    by_name = {test["name"]: test for test in found["tests"]}
    lines += [
        "",
        "Redirects from HTTP: " + " -> ".join(by_name["redirection"].get("route") or ["none"]),
        f"HSTS: {by_name['strict-transport-security'].get('data')}",
        f"CSP: {found['responseHeaders'].get('content-security-policy')}",
        f"CORP: {found['responseHeaders'].get('cross-origin-resource-policy')}",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    ensure_observatory()
    version = json.loads((PACKAGE_DIR / "package.json").read_text())["version"]
    try:
        with (
            tempfile.TemporaryDirectory(prefix="careerpath-tls-") as tls_dir,
            ProductionSite() as site,
        ):
            cert, key = make_certificate(Path(tls_dir))
            # As in production: redirect plain HTTP to HTTPS (prodserver turns it off).
            production = {"DJANGO_SECURE_SSL_REDIRECT": "1"}
            with site.serve(
                settings_module=SETTINGS_MODULE, tls=(cert, key), extra_env=production
            ) as https_server:
                https_host = f"{HOST}:{port_of(https_server.url)}"
                with site.serve(
                    settings_module=SETTINGS_MODULE,
                    extra_env={**production, "OBSERVATORY_HTTPS_HOST": https_host},
                ) as http_server:
                    print(
                        f"-- gunicorn on {https_server.url} and {http_server.url}",
                        file=sys.stderr,
                        flush=True,
                    )
                    print("-- Observatory scan", file=sys.stderr, flush=True)
                    found = run_scan(port_of(http_server.url), port_of(https_server.url), cert)
    except (ServerError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        print(f"make observatory: {error}", file=sys.stderr)
        return 1
    print(report(found, version))
    if found["score"] < TARGET_SCORE:
        print(f"Score {found['score']} is below the target of {TARGET_SCORE}.")
        return 1
    print(f"Target met: score >= {TARGET_SCORE}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
