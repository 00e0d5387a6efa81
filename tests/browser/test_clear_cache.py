"""One student cannot stall a class server: a crafted clear_cache message is refused.

Streamlit handles a client's `clear_cache` BackMsg with no authentication by clearing every
cache of the process, `st.cache_resource` included: that released every session's job
registry and stopped every student's training. Two browser sessions train here on the
real server while a client of its own sends that message over a raw WebSocket; both must
keep training (their step counts still rise) and the server must log the refusal.
"""

from __future__ import annotations

import time

from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.browser.conftest import ARTIFACTS, log_lines, send_backmsg, wait_idle
from tests.browser.test_flow import button, click, set_number, training_state, wait_for, workspace
from tests.browser.test_sessions import _step

REFUSED = "refused a clear_cache request"


def _train_long(pg) -> None:
    button(pg, "quick_start").click()  # the temperature sample and an LSTM, on the Train page
    pg.wait_for_timeout(300)
    wait_idle(pg)
    set_number(pg, "epochs", 500)  # minutes of training: far longer than this test
    click(pg, "train", settle=False)
    wait_for(pg, lambda: _step(pg) > 0, 60, "the first training step")


def test_a_clients_clear_cache_stops_no_training(new_session, base_url):
    log = ARTIFACTS / "server.log"  # the base_url server's log
    pages = [new_session(), new_session()]
    for pg in pages:
        _train_long(pg)
    refused_before = len(log_lines(log, REFUSED))
    msg = BackMsg()
    msg.clear_cache = True
    send_backmsg(base_url, msg)

    # The registry released by a clear stops the jobs at once; give them time to show it.
    before = [_step(pg) for pg in pages]
    time.sleep(5)
    for i, pg in enumerate(pages):
        wait_for(
            pg,
            lambda pg=pg, i=i: _step(pg) > before[i] + 5,
            60,
            f"session {i + 1}'s step count to rise after the clear_cache message",
        )
        assert training_state(pg) == "running", (
            f"session {i + 1} after clear_cache: {workspace(pg, 'Training')}"
        )
    assert len(log_lines(log, REFUSED)) > refused_before, "the server logged no refusal"
