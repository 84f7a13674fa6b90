"""The search index's reading of a page: the sections a result links to, the text it indexes (quotes apart,
excluded blocks left out) and the tokens with their positions. In-process, no browser."""

from __future__ import annotations

from build_tools.search_index import positions, sections


def test_sections_begin_at_paragraphs_rows_and_headed_parts() -> None:
    html = ('<h1 id="plan-title">Title</h1><p>lead</p><h2 id="s1">Part <a href="x">one</a></h2>'
            '<div class="plan-para" id="p1"><p>Mines <strong>shall</strong> be green.</p></div>'
            '<table><tr id="r1"><td>a</td><td>b</td></tr></table>\n<span id="inline">not a section</span>')
    assert sections(html) == [("", "lead", ""), ("s1", "Part one", ""), ("p1", "Mines shall be green.", ""),
                              ("r1", "a b not a section", "")]


def test_words_an_inline_tag_splits_are_one_word_and_blocks_break_words() -> None:
    html = '<p>gree<span class="g">n</span></p><p>mine</p><div id="p2" class="plan-para">x<br>y</div>'
    assert sections(html) == [("", "green mine", ""), ("p2", "x y", "")]


def test_quotes_are_indexed_apart_and_excluded_blocks_not_at_all() -> None:
    html = ('<div class="plan-para" id="p1"><p>Implements <q>the <a href="#">province\'s</a> target</q>.</p>'
            '<!-- search-exclude --><p>cite me</p><script>var x = "<p>no</p>";</script><!-- /search-exclude -->'
            '<style>p { color: red }</style><p>after</p></div>')
    assert sections(html) == [("p1", "Implements . after", "the province's target")]


def test_positions_count_words_and_characters_with_chinese_bigrams() -> None:
    count, found = positions("绿色矿山 mines 2025", "en")
    assert count == 6
    assert found["绿"] == [0] and found["绿色"] == [0] and found["色矿"] == [1] and found["山"] == [3]
    assert "山m" not in found and found["mine"] == [4] and found["2025"] == [5]
    count, found = positions("Mines mines", "zh")
    assert (count, found) == (2, {"mines": [0, 1]})  # stemmed in English only
