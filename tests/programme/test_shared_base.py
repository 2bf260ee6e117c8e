"""programme/'s shared base (scoping, roles, errors, generic views, the API base) imports
nothing from the other apps, so every app can build on it without import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_BASE = [
    "base/querysets.py",
    "programme/roles.py",
    "base/errors.py",
    "base/generic.py",
    "programme/templatetags/rules.py",
    "base/api/base.py",
    "base/api/exceptions.py",
    "base/api/permissions.py",
    "base/api/pagination.py",
    "programme/outbox.py",
    "programme/models/outbox.py",
]
OTHER_APPS = ("pilots", "roadmaps", "egm", "guidebook")


@pytest.mark.parametrize("path", SHARED_BASE)
def test_the_shared_base_imports_no_other_app(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [None])
    ]
    leaks = [m for m in imported if m and m.split(".")[0] in OTHER_APPS]
    assert leaks == [], f"{path} imports {leaks}"
