"""The worker's tagging processes, replaced when one dies.

A ``ProcessPoolExecutor`` whose process was killed (the OOM killer, an operator, a crash in
a C extension) is *broken* for good: every later submit raises ``BrokenProcessPool``. The
tag agent then looped on that error while the worker kept its partitions and ``/health``
said ready. :class:`TagPool` owns the executor instead and:

* recreates it when it breaks (``parley_tag_pool_restarts_total`` counts each new pool),
  then tags the interrupted batch again; the batch was not acked, so nothing is lost;
* says whether it can tag (:attr:`TagPool.ready`, ``parley_tag_pool_ready`` and ``/health``):
  not ready from the moment a process is gone until a new one has loaded the tagger;
* isolates an article that kills the tagging process itself: a batch that breaks two pools in
  a row is tagged one article at a time, and the article that breaks the pool once more is
  dead-lettered (``tagger_crashed``) instead of stopping its partition;
* gives up (:class:`TagPoolUnavailable`) after ``max_start_failures`` pools in a row that could
  not even start (the tagger does not import, no memory for a process): the caller then stops
  the worker, so that the consumer group hands its partitions to a worker that can tag.

Example::

    pool = TagPool(lambda: start_tag_pool(1, "processors:tag_article"), metrics=metrics)
    outcomes = await pool.tag([(raw_bytes, ingested_at), ...], max_bytes)   # list[TagOutcome]
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from typing import Awaitable, Callable, Sequence

from processors.errors import ParleyError

from ..metrics import Metrics
from .tag import TagOutcome, tag_many

__all__ = ["TagPool", "TagPoolUnavailable"]

log = logging.getLogger(__name__)

Item = tuple[bytes | None, str | None]


class TagPoolUnavailable(ParleyError):
    """No tagging process could be started ``attempts`` times in a row."""

    reason = "tag_pool_unavailable"

    def __init__(self, message: str, *, attempts: int) -> None:
        super().__init__(message)
        self.attempts = attempts


class TagPool:
    """Tagging processes made by ``factory`` (``start_tag_pool``), replaced when broken.

    ``sleep`` is injectable so tests do not wait out the backoff between failed starts.
    """

    def __init__(
        self,
        factory: Callable[[], Executor],
        *,
        metrics: Metrics | None = None,
        max_start_failures: int = 5,
        initial_backoff: float = 1.0,
        max_backoff: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._factory = factory
        self._metrics = metrics
        self.max_start_failures = max_start_failures
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._lock: asyncio.Lock | None = None  # made in the running loop
        self._executor: Executor | None = None
        self._probe: Future | None = None
        self._restarting = False
        self.restarts = 0

    # -- state -------------------------------------------------------------------------------

    def open(self) -> "TagPool":
        """Start the first processes now (they load the tagger while the worker starts)."""
        if self._executor is None:
            self._executor, self._probe = self._new()
        return self

    @property
    def ready(self) -> bool:
        """True when the processes are up with the tagger loaded and none has died since."""
        probe = self._probe
        if self._restarting or self._executor is None or probe is None or self._broken(self._executor):
            return False
        return probe.done() and not probe.cancelled() and probe.exception() is None

    def _new(self) -> tuple[Executor, Future]:
        executor = self._factory()
        # a no-op task: it completes once a process has run the initializer (tagger loaded)
        probe = executor.submit(int)
        probe.add_done_callback(lambda _: self._set_ready_gauge())
        return executor, probe

    @staticmethod
    def _broken(executor: Executor) -> bool:
        # ProcessPoolExecutor notes a dead process here at once (its management thread
        # watches the process sentinels), before anyone submits to it
        return bool(getattr(executor, "_broken", False))

    def _set_ready_gauge(self) -> None:
        if self._metrics is not None:
            self._metrics.tag_pool_ready.set(1 if self.ready else 0)

    # -- tagging -----------------------------------------------------------------------------

    async def tag(self, items: Sequence[Item], max_bytes: int) -> list[TagOutcome]:
        """Tag a batch in a tagging process; survives the death of that process.

        Raises :class:`TagPoolUnavailable` when no process can be started any more.
        """
        for _ in range(2):  # the batch, once more on a fresh pool if its pool broke
            try:
                return await self._run(list(items), max_bytes)
            except BrokenProcessPool:
                pass  # _run replaced the pool
        # the batch broke two pools in a row: one of its articles may kill the process
        outcomes = []
        for item in items:
            try:
                outcomes += await self._run([item], max_bytes)
            except BrokenProcessPool as exc:
                log.error("tagging process died on one article; dead-lettering it error=%r", str(exc))
                outcomes.append(TagOutcome(
                    reason="tagger_crashed",
                    error="the tagging process died while tagging this article (killed, out of memory or "
                          f"crashed), twice with its batch and once alone: {exc}",
                ))
        return outcomes

    async def _run(self, items: list[Item], max_bytes: int) -> list[TagOutcome]:
        """Tag `items` in the current pool; when it is broken, replace it and raise BrokenProcessPool."""
        if self._lock is not None and self._lock.locked():
            async with self._lock:  # a restart is under way: wait for its pool
                pass
        if self._executor is None:
            self.open()
        executor = self._executor
        assert executor is not None
        try:
            if self._broken(executor):  # it broke while idle
                raise BrokenProcessPool(str(getattr(executor, "_broken", "broken")))
            # submit raises BrokenProcessPool itself when the pool broke meanwhile
            return await asyncio.wrap_future(executor.submit(tag_many, items, max_bytes))
        except BrokenProcessPool as exc:
            await self.restart(str(exc), failed=executor)
            raise

    async def ensure(self) -> None:
        """Replace a pool whose process died while idle (a worker timer calls this)."""
        executor = self._executor
        if executor is not None and self._broken(executor):
            await self.restart("a tagging process died while idle", failed=executor)

    async def restart(self, why: str, *, failed: Executor | None = None) -> None:
        """Replace the `failed` pool (the current one by default) with a new one, once that
        has loaded the tagger; retries with backoff, raises TagPoolUnavailable at last."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        failed = failed if failed is not None else self._executor
        async with self._lock:
            if self._executor is not None and self._executor is not failed and self.ready:
                return  # another caller (the agent, the timer) replaced it meanwhile
            self._restarting = True
            self._set_ready_gauge()
            try:
                await self._replace(why)
            finally:
                self._restarting = False
                self._set_ready_gauge()

    async def _replace(self, why: str) -> None:
        delay = self.initial_backoff
        failures = 0
        while True:
            self._discard()
            self.restarts += 1
            if self._metrics is not None:
                self._metrics.tag_pool_restarts.inc()
            log.warning("tagging processes restarting restart=%d why=%r", self.restarts, why[:300])
            try:
                self._executor, self._probe = self._new()
                await asyncio.wrap_future(self._probe)
            except Exception as exc:  # noqa: BLE001 - BrokenProcessPool, or the factory's own error
                failures += 1
                why = f"{exc.__class__.__name__}: {exc}"
                if failures >= self.max_start_failures:
                    self._discard()
                    raise TagPoolUnavailable(
                        f"no tagging process could start {failures} times in a row, last: {why}",
                        attempts=failures,
                    ) from exc
                log.error("tagging processes failed to start failures=%d retry_in=%.1fs error=%r",
                          failures, delay, why[:300])
                await self._sleep(delay)
                delay = min(delay * 2, self.max_backoff)
                continue
            log.warning("tagging processes restarted restart=%d", self.restarts)
            return

    def _discard(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            try:
                executor.shutdown(wait=False, cancel_futures=True)
            except Exception as exc:  # noqa: BLE001 - a broken pool may fail to shut down cleanly
                log.warning("tagging pool shutdown failed error=%r", str(exc))

    def shutdown(self) -> None:
        """Stop the processes (worker shutdown)."""
        self._discard()
        self._probe = None
