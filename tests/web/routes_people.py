"""Web routes of the People pages: the secretariat's alone (programme.rules.person_*)."""

from programme.choices import Role
from tests.factories import UserFactory
from tests.web.matrix import Row

SECRETARIAT_PAGE = (302, 200, 403, 403, 403, 403, 403)
SECRETARIAT_ACTION = (302, 302, 403, 403, 403, 403, 403)
SECRETARIAT_FORM_ERRORS = (302, 400, 403, 403, 403, 403, 403)

OBJECTS = {
    "person": lambda o: UserFactory(username="t-person", roles=[Role.ADVISORY_GROUP]),
}

TABLE = {
    Row("people:person-list"): SECRETARIAT_PAGE,
    Row("people:person-invite"): SECRETARIAT_PAGE,
    Row("people:person-invite", method="post"): SECRETARIAT_FORM_ERRORS,
    Row("people:person-invite", method="post", data=(
        ("email", "someone.new@example.org"), ("role", "reviewer"))): SECRETARIAT_ACTION,
    Row("people:person-roles", "person"): SECRETARIAT_PAGE,
    Row("people:person-roles", "person", method="post", data=(("role", "reviewer"),)): (
        SECRETARIAT_ACTION),
    Row("people:person-roles", "person", method="post", data=(("role", "focal_point"),)): (
        SECRETARIAT_FORM_ERRORS),
    Row("people:person-role-remove", "person", ("advisory_group",), method="post"): (
        SECRETARIAT_ACTION),
    Row("people:person-deactivate", "person", method="post"): SECRETARIAT_ACTION,
    Row("people:person-reinvite", "person", method="post"): SECRETARIAT_ACTION,
    Row("people:person-two-factor-reset", "person", method="post"): SECRETARIAT_ACTION,
}  # fmt: skip
