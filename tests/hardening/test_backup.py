"""Backup and restore round trip: PostgreSQL's custom-format dump plus the stored files,
restored into a fresh database and folder, with the same row counts and file checksums."""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command

from programme.backup import pg_bin_dir, server_major, table_row_counts
from tests.factories import (
    MeetingFactory,
    PilotFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    make_docx,
)

BASE_DIR = Path(__file__).resolve().parents[2]


def _admin_connection():
    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname="postgres",
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )
    conn.autocommit = True
    return conn


def _url_for(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    if str(db["HOST"]).startswith("/"):  # the embedded server's socket folder
        return f"postgres://{auth}@/{name}?host={db['HOST']}"
    return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_database():
    name = f"sti_restore_{uuid.uuid4().hex[:10]}"
    conn = _admin_connection()
    with conn.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


def _counts_in(name: str) -> dict[str, int]:
    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname=name, host=db["HOST"], port=db["PORT"] or None, user=db["USER"] or None
    )
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
            return counts
    finally:
        conn.close()


def _restore(source: Path, database: str, media: Path, *extra: str):
    env = {
        **os.environ,
        "DATABASE_URL": _url_for(database),
        "PRIVATE_MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(source), *extra],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def some_records(ghana, kenya):
    PilotFactory(country=ghana)
    roadmap = RoadmapFactory(country=ghana)
    pdf = RoadmapVersionFactory(roadmap=roadmap, number=1)
    from django.core.files.base import ContentFile

    docx = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=kenya),
        number=1,
        file=ContentFile(make_docx(), name="kenya.docx"),
        original_filename="kenya.docx",
    )
    MeetingFactory()
    return [pdf, docx]


def test_the_matching_pg_dump_is_chosen(db):
    bin_dir = pg_bin_dir()
    out = subprocess.run([bin_dir / "pg_dump", "--version"], capture_output=True, text=True)
    assert int(out.stdout.split()[2].split(".")[0]) >= server_major()
    assert (bin_dir / "pg_restore").is_file()


@pytest.mark.slow  # pg_dump, and a restore in a subprocess
@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_fresh_database_brings_everything_back(
    some_records, tmp_path, fresh_database
):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["row_counts"] == table_row_counts()
    assert manifest["row_counts"]["roadmaps_roadmapversion"] == 2
    assert manifest["row_counts"]["audit_historicalpilot"] >= 1
    originals = {v.file.name: _sha(settings.PRIVATE_MEDIA_ROOT / v.file.name) for v in some_records}
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == originals
    assert (backup / "database.dump").read_bytes().startswith(b"PGDMP")  # custom format

    media = tmp_path / "restored-media"
    result = _restore(backup, fresh_database, media)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "row counts match" in result.stdout
    assert _counts_in(fresh_database) == manifest["row_counts"]
    restored = {name: _sha(media / name) for name in originals}
    assert restored == originals

    # Restoring again over the now non-empty database needs --force, and then works.
    again = _restore(backup, fresh_database, media)
    assert again.returncode != 0
    assert "not empty" in again.stderr
    forced = _restore(backup, fresh_database, media, "--force")
    assert forced.returncode == 0, forced.stderr
    assert _counts_in(fresh_database) == manifest["row_counts"]


@pytest.mark.slow  # pg_dump, and a restore in a subprocess
@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_touched(
    some_records, tmp_path, fresh_database
):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    name = json.loads((backup / "manifest.json").read_text())["files"][0]["name"]
    (backup / "files" / name).write_bytes(b"tampered")
    result = _restore(backup, fresh_database, tmp_path / "media")
    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
    assert _counts_in(fresh_database) == {}
