"""Backups made while people work, backups edited on their way back, restores that would not
add up, and who can read a backup folder."""

# The round trip's `fresh_database` fixture is imported, so test arguments name it (F811).
# ruff: noqa: F811

from __future__ import annotations

import json
import os
import stat
import subprocess

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command

from programme import backup
from tests.factories import PilotFactory, RoadmapFactory, RoadmapVersionFactory
from tests.hardening.test_backup import _counts_in, _restore, fresh_database  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def _connect():
    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname=db["NAME"],
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )
    conn.autocommit = True
    return conn


@pytest.fixture
def records(ghana, kenya):
    PilotFactory(country=ghana)
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), number=1)
    RoadmapFactory(country=kenya)


@pytest.fixture
def people_at_work(monkeypatch):
    """While pg_dump runs, someone else adds organisations (committed at once): before the
    dump starts and after it has finished, as happens on a live site."""
    real_run = subprocess.run
    added = {"rows": 0}

    def add_rows(n):
        conn = _connect()
        try:
            with conn.cursor() as cursor:
                for _ in range(n):
                    added["rows"] += 1
                    cursor.execute(
                        "INSERT INTO programme_organisation (name, acronym, slug, kind, "
                        "is_iatt_member, website, description) "
                        "VALUES (%s, '', %s, 'other', false, '', '')",
                        [f"Added meanwhile {added['rows']}", f"added-meanwhile-{added['rows']}"],
                    )
        finally:
            conn.close()

    def run(cmd, *args, **kwargs):
        if cmd and str(cmd[0]).endswith("pg_dump") and "--version" not in cmd:
            add_rows(2)
            result = real_run(cmd, *args, **kwargs)
            add_rows(3)
            return result
        return real_run(cmd, *args, **kwargs)

    monkeypatch.setattr(backup.subprocess, "run", run)
    return added


def _backup(tmp_path, name="backup"):
    target = tmp_path / name
    call_command("backup", str(target), stdout=open(os.devnull, "w"))  # noqa: SIM115
    return target


def _rewrite(target, change):
    manifest = json.loads((target / "manifest.json").read_text())
    change(manifest)
    (target / "manifest.json").write_text(json.dumps(manifest))
    return manifest


def test_a_backup_made_while_people_work_agrees_with_itself_and_restores(
    records, tmp_path, fresh_database, people_at_work
):
    before = backup.table_row_counts()["programme_organisation"]
    target = _backup(tmp_path)
    assert people_at_work["rows"] == 5
    manifest = json.loads((target / "manifest.json").read_text())
    # The counts are the snapshot's: none of the rows added while the dump ran.
    assert manifest["row_counts"]["programme_organisation"] == before
    result = _restore(target, fresh_database, tmp_path / "media")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "row counts match" in result.stdout
    assert _counts_in(fresh_database) == manifest["row_counts"]


def test_a_backup_edited_together_with_its_manifest_is_refused(records, tmp_path, fresh_database):
    target = _backup(tmp_path)
    manifest = json.loads((target / "manifest.json").read_text())
    name = manifest["files"][0]["name"]
    forged = b"%PDF-1.4 a different document"
    (target / "files" / name).write_bytes(forged)

    def match_the_forgery(m):
        import hashlib

        m["files"][0]["sha256"] = hashlib.sha256(forged).hexdigest()
        m["files"][0]["size"] = len(forged)

    forged_manifest = _rewrite(target, match_the_forgery)
    result = _restore(target, fresh_database, tmp_path / "media")
    assert result.returncode != 0
    assert "not signed with this site's backup key" in result.stderr
    assert _counts_in(fresh_database) == {}
    assert not (tmp_path / "media").exists()
    assert len(forged_manifest["signature"]) == 64  # HMAC-SHA256, hex


def test_a_backup_signed_with_another_key_is_refused(records, tmp_path, settings):
    target = _backup(tmp_path)
    settings.BACKUP_SIGNING_KEY = "another installation's key"
    with pytest.raises(backup.BackupError, match="not signed"):
        backup.backup_verify(source=target)
    settings.BACKUP_SIGNING_KEY = ""
    assert backup.backup_verify(source=target)["format"] == backup.FORMAT_VERSION


def test_a_row_count_mismatch_restores_nothing(records, tmp_path, fresh_database):
    target = _backup(tmp_path)

    def one_row_short(m):
        m["row_counts"]["programme_organisation"] += 1  # the dump lacks a row the site had
        m["signature"] = backup.manifest_signature(m)  # signed: the dump itself is at fault

    _rewrite(target, one_row_short)
    result = _restore(target, fresh_database, tmp_path / "media")
    assert result.returncode != 0
    assert "Row count check failed: table programme_organisation" in result.stderr
    # Nothing half-restored: not one table made it in.
    assert _counts_in(fresh_database) == {}


def test_a_forced_restore_that_does_not_add_up_leaves_the_old_database_as_it_was(
    records, tmp_path, fresh_database
):
    good = _backup(tmp_path, "good")
    assert _restore(good, fresh_database, tmp_path / "media").returncode == 0
    restored = _counts_in(fresh_database)
    bad = _backup(tmp_path, "bad")

    def wrong(m):
        m["row_counts"]["roadmaps_roadmap"] = 0
        m["signature"] = backup.manifest_signature(m)

    _rewrite(bad, wrong)
    result = _restore(bad, fresh_database, tmp_path / "media", "--force")
    assert result.returncode != 0
    assert _counts_in(fresh_database) == restored


def test_the_backup_folder_and_its_files_are_readable_by_their_owner_only(records, tmp_path):
    old = os.umask(0o022)  # the usual umask: what a backup must not rely on
    try:
        target = _backup(tmp_path)
    finally:
        os.umask(old)
    paths = [target, *target.rglob("*")]
    assert any(p.is_file() and p.parent != target for p in paths)  # stored files too
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{path.relative_to(tmp_path)} is {oct(mode)}"
