"""The verified cache, against a repository served on the loopback."""

import hashlib

import pytest

from kateval.deps.repository import ChecksumMismatch, NotFound, Repository, ResolveError, Unreachable
from tests.deps.conftest import UNREACHABLE

JAR = "com/example/tiny/1.0/tiny-1.0.jar"


def test_artifact_is_stored_by_content_and_fetched_once(local_repo, tmp_path):
    local_repo.put(JAR, b"jar bytes")
    repo = Repository(tmp_path / "cache", local_repo.url)
    stored = repo.artifact(JAR)
    assert stored == f"store/{hashlib.sha256(b'jar bytes').hexdigest()}/tiny-1.0.jar"
    assert (tmp_path / "cache" / stored).read_bytes() == b"jar bytes"
    again = Repository(tmp_path / "cache", UNREACHABLE)
    assert again.artifact(JAR) == stored and again.requests == 0


def test_a_file_that_disagrees_with_its_sha256_is_refused(local_repo, tmp_path):
    local_repo.put(JAR, b"tampered", sha256=hashlib.sha256(b"original").hexdigest())
    repo = Repository(tmp_path / "cache", local_repo.url)
    with pytest.raises(ChecksumMismatch, match="does not match the published"):
        repo.artifact(JAR)
    assert not list((tmp_path / "cache").rglob("*.jar")), "a refused file is never stored"


def test_sha1_is_used_where_no_sha256_is_published(local_repo, tmp_path):
    local_repo.put(JAR, b"old release", sha256=None, sha1="0" * 40)
    with pytest.raises(ChecksumMismatch, match="sha1"):
        Repository(tmp_path / "cache", local_repo.url).artifact(JAR)
    local_repo.put(JAR, b"old release", sha256=None, sha1="right")
    assert Repository(tmp_path / "cache", local_repo.url).artifact(JAR).endswith("tiny-1.0.jar")


def test_the_sha256_from_gradle_metadata_wins_over_the_checksum_file(local_repo, tmp_path):
    local_repo.put(JAR, b"jar bytes")  # its .sha256 file is right, but the .module said other
    with pytest.raises(ChecksumMismatch):
        Repository(tmp_path / "cache", local_repo.url).artifact(JAR, "ab" * 32)


def test_a_file_without_any_checksum_is_refused(local_repo, tmp_path):
    local_repo.put(JAR, b"jar bytes", sha256=None)
    with pytest.raises(ResolveError, match="no .sha256 or .sha1"):
        Repository(tmp_path / "cache", local_repo.url).artifact(JAR)


def test_metadata_absence_is_remembered(local_repo, tmp_path):
    repo = Repository(tmp_path / "cache", local_repo.url)
    assert repo.metadata("com/example/tiny/1.0/tiny-1.0.module") is None
    offline = Repository(tmp_path / "cache", UNREACHABLE)
    assert offline.metadata("com/example/tiny/1.0/tiny-1.0.module") is None
    assert offline.requests == 0


def test_missing_and_unreachable_are_told_apart(local_repo, tmp_path):
    with pytest.raises(NotFound):
        Repository(tmp_path / "a", local_repo.url).artifact(JAR)
    with pytest.raises(Unreachable, match="cannot reach"):
        Repository(tmp_path / "b", UNREACHABLE).artifact(JAR)
