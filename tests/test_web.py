"""The web app's API and pages without a browser: the API's report is the CLI's report, the
OpenAPI document describes it, and bad input, big bodies, forged forms and busy servers get a
clear error (JSON under /api/, a page elsewhere), never a traceback."""
from __future__ import annotations

import asyncio
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import redirect_stdout
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'")
from fastapi.testclient import TestClient  # noqa: E402
from jsonschema import Draft202012Validator  # noqa: E402

from newscheck.cli import main  # noqa: E402
from newscheck.report.json import load_schema  # noqa: E402
from newscheck.web.app import Settings, create_app  # noqa: E402
from newscheck.web.checking import CheckJob, CheckRunner, Limits, RequestProblem  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
KYIV = REPO / "examples" / "kyiv-talks.txt"


@pytest.fixture(scope="module")
def client(kb):
    with TestClient(create_app(kb=kb, settings=Settings()), raise_server_exceptions=False) as client:
        yield client


def cli_json(kb_path, *args) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        main(["check", *map(str, args), "--format", "json", "--kb", str(kb_path), "--quiet"])
    return json.loads(out.getvalue())


def csrf(client) -> str:
    return client.get("/").cookies.get("newscheck_csrf") or client.cookies.get("newscheck_csrf")


# -- the API's report is the CLI's ------------------------------------------------------------------

def test_uploaded_file_gets_the_same_json_as_the_cli(client, kb_path):
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    paths.append(KYIV)
    validator = Draft202012Validator(load_schema())
    for path in paths:
        expected = cli_json(kb_path, path)
        response = client.post("/api/check", files={"file": (path.name, path.read_bytes(), "text/plain")})
        assert response.status_code == 200, response.text
        got = response.json()
        validator.validate(got)
        assert got == expected, path.name
        assert got["articles"][0]["findings"], f"{path.name}: the seed articles have errors to find"


def test_pasted_text_with_a_date_gets_the_cli_json_with_date(client, kb_path, tmp_path):
    text = ("WASHINGTON, December 4. Russian President Vladimir Zelenskiy met U.S. special envoy Steve Witkoff"
            " in the Kremlin on Thursday, officials said, as talks on a ceasefire went on.\n")
    (tmp_path / "article.txt").write_text(text)
    expected = cli_json(kb_path, tmp_path / "article.txt", "--date", "2025-12-05")
    got = client.post("/api/check", json={"text": text, "published": "2025-12-05"}).json()
    assert got == expected
    article = got["articles"][0]
    assert article["published"] == "2025-12-04" and article["published_from"] == "dateline+option year"
    assert [f["code"] for f in article["findings"]] == ["office_holder"]


def test_a_rewrite_is_checked_against_its_source_text(client):
    source = "The central bank cut interest rates by half a point on Tuesday, its governor said in Frankfurt."
    rewrite = "The central bank raised interest rates by half a point on Tuesday, its governor said in Frankfurt."
    got = client.post("/api/check", json={"text": rewrite, "source_text": source}).json()
    codes = {f["code"] for f in got["articles"][0]["findings"]}
    assert codes & {"source_contradiction", "source_unsupported"}, got


