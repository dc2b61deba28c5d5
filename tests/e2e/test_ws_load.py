"""The protocol-level load client (benchmarks/ws_load.py) sees what a browser sees: for the same seed, the
final metrics it reads equal those a real browser shows after the same Start."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks import ws_load
from tests.e2e.conftest import wait_ready
from tests.e2e.test_interactions import click, wait_text

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("job,seed", [("mlp", 3), ("rnn", 2)])
def test_protocol_client_result_equals_browser(server, new_page, job, seed):
    spec = ws_load.JOBS[job]
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API already runs an event loop in this thread
        proto = pool.submit(asyncio.run, ws_load.one_session(server, job, seed, deadline_s=180)).result()
    assert proto["ok"], proto

    page = new_page()
    page.goto(f"{server}/{spec['page']}?{spec['query'].format(seed=seed)}")
    wait_ready(page)
    click(page, spec["button"])
    wait_text(page, "[data-testid=stProgress]", "finished")
    wait_ready(page)
    labels = page.locator("[data-testid=stMetricLabel]").all_inner_texts()
    values = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    browser = tuple(f"{label.strip()}={value.strip()}" for label, value in zip(labels, values))
    assert browser and proto["result"] == browser
