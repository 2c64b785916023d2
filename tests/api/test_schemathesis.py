"""The served API against its own OpenAPI schema: schemathesis, every check, a bounded run (about a minute).

A live server (pytest-django's, on the test database with the reference data, a programme with ideas and
projects, an adopted programme being implemented (updates, spending, indicator values, observations and
evaluations) and a participatory budget imported from a pabulib file, counted and published) answers the
``schemathesis`` command line. Any server error, schema violation, undocumented status, valid request refused or
invalid request accepted fails the test, with schemathesis' report in the output.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from remacto.budgets.imports import import_file
from tests.cocreation.outputs_fixtures import build_known
from tests.monitoring.conftest import implemented_programme
from tests.monitoring.opendata_fixtures import history
from tests.pb.conftest import PABULIB_FILES

pytestmark = pytest.mark.django_db(transaction=True)

MAX_EXAMPLES = 20  # per operation and phase: 19 operations, about a minute and a half
SEED = 20261129  # a fixed seed: the same cases each run, a failure can be replayed


def test_the_api_passes_every_schemathesis_check(live_server, reference, commune, other_commune, tmp_path):
    build_known(commune)
    history(implemented_programme(other_commune))
    import_file(next(p for p in PABULIB_FILES if "Gdansk" in p.name), commune)
    command = shutil.which("st", path=str(Path(sys.executable).parent)) or "st"
    result = subprocess.run(
        [
            command,
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            str(SEED),
            "--generation-deterministic",
            "--no-color",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,  # schemathesis keeps a cache of failures in its working directory: not in the checkout
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
