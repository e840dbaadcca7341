"""`make upgrade-check`: prove that a site built and edited on an older commit migrates to this
one with nothing lost.

On the older commit (`--from`, by default the last one before pay moved to one table) it builds
a site as `make seed` does, in a SQLite file, or with DATABASE_URL set to PostgreSQL in a
throwaway database beside the one it names (`<name>_upgrade_check`, made afresh and dropped
after; the named database is never touched), then edits it the ways people do: an editor changes the
flagship's summary and an FAQ answer in a revision (as the admin saves), a visitor asks a
question and starts a pathway plan (kept in their session). It reads the pages a visitor sees.
Then, on this checkout, it migrates the same database, runs the seed again (as `make run`
does: create-only for content, the data's figures for pay) and checks:
  - every page answers 200, with the editor's summary and FAQ answer, the question in the
    moderation queue and the plan still in the visitor's session;
  - every pay figure the guides and profiles showed for the current release still shows;
  - the guide's history still reverts (its older revision's versions all resolve to models);
  - the migration runs backwards (bands rebuilt from the pay table) and forwards again.
It prints what it edited and what it found, and exits 1 on any difference. About a minute.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SECRET_KEY = secrets.token_urlsafe(50)
BEFORE = "81d13b5"  # main before pay moved to one table (guides 0009)
SUMMARY = "Upgrade check: the one-line summary as an editor rewrote it."
ANSWER = "Upgrade check: an answer rewritten by an editor, which must survive the upgrade."
QUESTION = "Upgrade check: can I study for the CPC while working full time?"
PAGES = [
    "/careers/medical-records-specialist/",
    "/careers/medical-records-specialist/?state=California",
    "/careers/medical-secretary/",
    "/careers/health-information-technologist/",
    "/careers/actuaries/",
    "/careers/secretaries-and-administrative-assistants/",
    "/careers/",
    "/careers/compare/?c=medical-records-specialist&c=actuaries",
    "/plan/",
]

EDIT = f"""
import json, reversion
from django.test import Client
from guides.models import CareerGuide
from questions.models import SubmittedQuestion
guide = CareerGuide.objects.get(slug="medical-records-specialist")
with reversion.create_revision():
    guide.summary = {SUMMARY!r}
    guide.save()
    faq = guide.faqs.order_by("position", "pk").first()
    faq.answer = {ANSWER!r}
    faq.save()
    reversion.set_comment("Upgrade check: the editor's change.")
SubmittedQuestion.objects.create(guide=guide, question={QUESTION!r}, email="a@example.com")
client = Client(HTTP_HOST="localhost")
client.post("/plan/start/medical-records-specialist/")
print(json.dumps({{"session": client.cookies["sessionid"].value, "faq": faq.question}}))
"""

READ = """
import json, re
from django.test import Client
client = Client(HTTP_HOST="localhost")
client.cookies["sessionid"] = state["session"]
pages = {}
for url in PAGES:
    response = client.get(url)
    text = response.content.decode()
    # The pay sections of a guide or profile; the whole page for lists and comparisons.
    pay = re.findall(r'<section id="pay".*?</section>', text, re.S) or [text]
    pages[url] = {
        "status": response.status_code,
        "figures": sorted(set(re.findall(r"\\$[0-9][0-9,]*", "".join(pay)))),
        "text": text,
    }
