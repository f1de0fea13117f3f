"""The ASGI app behind `newscheck serve`: server-rendered pages (Jinja2) and a REST API (FastAPI)
over the checker and the corpus store.

It holds no checking logic: checks go to `checking.CheckRunner` (off the event loop), stored
articles, stories and people come from the corpus; views.py shapes them for the templates.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError, version as package_version
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..checks import CODES
from ..dates import parse_day
from ..model import Report
from . import views
from .checking import CheckJob, CheckRunner, Limits, RequestProblem
from .openapi import add_report_schema
from .security import CSRF_COOKIE, BodyLimit, BodyTooLarge, SecurityHeaders, new_csrf_token, same_secret

HERE = Path(__file__).parent
FINDING_CODES = [*CODES, "story_conflict"]  # the checks' codes and the corpus's cross-article one
log = logging.getLogger("newscheck.web")
MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """The server's limits and guards, each with the default `newscheck serve` uses."""

    max_upload_bytes: int = 5 * MB  # an uploaded file; a request body may hold 64 KiB of form fields more
    max_article_chars: int = 50_000  # one article's text (about ten news articles' worth)
    max_articles: int = 50  # articles in one upload (a JSONL file or a feed)
    workers: int = 0  # check processes, also the limit on checks at once; 0: one thread in this process
    max_waiting: int = 200  # checks queued past this: 503 busy
    token: str | None = None  # writes (adding to the corpus) must carry it; None: writes are open (localhost)
    allowed_hosts: tuple[str, ...] = ("*",)  # Host headers served (localhost names when bound to localhost)
    page_size: int = 50  # rows on a listing page


class CheckBody(BaseModel):
    """One article to check, as a JSONL line has it."""

    text: str = Field(min_length=1, description="the article's text, as written")
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                  description="YYYY-MM-DD, used as `newscheck check --date`: the date of an"
                                              " article whose text gives none (a yearless dateline gets its year)")
    source_text: str | None = Field(default=None, description="the article this one rewrites (as --source)")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS = {status: {"model": ErrorBody, "description": what} for status, what in (
    (400, "unreadable input or bad parameters"), (401, "a write without the token"),
    (404, "not found"), (413, "upload or article over the limit"), (415, "neither JSON nor multipart"),
    (422, "a field is missing or malformed"), (503, "busy, or the corpus is not available"))}


def newscheck_version() -> str:
    try:
        return package_version("newscheck")
    except PackageNotFoundError:
        return "0+unknown"


