"""What the web and the API permission tables share: the roles, the users who play them, and
objects built once for many tests.

A table asks hundreds of (route, role) questions of the same few dozen objects. Building those
objects for every question was most of the suite's time, so they are built once per test module
(`shared_world`), inside a transaction that every test's own transaction nests in as a
savepoint: a test that writes (a POST row) changes nothing the next test sees, and the whole
world is rolled back after the module's last test. Each test still asks as only the role it is
about, on a fresh client carrying that role's session (signed in once, with the world).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.querycount import queries_counted

# The roles, in the order of the web tables' columns (tests/web/routes_<app>.py). `reviewer`
# has a real assignment (in each table's objects); `focal_own` is Ghana's focal point,
# `focal_other` Kenya's; `partner` reads through the API.
ROLES: tuple[str, ...] = (
    "anonymous", "secretariat", "reviewer", "focal_own", "focal_other", "advisory", "partner",
)  # fmt: skip

# The API table's columns (tests/api/test_permissions.py): the same roles in the same order,
# with the secretariat asked twice, by session and then by token, and partners by token (how
# they read the API). A column is (role, by token?).
API_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("anonymous", False), ("secretariat", False), ("secretariat", True), ("reviewer", False),
    ("focal_own", False), ("focal_other", False), ("advisory", False), ("partner", True),
)  # fmt: skip


def role_users() -> dict[str, Any]:
    """One user per signed-in role (Ghana and Kenya come from the reference data)."""
    from programme.choices import Role
    from tests.factories import UserFactory, country

    ghana, kenya = country("GHA"), country("KEN")
    return {
        "secretariat": UserFactory(username="t-sec", roles=[Role.SECRETARIAT]),
        "reviewer": UserFactory(username="t-rev", roles=[Role.REVIEWER]),
        "focal_own": UserFactory(username="t-fp-gha", roles=[Role.FOCAL_POINT], countries=[ghana]),
        "focal_other": UserFactory(
            username="t-fp-ken", roles=[Role.FOCAL_POINT], countries=[kenya]
        ),
        "advisory": UserFactory(username="t-adv", roles=[Role.ADVISORY_GROUP]),
        "partner": UserFactory(username="t-partner", roles=[Role.PARTNER]),
    }


@dataclass
class World:
    """The users and objects a table's tests share, and what building them cost."""

    users: dict[str, Any]
    objects: dict[str, Any]
    queries: int = 0
    media_root: Path | None = None
    tokens: dict[str, str] = field(default_factory=dict)
    # Each role's session, signed in once when the world is built (see `sign_in_once`).
    sessions: dict[str, str] = field(default_factory=dict)

    def sign_in_once(self) -> None:
        """Sign every role in, once: a sign-in writes the session, the last sign-in time (and
        its history record) and the sign-in log, about a tenth of a second that every one of
        the tables' thousands of cases used to spend. The sessions live in the world's
        transaction; a case that signs out or changes its password does so in its savepoint."""
        for role, user in self.users.items():
            client = Client()
            client.force_login(user)
            self.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value

    def client(self, role: str, *, token: bool = False) -> Client:
        """A fresh client for `role`: signed in by session, or by API token, or anonymous."""
        if role == "anonymous":
            return Client()
        if token:
            return Client(headers={"authorization": f"Token {self.tokens[role]}"})
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client


@contextmanager
def shared_world(
    django_db_blocker, media_root: Path, build: Callable[[World], Mapping[str, Any]]
) -> Iterator[World]:
    """Build the role users and `build(world)`'s objects once (`build` sees the users, and may
    add API tokens), in a transaction rolled back when the block ends; files they store go to
    `media_root`.

    Use from a module-scoped fixture; the tests themselves are ordinary `django_db` tests (their
    transactions become savepoints in this one) and must point their media settings at
    `world.media_root` (see `World`), since files made here live there."""
    atomic = transaction.atomic()
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=media_root, MEDIA_ROOT=media_root),
    ):
        atomic.__enter__()
        try:
            with queries_counted() as queries:
                world = World(users=role_users(), objects={}, media_root=media_root)
                world.objects = dict(build(world))
            world.queries = len(queries)
            world.sign_in_once()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
