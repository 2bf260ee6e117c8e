"""Web routes of guidebook."""

from tests.web.matrix import Row

TABLE = {
    Row("guidebook:edition-list"): (302, 200, 200, 200, 200, 200, 403),
}
