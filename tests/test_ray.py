"""--engine ray gives the same findings as one process and as --jobs 2, byte for byte and in order,
from JSONL and Parquet shards, on 12 real articles through the real pipeline, on a local Ray of 2 CPUs started here (CI installs the
ray extra: `make test`). Without ray installed, --engine ray is one line and exit status 2.
"""
import json
import sys
from pathlib import Path

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


def write_shards(folder, kind: str) -> list[str]:
    """The first 12 test articles in two shards of `kind` (jsonl or parquet), and a broken shard."""
    rows = [{"id": p.stem, "text": t} for p, t in zip(ARTICLES[:12], TEXTS)]
    paths = [folder / f"part-0.{kind}", folder / f"part-1.{kind}", folder / f"bad.{kind}"]
    if kind == "jsonl":
        for path, part in zip(paths, (rows[:7], rows[7:])):
            path.write_text("".join(json.dumps(row) + "\n" for row in part))
        paths[2].write_text('{"id": "broken"\n')
    else:
        import pyarrow
        import pyarrow.parquet

        for path, part in zip(paths, (rows[:7], rows[7:])):
            pyarrow.parquet.write_table(pyarrow.Table.from_pylist(part), path)
        paths[2].write_bytes(b"PAR1 not parquet")
    return [str(p) for p in paths]


# shards, one per actor or more: each actor reads whole shards; with a .txt among the inputs (not a
# shard), the driver reads them all and sends the articles
@pytest.mark.parametrize("kind,extra", [("jsonl", False), ("parquet", False), ("jsonl", True)],
                         ids=["jsonl-shards", "parquet-shards", "read-on-driver"])
def test_ray_jobs_2_and_one_process_give_the_same_findings(local_ray, tmp_path, kb_path, capsys, kind, extra,
                                                          monkeypatch):
    from newscheck import batch_ray

    read_by_actors = []
    run_shards = batch_ray._run_shards
    monkeypatch.setattr(batch_ray, "_run_shards", lambda *a: read_by_actors.append(a[1]) or run_shards(*a))
    inputs = write_shards(tmp_path, kind)
    if extra:
        (tmp_path / "note.txt").write_text(TEXTS[12])
        inputs.append(str(tmp_path / "note.txt"))
    outputs = {}
    for engine in (["--jobs", "1"], ["--jobs", "2"], ["--engine", "ray", "--jobs", "2"]):
        status = cli.main(["check", *inputs, "--kb", str(kb_path),
                           "--date", "2025-12-04", "--format", "jsonl", "--quiet", *engine])
        out, err = capsys.readouterr()
        outputs[" ".join(engine)] = (status, out, err.count("newscheck: cannot read"))
    assert read_by_actors == ([] if extra else [[str(Path(p).resolve()) for p in inputs]])
    first = outputs["--jobs 1"]
    assert len(first[1].splitlines()) == 13 + extra and first[2] == 1
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


def test_cluster_configs_in_the_docs_run_valid_commands():
    """docs/kuberay-job.yaml and docs/ray-cluster.yaml are read by people who cannot run them here:
    at least their YAML parses and the newscheck command they run is one the CLI accepts."""
    import shlex

    import yaml

    docs = Path(__file__).parent.parent / "docs"
    job = yaml.safe_load((docs / "kuberay-job.yaml").read_text())
    assert job["kind"] == "RayJob" and job["spec"]["rayClusterSpec"]["workerGroupSpecs"][0]["replicas"] >= 1
    command = shlex.split(job["spec"]["entrypoint"])
    assert command[0] == "newscheck"
    args = cli.build_parser().parse_args(command[1:])
    assert (args.engine, args.format, args.ray_address) == ("ray", "parquet", "auto") and args.output
    cluster = yaml.safe_load((docs / "ray-cluster.yaml").read_text())
    assert cluster["head_node_type"] in cluster["available_node_types"]
