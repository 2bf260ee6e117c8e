"""Backup and restore: PostgreSQL's own dump (custom format) plus every stored file, with a
signed manifest of checksums and row counts so a restore can prove it brought everything back.

A backup is one folder, readable by its owner only (0700; files 0600: it holds password
hashes, calendar secrets and participants' contacts):

    manifest.json    when, the server version, each table's row count, each file's SHA-256,
                     and an HMAC-SHA256 signature of all of it (BACKUP_SIGNING_KEY, else a key
                     derived from SECRET_KEY)
    database.dump    `pg_dump --format=custom`
    files/<name>     every file a FileField points at, under its stored name

Why it is built this way:
- The row counts, the list of files and the dump come from one snapshot: a REPEATABLE READ
  transaction exports its snapshot (pg_export_snapshot) and pg_dump reads through it
  (--snapshot), so a backup made while people work agrees with itself.
- The manifest is signed, so a backup edited together with its manifest is refused before
  anything is touched.
- The restore runs pg_restore's SQL through psql in one transaction that ends with a check of
  every table's row count: a mismatch raises inside the transaction and nothing is restored
  (an existing database is left as it was). Files are restored only after that commits.

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
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.base import File
from django.db import connection, models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from base.errors import DomainError

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files"
# 2: the manifest is signed and names the schema its tables are in.
FORMAT_VERSION = 2
SIGNING_SALT = "programme.backup.manifest"
# Owner only: a backup holds password hashes, calendar secrets and people's contacts.
PRIVATE_UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600
# Table names a restore check writes into SQL (Django's are all of this shape).
_TABLE_NAME = re.compile(r"^[A-Za-z0-9_]+$")


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
    tools = ("pg_dump", "pg_restore", "psql")
    return [d for d in dirs if all((d / tool).is_file() for tool in tools)]


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
    """The folder of the pg_dump/pg_restore/psql set that suits the server: the same major version
    if present, else the nearest newer one (pg_dump refuses servers newer than itself)."""
    major = server_major() if major is None else major
    suitable = sorted(
        ((m, d) for d in _candidate_bin_dirs() if (m := _tool_major(d)) >= major),
        key=lambda pair: pair[0],
    )
    if not suitable:
        raise BackupError(
            f"No pg_dump/pg_restore/psql for PostgreSQL {major} or newer was found; install the "
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


_TABLES_SQL = """
SELECT c.relname FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
ORDER BY 1
"""


def _count_rows(cursor) -> dict[str, int]:
    cursor.execute(_TABLES_SQL)
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def table_row_counts() -> dict[str, int]:
    """Every table's row count (the restore compares them)."""
    with connection.cursor() as cursor:
        return _count_rows(cursor)


@dataclass(frozen=True)
class StoredFile:
    name: str
    storage: object


def _file_fields() -> list[tuple[models.Model, models.FileField]]:
    return [
        (model, field)
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.FileField)
    ]


def stored_files(cursor=None) -> list[StoredFile]:
    """Every file a FileField points at, once each (read through `cursor`, e.g. a backup's
    snapshot, when given)."""
    seen: dict[str, StoredFile] = {}
    own = cursor is None
    if own:
        cursor = connection.cursor()
    try:
        for model, field in _file_fields():
            column = connection.ops.quote_name(field.column)
            cursor.execute(
                f"SELECT DISTINCT {column} FROM {connection.ops.quote_name(model._meta.db_table)} "
                f"WHERE {column} IS NOT NULL AND {column} <> ''"
            )
            for (name,) in cursor.fetchall():
                seen.setdefault(name, StoredFile(name=name, storage=field.storage))
    finally:
        if own:
            cursor.close()
    return sorted(seen.values(), key=lambda f: f.name)


@contextmanager
def _snapshot() -> Iterator[tuple[object, str, str]]:
    """A read-only REPEATABLE READ transaction on a connection of its own, with its snapshot
    exported: yields (cursor, snapshot id, schema). pg_dump --snapshot reads the same rows
    for as long as the transaction stays open."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        cursor = raw.cursor()
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_schema()")
        snapshot, schema = cursor.fetchone()
        yield cursor, snapshot, schema
        cursor.execute("COMMIT")
    finally:
        raw.close()


# --- The manifest's signature -------------------------------------------------------------


def _signing_keys() -> list[str]:
    if settings.BACKUP_SIGNING_KEY:
        return [settings.BACKUP_SIGNING_KEY]
    # Derived from SECRET_KEY (salted_hmac salts it); a rotated key still opens older backups.
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def manifest_signature(manifest: dict, *, key: str | None = None) -> str:
    """The HMAC-SHA256 of everything in `manifest` but its signature."""
    body = {k: v for k, v in manifest.items() if k != "signature"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    secret = key if key is not None else _signing_keys()[0]
    return salted_hmac(SIGNING_SALT, canonical, secret=secret, algorithm="sha256").hexdigest()


def manifest_sign(manifest: dict) -> dict:
    """`manifest` with its signature (made with this site's backup key)."""
    return {**manifest, "signature": manifest_signature(manifest)}


def _signature_valid(manifest: dict) -> bool:
    given = manifest.get("signature")
    if not isinstance(given, str):
        return False
    return any(
        constant_time_compare(given, manifest_signature(manifest, key=key))
        for key in _signing_keys()
    )


# --- Private files ------------------------------------------------------------------------


def _private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    path.chmod(DIR_MODE)  # whatever the umask let mkdir do


def _private_open(path: Path):
    # Created 0600 from the start: never readable by others, not even for a moment.
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb")


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"Refusing a stored file name outside the store: {name!r}")
    return path


