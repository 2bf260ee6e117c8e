"""Web routes of egm: Expert Group Meetings."""

from tests.web.matrix import Row

TABLE = {
    Row("egm:meeting-list", absent=(("reviewer", "meeting_private"),)): (
        302, 200, 200, 200, 200, 200, 403),
    Row("egm:meeting-detail", "meeting"): (302, 200, 200, 200, 200, 200, 403),
    Row("egm:meeting-detail", "meeting_private"): (302, 200, 404, 404, 404, 404, 403),
}  # fmt: skip
