#!/usr/bin/env python3
"""poolcheck process adapter for SQLAlchemy's pools over psycopg2 (spec/process-protocol.md).

    adapter.py queuepool   QueuePool(pool_size, max_overflow, timeout): create_engine's default pool
    adapter.py nullpool    NullPool: a new connection per checkout, closed on return
    adapter.py queuepool-dispose
                           QueuePool through an Engine whose forked children call the documented
                           after-fork step, engine.dispose(close=False)

In fork mode a child keeps the pool it inherited, as a gunicorn or multiprocessing worker does:
`queuepool` leaves out the after-fork step the documentation asks for (what applications that
forget it do), `queuepool-dispose` takes it.

Each borrower is a thread of its own; the pool is used as SQLAlchemy's own docs show it, through
`pool.connect()` (what an Engine does underneath), `close()` to return and `invalidate()` to give
a connection back as broken. The server's identity of each connection is read once, in the pool's
`connect` event, over that very connection.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from poolcheck_adapter import postgres_session, serve, unavailable  # noqa: E402

try:
    import psycopg2
    import sqlalchemy
    from sqlalchemy import event, exc
    from sqlalchemy.pool import NullPool, QueuePool
except ImportError as missing:
    unavailable(f"the module {missing.name} is not installed")

DOCS = "https://docs.sqlalchemy.org/en/14/core/pooling.html"

# QueuePool.__init__'s own docstring (sqlalchemy/pool/impl.py, 1.4), which the docs page shows.
QUEUEPOOL_CLAIMS = {
    "acquireTimeout": {
        "promised": "The number of seconds to wait before giving up on returning a connection. Defaults to 30.0.",
        "source": f"{DOCS} (QueuePool, timeout)",
    },
    "retention": {
        "promised": "When those additional connections are returned to the pool, they are disconnected and discarded.",
        "source": f"{DOCS} (QueuePool, max_overflow)",
    },
    "BOUND-1": {
        "promised": "the total number of simultaneous connections the pool will allow is pool_size + `max_overflow`",
        "source": f"{DOCS} (QueuePool, max_overflow)",
    },
}

# What both pools share: borrowers on Python threads, no per-call timeout, no minimum, no
# one-query helper, no validation (pre_ping is off, as by default), every connection closed or
# kept on return as the variant says.
COMMON = {
    "perAcquireTimeout": False,
    # Waiters wake through a threading.Condition: no order among them is promised.
    "fifo": None,
    "retention": {"mode": "on-release"},
    "min": False,
    "query": False,
    "validation": False,
    "connectRetryMs": 0,
    # "subject to the limitations of Python time functions which may not be reliable in the tens
    # of milliseconds" (QueuePool, timeout).
    "wakeUpSlackMs": 10,
}

MULTIPROCESSING = f"{DOCS}#using-connection-pools-with-multiprocessing-or-os-fork"
NULLPOOL_PROMISE = {
    "promised": "A Pool which does not pool connections. Instead it literally opens and closes the underlying DB-API connection per each connection open/close.",
    "source": f"{DOCS} (NullPool)",
}
# The timeout bounds the wait on the queue (QueuePool._do_get); a connect made for the caller is
# not bounded by it.
QUEUEPOOL_TIMEOUT = {"covers": "queue-only", "defaultMs": 30000}

VARIANTS = {
    "queuepool": {
        "name": "sqlalchemy-queuepool",
        "notes": "QueuePool(creator=psycopg2.connect, pool_size, max_overflow, timeout) on Python threads, one per borrower; "
        "a forked child keeps the pool it inherited without the after-fork step the documentation asks for",
        "capabilities": {**COMMON, "acquireTimeout": QUEUEPOOL_TIMEOUT, "fork": "per-process"},
        "claims": {
            **QUEUEPOOL_CLAIMS,
            "fork": {
                "silent": "judged as applications that forget the after-fork step use it: the documentation asks a forked child "
                f"to replace its pool first ({MULTIPROCESSING}; Engine.dispose(close=False) is 'more appropriate for an "
                "initializer in a forked Python process'), and this adapter leaves that step out on purpose"
            },
        },
    },
    "queuepool-dispose": {
        "name": "sqlalchemy-queuepool-dispose",
        "notes": "create_engine(creator=psycopg2.connect, poolclass=QueuePool, pool_size, max_overflow, pool_timeout) on Python "
        "threads, one per borrower; a forked child calls engine.dispose(close=False) before it does anything else",
        "capabilities": {**COMMON, "acquireTimeout": QUEUEPOOL_TIMEOUT, "fork": "per-process"},
        "claims": {
            **QUEUEPOOL_CLAIMS,
            "fork": {
                "promised": "Added the Engine.dispose.close parameter to allow the replacement of a connection pool in a child "
                "process without interfering with the connections used by the parent process.",
                "source": "SQLAlchemy 1.4 Engine.dispose docstring (sqlalchemy/engine/base.py, versionadded 1.4.33)",
            },
        },
    },
    "nullpool": {
        "name": "sqlalchemy-nullpool",
        "notes": "NullPool(creator=psycopg2.connect): opens and closes a DBAPI connection for each checkout",
        "capabilities": {**COMMON, "acquireTimeout": None, "fork": "null-pool"},
        "claims": {"retention": NULLPOOL_PROMISE, "fork": NULLPOOL_PROMISE},
    },
}


# Pool.dispose() is what closes a pool, and it is no close in poolcheck's sense (CLOSE-1): it
# closes the connections idle in the pool and leaves the pool usable.
KNOWN_GAPS = [
    {
        "rule": "CLOSE-1",
        "reason": "Pool.dispose() closes only the connections idle in the pool and leaves the pool usable: "
        "\"This method leaves the possibility of checked-out connections remaining open, as it only affects "
        "connections that are idle in the pool.\" A later connect() opens new connections, and waiters are not woken.",
        "link": f"{DOCS} (Pool.dispose)",
    }
]

# NullPool keeps no count: every checkout opens a connection of its own, however many are open, so
# size + maxOverflow bounds nothing (a live run with more borrowers at once than that finds it).
NULLPOOL_GAPS = KNOWN_GAPS + [
    {
        "rule": "BOUND-1",
        "reason": "NullPool has no limit: \"A Pool which does not pool connections. Instead it literally opens and closes "
        "the underlying DB-API connection per each connection open/close.\" Borrowers at once each have a connection of their own.",
        "link": f"{DOCS} (NullPool)",
    }
]


def greeting(variant):
    spec = VARIANTS[variant]
    return {
        "protocol": 1,
        "name": spec["name"],
        "pool": {"name": "SQLAlchemy", "version": sqlalchemy.__version__},
        "capabilities": spec["capabilities"],
        "claims": spec["claims"],
        "knownGaps": NULLPOOL_GAPS if variant == "nullpool" else KNOWN_GAPS,
        "runsOn": {"model": False, "live": "postgres"},
        "notes": spec["notes"],
    }


class Pool:
    def __init__(self, variant, config, database):
        url = database["url"]
        creator = lambda: psycopg2.connect(url)  # noqa: E731 (the url carries the run's tag)
        timeout = 30.0 if config["acquireTimeoutMs"] is None else config["acquireTimeoutMs"] / 1000
        self.engine = None
        if variant == "queuepool":
            pool = QueuePool(creator, pool_size=config["size"], max_overflow=config["maxOverflow"], timeout=timeout)
        elif variant == "queuepool-dispose":
            # The documented recipe is an Engine's: dispose(close=False) gives it a new pool.
            self.engine = sqlalchemy.create_engine(
                "postgresql+psycopg2://", creator=creator, poolclass=QueuePool,
                pool_size=config["size"], max_overflow=config["maxOverflow"], pool_timeout=timeout,
            )
            pool = self.engine.pool
        else:
            pool = NullPool(creator)
        # Pool.recreate() hands its events on: the child's new pool reads identities too.
        event.listen(pool, "connect", lambda dbapi, record: record.info.__setitem__("session", postgres_session(dbapi)))
        self._pool = pool

    @property
    def pool(self):
        # An Engine's pool is whichever it holds now: a new one after dispose().
        return self.engine.pool if self.engine is not None else self._pool

    def acquire(self, timeout_ms):
        fairy = self.pool.connect()
        return fairy, fairy.info["session"]

    def use(self, fairy, sql):
        cursor = fairy.cursor()
        try:
            cursor.execute(sql)
        finally:
            cursor.close()

    def release(self, fairy):
        fairy.close()

    def destroy(self, fairy):
        fairy.invalidate()

    def close(self):
        self.pool.dispose()


def after_fork(pool):
    """What a forked child does first: the documented step for the recipe, nothing otherwise."""
    if pool.engine is not None:
        pool.engine.dispose(close=False)


def classify(error, op):
    if isinstance(error, exc.TimeoutError):
        return "timeout"
    # The pool raises the driver's own error when the connect it made for the caller fails; an
    # acquire runs no statement of its own (pre_ping is off), so a driver error there is the connect's.
    if op == "acquire" and isinstance(error, psycopg2.Error):
        return "connect"
    return "other"


if __name__ == "__main__":
    variant = sys.argv[1] if len(sys.argv) > 1 else ""
    if variant not in VARIANTS:
        sys.exit(f"usage: adapter.py {'|'.join(VARIANTS)}")
    serve(greeting(variant), lambda config, database: Pool(variant, config, database), classify, after_fork)