# --- Backup -------------------------------------------------------------------------------


def backup_create(*, destination: Path) -> dict:
    """Write a backup folder at `destination` (must not exist yet, made readable by its owner
    only) and return its signed manifest."""
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new folder.")
    _private_dir(destination)
    major = server_major()
    bin_dir = pg_bin_dir(major)
    args, env = _pg_env()
    dump_path = destination / DUMP
    with _snapshot() as (cursor, snapshot, schema):
        result = subprocess.run(
            [
                str(bin_dir / "pg_dump"),
                "--format=custom",
                "--no-owner",
                "--snapshot",
                snapshot,
                "--file",
                str(dump_path),
                *args,
            ],
            env=env,
            capture_output=True,
            text=True,
            umask=PRIVATE_UMASK,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        # Counted and listed in the snapshot pg_dump read: the same rows, whatever people
        # changed meanwhile.
        row_counts = _count_rows(cursor)
        to_copy = stored_files(cursor)
    dump_path.chmod(FILE_MODE)
    files = []
    for stored in to_copy:
        relative = _safe_relative(stored.name)
        target = destination / FILES / relative
        for folder in reversed(target.relative_to(destination).parents[:-1]):
            _private_dir(destination / folder)
        if not stored.storage.exists(stored.name):
            files.append({"name": stored.name, "missing": True})
            continue
        with stored.storage.open(stored.name, "rb") as source, _private_open(target) as out:
            shutil.copyfileobj(source, out)
        with target.open("rb") as written:
            files.append(
                {"name": stored.name, "sha256": sha256_of(written), "size": target.stat().st_size}
            )
    with dump_path.open("rb") as dump:
        dump_sha = sha256_of(dump)
    manifest = manifest_sign(
        {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "server_version": connection.pg_version,
            "pg_dump": str(bin_dir / "pg_dump"),
            "database": {"file": DUMP, "sha256": dump_sha, "size": dump_path.stat().st_size},
            "schema": schema,
            "row_counts": row_counts,
            "files": files,
        }
    )
    with _private_open(destination / MANIFEST) as out:
        out.write(json.dumps(manifest, indent=2, sort_keys=True).encode())
    return manifest


# --- Restore ------------------------------------------------------------------------------


def backup_verify(*, source: Path) -> dict:
    """Check a backup folder against its manifest before anything is touched."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable {MANIFEST}.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise BackupError("This backup was written in a format this version cannot read.")
    # Before anything in it is believed: an edited dump with a matching edited checksum or
    # row count would otherwise pass.
    if not _signature_valid(manifest):
        raise BackupError(
            "The backup's manifest is not signed with this site's backup key: it was changed "
            "after the backup was made, or made by another installation (set "
            "BACKUP_SIGNING_KEY to the key it was made with)."
        )
    for table in manifest["row_counts"]:
        if not _TABLE_NAME.match(table):
            raise BackupError(f"The manifest names an unexpected table: {table!r}.")
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


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _row_count_check_sql(manifest: dict) -> str:
    """SQL that raises (so the transaction around it rolls back) unless every table has the
    rows the manifest says."""
    schema = _quote_ident(manifest["schema"])
    lines = ["DO $backup_check$", "DECLARE found bigint;", "BEGIN"]
    for table, expected in sorted(manifest["row_counts"].items()):
        lines += [
            f"  SELECT count(*) INTO found FROM {schema}.{_quote_ident(table)};",
            f"  IF found <> {int(expected)} THEN",
            f"    RAISE EXCEPTION 'Row count check failed: table {table} has % rows, "
            f"the backup says {int(expected)}; nothing was restored.', found;",
            "  END IF;",
        ]
    lines += ["END", "$backup_check$;", ""]
    return "\n".join(lines)


def backup_restore(*, source: Path, force: bool = False) -> dict:
    """Restore a verified backup into the configured database and file store, all or nothing:
    the data and a check of every table's row count run in one transaction, so a mismatch
    leaves the database as it was. An existing database is replaced only with `force` (its
    tables are dropped first, in the same transaction)."""
    source = Path(source)
    manifest = backup_verify(source=source)
    if not force and not _database_is_empty():
        raise BackupError(
            "The database is not empty; restore into a new database, or pass --force to "
            "replace what is there."
        )
    bin_dir = pg_bin_dir(manifest["server_version"] // 10000)
    args, env = _pg_env()
    connection.close()  # the restore needs the tables free of our own locks
    with tempfile.TemporaryFile() as errors:
        # pg_restore writes the SQL, psql runs it and then the row-count check, all in one
        # transaction (--single-transaction, stopping at the first error).
        psql = subprocess.Popen(
            [
                str(bin_dir / "psql"),
                "--no-psqlrc",
                "--quiet",
                "--set",
                "ON_ERROR_STOP=1",
                "--single-transaction",
                "--file",
                "-",
                *args,
            ],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        restore = subprocess.Popen(
            [
                str(bin_dir / "pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--file",
                "-",
                str(source / DUMP),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        try:
            shutil.copyfileobj(restore.stdout, psql.stdin)
            psql.stdin.write(_row_count_check_sql(manifest).encode())
        except BrokenPipeError:
            pass  # psql stopped at an error; its message is in `errors`
        finally:
            restore.stdout.close()
            with suppress(BrokenPipeError):
                psql.stdin.close()
        restore_code, psql_code = restore.wait(), psql.wait()
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
    if restore_code != 0 or psql_code != 0:
        raise BackupError(f"The restore failed and nothing was restored: {message}")
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
