"""Backup and restore: PostgreSQL's own dump (custom format) plus every stored file, with a
manifest of checksums and row counts so a restore can prove it brought everything back.

A backup is one folder:

    manifest.json    when, the server version, each table's row count, each file's SHA-256
    database.dump    `pg_dump --format=custom`
    files/<name>     every file a FileField points at, under its stored name

Files are read and written through each field's storage, so the same commands work for local
disk and for an S3-compatible object store.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.base import File
from django.db import connection, models
from django.utils import timezone

from programme.errors import DomainError

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files"
FORMAT_VERSION = 1


class BackupError(DomainError):
    """A backup or restore that cannot go ahead, with why."""


# --- Finding pg_dump / pg_restore ---------------------------------------------------------


def _candidate_bin_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("PG_BIN_DIR"):
        dirs.append(Path(os.environ["PG_BIN_DIR"]))
    try:  # the embedded server's own binaries
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs' notes about XDG folders
            import pgserver

        dirs.append(Path(pgserver.__file__).parent / "pginstall" / "bin")
    except ImportError:
        pass
    dirs += sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    for tool in ("pg_dump",):
        found = shutil.which(tool)
        if found:
            dirs.append(Path(found).parent)
    return [d for d in dirs if (d / "pg_dump").is_file() and (d / "pg_restore").is_file()]


def _tool_major(bin_dir: Path) -> int:
    out = subprocess.run(
        [str(bin_dir / "pg_dump"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else 0


def server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def pg_bin_dir(major: int | None = None) -> Path:
    """The folder of the pg_dump/pg_restore pair that suits the server: the same major version
    if present, else the nearest newer one (pg_dump refuses servers newer than itself)."""
    major = server_major() if major is None else major
    suitable = sorted(
        ((m, d) for d in _candidate_bin_dirs() if (m := _tool_major(d)) >= major),
        key=lambda pair: pair[0],
    )
    if not suitable:
        raise BackupError(
            f"No pg_dump/pg_restore for PostgreSQL {major} or newer was found; install the "
            "PostgreSQL client tools or set PG_BIN_DIR."
        )
    return suitable[0][1]


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


# --- What there is to back up -------------------------------------------------------------


def sha256_of(stream) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def table_row_counts() -> dict[str, int]:
    """Every table's row count (the restore compares them)."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@dataclass(frozen=True)
class StoredFile:
    name: str
    storage: object


def stored_files() -> list[StoredFile]:
    """Every file a FileField points at, once each."""
    seen: dict[str, StoredFile] = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            names = (
                model._default_manager.exclude(**{field.name: ""})
                .exclude(**{f"{field.name}__isnull": True})
                .values_list(field.attname, flat=True)
                .distinct()
            )
            for name in names:
                seen.setdefault(name, StoredFile(name=name, storage=field.storage))
    return sorted(seen.values(), key=lambda f: f.name)


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"Refusing a stored file name outside the store: {name!r}")
    return path


# --- Backup -------------------------------------------------------------------------------


def backup_create(*, destination: Path) -> dict:
    """Write a backup folder at `destination` (must not exist yet) and return its manifest."""
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new folder.")
    destination.mkdir(parents=True)
    major = server_major()
    bin_dir = pg_bin_dir(major)
    args, env = _pg_env()
    dump_path = destination / DUMP
    result = subprocess.run(
        [
            str(bin_dir / "pg_dump"),
            "--format=custom",
            "--no-owner",
            "--file",
            str(dump_path),
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    files = []
    for stored in stored_files():
        relative = _safe_relative(stored.name)
        target = destination / FILES / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not stored.storage.exists(stored.name):
            files.append({"name": stored.name, "missing": True})
            continue
        with stored.storage.open(stored.name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        with target.open("rb") as written:
            files.append(
                {"name": stored.name, "sha256": sha256_of(written), "size": target.stat().st_size}
            )
    with dump_path.open("rb") as dump:
        dump_sha = sha256_of(dump)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "server_version": connection.pg_version,
        "pg_dump": str(bin_dir / "pg_dump"),
        "database": {"file": DUMP, "sha256": dump_sha, "size": dump_path.stat().st_size},
        "row_counts": table_row_counts(),
        "files": files,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


# --- Restore ------------------------------------------------------------------------------


def backup_verify(*, source: Path) -> dict:
    """Check a backup folder against its manifest before anything is touched."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable {MANIFEST}.") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("This backup was written in a format this version cannot read.")
    with (source / DUMP).open("rb") as dump:
        if sha256_of(dump) != manifest["database"]["sha256"]:
            raise BackupError("The database dump does not match its checksum; it is damaged.")
    for entry in manifest["files"]:
        if entry.get("missing"):
            continue
        path = source / FILES / _safe_relative(entry["name"])
        if not path.is_file():
            raise BackupError(f"The backup lacks the file {entry['name']}.")
        with path.open("rb") as stream:
            if sha256_of(stream) != entry["sha256"]:
                raise BackupError(f"The file {entry['name']} does not match its checksum.")
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def backup_restore(*, source: Path, force: bool = False) -> dict:
    """Restore a verified backup into the configured database and file store. An existing
    database is replaced only with `force` (its tables are dropped first)."""
    source = Path(source)
    manifest = backup_verify(source=source)
    if not force and not _database_is_empty():
        raise BackupError(
            "The database is not empty; restore into a new database, or pass --force to "
            "replace what is there."
        )
    bin_dir = pg_bin_dir(manifest["server_version"] // 10000)
    args, env = _pg_env()
    connection.close()  # pg_restore needs the tables free of our own locks
    result = subprocess.run(
        [
            str(bin_dir / "pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source / DUMP),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    storages = {f.name: f.storage for f in stored_files()}
    for entry in manifest["files"]:
        if entry.get("missing") or entry["name"] not in storages:
            continue
        storage = storages[entry["name"]]
        path = source / FILES / _safe_relative(entry["name"])
        if storage.exists(entry["name"]):
            with storage.open(entry["name"], "rb") as current:
                if sha256_of(current) == entry["sha256"]:
                    continue
            storage.delete(entry["name"])
        with path.open("rb") as stream:
            saved = storage.save(entry["name"], File(stream, name=entry["name"]))
        if saved != entry["name"]:
            raise BackupError(f"The store renamed {entry['name']} to {saved}.")
    return manifest