def test_openapi_document_describes_the_api_and_its_report(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    for path, method in [("/api/check", "post"), ("/api/articles", "get"), ("/api/articles", "post"),
                         ("/api/stories", "get"), ("/api/people/{name}", "get"), ("/api/findings", "get"),
                         ("/api/search", "get")]:
        assert method in doc["paths"][path], (method, path)
    check = doc["paths"]["/api/check"]["post"]
    assert set(check["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert check["requestBody"]["content"]["application/json"]["schema"]["required"] == ["text"]
    assert {"offset", "limit"} <= {p["name"] for p in doc["paths"]["/api/articles"]["get"]["parameters"]}
    # the document's Report schema accepts a real answer and refuses a broken one
    text = KYIV.read_text()
    report = client.post("/api/check", json={"text": text}).json()
    validator = Draft202012Validator({"$ref": "#/components/schemas/Report", "components": doc["components"]})
    validator.validate(report)
    del report["articles"][0]["findings"][0]["code"]
    assert not validator.is_valid(report)
    error = doc["components"]["schemas"]["ErrorBody"]
    assert error["properties"]["error"]["$ref"].endswith("/ErrorDetail")
    assert client.get("/api/docs").status_code == 200


# -- errors: one line, JSON under /api/, a page elsewhere ---------------------------------------------

@pytest.mark.parametrize("request_kwargs, status, code", [
    ({"json": {"title": "no text"}}, 422, "invalid_request"),
    ({"json": {"text": "Some words.", "published": "4 Dec 2025"}}, 422, "invalid_request"),
    ({"json": {"text": "Some words.", "published": "2025-02-30"}}, 400, "bad_date"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "invalid_request"),
    ({"content": b"plain words", "headers": {"content-type": "text/plain"}}, 415, "unsupported_media_type"),
    ({"files": {"file": ("photo.txt", b"\x89PNG\x00\x00\x01", "image/png")}}, 400, "unreadable"),
    ({"files": {"file": ("story.pdf", b"%PDF-1.4 words words", "application/pdf")}}, 400, "unreadable"),
    ({"files": {"file": ("long.txt", b"word " * 12_000, "text/plain")}}, 413, "article_too_long"),
    ({"files": {"file": ("huge.txt", b"word " * 1_000_000, "text/plain")}}, 413, "article_too_long"),
    ({"files": {"file": ("long.html", b"<html><body><p>" + b"word " * 12_000 + b"</p></body></html>",
                         "text/html")}}, 413, "article_too_long"),
    ({"data": {"title": "nothing else"}, "files": {"file": ("", b"", "text/plain")}}, 400, "nothing_to_check"),
])
def test_bad_input_is_one_json_error(client, request_kwargs, status, code):
    response = client.post("/api/check", **request_kwargs)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code
    assert "\n" not in body["error"]["message"] and "Traceback" not in response.text


def test_an_unreadable_upload_is_named_as_the_user_named_it(client):
    response = client.post("/api/check", files={"file": ("photo.txt", b"\x89PNG\x00\x00", "image/png")})
    message = response.json()["error"]["message"]
    assert message.startswith("cannot read photo.txt: binary file") and "newscheck-upload" not in message


def test_a_jsonl_upload_checks_the_good_lines_and_reports_the_bad_one(client):
    lines = [json.dumps({"id": "one", "text": KYIV.read_text()}), "{broken", json.dumps({"id": "two", "text": "x"})]
    response = client.post("/api/check", files={"file": ("batch.jsonl", "\n".join(lines).encode(), "text/plain")})
    body = response.json()
    assert [a["id"] for a in body["articles"]] == ["one", "two"]
    assert body["errors"] == ["cannot read batch.jsonl: not valid JSON (Expecting property name enclosed in double"
                              " quotes) (line 2); write one JSON object per line"]


def test_a_body_over_the_cap_is_refused_before_it_is_read(client):
    big = b"x" * (5 * 1024 * 1024 + 70 * 1024)
    response = client.post("/api/check", files={"file": ("big.txt", big, "text/plain")})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"

    def stream():  # no Content-Length: counted as it arrives
        for _ in range(6):
            yield b"y" * (1024 * 1024)

    response = client.post("/api/check", content=stream(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    page = client.post("/check", content=stream(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")


def test_a_file_over_the_upload_limit_but_within_the_body_slack_is_refused(kb):
    settings = Settings(max_upload_bytes=1000)
    with TestClient(create_app(kb=kb, settings=settings)) as small:
        response = small.post("/api/check", files={"file": ("a.txt", b"word " * 250, "text/plain")})
    assert response.status_code == 413 and "a.txt is over the upload limit" in response.json()["error"]["message"]


def test_pages_get_html_errors_and_security_headers(client):
    for response in (client.get("/no/such/page"), client.get("/"), client.get("/api/nothing")):
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no page at /no/such/page" in page.text
    assert client.get("/api/nothing").json() == {"error": {"code": "not_found", "message": "no page at /api/nothing"}}


def test_a_crash_is_logged_not_shown(kb, caplog):
    app = create_app(kb=kb, settings=Settings())

    async def explode(job):
        raise RuntimeError("secret internals /etc/passwd")

    app.state.runner.run = explode
    with TestClient(app, raise_server_exceptions=False) as crashing:
        api = crashing.post("/api/check", json={"text": "Some words here."})
        token = csrf(crashing)
        page = crashing.post("/check", data={"csrf": token, "text": "Some words here."})
    assert api.status_code == 500 and api.json()["error"]["code"] == "internal_error"
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    for response in (api, page):
        assert "secret internals" not in response.text and "Traceback" not in response.text
    assert "secret internals" in caplog.text


# -- the check page and its form ----------------------------------------------------------------------

def test_the_check_form_needs_its_csrf_token(client):
    text = KYIV.read_text()
    forged = client.post("/check", data={"text": text})
    assert forged.status_code == 403 and "reload the check page" in forged.text
    wrong = client.post("/check", data={"text": text, "csrf": "guessed"})
    assert wrong.status_code == 403
    page = client.post("/check", data={"text": text, "csrf": csrf(client), "title": "Kyiv talks"})
    assert page.status_code == 200
    assert page.text.count('<mark class="finding sev-error"') == 2
    assert "Umerov" in page.text and "Suggestion:" in page.text and "confidence 0.90" in page.text
    assert 'href="/people/Denys%20Shmyhal"' in page.text


def test_the_csrf_cookie_is_strict_and_not_readable_by_scripts(client):
    cookie = TestClient(client.app).get("/").headers["set-cookie"].lower()  # a new client: no cookie yet
    assert cookie.startswith("newscheck_csrf=") and "httponly" in cookie and "samesite=strict" in cookie


def test_a_request_with_a_foreign_host_is_refused_when_bound_to_localhost(kb):
    with TestClient(create_app(kb=kb, settings=Settings(allowed_hosts=("127.0.0.1", "localhost"))),
                    base_url="http://127.0.0.1") as local:
        assert local.get("/").status_code == 200
        assert local.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_writes_need_the_token_when_one_is_set(kb):
    with TestClient(create_app(kb=kb, settings=Settings(token="s3cret"))) as guarded:
        response = guarded.post("/api/articles", json={"text": KYIV.read_text()})
        assert response.status_code == 401 and response.json()["error"]["code"] == "token_required"
        wrong = guarded.post("/api/articles", json={"text": "x"}, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        form = guarded.post("/check", data={"csrf": csrf(guarded), "text": "x words", "keep": "on", "token": "no"})
        assert form.status_code == 401


# -- checks run off the event loop, a few at a time ----------------------------------------------------

class _SlowCheckers:
    """Stands in for the checkers: blocks until released, so a test sees what waits and what does not."""

    def __init__(self):
        self.release = threading.Event()
        self.started = threading.Event()

    def run(self, job, limits):
        self.started.set()
        self.release.wait(10)
        return [], ["checked " + job.text]


def test_checks_beyond_the_queue_are_refused_as_busy_and_the_loop_stays_free(kb):
    runner = CheckRunner(kb, workers=0, limits=Limits(1000, 5), max_waiting=2)
    runner._pool()
    slow = runner._local = _SlowCheckers()

    async def scenario():
        first = asyncio.create_task(runner.run(CheckJob(text="one")))
        second = asyncio.create_task(runner.run(CheckJob(text="two")))
        await asyncio.sleep(0.05)
        assert slow.started.is_set() and runner.waiting == 2
        with pytest.raises(RequestProblem) as busy:
            await runner.run(CheckJob(text="three"))
        ticks = 0
        for _ in range(5):  # the event loop goes on while a check runs in its thread
            await asyncio.sleep(0.01)
            ticks += 1
        slow.release.set()
        return busy.value, await first, await second, ticks

    busy, first, second, ticks = asyncio.run(scenario())
    runner.close()
    assert (busy.status, busy.code) == (503, "busy")
    assert first == ([], ["checked one"]) and second == ([], ["checked two"]) and ticks == 5


# -- newscheck serve ---------------------------------------------------------------------------------

def test_serve_on_a_busy_port_is_one_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        status = main(["serve", "--port", str(port)])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith(f"newscheck: cannot listen on 127.0.0.1:{port}:") and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["serve", "--port", "0"], ["serve", "--port", "http"], ["serve", "--workers", "-1"]])
def test_serve_flags_are_checked(argv, capsys):
    assert main(argv) == 2
    assert "newscheck serve --help" in capsys.readouterr().err


def test_only_loopback_hosts_count_as_localhost():
    from newscheck.web.cli import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "example.org"))


def test_newscheck_serve_starts_and_answers(kb_path, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = Path(sys.executable).with_name("newscheck")
    env = {**os.environ, "NEWSCHECK_DB": f"sqlite:///{tmp_path / 'corpus.sqlite'}"}
    server = subprocess.Popen([str(command), "serve", "--port", str(port), "--kb", str(kb_path), "--workers", "0"],
                              env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.HTTPError:
                assert server.poll() is None and time.monotonic() < deadline, "newscheck serve did not start"
                time.sleep(0.2)
        assert page.status_code == 200 and "Check a news article" in page.text
        report = httpx.post(f"http://127.0.0.1:{port}/api/check", json={"text": KYIV.read_text()}, timeout=60)
        assert [f["code"] for f in report.json()["articles"][0]["findings"]] == ["office_holder", "date_arithmetic"]
        assert httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=10).json() == {"total": 0, "items": []}
        refused = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": "rebound.example"}, timeout=10)
        assert refused.status_code == 400  # bound to localhost: other Host names are refused (DNS rebinding)
    finally:
        server.terminate()
        server.wait(30)
    assert f"serving on http://127.0.0.1:{port}/" in server.stderr.read()


def test_the_docs_name_every_endpoint_flag_and_error_code(client):
    import re

    doc = (REPO / "docs" / "web.md").read_text()
    for path in client.get("/api/openapi.json").json()["paths"]:
        assert f"`{path.split('{')[0].rstrip('/')}" in doc.replace("`GET ", "`").replace("`POST ", "`"), path
    for flag in ("--db", "--host", "--port", "--kb", "--workers", "--token"):
        assert f"`{flag}" in doc, flag
    source = "".join(p.read_text() for p in (REPO / "src" / "newscheck" / "web").glob("*.py"))
    # every error the app raises or answers: RequestProblem(413, "too_large", ...), error(path, 500, "internal_error", ...)
    codes = set(re.findall(r'\b[45]\d\d,\s*"(\w+)"', source))
    assert len(codes) > 10
    for code in codes:
        assert f"`{code}`" in doc, code
    assert "newscheck serve" in (REPO / "README.md").read_text()


def test_checks_in_a_worker_process_match_and_a_dead_worker_is_replaced(kb, client):
    import signal

    text = KYIV.read_text()
    expected = client.post("/api/check", json={"text": text}).json()
    with TestClient(create_app(kb=kb, settings=Settings(workers=1)), raise_server_exceptions=False) as pooled:
        assert pooled.post("/api/check", json={"text": text}).json() == expected
        for pid in list(pooled.app.state.runner._executor._processes):
            os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
        pool = pooled.app.state.runner._executor
        deadline = time.monotonic() + 10
        while not pool._broken and time.monotonic() < deadline:  # the pool notices the death on its own
            time.sleep(0.05)
        lost = pooled.post("/api/check", json={"text": text})
        assert lost.status_code == 500 and lost.json()["error"]["code"] == "check_failed"
        again = pooled.post("/api/check", json={"text": text})
        assert again.status_code == 200 and again.json() == expected
