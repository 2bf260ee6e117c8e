"""Safe Markdown as meetings use it: unsafe text is refused, whatever is stored renders inert.

(tests/guidebook/test_markdown.py holds the attack strings with the messages they get.)
"""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from base.markdown import markdown_check, markdown_render

UNSAFE = [
    ("<script>alert(1)</script>", "script"),
    ("Hello <b onclick='x()'>there</b>", "<b>"),
    ("[click](javascript:alert(1))", "javascript"),
    ("[click](JaVa\tScRiPt:alert(1))", "http, https or mailto"),
    ('<img src="x" onerror="alert(1)">', "<img>"),
    ("<iframe src='https://example.org'></iframe>", "iframe"),
    ("<div>raw html</div>", "<div>"),
    ("[data](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
]


@pytest.mark.parametrize(("text", "hint"), UNSAFE)
def test_unsafe_markdown_is_refused_with_a_reason(text, hint):
    with pytest.raises(ValidationError) as exc:
        markdown_check(text)
    assert {e.code for e in exc.value.error_list} <= {"raw_html", "unsafe_url"}
    assert exc.value.messages


@pytest.mark.parametrize(("text", "hint"), UNSAFE)
def test_whatever_is_stored_renders_without_anything_that_runs(text, hint):
    html = str(markdown_render(text)).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "<iframe" not in html and "<div" not in html
    assert "data:text" not in html


def test_plain_markdown_passes_and_renders():
    text = "# Minutes\n\n**Agreed**: see [the note](https://example.org/note) and `<b>` in code."
    markdown_check(text)
    html = str(markdown_render(text))
    assert '<h1 id="minutes">Minutes</h1>' in html
    assert "<strong>Agreed</strong>" in html
    assert 'href="https://example.org/note"' in html
    assert "<code>&lt;b&gt;</code>" in html


def test_template_filter_renders_safely():
    out = Template("{{ text|markdown }}").render(
        Context({"text": "*hi* <script>alert(1)</script>"})
    )
    assert "<em>hi</em>" in out
    assert "<script" not in out
