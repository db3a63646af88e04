from __future__ import annotations

import pytest

from kateval.edits.chat import (MalformedEdit, apply_search_replace, extract_udiff,
                                parse_search_replace, parse_whole_files)

FILES = {"src/commonMain/kotlin/A.kt": "package a\n\nfun f(): Int {\n    return 1\n}\n"}


def test_udiff_from_fence_and_from_bare_text():
    diff = "--- a/x.kt\n+++ b/x.kt\n@@ -1 +1 @@\n-a\n+b\n"
    assert extract_udiff(f"Here:\n```diff\n{diff}```\nDone.") == diff
    assert extract_udiff(f"Sure.\n{diff}") == diff
    with pytest.raises(MalformedEdit):
        extract_udiff("I changed the function to return 2.")


def test_search_replace_exact_and_loose_indentation():
    answer = ("src/commonMain/kotlin/A.kt\n```kotlin\n<<<<<<< SEARCH\n  return 1\n=======\n"
              "    return 2\n>>>>>>> REPLACE\n```\n")
    blocks = parse_search_replace(answer)
    assert blocks[0].path == "src/commonMain/kotlin/A.kt"
    new = apply_search_replace(FILES, blocks)
    assert new["src/commonMain/kotlin/A.kt"].endswith("    return 2\n}\n")


def test_search_replace_errors():
    with pytest.raises(MalformedEdit, match="no <<<<<<< SEARCH"):
        parse_search_replace("just prose")
    blocks = parse_search_replace("src/commonMain/kotlin/A.kt\n<<<<<<< SEARCH\nreturn 7\n=======\nx\n>>>>>>> REPLACE")
    with pytest.raises(MalformedEdit, match="does not match"):
        apply_search_replace(FILES, blocks)


def test_empty_search_creates_a_file():
    blocks = parse_search_replace("src/commonMain/kotlin/B.kt\n<<<<<<< SEARCH\n=======\npackage b\n>>>>>>> REPLACE")
    assert apply_search_replace(FILES, blocks) == {"src/commonMain/kotlin/B.kt": "package b\n"}


def test_whole_file_with_path_line_or_single_known_file():
    answer = "src/commonMain/kotlin/A.kt\n```kotlin\npackage a\nfun f() = 2\n```"
    assert parse_whole_files(answer, list(FILES)) == {"src/commonMain/kotlin/A.kt": "package a\nfun f() = 2\n"}
    assert parse_whole_files("```kotlin\nfun f() = 3\n```", list(FILES)) == {
        "src/commonMain/kotlin/A.kt": "fun f() = 3\n"}
    with pytest.raises(MalformedEdit):
        parse_whole_files("no code at all", ["a.kt", "b.kt"])
