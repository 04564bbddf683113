#!/usr/bin/env python3
"""poolcheck process adapter for psycopg 3's ConnectionPool (psycopg_pool; spec/process-protocol.md).

    adapter.py             ConnectionPool(min_size=size, max_size=size + maxOverflow, timeout)

Each borrower is a thread of its own, as psycopg_pool's documentation assumes ("a pool of
connections ... from multiple threads"); `getconn()` borrows, `putconn()` returns, and a connection
returned closed is discarded by the pool, which is how a borrower gives one back as broken. The
server's identity of each new connection is read in the pool's `configure` callback, over it.
"""
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from poolcheck_adapter import postgres_session, serve, unavailable  # noqa: E402

try:
    import psycopg_pool
    from psycopg_pool import ConnectionPool, PoolClosed, PoolTimeout
except ImportError as missing:
    unavailable(f"the module {missing.name} is not installed")

DOCS = "https://www.psycopg.org/psycopg3/docs/api/pool.html"

GREETING = {
    "protocol": 1,
    "name": "psycopg-pool",
    "pool": {"name": "psycopg_pool", "version": psycopg_pool.__version__},
    "capabilities": {
        # getconn() waits up to the timeout for a connection, one being made for it included.
        "acquireTimeout": {"covers": "whole-acquire", "defaultMs": 30000},
        "perAcquireTimeout": True,
        "fifo": None,
        # Connections above min_size are closed after max_idle by a periodic task: not declared
        # until its period is modelled (BOUND-2 is then not judged).
        "retention": None,
        "min": False,
        "query": False,
        "validation": False,
        # A forked child builds a pool of its own, as the maintainer asks (below).
        "fork": "per-process",
        "connectRetryMs": 0,
        "wakeUpSlackMs": 10,
    },
    "claims": {
        # The library's own words, as installed (psycopg_pool 3.1, errors.py and pool.py).
        "acquireTimeout": {
            "promised": "The pool couldn't provide a connection in acceptable time.",
            "source": "psycopg_pool errors.py (PoolTimeout); the pool's `timeout` defaults to 30.0 (base.py)",
        },
        "perAcquireTimeout": {"silent": "getconn(timeout=None) takes a timeout of its own (pool.py); its docstring does not describe it"},
        "fork": {
            "promised": "Note that if your program forks (gunicorn workers) the pool must be created after the fork, you cannot share a pool across processes.",
            "source": "the maintainer, https://github.com/psycopg/psycopg/issues/395 (the pool's documentation itself says nothing of fork)",
        },
    },
    # After a failed connect the pool's worker tries again after 1 s (+-10 %), doubling the delay
    # each time, until reconnect_timeout (5 min): capacity comes back later than a live workload's
    # probe waits, so ERR-1 could only read the backoff as capacity lost.
    "knownGaps": [
        {
            "rule": "ERR-1",
            "reason": "a failed connect is retried after 1 s, then 2 s, 4 s, ... until reconnect_timeout (psycopg_pool base.py, "
            "ConnectionAttempt: INITIAL_DELAY 1.0, DELAY_BACKOFF 2.0): longer than live mode's probe waits for capacity to come back",
            "link": f"{DOCS} (ConnectionPool, reconnect_timeout)",
        }
    ],
    "runsOn": {"model": False, "live": "postgres"},
    "notes": "ConnectionPool(min_size=size, max_size=size + maxOverflow, timeout) over psycopg 3, one thread per borrower",
}


class Pool:
    def __init__(self, config, database):
        self.sessions = {}
        self.lock = threading.Lock()
        self.config, self.database = config, database
        # Pools a forked child inherited: kept referenced and never closed, since closing (or
        # collecting) their connections would end the parent's sessions on the shared sockets.
        self.inherited = []
        self.pool = self._new_pool()

    def _new_pool(self):
        def configure(conn):
            session = postgres_session(conn)
            with self.lock:
                self.sessions[id(conn)] = session

        config = self.config
        timeout = 30.0 if config["acquireTimeoutMs"] is None else config["acquireTimeoutMs"] / 1000
        return ConnectionPool(
            self.database["url"], min_size=config["size"], max_size=config["size"] + config["maxOverflow"], timeout=timeout, configure=configure
        )

    def after_fork(self):
        """In a forked child: a pool of its own, created after the fork, as the maintainer asks."""
        self.lock = threading.Lock()
        self.inherited.append(self.pool)
        self.pool = self._new_pool()

    def acquire(self, timeout_ms):
        conn = self.pool.getconn(None if timeout_ms is None else timeout_ms / 1000)
        with self.lock:
            return conn, self.sessions[id(conn)]

    def use(self, conn, sql):
        conn.execute(sql)
        conn.commit()

    def release(self, conn):
        self.pool.putconn(conn)

    def destroy(self, conn):
        conn.close()
        self.pool.putconn(conn)

    def close(self):
        self.pool.close()


def classify(error, op):
    if isinstance(error, PoolTimeout):
        return "timeout"
    if isinstance(error, PoolClosed):
        return "closed"
    return "other"


if __name__ == "__main__":
    serve(GREETING, Pool, classify, lambda pool: pool.after_fork())
