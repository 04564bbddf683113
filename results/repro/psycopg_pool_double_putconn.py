#!/usr/bin/env python3
"""psycopg_pool: a second putconn() of a connection that was since lent again is accepted, and the
pool lends the connection a third time while its second borrower still holds it (EXCL-2).

A second putconn() right after the first is refused ("it doesn't come from any pool"), but once
another borrower has the connection, the stale call passes the check and returns it to the pool.
Usage: python3 psycopg_pool_double_putconn.py [postgresql://...]
"""
import sys

import psycopg_pool
from psycopg_pool import ConnectionPool

url = sys.argv[1] if len(sys.argv) > 1 else "postgresql://postgres@127.0.0.1:5432/postgres"
pool = ConnectionPool(url, min_size=1, max_size=1)
pool.wait()
first = pool.getconn()
pool.putconn(first)  # the first borrower gives it back
second = pool.getconn()  # the second borrower gets the same connection
pool.putconn(first)  # the first borrower gives it back again: accepted
third = pool.getconn(timeout=1)
print(f"psycopg_pool {psycopg_pool.__version__}: the third borrower got {'the connection the second still holds' if third is second else 'another connection'}")
pool.close()
