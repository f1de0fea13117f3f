"""`newscheck serve`: the command that starts the web app (app.py) with uvicorn.

This module stays light (argparse only) because the CLI imports it on every run; the web
stack is imported when `serve` runs, and a missing `web` extra is one line, not a traceback.
"""
from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import socket
import sys

from ..errors import UsageError

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def register(commands) -> None:
    serve = commands.add_parser(
        "serve", help="serve the web pages and the REST API over the checker and the corpus",
        description="Serve the web pages and the REST API (docs/web.md). Binds to localhost by default.")
    serve.add_argument("--db", metavar="URL",
                       help="corpus store: sqlite:///PATH or postgresql://... (default: $NEWSCHECK_DB,"
                            " else the SQLite file in the user data dir)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; anything else needs a token for writes)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--kb", metavar="PATH", help="knowledge base to use (default: built on first use)")
    serve.add_argument("--workers", type=_workers, metavar="N", default=None,
                       help="check processes, which is also the limit on checks at once"
                            " (default: one per core, at most 4; 0: a thread in the server process)")
    serve.add_argument("--token", metavar="TOKEN",
                       help="token that writes (adding to the corpus) must carry (default: $NEWSCHECK_TOKEN;"
                            " made up and printed when --host is not localhost)")
    serve.set_defaults(func=run_serve)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1 to 65535)")
    return int(value)


def _workers(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 0 or more")
    return int(value)


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from .app import Settings, create_app
    except ImportError as error:
        raise UsageError(f"newscheck serve needs the web extra ({error.name} is missing):"
                         " pip install 'newscheck[web]'") from None
    from ..kb import open_or_build

    say = lambda line: print(f"newscheck: {line}", file=sys.stderr)  # noqa: E731
    token = args.token or os.environ.get("NEWSCHECK_TOKEN") or None
    local = is_loopback(args.host)
    if not local and not token:
        token = secrets.token_urlsafe(24)
        say(f"listening beyond localhost: writes need the token {token} (set your own with --token)")
    listener = _listen(args.host, args.port)  # before the KB and the workers: a busy port fails at once
    kb = open_or_build(args.kb, log=say)
    corpus = _open_corpus(args.db, str(kb.path))
    workers = args.workers if args.workers is not None else min(4, os.cpu_count() or 1)
    hosts = ("127.0.0.1", "localhost", "[::1]", "::1") if local else ("*",)
    app = create_app(kb=kb, corpus=corpus, settings=Settings(workers=workers, token=token, allowed_hosts=hosts))
    shown = f"[{args.host}]" if ":" in args.host else args.host
    say(f"serving on http://{shown}:{listener.getsockname()[1]}/ (Ctrl-C stops)")
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[listener])
    return 0


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host.strip("[]"), port))
    except OSError as error:
        listener.close()
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error};"
                         " pick another --port or --host") from None
    listener.listen(128)
    listener.set_inheritable(True)
    return listener


def _open_corpus(url: str | None, kb_path: str):
    from ..corpus import open_corpus

    return open_corpus(url, kb_path=kb_path)  # a bad URL or an unreachable database: UsageError, one line
