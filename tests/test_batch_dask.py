"""The Dask engine on a real LocalCluster (loopback only) gives the local engine's bytes."""

import json

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main

from conftest import TEXTS

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as local:
        yield local


def test_dask_engine_equals_local_engine(tmp_path, cluster):
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w") as handle:
        for number in range(300):
            handle.write(json.dumps({"id": f"d{number}", "text": TEXTS[number % 5], "n": number}) + "\n")
        handle.write(json.dumps({"id": "bad", "text": ""}) + "\n")
    runner = CliRunner()
    local = tmp_path / "local.csv"
    remote = tmp_path / "dask.csv"
    first = runner.invoke(main, ["batch", str(corpus), "-o", str(local), "--jobs", "2", "--quiet"])
    second = runner.invoke(main, ["batch", str(corpus), "-o", str(remote), "--engine", "dask",
                                  "--scheduler", cluster.scheduler_address, "--quiet"])
    assert first.exit_code == 1 and second.exit_code == 1  # the one bad record
    assert remote.read_bytes() == local.read_bytes()
    assert len(local.read_text().splitlines()) == 302


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "It may rain."}\n')
    result = CliRunner().invoke(main, ["batch", str(corpus), "-o", str(tmp_path / "r.csv"), "--engine", "dask",
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