print(json.dumps(pages))
"""

CHECK_HISTORY = """
import json
from django.contrib.contenttypes.models import ContentType
from reversion.models import Version
from guides.models import CareerGuide
from questions.models import SubmittedQuestion
guide = CareerGuide.objects.get(slug="medical-records-specialist")
versions = Version.objects.get_for_object(guide)
orphans = [
    version.pk
    for revision_version in versions
    for version in revision_version.revision.version_set.all()
    if version.content_type.model_class() is None
]
oldest = versions.last()
oldest.revision.revert(delete=True)
reverted = CareerGuide.objects.get(pk=guide.pk).summary
print(json.dumps({
    "revisions": versions.count(),
    "orphans": orphans,
    "reverted_summary": reverted,
    "questions": list(SubmittedQuestion.objects.values_list("question", flat=True)),
}))
"""


def run(tree: Path, database: str, *args, capture=False) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_DEBUG": "1",
        "DJANGO_SECRET_KEY": SECRET_KEY,  # one key for both sites: the sessions stay readable
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603 (this Python, the project's manage.py)
        [PYTHON, "manage.py", *args],
        cwd=tree,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout if capture else ""


def shell(tree: Path, database: str, code: str) -> dict:
    out = run(tree, database, "shell", "-c", code, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def seed(tree: Path, database: Path) -> None:
    run(tree, database, "migrate", "--noinput")
    run(tree, database, "import_ooh")
    run(tree, database, "seed_content")
    run(tree, database, "import_oews", "data/oews/oews_M2025_nat_st.csv.gz")


def read_pages(tree: Path, database: str, state: dict) -> dict:
    code = f"PAGES = {PAGES!r}\nstate = {state!r}\n" + READ
    return shell(tree, database, code)


def quick_facts(html: str) -> str:
    """The guide's header line and quick facts as text: what the facts read from the data say."""
    parts = re.findall(
        r'<header class="guide-header.*?</p>|<aside class="quick-facts.*?</aside>', html, re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", " ".join(parts)).split())


@contextmanager
def throwaway_database(folder: str):
    """The site's database URL: a SQLite file in `folder`, or, when DATABASE_URL is PostgreSQL,
    a database of its own on that server, dropped afterwards."""
    given = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not given.scheme.startswith("postgres"):
        yield f"sqlite:///{Path(folder) / 'site.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    name = given.path.lstrip("/") + "_upgrade_check"
    server = given._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield given._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="before", default=BEFORE, help="the older commit")
    args = parser.parse_args(argv)
    problems: list[str] = []
    with (
        tempfile.TemporaryDirectory(prefix="upgrade-check-") as folder,
        throwaway_database(folder) as database,
    ):
        old_tree = Path(folder) / "old"
        old_tree.mkdir()
        git, tar = shutil.which("git") or "git", shutil.which("tar") or "tar"
        archive = subprocess.run(  # noqa: S603 (git archive of a commit named on the command line)
            [git, "archive", args.before], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run([tar, "-x", "-C", str(old_tree)], input=archive, check=True)  # noqa: S603
        print(f"Older site: {args.before}, seeded and edited ({urlsplit(database).scheme}).")
        seed(old_tree, database)
        state = shell(old_tree, database, EDIT)
        print(f"  edited: the flagship's summary, the answer to “{state['faq']}”;")
        print("  asked a question; started a plan in a session.")
        before = read_pages(old_tree, database, state)

        print("This checkout: migrate, then seed as make run does.")
        seed(ROOT, database)
        after = read_pages(ROOT, database, state)
        for url in PAGES:
            then, now = before[url], after[url]
            if now["status"] != 200:
                problems.append(f"{url}: {now['status']} (was {then['status']})")
            lost = sorted(set(then["figures"]) - set(now["figures"]))
            kept = len(set(then["figures"]) & set(now["figures"]))
            print(f"  {url}: {now['status']}, {kept} pay figures kept, {len(lost)} gone")
            if lost and "/plan/" not in url:
                problems.append(f"{url}: figures no longer shown: {', '.join(lost)}")
        for url in ("/careers/medical-records-specialist/", "/careers/medical-secretary/"):
            print(f"  {url} quick facts, before: {quick_facts(before[url]['text'])}")
            print(f"  {' ' * len(url)} quick facts, after:  {quick_facts(after[url]['text'])}")
        guide = after["/careers/medical-records-specialist/"]["text"]
        for what, text in (("summary", SUMMARY), ("FAQ answer", ANSWER)):
            if text not in guide:
                problems.append(f"the editor's {what} is gone from the guide")
        plan = 'id="plan-medical-records-specialist"'
        if plan not in before["/plan/"]["text"]:
            problems.append("the plan was not made on the older site (check the check)")
        if plan not in after["/plan/"]["text"]:
            problems.append("the visitor's plan is gone from their session")
        history = shell(ROOT, database, CHECK_HISTORY)
        print(
            f"  history: {history['revisions']} revisions of the flagship, "
            f"{len(history['orphans'])} versions of removed models left in them; "
            f"reverting to the first gives “{history['reverted_summary'][:50]}…”"
        )
        if history["orphans"]:
            problems.append(f"versions of removed models in the guide's revisions: {history}")
        if QUESTION not in history["questions"]:
            problems.append("the visitor's question is gone")

        print("Backwards to guides 0008 and forwards again.")
        run(ROOT, database, "migrate", "guides", "0008", "--noinput")
        run(ROOT, database, "migrate", "--noinput")
        print("  both ways ran.")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("Upgrade check: " + ("FAILED" if problems else "everything kept."))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