def create_app(*, kb, corpus=None, settings: Settings = Settings()) -> FastAPI:
    """The app over an open KnowledgeBase and a corpus (None: only the check page and API work)."""
    runner = CheckRunner(kb, settings.workers, Limits(settings.max_article_chars, settings.max_articles),
                         settings.max_waiting)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(version=newscheck_version(), kb_as_of=kb.as_of, severity_icon=views.SEVERITY_ICON)

    async def lifespan(app):
        runner.start()
        yield
        runner.close()

    app = FastAPI(title="newscheck", version=newscheck_version(), lifespan=lifespan,
                  description="Check news articles for factual errors against a time-aware knowledge base, and"
                              " browse the corpus of checked articles. Errors are `{\"error\": {\"code\","
                              " \"message\"}}`. See docs/web.md.",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.runner, app.state.settings = runner, settings
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def error(request_path: str, status: int, code: str, message: str) -> Response:
        if request_path.startswith("/api/"):
            return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
        body = templates.get_template("error.html").render(status=status, code=code, message=message)
        return HTMLResponse(body, status_code=status)

    def refuse_body(scope) -> Response:
        return error(scope["path"], 413, "too_large", f"the request is over the limit of"
                     f" {settings.max_upload_bytes // MB} MB; upload a smaller file")

    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + 64 * 1024, refuse=refuse_body)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(RequestProblem)
    async def on_problem(request: Request, problem: RequestProblem):
        return error(request.url.path, problem.status, problem.code, problem.message)

    @app.exception_handler(BodyTooLarge)
    async def on_too_large(request: Request, _):
        return refuse_body(request.scope)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        codes = {404: "not_found", 405: "method_not_allowed", 400: "bad_request"}
        message = exc.detail if isinstance(exc.detail, str) else "bad request"
        if exc.status_code == 404:
            message = f"no page at {request.url.path}"
        return error(request.url.path, exc.status_code, codes.get(exc.status_code, "http_error"), message)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError):
        return error(request.url.path, 422, "invalid_request", _validation_line(exc.errors()))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception):  # the traceback goes to the log, never to the user
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error(request.url.path, 500, "internal_error", "something went wrong on the server; it is logged")

    def need_corpus():
        if corpus is None:
            raise RequestProblem(503, "corpus_unavailable", "the corpus store is not available on this server")
        return corpus

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        token = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
        context.update(request=request, csrf=token, has_corpus=corpus is not None,
                       needs_token=settings.token is not None, limits=settings)
        response = templates.TemplateResponse(request, name, context, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    def report_of(results, errors) -> Report:
        from ..batch import ArticleError

        report = Report(version=newscheck_version(), kb_as_of=getattr(kb, "as_of", None),
                        kb_sources=list(getattr(kb, "sources", None) or []))
        for result in results:
            if isinstance(result, ArticleError):
                report.errors.append(result.error)
            else:
                report.articles.append(result)
        report.errors[:0] = errors
        return report

    def require_token(given: str | None) -> None:
        if settings.token is not None and not same_secret(given, settings.token):
            raise RequestProblem(401, "token_required", "adding to the corpus needs this server's token"
                                 " (Authorization: Bearer TOKEN, or the form's token field)")

    # -- the API -------------------------------------------------------------------------------

    async def job_from_request(request: Request, keep: bool = False) -> CheckJob:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/json":
            try:
                body = CheckBody.model_validate_json(await request.body())
            except ValidationError as exc:
                raise RequestProblem(422, "invalid_request", _validation_line(exc.errors())) from None
            return CheckJob(text=body.text, title=body.title, source_text=body.source_text,
                            date=_parse_date(body.published), keep=keep)
        if kind == "multipart/form-data":
            return await job_from_form(request)
        raise RequestProblem(415, "unsupported_media_type",
                             "send application/json ({\"text\": ...}) or multipart/form-data with a file")

    async def job_from_form(request: Request, form=None, keep: bool = False) -> CheckJob:
        if form is None:
            form = await request.form(max_files=1, max_fields=20, max_part_size=settings.max_upload_bytes)
        upload = form.get("file")
        data = filename = None
        if isinstance(upload, UploadFile) and (upload.filename or upload.size):
            data = await upload.read(settings.max_upload_bytes + 1)
            if len(data) > settings.max_upload_bytes:
                raise RequestProblem(413, "too_large", f"{upload.filename} is over the upload limit of"
                                     f" {settings.max_upload_bytes // MB} MB")
            filename = upload.filename or "upload.txt"
            # UTF-8 takes at most 4 bytes a character: a plain text this big is too long for sure, and is
            # refused here rather than after waiting in the queue for a worker to read it
            if filename.lower().endswith(".txt") and len(data) > 4 * settings.max_article_chars:
                raise RequestProblem(413, "article_too_long", f"{filename} is over the limit of"
                                     f" {settings.max_article_chars:,} characters; split it into smaller articles")
        text = _field(form, "text")
        if data is None and not (text or "").strip():
            raise RequestProblem(400, "nothing_to_check", "paste an article's text or choose a file to upload")
        return CheckJob(text=None if data is not None else text, data=data, filename=filename,
                        title=_field(form, "title") or None, source_text=_field(form, "source_text") or None,
                        date=_parse_date(_field(form, "published") or None), keep=keep)

    check_body = {"required": True, "content": {
        "application/json": {"schema": CheckBody.model_json_schema()},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": "a .txt, .html, .jsonl, .parquet, .xml, .rss or .atom file (at most 5 MB)"},
            "text": {"type": "string"}, "title": {"type": "string"},
            "published": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "source_text": {"type": "string"}}}}}}

    @app.post("/api/check", tags=["check"], summary="Check an article; the report as `newscheck check --format json`",
              openapi_extra={"requestBody": check_body},
              responses={200: {"description": "the report", "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/Report"}}}}, **ERRORS})
    async def api_check(request: Request):
        results, errors = await runner.run(await job_from_request(request))
        return JSONResponse(report_of(results, errors).to_dict())

    @app.post("/api/articles", tags=["corpus"], status_code=201, summary="Check an article and keep it in the corpus",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": CheckBody.model_json_schema()}}}},
              responses={201: {"description": "the report and the stored ids"}, **ERRORS})
    async def api_add(request: Request):
        require_token(_bearer(request))
        store = need_corpus()
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            raise RequestProblem(415, "unsupported_media_type", "send the article as application/json")
        results, errors = await runner.run(await job_from_request(request, keep=True))
        report = report_of(results, errors)
        stored = [await _in_thread(store.add_report, r.article, r) for r in report.articles]
        return JSONResponse({"report": report.to_dict(), "stored": stored}, status_code=201)

    def paging(offset: int, limit: int) -> dict:
        if offset < 0 or not 1 <= limit <= 200:
            raise RequestProblem(400, "bad_paging", "offset must be 0 or more and limit from 1 to 200")
        return {"offset": offset, "limit": limit}

    @app.get("/api/articles", tags=["corpus"], responses=ERRORS)
    async def api_articles(request: Request, offset: int = 0, limit: int = 50, story: int | None = None):
        return await _in_thread(need_corpus().articles, **paging(offset, limit), story=story)

    @app.get("/api/articles/{article_id}", tags=["corpus"], responses=ERRORS)
    async def api_article(request: Request, article_id: str):
        return _found(await _in_thread(need_corpus().article, article_id), "article", article_id)

    @app.get("/api/stories", tags=["corpus"], responses=ERRORS)
    async def api_stories(request: Request, offset: int = 0, limit: int = 50, since: str | None = None):
        _parse_date(since)
        return await _in_thread(need_corpus().stories, **paging(offset, limit), since=since)

    @app.get("/api/stories/{story_id}", tags=["corpus"], responses=ERRORS)
    async def api_story(request: Request, story_id: int):
        return _found(await story_of(request, story_id), "story", story_id)

    @app.get("/api/people/{name}", tags=["corpus"], responses=ERRORS,
             summary="A person: KB career, corpus mentions and findings (matched through the KB's aliases)")
    async def api_person(request: Request, name: str):
        return _found(await _in_thread(need_corpus().person, name), "person", name)

    @app.get("/api/findings", tags=["corpus"], responses=ERRORS)
    async def api_findings(request: Request, offset: int = 0, limit: int = 50, code: str | None = None):
        return await _in_thread(need_corpus().findings, **paging(offset, limit), code=code)

    @app.get("/api/search", tags=["corpus"], responses=ERRORS)
    async def api_search(request: Request, q: str, offset: int = 0, limit: int = 50):
        return await _in_thread(need_corpus().search, q, **paging(offset, limit))

    # -- the pages -----------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def check_page(request: Request):
        return page(request, "check.html")

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_form(request: Request):
        form = await request.form(max_files=1, max_fields=20, max_part_size=settings.max_upload_bytes)
        if not same_secret(_field(form, "csrf"), request.cookies.get(CSRF_COOKIE)):
            raise RequestProblem(403, "csrf", "this form has expired or came from another site;"
                                 " reload the check page and send it again")
        keep = _field(form, "keep") == "on"
        if keep:
            require_token(_field(form, "token"))
            need_corpus()
        results, errors = await runner.run(await job_from_form(request, form, keep=keep))
        report = report_of(results, errors)
        stored = [await _in_thread(corpus.add_report, r.article, r) for r in report.articles] if keep else []
        articles = [views.article_view(r.to_dict(), r.article.text, kb) for r in report.articles]
        return page(request, "result.html", report=report, articles=articles, stored=stored)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page(request: Request, offset: int = 0):
        listing = await _in_thread(need_corpus().stories, **paging(offset, settings.page_size))
        return page(request, "stories.html", listing=listing, groups=views.story_groups(listing["items"], _today()),
                    pager=views.pager(listing, offset, settings.page_size))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(request: Request, story_id: str):
        story = _found(await story_of(request, story_id), "story", story_id)
        return page(request, "story.html", story=story, conflicts=[views.conflict_view(c) for c in story["conflicts"]])

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    async def articles_page(request: Request, offset: int = 0, story: int | None = None):
        listing = await _in_thread(need_corpus().articles,
                                   **paging(offset, settings.page_size), story=story)
        return page(request, "articles.html", listing=listing, story=story,
                    pager=views.pager(listing, offset, settings.page_size))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(request: Request, article_id: str):
        stored = _found(await _in_thread(need_corpus().article, article_id), "article", article_id)
        return page(request, "article.html", stored=stored,
                    view=views.article_view(stored, stored.get("text") or "", kb))

    @app.get("/people/{name}", response_class=HTMLResponse, include_in_schema=False)
    async def person_page(request: Request, name: str):
        person = _found(await _in_thread(need_corpus().person, name), "person", name)
        return page(request, "person.html", person=person)

    @app.get("/findings", response_class=HTMLResponse, include_in_schema=False)
    async def findings_page(request: Request, offset: int = 0, code: str | None = None):
        listing = await _in_thread(need_corpus().findings,
                                   **paging(offset, settings.page_size), code=code)
        return page(request, "findings.html", listing=listing, code=code, codes=FINDING_CODES,
                    pager=views.pager(listing, offset, settings.page_size))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(request: Request, q: str = "", offset: int = 0):
        store, listing = need_corpus(), None
        if q.strip():
            listing = await _in_thread(store.search, q, **paging(offset, settings.page_size))
        results = [{**r, "snippet": views.snippet_parts(r.get("snippet") or "")} for r in (listing or {}).get("items", [])]
        return page(request, "search.html", q=q, listing=listing, results=results,
                    pager=views.pager(listing, offset, settings.page_size) if listing else None)

    async def story_of(request: Request, story_id) -> dict | None:
        store = need_corpus()
        if not str(story_id).isdigit():  # story ids are numbers; anything else names no story
            return None
        return await _in_thread(store.story, int(story_id))

    add_report_schema(app)
    return app


def _today() -> str:
    return date.today().isoformat()


async def _in_thread(function, *args, **kwargs):
    """Corpus calls touch a database: off the event loop, so a slow query does not stall other requests."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(function, *args, **kwargs)


def _found(value, what: str, key: str):
    if value is None:
        raise RequestProblem(404, "not_found", f"no {what} {key!r} in the corpus")
    return value


def _field(form, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_day(value)
    except ValueError:
        raise RequestProblem(400, "bad_date", f"{value[:40]!r} is not a date: use YYYY-MM-DD, e.g. 2025-12-04") from None


def _validation_line(errors) -> str:
    """The first validation error as one line: where and what ("body.text: Field required")."""
    if not errors:
        return "the request is not valid"
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "body"
    return f"{where}: {first.get('msg', 'invalid')}"
