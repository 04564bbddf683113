#!/usr/bin/env python3
"""The protocol-overhead benchmark's baseline: the same acquire/release loop the process adapter
runs for poolcheck, written directly in Python against the same pool (SQLAlchemy QueuePool of
one connection over psycopg2), with `select 1` on each lease when a third argument is given.
Prints round trips per second."""
import sys
import time

import psycopg2
from sqlalchemy.pool import QueuePool

url, n, statement = sys.argv[1], int(sys.argv[2]), len(sys.argv) > 3
pool = QueuePool(lambda: psycopg2.connect(url), pool_size=1, max_overflow=0, timeout=30)
pool.connect().close()  # the connection is open before the clock starts, as in the adapter's run
started = time.perf_counter()
for _ in range(n):
    fairy = pool.connect()
    if statement:
        # The adapter's `use`: a cursor, the statement, the cursor closed.
        cursor = fairy.cursor()
        cursor.execute("select 1")
        cursor.close()
    fairy.close()
print(n / (time.perf_counter() - started))
pool.dispose()
