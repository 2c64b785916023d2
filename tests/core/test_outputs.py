"""Files built in the background: one build at a time per file, progress, failures remembered, old files removed."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from remacto.core.outputs import BackgroundOutput, delete_older

OUTPUT = BackgroundOutput("test:file")


def test_a_file_is_built_once_at_a_time_and_reports_progress():
    launched = []
    assert OUTPUT.start("a.pdf", lambda: launched.append(1))
    assert not OUTPUT.start("a.pdf", lambda: launched.append(2))
    assert launched == [1]
    with OUTPUT.building("a.pdf") as report:
        report(40)
        assert OUTPUT.progress("a.pdf") == 40
    assert OUTPUT.progress("a.pdf") == 0 and not OUTPUT.failed("a.pdf")
    assert OUTPUT.start("a.pdf", lambda: launched.append(3))


def test_a_failure_is_remembered_and_a_new_start_clears_it():
    with pytest.raises(RuntimeError), OUTPUT.building("b.pdf"):
        raise RuntimeError("weasyprint fell over")
    assert OUTPUT.failed("b.pdf")
    assert OUTPUT.start("b.pdf", lambda: None)
    assert not OUTPUT.failed("b.pdf")


def test_a_launch_that_fails_does_not_leave_the_file_marked_running():
    def broken():
        raise ConnectionError("no broker")

    with pytest.raises(ConnectionError):
        OUTPUT.start("c.pdf", broken)
    assert OUTPUT.start("c.pdf", lambda: None)


def test_older_versions_of_a_file_are_deleted():
    folder = "outputs-test"
    names = [default_storage.save(f"{folder}/{name}", ContentFile(b"x")) for name in ("r-ar-1.pdf", "r-ar-2.pdf")]
    other = default_storage.save(f"{folder}/r-fr-1.pdf", ContentFile(b"x"))
    delete_older(folder, "r-ar-", keep=names[1])
    assert not default_storage.exists(names[0]) and default_storage.exists(names[1]) and default_storage.exists(other)
    delete_older("no-such-folder", "r-", keep="")
