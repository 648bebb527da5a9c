"""pipeline/text.py: HTML to the clean text that classifiers and analysts read."""

from __future__ import annotations

import pytest

from pipeline.text import clean_line_text, html_to_text, tidy_lines


def test_script_style_and_other_non_text_elements_leave_no_trace() -> None:
    markup = (
        "<p>Build anvils.</p><script>var secret = 'tracking';</script>"
        "<style>p { color: red; }</style><noscript>Enable JavaScript</noscript>"
        "<template><p>hidden</p></template><p>Ship them.</p>"
    )

    text = html_to_text(markup)

    assert text == "Build anvils.\n\nShip them."


def test_list_items_become_bullet_lines() -> None:
    assert html_to_text("<p>You will:</p><ul><li>Train models</li><li>Ship them</li></ul>") == (
        "You will:\n\n- Train models\n- Ship them"
    )


def test_a_paragraph_inside_a_list_item_stays_on_the_bullet_line() -> None:
    # Ashby's descriptionHtml wraps every list item's text in <p>
    markup = "<ul><li><p>Train models</p></li><li>\n<p>Ship them</p>\n</li></ul>"

    assert html_to_text(markup) == "- Train models\n\n- Ship them"


def test_entities_are_decoded_exactly_once() -> None:
    assert html_to_text("<p>R&amp;D &amp;amp; sales, a &lt; b</p>") == "R&D &amp; sales, a < b"


def test_non_breaking_spaces_and_runs_of_spaces_collapse() -> None:
    assert html_to_text("<p>Remote&nbsp;&nbsp;first \t team</p>") == "Remote first team"


def test_br_breaks_a_line_and_headings_start_paragraphs() -> None:
    assert html_to_text("<h2>About</h2>Line one<br>Line two") == "About\n\nLine one\nLine two"


def test_table_cells_are_separated() -> None:
    assert html_to_text("<table><tr><td>Base</td><td>$100k</td></tr></table>") == "Base $100k"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (None, ""),
        ("", ""),
        ("Plain text &amp; more", "Plain text & more"),
        ("  line one  \n\n\n\n  line two ", "line one\n\nline two"),
    ],
)
def test_empty_and_plain_text_inputs(markup: str | None, expected: str) -> None:
    assert html_to_text(markup) == expected


def test_control_and_zero_width_characters_are_removed() -> None:
    assert clean_line_text("ano\u200bther\x00 day\ufeff") == "another day"


def test_tidy_lines_keeps_at_most_one_blank_line() -> None:
    assert tidy_lines("\n\n a \r\n\r\n\r\n b \n") == "a\n\nb"
