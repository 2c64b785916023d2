"""Rich text is Markdown sanitised by nh3: scripts and handlers never reach the page."""

from remacto.core.markdown import render_markdown


def test_markdown_renders_the_subset():
    html = render_markdown("**bold** and a [link](https://example.org)\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<li>one</li>" in html


def test_scripts_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))')
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<img" not in html
