#!/usr/bin/env python3
"""psycopg_pool: a connection that finishes opening while close() runs stays open after close().

close() takes the idle connections out of the pool and closes them, then stops the workers; a
worker still opening a connection (here: held in the `configure` callback for 0.2 s, as any slow
connect or configure is) finishes it and _add_to_pool() appends it to the closed pool, which
never closes it. Usage: python3 psycopg_pool_close_during_connect.py [postgresql://...]
"""
import sys
import time

import psycopg
import psycopg_pool
from psycopg_pool import ConnectionPool

admin = sys.argv[1] if len(sys.argv) > 1 else "postgresql://postgres@127.0.0.1:5432/postgres"
name = "psycopg-pool-close-repro"
pool = ConnectionPool(f"{admin}?application_name={name}", min_size=1, max_size=1, configure=lambda conn: time.sleep(0.2))
time.sleep(0.05)  # the worker is connecting, or configuring, the min_size connection
pool.close()
time.sleep(1)
with psycopg.connect(admin, autocommit=True) as c:
    n = c.execute("select count(*) from pg_stat_activity where application_name = %s", (name,)).fetchone()[0]
print(f"psycopg_pool {psycopg_pool.__version__}: {n} session(s) of the closed pool still open 1 s after close() returned")
