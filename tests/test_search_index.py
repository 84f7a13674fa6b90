"""The search index's reading of a page: the sections a result links to, the text it indexes (quotes apart,
excluded blocks left out) and the tokens with their positions. In-process, no browser."""

from __future__ import annotations

import json

from build_tools.search_index import _json, positions, sections


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


def test_index_json_is_what_the_standard_library_writes() -> None:
    """The index's files are written by orjson for speed; the bytes are json.dumps's, so that the search script
    and every file's size stay as they were: characters unescaped, control characters and quotes escaped, keys
    sorted at every level, compact separators, floats as Python prints them (but for tiny ones, which read back
    the same: the index's only floats are average field lengths)."""
    value = {"z": [1, -2, 0.5, 1 / 3, 12.0, 1234.5678, 2 ** 40, True, None], "绿色矿山": "引号\"和\\、\n\t\u0001\u2028",
             "a": {"b": [], "a": {}}, "d": "</script><b>&amp;"}
    assert _json(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert _json(1e-05) == "0.00001" and json.loads(_json(1e-05)) == 1e-05
