"""Fixtures shared by the whole suite: a Redis of the tests' own, reference data loaded once per
test database, users of every role and their clients."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client, TransactionTestCase, override_settings
from pytest_django.plugin import blocking_manager_key

from pilots.models import Country
from programme.choices import Role
from tests.dbstate import DatabaseState
from tests.factories import UserFactory, country
from tests.querycount import queries_counted

# --- Redis: never the developer's database -------------------------------------------------
# The cache, the Celery broker and its results share the developer's Redis database, and
# `cache.clear()` is a FLUSHDB: a test run beside `make run` would empty the worker's queue and
# the page cache, and two test processes would empty each other's. So every test process moves
# all three to a database of its own: the developer's + 1 for a run without workers, + 2 + n for
# pytest-xdist's worker n. Done here, when this conftest is imported, before anything has opened
# a connection; the environment is changed too, for the commands tests run in subprocesses.
REDIS_DATABASES = 16  # Redis's default `databases`


def _redis_db(url: str) -> int:
    match = re.search(r"[?&](?:db|virtual_host)=(\d+)", url) or re.match(
        r"rediss?://[^/]*/(\d+)", url
    )
    return int(match.group(1)) if match else 0


def _with_redis_db(url: str, db: int) -> str:
    """The same server, another database: redis:// (path), unix:// (?db=), redis+socket://
    (?virtual_host=)."""
    if url.startswith(("redis://", "rediss://")):
        head, _, query = url.partition("?")
        head = re.sub(r"^(rediss?://[^/]*)(/\d*)?$", rf"\g<1>/{db}", head)
        return f"{head}?{query}" if query else head
    key = "virtual_host" if url.startswith("redis+socket://") else "db"
    path, _, query = url.partition("?")
    params = [p for p in query.split("&") if p and not p.startswith(f"{key}=")]
    return f"{path}?{'&'.join([*params, f'{key}={db}'])}"


def redis_db_for_tests(developer_db: int, worker: str | None) -> int:
    """The Redis database of this test process (see above); never the developer's."""
    offset = 1 if not worker else 2 + int(worker.removeprefix("gw"))
    db = (developer_db + offset) % REDIS_DATABASES
    assert db != developer_db, "more test processes than Redis has databases"
    return db


# What the environment named before the tests moved it (tests/test_harness.py checks the move).
DEVELOPER_REDIS_URL = django_settings.REDIS_URL


def _isolate_redis() -> None:
    from django.core.signals import setting_changed

    from config.celery import app

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    db = redis_db_for_tests(_redis_db(django_settings.REDIS_URL), worker)
    redis_url = _with_redis_db(django_settings.REDIS_URL, db)
    caches = {
        alias: {**config, "LOCATION": _with_redis_db(config["LOCATION"], db)}
        for alias, config in django_settings.CACHES.items()
    }
    broker = _with_redis_db(django_settings.CELERY_BROKER_URL, db)
    results = _with_redis_db(django_settings.CELERY_RESULT_BACKEND, db)
    django_settings.REDIS_URL = redis_url
    django_settings.CACHES = caches
    django_settings.CELERY_BROKER_URL = broker
    django_settings.CELERY_RESULT_BACKEND = results
    # What Django's own override_settings does for CACHES: forget any connection made so far.
    setting_changed.send(sender=None, setting="CACHES", value=caches, enter=True)
    app.conf.update(broker_url=broker, result_backend=results)
    os.environ["REDIS_URL"] = redis_url
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        if name in os.environ:
            os.environ[name] = _with_redis_db(os.environ[name], db)


_isolate_redis()


# --- Password hashing: fast for the whole session -----------------------------------------
# Argon2 is the production hasher (tested on its own, in tests/programme/test_settings.py); it
# costs a quarter of a second per password by design. Tests hash hundreds, and the objects
# shared by a whole module (tests/matrix.py) are built before any per-test setting applies, so
# the fast hasher is set here, for the session, before anything hashes.
def _fast_password_hashing() -> None:
    from django.core.signals import setting_changed

    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_settings.PASSWORD_HASHERS = hashers
    setting_changed.send(sender=None, setting="PASSWORD_HASHERS", value=hashers, enter=True)


_fast_password_hashing()


