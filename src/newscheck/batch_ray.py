"""Run the checker over many articles with Ray Data, on a Ray cluster or a local Ray: one Checker
per actor, the same per-article error capture as batch.py (`check_group` runs inside each actor, so
one raising article does not fail the job), results handed back in input order.

Reading inputs and rendering stay with the CLI; ray is an optional extra (`newscheck[ray]`).
"""
from __future__ import annotations

import heapq
import logging
import pickle
from collections.abc import Callable, Iterable, Iterator

from .batch import GROUP_SIZE, ArticleError, FindingFilter, Result, check_group, check_batch
from .errors import EngineError, NewscheckError, InputError, UsageError
from .ingest import read_articles
from .model import Article, ArticleReport

MISSING = "--engine ray needs the ray extra: pip install 'newscheck[ray]'"


def require_ray():
    """The ray module, or a UsageError naming the extra to install."""
    try:
        import ray
        import ray.data  # noqa: F401 - ray without its data extra lacks pyarrow and pandas
    except ImportError:
        raise UsageError(MISSING) from None
    return ray


class ArticleChecker:
    """A Ray Data actor: builds its Checker once, then checks one batch of articles per call."""

    def __init__(self, make_checker: Callable[[], object]):
        self.checker = make_checker()

    def __call__(self, batch: dict) -> dict:
        import numpy

        articles = [pickle.loads(blob) for blob in batch["article"]]
        results = [pickle.dumps(result) for result in check_group(self.checker, articles)]
        return {"index": batch["index"], "result": numpy.array(results, dtype=object)}


class ShardChecker:
    """A Ray Data actor for shard files: reads each shard itself (JSONL or Parquet, with the readers
    of `ingest`) and yields its results a group at a time, so neither the driver nor an actor holds a shard."""

    def __init__(self, make_checker: Callable[[], object]):
        self.checker = make_checker()

    def __call__(self, batch: dict) -> Iterator[dict]:
        import numpy

        for shard, path in zip(batch["shard"], batch["path"]):
            results = check_batch(read_articles([str(path)]), lambda: self.checker)
            while group := [pickle.dumps(r) for _, r in zip(range(GROUP_SIZE), results)]:
                yield {"shard": numpy.full(len(group), shard), "result": numpy.array(group, dtype=object)}


def check_batch_ray(items: Iterable[Article | InputError], make_checker: Callable[[], object], *,
                    address: str | None = None, actors: int | None = None,
                    keep: FindingFilter | None = None, shards: list[str] | None = None) -> Iterator[Result]:
    """Check each article of `items` on Ray and yield its report, or its error, in input order.

    `address` is passed to `ray.init` (None: the cluster in RAY_ADDRESS, else a local Ray); a Ray
    this call starts, it shuts down. `actors` is the number of Checkers (default: the cluster's CPUs).
    `make_checker` is pickled to each actor. With `shards` (the JSONL or Parquet files `items` is read
    from), at least one per actor, each actor reads whole shards itself (they must be on storage every
    node sees) and only their names pass through the driver; otherwise the articles are read here and
    sent to the cluster as one dataset.
    """
    ray = require_ray()
    started_here = not ray.is_initialized()
    if started_here:
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.WARNING, configure_logging=False)
        except Exception as error:  # noqa: BLE001 - Ray raises many kinds; the user needs one line
            raise EngineError(f"cannot start or reach Ray{f' at {address}' if address else ''}: {_one_line(error)};"
                              " check --ray-address (ray status shows it) or leave it out for a local Ray") from None
    try:
        actors = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        if shards and len(shards) >= actors:
            yield from _run_shards(ray, shards, make_checker, actors, keep)
        else:
            yield from _run(ray, items, make_checker, actors, keep)
    except (NewscheckError, KeyboardInterrupt):
        raise
    except Exception as error:  # noqa: BLE001 - articles' errors are caught in the actors: this is the job's
        raise EngineError(f"the Ray job failed: {_one_line(error)}; the articles checked until then were"
                          " reported") from None
    finally:
        if started_here:
            ray.shutdown()


def _quiet_data_context(ray):
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    return context


def _run_shards(ray, shards, make_checker, actors, keep) -> Iterator[Result]:
    context = _quiet_data_context(ray)
    context.execution_options.preserve_order = True  # shards, and articles within them, in input order
    dataset = ray.data.from_items([{"shard": n, "path": path} for n, path in enumerate(shards)]).map_batches(
        ShardChecker, fn_constructor_args=(make_checker,), batch_size=1, batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1)
    for row in dataset.iter_rows():
        result = pickle.loads(row["result"])
        yield keep.apply(result) if keep and isinstance(result, ArticleReport) else result


def _run(ray, items, make_checker, actors, keep) -> Iterator[Result]:
    _quiet_data_context(ray)

    rows, unreadable = [], {}  # unreadable inputs stay here, in their place in the order
    for index, item in enumerate(items):
        if isinstance(item, Article):
            rows.append({"index": index, "article": pickle.dumps(item)})
        else:
            unreadable[index] = ArticleError.from_input_error(item) if isinstance(item, InputError) else \
                ArticleError(None, None, f"not an article: {item!r}"[:200])
    total = len(rows) + len(unreadable)
    if rows:
        dataset = ray.data.from_items(rows).map_batches(
            ArticleChecker, fn_constructor_args=(make_checker,), batch_size=GROUP_SIZE,
            batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1)
        finished = (( int(row["index"]), row["result"]) for row in dataset.iter_rows())
    else:
        finished = iter(())

    waiting: list[tuple[int, bytes]] = []  # results that came before an earlier one: a heap by index
    for at in range(total):
        if at in unreadable:
            yield unreadable.pop(at)
            continue
        while not waiting or waiting[0][0] != at:
            heapq.heappush(waiting, next(finished))
        result = pickle.loads(heapq.heappop(waiting)[1])
        yield keep.apply(result) if keep and isinstance(result, ArticleReport) else result


def _one_line(error: BaseException) -> str:
    """Ray's errors carry the remote traceback: keep the last line that says what went wrong."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip() and not set(line.strip()) <= set("^~")]
    line = lines[-1] if lines else type(error).__name__
    return line if len(line) <= 300 else line[:297] + "..."
