"""Web routes of programme (dashboard, directory, milestones, API tokens) and the account
pages Django provides."""

from tests.web.matrix import Row

TABLE = {
    Row("programme:dashboard"): (302, 200, 200, 200, 200, 200, 200),
    Row("programme:organisation-list"): (302, 200, 403, 403, 403, 403, 403),
    Row("programme:milestone-list"): (302, 200, 200, 200, 200, 200, 403),
    Row("programme:api-token-list"): (302, 200, 403, 403, 403, 403, 403),
    Row("programme:api-token-create"): (302, 200, 403, 403, 403, 403, 403),
    Row("programme:api-token-revoke", "token"): (302, 200, 403, 403, 403, 403, 403),
    # Account pages: open to everyone, or to every signed-in user.
    Row("login"): (200, 200, 200, 200, 200, 200, 200),
    Row("logout", method="post"): (302, 302, 302, 302, 302, 302, 302),
    Row("password_change"): (302, 200, 200, 200, 200, 200, 200),
    Row("password_change_done"): (302, 200, 200, 200, 200, 200, 200),
    Row("password_reset"): (200, 200, 200, 200, 200, 200, 200),
    Row("password_reset_done"): (200, 200, 200, 200, 200, 200, 200),
    Row("password_reset_confirm", args=("MQ", "set-password")): (
        200, 200, 200, 200, 200, 200, 200),
    Row("password_reset_complete"): (200, 200, 200, 200, 200, 200, 200),
}  # fmt: skip