def xdist_group_for(item: pytest.Item) -> str | None:
    """The pytest-xdist group a test runs in (`--dist loadgroup`), or None to be handed out
    one by one.

    - `celery`: the tests with a real Celery worker run on one xdist worker, one after another:
      each starts a worker thread and its pool, which two at once on a two-core machine starve
      each other of.
    - `browser:<module>`: a browser module's tests share one Chromium and one committed demo
      (tests/browser/conftest.py, module-scoped): split across workers, each worker would seed
      the demo again. Each module is a group of its own, so both workers walk at once.
    - The other slow tests (servers, subprocesses, seeds, migrations) need no group: the
      scheduler (`pytest_xdist_make_scheduler`) hands out the heavy tests and groups before
      everything else, the largest groups first, so none starts last with the other worker idle.
    """
    if item.get_closest_marker("celery"):
        return "celery"
    if item.get_closest_marker("browser"):
        return f"browser:{item.nodeid.split('::')[0]}"
    return None


def is_heavy(item: pytest.Item) -> bool:
    """Whether the scheduler hands the test out first (slow, browser or Celery tests)."""
    return any(item.get_closest_marker(name) for name in ("slow", "browser", "celery"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        group = xdist_group_for(item)
        if group and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(group))


# pytest-xdist 3.8 tells its scheduler a test's group by appending "@group" to the test's id,
# which pytest 9.2 no longer lets it change: every `xdist_group` is silently ignored
# (pytest-dev/pytest-xdist#1386). Until a release fixes it, the groups take another way: each
# worker writes {test id: group} (and which tests are heavy) to a file the controller named
# before starting the workers, and the controller's scheduler reads it
# (`pytest_xdist_make_scheduler`). Where the "@group" suffix does arrive (an older pytest or a
# fixed xdist), it is honoured as before.
_GROUPS_FILE = "STI_XDIST_GROUPS_FILE"


def pytest_configure(config):
    if not hasattr(config, "workerinput") and config.pluginmanager.hasplugin("xdist"):
        import tempfile

        handle, path = tempfile.mkstemp(prefix="sti-xdist-groups-", suffix=".json")
        os.close(handle)
        os.environ[_GROUPS_FILE] = path  # the workers inherit it


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput") and os.environ.get(_GROUPS_FILE):
        with contextlib.suppress(OSError):
            os.unlink(os.environ.pop(_GROUPS_FILE))


def pytest_collection_finish(session):
    path = os.environ.get(_GROUPS_FILE)
    if not path or not hasattr(session.config, "workerinput"):
        return
    groups = {}
    for item in session.items:
        names = sorted(str(mark.args[0]) for mark in item.iter_markers("xdist_group"))
        if names:
            groups[item.nodeid] = "_".join(names)
    heavy = [item.nodeid for item in session.items if is_heavy(item)]
    # Every worker collects the same tests; each writes the whole map, atomically.
    worker_copy = f"{path}.{session.config.workerinput['workerid']}"
    with open(worker_copy, "w") as handle:
        json.dump({"groups": groups, "heavy": heavy}, handle)
    os.replace(worker_copy, path)


@pytest.hookimpl(optionalhook=True)  # an xdist hook: unknown under `-p no:xdist`
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup" or not os.environ.get(_GROUPS_FILE):
        return None
    from xdist.scheduler import LoadGroupScheduling

    class GroupsFromFile(LoadGroupScheduling):
        """`--dist loadgroup`, with the groups read from the workers' file (see above), and
        the heavy work handed out first: the groups and the heavy tests, largest groups first,
        then the rest in collection order. Many short tests at the end let both workers
        finish together; a long test handed out last would keep one waiting for it alone."""

        _groups: dict[str, str] | None = None
        _heavy: frozenset[str] = frozenset()
        _ordered = False

        def _read(self) -> None:
            # Read once every worker has collected (scheduling starts only then).
            with open(os.environ[_GROUPS_FILE]) as handle:
                text = handle.read()
            found = json.loads(text) if text else {}
            self._groups = found.get("groups", {})
            self._heavy = frozenset(found.get("heavy", ()))

        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            if scope != nodeid:
                return scope  # the "@group" suffix arrived
            if self._groups is None:
                self._read()
            return self._groups.get(nodeid, nodeid)

        def _order(self, scope: str) -> tuple[int, int]:
            unit = self.workqueue[scope]
            heavy = len(unit) > 1 or any(nodeid in self._heavy for nodeid in unit)
            return (0, -len(unit)) if heavy else (1, 0)

        def _assign_work_unit(self, node) -> None:
            if not self._ordered:
                self._ordered = True
                if self._groups is None:  # the "@group" suffixes arrived: heavy tests unread
                    self._read()
                # A stable sort: within each kind, the order xdist made (collection order).
                for scope in sorted(self.workqueue, key=self._order):
                    self.workqueue.move_to_end(scope)
            super()._assign_work_unit(node)

    return GroupsFromFile(config, log)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (its own Redis database, see above): reference data
    and shared objects keep their ids from test to test, so a page cached by one test would
    otherwise be served to the next."""
    from django.core.cache import cache

    cache.clear()


# --- Reference data: loaded once per test database --------------------------------------------
# Countries, SDGs, targets, the rubric, their translations and the role groups are committed
# once, when the test database is ready, instead of being loaded inside (and rolled back after)
# every test; that state is then kept (tests/dbstate.py). A test that commits (a transactional
# test, or one whose live server writes) leaves the database as it found it: instead of
# Django's flush of every table, the tables that differ from the kept state are put back, and
# only those. A committed world shared by a module (the demo programme of the browser tests)
# is kept on top of it while the module runs, and each of its tests gets it back as it was.
_kept_states: list[DatabaseState] = []


def committed_world_push() -> None:
    """Keep what is committed now (a module's world, just built) as the state its tests leave."""
    _kept_states.append(DatabaseState.take())


def committed_world_pop() -> None:
    """The module's world is done: back to the state kept before it."""
    _kept_states.pop()
    committed_state_restore()


def committed_state_restore() -> list[str]:
    """Put back the innermost kept state's rows where they changed (the tables rewritten)."""
    return _kept_states[-1].restore() if _kept_states else []


_flush_every_table = TransactionTestCase._fixture_teardown


def _put_back_the_kept_state(self) -> None:
    """A transactional test's end (Django's `TransactionTestCase._fixture_teardown`, which
    empties every table): the kept state is put back instead, table by table where it
    changed, which leaves the database the same for the next test at a fraction of the cost."""
    if not _kept_states or set(self._databases_names(include_mirrors=False)) != {"default"}:
        _flush_every_table(self)
        return
    committed_state_restore()


TransactionTestCase._fixture_teardown = _put_back_the_kept_state


@pytest.fixture(scope="session")
def django_db_use_migrations() -> bool:
    """The test database is built from the models, not by running the migrations: two seconds
    instead of half a minute per test process, since applying the project's migrations renders
    every related model's state again after each operation. Nothing about the migrations goes
    untested: tests/test_harness.py checks that they build exactly these models (the models
    have no change a migration lacks) and that none runs SQL of its own (which the models would
    not make); tests/programme/test_settings.py applies all of them to an empty PostgreSQL (the
    embedded one); the data migrations have tests of their own that read the migrations again
    (tests/workprogramme/conftest.py, `empty_schema`)."""
    return False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database (pytest-django's), with the reference data committed in it once."""
    with django_db_blocker.unblock():
        with open(os.devnull, "w") as devnull:
            call_command("load_reference_data", stdout=devnull)
        _sequences_above_every_id()
        _kept_states[:] = [DatabaseState.take()]


def _sequences_above_every_id() -> None:
    """Each table's id sequence past its highest id. A database kept from an earlier run
    (--reuse-db) may have had its sequences restarted while its rows stayed (a flush that
    restarts them, then the snapshot copied back), and the next row would take an id in use."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # A module's committed world is up (tests/browser/conftest.py): its live server may have
    # written, outside the test's transaction, which has just been rolled back.
    if len(_kept_states) > 1:
        with item.config.stash[blocking_manager_key].unblock():
            committed_state_restore()
    return result


@pytest.fixture(scope="session")
def _media_folders(tmp_path_factory):
    """Where each test's uploads go: one folder for the test process, a subfolder per test."""
    return tmp_path_factory.mktemp("media")


_media_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _private_files(_media_folders):
    """Uploaded files go to a fresh folder per test, never the developer's .local/.

    The folder is named, not made: storage creates it when a test stores its first file (most
    store none). A `tmp_path` per test cost a tenth of the suite's time: pytest numbers each
    new folder by listing every folder made before it in the run, and removes them all at the
    end."""
    media = _media_folders / f"test-{next(_media_numbers)}"
    with override_settings(
        PRIVATE_MEDIA_ROOT=media,
        MEDIA_ROOT=media,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        yield


@pytest.fixture
def reference_data(db):
    """Countries, SDGs and the rubric: already in the test database (see above)."""
    assert Country.objects.exists(), "reference data missing: was the database emptied?"


@pytest.fixture
def ghana(reference_data):
    return country("GHA")


@pytest.fixture
def kenya(reference_data):
    return country("KEN")


@pytest.fixture
def secretariat_user(db):
    return UserFactory(username="sec", roles=[Role.SECRETARIAT])


@pytest.fixture
def reviewer_user(db):
    return UserFactory(username="rev", roles=[Role.REVIEWER])


@pytest.fixture
def focal_point_user(ghana):
    """A focal point for Ghana ("own" country in permission tables)."""
    return UserFactory(username="fp-gha", roles=[Role.FOCAL_POINT], countries=[ghana])


@pytest.fixture
def other_focal_point_user(kenya):
    """A focal point for Kenya ("other" country in permission tables)."""
    return UserFactory(username="fp-ken", roles=[Role.FOCAL_POINT], countries=[kenya])


@pytest.fixture
def advisory_user(db):
    return UserFactory(username="adv", roles=[Role.ADVISORY_GROUP])


@pytest.fixture
def partner_user(db):
    return UserFactory(username="partner", roles=[Role.PARTNER])


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(secretariat_user):
    return _client_for(secretariat_user)


@pytest.fixture
def reviewer_client(reviewer_user):
    return _client_for(reviewer_user)


@pytest.fixture
def focal_point_client(focal_point_user):
    return _client_for(focal_point_user)


@pytest.fixture
def other_focal_point_client(other_focal_point_user):
    return _client_for(other_focal_point_user)


@pytest.fixture
def advisory_client(advisory_user):
    return _client_for(advisory_user)


@pytest.fixture
def partner_client(partner_user):
    return _client_for(partner_user)


@pytest.fixture
def role_clients(
    client,
    staff_client,
    reviewer_client,
    focal_point_client,
    other_focal_point_client,
    advisory_client,
    partner_client,
):
    """Every role's client by name, for permission tables."""
    return {
        "anonymous": client,
        "secretariat": staff_client,
        "reviewer": reviewer_client,
        "focal_own": focal_point_client,
        "focal_other": other_focal_point_client,
        "advisory": advisory_client,
        "partner": partner_client,
    }


@pytest.fixture
def celery_worker_real(transactional_db):
    """A real Celery worker, in a thread, consuming from the real Redis broker.

    Tests that depend on queueing, retries or after-commit behaviour use this instead of
    eager mode, so they exercise the same broker and serialisation as production.
    """
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


# --- Query counts: every query, on this thread's connection ----------------------------------
# pytest-django's two fixtures, counted by tests/querycount.py instead of the connection's log
# (which stops at 9,000 entries and would then count too few), with the same calls.
@contextlib.contextmanager
def _num_queries(num: int, *, exact: bool, using: str | None = None, info: str | None = None):
    with queries_counted(using or "default") as queries:
        yield queries
    if (len(queries) != num) if exact else (len(queries) > num):
        bound = "" if exact else "or less "
        detail = f"\n{info}" if info else ""
        sql = "\n\n".join(queries.sql)
        pytest.fail(
            f"Expected to perform {num} queries {bound}but {len(queries)} were done{detail}"
            f"\n\nQueries:\n========\n\n{sql}"
        )


@pytest.fixture
def django_assert_num_queries():
    return functools.partial(_num_queries, exact=True)


@pytest.fixture
def django_assert_max_num_queries():
    return functools.partial(_num_queries, exact=False)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in French or Spanish leaves its language active in the thread (the locale
    middleware sets it per request); the next test starts in the site's language."""
    yield
    from django.utils import translation

    translation.activate("en")


# --- The demo programme, seeded once per test process -----------------------------------------
# Tests that read the demo (its meetings, its guidebook, its pages) need it in their own
# transaction. The first of them in a process seeds it and keeps its rows (tests/dbstate.py) and
# the folder of its files; the next ones put those rows back, which is a fraction of seeding.
_seeded_demo: dict[str, object] = {}


def seed_demo_in_test(settings) -> None:
    """The demo programme (`seed_demo`), in the running test's transaction.

    Put back from the rows the first seeding of the process kept, when the database holds only
    the kept state (nothing made by the test or its fixtures yet, which putting the rows back
    would remove); seeded for real otherwise. The test's files go to the first seeding's folder,
    where the demo's files are."""
    from django.db import connection

    at_kept_state = len(_kept_states) == 1 and not _kept_states[0].changed_tables()
    if at_kept_state and "rows" in _seeded_demo:
        _seeded_demo["rows"].restore()
        with connection.cursor() as cursor:
            # Checks rows put back now, and every row the test writes as it is written.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT = _seeded_demo["media"]
        return
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    if at_kept_state:
        _seeded_demo["rows"] = DatabaseState.take()
        _seeded_demo["media"] = django_settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def demo_programme(reference_data, settings):
    """The demo programme in the test's transaction (`seed_demo_in_test`)."""
    seed_demo_in_test(settings)
