"""Markdown is refused with a clear error when it carries HTML or unsafe addresses, and the
renderer never lets script through even for text that slipped past."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from base.markdown import markdown_check, markdown_render, markdown_sections
from guidebook import services
from guidebook.models import ChapterDraft

ATTACKS = [
    ("<script>alert(1)</script>", "raw_html"),
    ("Hello <img src=x onerror=alert(1)>", "raw_html"),
    ('<a href="https://ok.example" onclick="alert(1)">x</a>', "raw_html"),
    ("<iframe src=https://evil.example></iframe>", "raw_html"),
    ("<div>raw block</div>", "raw_html"),
    ("<svg onload=alert(1)>", "raw_html"),
    ("<!-- hidden -->", "raw_html"),
    ("[click](javascript:alert(1))", "unsafe_url"),
    ("[click](JAVASCRIPT:alert(1))", "unsafe_url"),
    ("[click](javascript&#58;alert(1))", "unsafe_url"),
    ("[click](&#x6A;avascript:alert(1))", "unsafe_url"),
    ("[click](vbscript:msgbox(1))", "unsafe_url"),
    ("![pixel](data:image/svg+xml;base64,PHN2Zz4=)", "unsafe_url"),
    ("[doc](data:text/html,<script>alert(1)</script>)", "unsafe_url"),
    ("[ref][x]\n\n[x]: javascript:alert(1)", "unsafe_url"),
]


@pytest.mark.parametrize(("text", "code"), ATTACKS)
def test_unsafe_markdown_is_refused_with_a_clear_error(text, code):
    with pytest.raises(ValidationError) as caught:
        markdown_check(text)
    assert code in [e.code for e in caught.value.error_list]
    assert caught.value.messages[0].startswith(("Raw HTML", "Links and images"))


@pytest.mark.parametrize(("text", "_code"), ATTACKS)
def test_rendering_never_emits_script_handlers_or_unsafe_urls(text, _code):
    html = str(markdown_render(text)).lower()
    for needle in ("<script", "onerror", "onclick", "onload", "javascript:", "vbscript:",
                   "data:", "<iframe", "<svg", "<div"):  # fmt: skip
        assert needle not in html, (text, html)


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\nA *careful* [link](https://example.org) & an [anchor](#scope).",
        "Code may show tags: `<script>` stays text.",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "Mail [us](mailto:iatt@example.org), see [page](/guidebook/).",
    ],
)
def test_ordinary_markdown_is_accepted_and_rendered(text):
    markdown_check(text)
    html = str(markdown_render(text))
    assert "<script>" not in html
    assert html.strip()


def test_code_spans_show_tags_as_text():
    assert "&lt;script&gt;" in str(markdown_render("`<script>`"))


def test_links_get_safe_rel_and_headings_get_anchors():
    html = str(markdown_render("## Scope and aims\n\n[x](https://example.org)"))
    assert 'id="scope-and-aims"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert markdown_sections("# A\n\n## B\n\n## B") == [("a", "A"), ("b", "B"), ("b_1", "B")]


def test_the_template_filter_renders_safely(rf):
    from django.template import Context, Template

    out = Template("{{ text|markdown }}").render(
        Context({"text": "*hi* <b onmouseover=x>bold</b>"})
    )
    assert "<em>hi</em>" in out and "onmouseover" not in out


@pytest.mark.django_db
def test_a_draft_with_unsafe_markdown_is_not_saved(chapter, staff):
    with pytest.raises(ValidationError) as caught:
        services.chapter_draft_add(
            actor=staff, chapter=chapter, text="Intro <script>alert(1)</script>"
        )
    assert "text" in caught.value.message_dict
    assert not ChapterDraft.objects.exists()
