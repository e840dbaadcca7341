"""Settings come from the environment, with clear errors for unsafe or malformed values."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), "
    "'cache': s.CACHES['default']['BACKEND'], 'hosts': s.ALLOWED_HOSTS, "
    "'storage': s.STORAGES['staticfiles']['BACKEND'], 'static_root': str(s.STATIC_ROOT)}))"
)


def run_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    clean.update(DJANGO_SETTINGS_MODULE="careerpath.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_secret_key_with_debug_off_is_a_clear_error():
    result = run_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert '"debug": false' in result.stdout


def test_malformed_boolean_is_a_clear_error():
    result = run_settings(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_production_settings_use_hashed_compressed_static_files_and_given_hosts():
    result = run_settings(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="careerpath.example"
    )
    assert result.returncode == 0, result.stderr
    assert "CompressedManifestStaticFilesStorage" in result.stdout
    assert '"hosts": ["careerpath.example"]' in result.stdout


def test_default_database_is_a_sqlite_file_and_cache_is_local_memory():
    result = run_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.sqlite3" in result.stdout
    assert "db.sqlite3" in result.stdout
    assert "LocMemCache" in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DATABASE_URL": "postgres://u@db.example:5432/careers"}, "postgresql"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "RedisCache"),
    ],
)
def test_database_and_cache_come_from_urls(env, expected):
    result = run_settings(DJANGO_DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_start_up_prints_nothing_on_stderr():
    # Every manage.py command starts the site: a banner there would bury real warnings.
    result = run_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_static_root_is_staticfiles_unless_the_environment_names_another(tmp_path):
    default = json.loads(run_settings(DJANGO_DEBUG="1").stdout)
    assert default["static_root"] == str(ROOT / "staticfiles")
    chosen = json.loads(run_settings(DJANGO_DEBUG="1", DJANGO_STATIC_ROOT=str(tmp_path)).stdout)
    assert chosen["static_root"] == str(tmp_path)
