"""How `make run` serves Liaison (gunicorn reads this file from the working folder).

The worker class and counts are a measured choice (issue 13; README "Sizing the server"):
`benchmarks/load.py --server sync|gthread|granian` on this 2-core machine at national scale.
Each can be set from the environment without editing this file.
"""

import os

_cores = os.cpu_count() or 1

worker_class = os.environ.get("LIAISON_WORKER_CLASS", "sync")
# Sync workers hold one request each: two a core keeps both cores busy while one waits on the
# database or the disk, and each is a whole process of memory (about 190 MB at national scale).
workers = int(os.environ.get("LIAISON_WORKERS", 2 * _cores))
threads = int(os.environ.get("LIAISON_THREADS", 1))
# A long search address reaches Django (which answers with a styled page) instead of gunicorn's plain refusal.
limit_request_line = 8190
# A request still running after this long is a fault: its worker is replaced, not left hanging.
timeout = int(os.environ.get("LIAISON_WORKER_TIMEOUT", 30))
loglevel = "warning"
