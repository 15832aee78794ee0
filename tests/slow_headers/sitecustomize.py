"""Makes every HTTP answer wait SLOW_HEADERS seconds before its headers are read.

On PYTHONPATH, Python imports this at start-up. A busy machine does the same by chance: by the
time the Docker client reads the answer to an exec, the command's first output has arrived too,
and the client's buffered reader takes it with the headers (tests/test_docker_api_lossless.py).
"""

from __future__ import annotations

import http.client
import os
import time

DELAY = float(os.environ.get("SLOW_HEADERS", "0"))
_begin = http.client.HTTPResponse.begin


def _begin_late(self):
    time.sleep(DELAY)
    return _begin(self)


http.client.HTTPResponse.begin = _begin_late
