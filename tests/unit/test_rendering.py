"""Markdown for verdict explanations renders to safe HTML: no scripts, no handlers, no javascript: links."""
import re

import pytest

from factcheck.rendering import clean, render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">x</a>",
    "<svg onload=alert(1)>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<p style=\"color:red\" onmouseover=\"alert(1)\">hi</p>",
    "[a](https://ok.example \"t\\\" onmouseover=\\\"alert(1)\")",
    "```\n<script>alert(1)</script>\n```",
    "<<script>script>alert(1)<</script>/script>",
]


def _assert_safe(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered and "<svg" not in lowered
    # Escaped text may say "javascript:" or "onclick="; what matters is the real tags and their attributes.
    for tag in re.findall(r"<[a-z][^>]*>", lowered):
        names_only = re.sub(r'"[^"]*"', '""', tag)  # a quoted title may contain "onclick=" as text
        assert not re.search(r"\son\w+\s*=", names_only), tag
        assert "style=" not in names_only, tag
        for value in re.findall(r"""(?:href|src|action)\s*=\s*["']?([^"'\s>]*)""", tag):
            assert value.startswith(("http:", "https:", "mailto:")), tag


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_safely(source):
    _assert_safe(str(render_markdown(source)))


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_html_is_cleaned(source):
    _assert_safe(clean(source))


@pytest.mark.parametrize("source", HOSTILE + ["**bold** and [a link](https://insee.fr/x?a=1&b=2)",
                                              "- one\n- two\n\n> quoted", "[mail](mailto:desk@example.org)"])
def test_clean_is_idempotent(source):
    once = clean(str(render_markdown(source)))
    assert clean(once) == once
    raw = clean(source)
    assert clean(raw) == raw


def test_ordinary_markdown_keeps_its_structure():
    html = str(render_markdown("Selon **l’Insee**, c’est *faux*.\n\n- un\n- deux\n\n[source](https://insee.fr/a)"))
    assert "<strong>l’Insee</strong>" in html
    assert "<em>faux</em>" in html
    assert "<li>un</li>" in html
    assert '<a href="https://insee.fr/a" rel="nofollow noopener">source</a>' in html


def test_links_only_http_https_mailto_and_always_nofollow():
    html = str(render_markdown("[a](https://a.example) [b](http://b.example) [c](mailto:c@example.org) "
                               "[d](ftp://d.example)"))
    assert html.count('rel="nofollow noopener"') == 4
    assert 'href="https://a.example"' in html and 'href="http://b.example"' in html
    assert 'href="mailto:c@example.org"' in html
    assert "ftp:" not in html


def test_raw_html_is_shown_as_text_not_markup():
    html = str(render_markdown("<b>bold</b>"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_empty_input():
    assert str(render_markdown(None)) == ""
    assert str(render_markdown("")) == ""
