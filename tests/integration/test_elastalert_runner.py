"""The ElastAlert2 baseline of the alert-latency bench runs for real: ElastAlert2 (in its own venv,
installed on first use, ~1 min) alerts on every matching document, on none of the others, and
cleans up its indices. About 20-30 s once installed (ElastAlert2 starts its rule 0-15 s late)."""

from __future__ import annotations

import pytest

from bench.elastalert_runner import LatencyResult, measure


@pytest.mark.integration
@pytest.mark.timeout(400)
def test_elastalert2_alerts_every_matching_doc(es_url: str, es_client) -> None:
    result = measure(es_url, n_docs=20, rate=20, decoys=4, query={"term": {"tags": "ceasefire"}},
                     drain_timeout_s=40)

    assert isinstance(result, LatencyResult)
    assert result.version.startswith("2.")
    assert result.n_docs == 20
    assert result.alerted == 20, result.summary()
    assert result.unexpected == 0 and result.duplicates == 0, result.summary()
    assert len(result.latencies_s) == 20
    assert all(0 < lat < 40 for lat in result.latencies_s), result.latencies_s
    assert 0 < result.p50 <= result.p95 <= result.p99 <= result.max
    assert not es_client.indices.exists(index=result.settings["index"])
    assert not es_client.indices.exists(index=result.settings["writeback_index"] + "*", allow_no_indices=False)
