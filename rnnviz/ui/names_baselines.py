"""The majority and bigram baselines of a classifier's data, fitted off the page.

The bigram baseline's logistic regression takes 20-30 s on the names sample on two cores:
fitted on the page it would hold the Predict page that long. It starts when training does
(rnnviz.ui.runs), on one worker thread for the whole server, and is kept by the data it was
fitted on, so every session training on the names sample shares one fit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from rnnviz.analysis.class_baselines import BaselineScore, class_baselines
from rnnviz.data.labels import LabelledData

KEPT = 16  # data sets whose baselines are kept (each: two arrays of test predictions)
# Not named rnnviz-*: pages and tests count those as training threads, and this one waits
# for work as long as the server runs.
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="baselines")
_lock = threading.Lock()
_fits: OrderedDict[tuple, Future] = OrderedDict()


def _key(digest: str, data: LabelledData) -> tuple:
    return (digest, data.cfg)


def start(digest: str, data: LabelledData) -> Future:
    """The fit of `data`'s baselines (the same one when it was started before)."""
    key = _key(digest, data)
    with _lock:
        if key in _fits:
            _fits.move_to_end(key)
            return _fits[key]
        fit = _pool.submit(class_baselines, data)
        _fits[key] = fit
        while len(_fits) > KEPT:
            _fits.popitem(last=False)
        return fit


def wait(digest: str, data: LabelledData, timeout: float) -> dict[str, BaselineScore] | None:
    """The baselines, waiting at most `timeout` seconds; None while they are still fitted."""
    fit = start(digest, data)
    try:
        return fit.result(timeout)
    except TimeoutError:
        return None
