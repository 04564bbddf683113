"""The protocol side of poolcheck's Python process adapters (spec/process-protocol.md, protocol 1).

An adapter module gives a greeting and a `Pool` factory; this module reads requests from stdin,
runs each on a thread of its own (borrowers block in the pool, as real threads do), keeps the
handles of pools and leases, and writes one reply line per request under a lock. It ends when
stdin ends or on `bye`, without waiting for borrowers still blocked in the pool.

In fork mode a `fork` request forks this process for real: the child keeps the pools it inherited
(as a gunicorn or multiprocessing worker does), runs the adapter's after-fork step if it has one,
and answers requests on a Unix socket of its own until `bye` or the socket's end.
"""
import json
import os
import socket
import sys
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor

PROTOCOL = 1


class Channel:
    """Where requests come from and replies go: stdin and stdout, or a forked child's socket."""

    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer
        self.lock = threading.Lock()

    def send(self, message):
        line = json.dumps(message, separators=(",", ":"))
        with self.lock:
            self.writer.write(line + "\n")
            self.writer.flush()


# The process's own channel; a forked child replaces it with its socket's.
_channel = Channel(sys.stdin, sys.stdout)


def send(message):
    _channel.send(message)


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


def serve(greeting, make_pool, classify, after_fork=None):
    """Answers requests until `bye` or the end of stdin.

    make_pool(config, database) returns an object with acquire(timeout_ms) -> (lease, session),
    use(lease, sql), release(lease), destroy(lease), close(), and query(sql) if `query` is declared.
    classify(error, op) returns "timeout", "closed", "connect" (an acquire whose connect failed) or "other".
    after_fork(pool), when given, is what the adapter does to each pool in a forked child before
    the child answers anything (SQLAlchemy's `engine.dispose(close=False)`).
    """
    handles = Handles()
    pools = []

    def create(config, database, **_):
        pool = make_pool(config, database)
        pools.append(pool)
        return {"pool": handles.add("p", pool)}

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

    def session(lease, **_):
        # A statement now, over the lease's connection: the server's answer is the evidence.
        return {"session": postgres_session(handles.get(lease)[1])}

    def fork(child, address, **_):
        pid = os.fork()
        if pid == 0:
            _serve_child(child, address, handles, pools, after_fork, handle)
        # Reaped as it ends: a child is never left a zombie while the parent runs.
        threading.Thread(target=os.waitpid, args=(pid, 0), daemon=True).start()
        return {"pid": pid}

    ops = {
        "create": create, "acquire": acquire, "use": use, "release": release, "destroy": destroy,
        "query": query, "close": close, "session": session, "fork": fork,
    }

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

    _answer(_channel, handle)


def _answer(channel, handle):
    """Reads requests off the channel, each on a thread of its own, until `bye` or its end; then exits.

    Threads are reused once idle (a new thread per request costs a millisecond): each request still
    runs on a thread no other request is using, so borrowers blocked in the pool block nobody else.
    A forked child starts its own executor, since the parent's threads did not survive the fork.
    """
    executor = ThreadPoolExecutor(max_workers=256, thread_name_prefix="borrower")
    for line in channel.reader:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("op") == "bye":
            send({"id": request["id"], "ok": {}})
            break
        if request.get("op") in ("hello", "fork"):
            # hello comes first and alone; a fork happens while nothing else runs (the page).
            handle(request)
            continue
        executor.submit(handle, request)
    sys.stdout.flush()
    os._exit(0)


def _serve_child(child, address, handles, pools, after_fork, handle):
    """A forked child: the pools it inherited, its own socket, and never a return to the parent's loop."""
    global _channel
    try:
        # Only the forking thread lives on: a lock another thread held at the fork stays held.
        handles._lock = threading.Lock()
        for pool in pools:
            if after_fork is not None:
                after_fork(pool)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(address)
        _channel = Channel(sock.makefile("r", encoding="utf-8"), sock.makefile("w", encoding="utf-8"))
        send({"event": "child", "child": child, "pid": os.getpid()})
        _answer(_channel, handle)
    except BaseException:
        traceback.print_exc()
    # os._exit, never a normal exit: finalizers would close the connections the parent still uses.
    os._exit(1)


def _error(error, classify, op):
    kind = type(error)
    return {"class": classify(error, op), "type": f"{kind.__module__}.{kind.__qualname__}", "message": str(error) or kind.__name__}
