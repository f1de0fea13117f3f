"""--engine ray gives the same findings as one process and as --jobs 2, byte for byte after sorting,
on 12 real articles through the real pipeline, on a local Ray of 2 CPUs started here (CI installs the
ray extra: `make test`). Without ray installed, --engine ray is one line and exit status 2.
"""
import json
import sys

import pytest

from newscheck import cli
from test_batch import ARTICLES, TEXTS


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


def lines_sorted(text: str) -> list[str]:
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in text.splitlines())


def test_ray_jobs_2_and_one_process_give_the_same_findings(local_ray, tmp_path, kb_path, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": p.stem, "text": t}) + "\n" for p, t in zip(ARTICLES[:12], TEXTS)))
    (tmp_path / "bad.jsonl").write_text('{"id": "broken"\n')
    outputs = {}
    for engine in (["--jobs", "1"], ["--jobs", "2"], ["--engine", "ray", "--jobs", "2"]):
        status = cli.main(["check", str(batch), str(tmp_path / "bad.jsonl"), "--kb", str(kb_path),
                           "--date", "2025-12-04", "--format", "jsonl", "--quiet", *engine])
        out, err = capsys.readouterr()
        outputs[" ".join(engine)] = (status, out, err.count("newscheck: cannot read"))
    first = outputs["--jobs 1"]
    assert len(first[1].splitlines()) == 13 and first[2] == 1
    assert sum(bool(json.loads(line).get("findings")) for line in first[1].splitlines()) >= 3
    for engine, (status, out, errors) in outputs.items():
        assert (status, errors) == (first[0], first[2]), engine
        assert lines_sorted(out) == lines_sorted(first[1]), engine
        assert out == first[1], engine  # and in input order


def test_engine_ray_without_ray_installed_is_one_line_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    (tmp_path / "a.txt").write_text("President Trump spoke.")
    assert cli.main(["check", str(tmp_path / "a.txt"), "--engine", "ray"]) == 2
    assert capsys.readouterr().err == "newscheck: --engine ray needs the ray extra: pip install 'newscheck[ray]'\n"


def test_ray_address_without_engine_ray_is_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("President Trump spoke.")
    assert cli.main(["check", str(tmp_path / "a.txt"), "--ray-address", "auto"]) == 2
    assert capsys.readouterr().err == "newscheck: --ray-address needs --engine ray\n"
