"""The protocol side of poolcheck's Python process adapters (spec/process-protocol.md, protocol 1).

An adapter module gives a greeting and a `Pool` factory; this module reads requests from stdin,
runs each on a thread of its own (borrowers block in the pool, as real threads do), keeps the
handles of pools and leases, and writes one reply line per request under a lock. It ends when
stdin ends or on `bye`, without waiting for borrowers still blocked in the pool.
"""
import json
import os
import sys
import threading

PROTOCOL = 1

_write_lock = threading.Lock()


def send(message):
    line = json.dumps(message, separators=(",", ":"))
    with _write_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def log(message):
    send({"event": "log", "message": message})


class ProtocolError(Exception):
    """poolcheck asked for something this adapter cannot do at all (reported as type poolcheck.protocol)."""


def postgres_session(dbapi_connection):
    """The server's identity of a new connection, read over it once (spec: the session table)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(
            "select pid, to_char(backend_start at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
            " from pg_stat_activity where pid = pg_backend_pid()"
        )
        pid, start = cursor.fetchone()
    finally:
        cursor.close()
    # Leave no transaction open: the pool's reset on return must not be what ends it.
    dbapi_connection.commit()
    return {"pid": pid, "start": start}


class Handles:
    """Pools and leases by the handles poolcheck knows them by: unique for the whole session."""

    def __init__(self):
        self._lock = threading.Lock()
        self._count = 0
        self._things = {}

    def add(self, prefix, thing):
        with self._lock:
            self._count += 1
            handle = f"{prefix}{self._count}"
            self._things[handle] = thing
            return handle

    def get(self, handle):
        with self._lock:
            if handle not in self._things:
                raise ProtocolError(f"no pool or lease has the handle {handle!r}")
            return self._things[handle]


def unavailable(what):
    """Answers `hello` with poolcheck.unavailable (`what` says what is missing), then `bye`: the
    adapter cannot run with this Python, and poolcheck reports it skipped, saying how to enable it."""
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("op") == "hello":
            send({"id": request["id"], "error": {"class": "other", "type": "poolcheck.unavailable", "message": f"{what} (Python {sys.version.split()[0]} at {sys.executable})"}})
        else:
            send({"id": request["id"], "ok": {}})
            break
    sys.stdout.flush()
    os._exit(0)


def serve(greeting, make_pool, classify):
    """Answers requests until `bye` or the end of stdin.

    make_pool(config, database) returns an object with acquire(timeout_ms) -> (lease, session),
    use(lease, sql), release(lease), destroy(lease), close(), and query(sql) if `query` is declared.
    classify(error, op) returns "timeout", "closed", "connect" (an acquire whose connect failed) or "other".
    """
    handles = Handles()

    def create(config, database, **_):
        return {"pool": handles.add("p", make_pool(config, database))}

    def acquire(pool, task, timeoutMs=None, **_):
        lease, session = handles.get(pool).acquire(timeoutMs)
        return {"lease": handles.add("l", (pool, lease)), "session": session}

    def use(lease, sql, **_):
        pool, held = handles.get(lease)
        handles.get(pool).use(held, sql)
        return {}

    def release(pool, lease, **_):
        handles.get(pool).release(handles.get(lease)[1])
        return {}

    def destroy(pool, lease, **_):
        handles.get(pool).destroy(handles.get(lease)[1])
        return {}

    def query(pool, sql, **_):
        handles.get(pool).query(sql)
        return {}

    def close(pool, **_):
        handles.get(pool).close()
        return {}

    ops = {"create": create, "acquire": acquire, "use": use, "release": release, "destroy": destroy, "query": query, "close": close}

    def handle(request):
        rid, op = request["id"], request["op"]
        if op == "hello":
            return send({"id": rid, "ok": greeting})
        args = {key: value for key, value in request.items() if key not in ("id", "op")}
        try:
            if op not in ops:
                raise ProtocolError(f"unknown op {op!r}")
            result = ops[op](**args)
        except ProtocolError as error:
            return send({"id": rid, "error": {"class": "other", "type": "poolcheck.protocol", "message": str(error)}})
        except TypeError as error:
            # A missing or unknown request field reaches the op as a TypeError of the call itself.
            if error.__traceback__ is not None and error.__traceback__.tb_next is None:
                return send({"id": rid, "error": {"class": "other", "type": "poolcheck.protocol", "message": str(error)}})
            return send({"id": rid, "error": _error(error, classify, op)})
        except Exception as error:  # the pool's or the driver's: reported as the pool's behaviour
            return send({"id": rid, "error": _error(error, classify, op)})
        send({"id": rid, "ok": result})

    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("op") == "bye":
            send({"id": request["id"], "ok": {}})
            break
        if request.get("op") == "hello":
            handle(request)
            continue
        threading.Thread(target=handle, args=(request,), name=str(request.get("task", request.get("op"))), daemon=True).start()
    sys.stdout.flush()
    os._exit(0)


def _error(error, classify, op):
    kind = type(error)
    return {"class": classify(error, op), "type": f"{kind.__module__}.{kind.__qualname__}", "message": str(error) or kind.__name__}
