"""The workbench application: routes, pages and the guards every request passes.

Starlette serves server-rendered pages (Jinja2) with a little htmx (vendored under ``static/``, no
build step, no network): a form posts itself on every edit and gets back the findings and the
preview. Every request needs the access token (given once in the printed URL, then kept in an
HttpOnly, SameSite=Strict cookie), must be addressed to this server's own host name (a page on
another site cannot reach it by DNS rebinding), and every write must carry the page's CSRF token in
a header, which another site's page cannot set. A request that fails any check, names a file outside
the case and output folders, or is malformed gets a plain page that says so, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from generator.formats import fi_number
from generator.language import labels
from generator.load.yaml_loader import load_yaml_file
from generator.serve import guided, outputs
from generator.serve.compare import CompareProblem, compare, git_available, save_snapshot, snapshots
from generator.serve.forms import FormRenderer, edits_from_form
from generator.serve.live import Checker, LiveResult
from generator.serve.words import words
from generator.serve.workspace import Conflict, PathRefused, Workspace
from generator.serve.yamledit import EditProblem, apply_edits
from generator.write.html_writer import STYLE

HERE = Path(__file__).resolve().parent
MAX_BODY = 2_000_000
CSRF_HEADER = "x-csrf-token"


@dataclass
class Settings:
    case: Path
    out: Path
    host: str = "127.0.0.1"
    port: int = 8765
    lang: str = "fi"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def cookie(self) -> str:
        return f"kuntasopimus-{self.port}"

    def allowed_hosts(self) -> set[str]:
        return {f"{name}:{self.port}" for name in (self.host, "localhost", "127.0.0.1")}

    def url(self) -> str:
        return f"http://{self.host}:{self.port}/?token={self.token}"


class Refused(Exception):
    """A request the guards refuse: (HTTP status, word key, parameters)."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def _same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode("utf-8", "replace"), b.encode("utf-8"))


class Guard(BaseHTTPMiddleware):
    """Host, token and CSRF checks before any route runs (see the module docstring)."""

    def __init__(self, app: Any, settings: Settings, page: Any) -> None:
        super().__init__(app)
        self.settings = settings
        self.page = page

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        s = self.settings
        try:
            if request.headers.get("host", "") not in s.allowed_hosts():
                raise Refused(400, "host", host=f"{s.host}:{s.port}")
            if request.url.path.startswith("/static/"):
                return await call_next(request)
            token = request.query_params.get("token")
            if token is not None:
                if not _same(token, s.token):
                    raise Refused(403, "token")
                target = request.url.path + (
                    "?" + "&".join(f"{k}={v}" for k, v in request.query_params.items() if k != "token")
                    if len(request.query_params) > 1
                    else ""
                )
                response: Response = RedirectResponse(target, status_code=303)
                response.set_cookie(s.cookie, s.token, httponly=True, samesite="strict", path="/")
                return response
            if not _same(request.cookies.get(s.cookie), s.token):
                raise Refused(403, "token")
            if request.method not in ("GET", "HEAD"):
                origin = request.headers.get("origin")
                if origin is not None and origin.removeprefix("http://") not in s.allowed_hosts():
                    raise Refused(403, "csrf")
                if not _same(request.headers.get(CSRF_HEADER), s.csrf):
                    raise Refused(403, "csrf")
                length = request.headers.get("content-length")
                if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                    raise Refused(413, "too_large")
        except Refused as refused:
            return self.page(request, refused.status, refused.key, refused.params)
        return await call_next(request)


def create_app(settings: Settings) -> Starlette:
    ws = Workspace.open(settings.case, settings.out)
    checker = Checker(ws, settings.lang)
    w = words(settings.lang)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    env.globals.update(w=w, csrf=settings.csrf, lang=settings.lang, preview_style=Markup(STYLE))
    env.filters["number"] = fi_number
    save_lock = threading.Lock()

    def html(template: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("files", ws.files())
        context.setdefault("case_title", _case_title(ws))
        return HTMLResponse(env.get_template(template).render(**context), status_code=status)

    def page(request: Request, status: int, key: str, params: dict[str, Any]) -> HTMLResponse:
        message = w[key].format(**params)
        if request.headers.get("hx-request"):
            return HTMLResponse(Markup('<p class="problem" role="alert">{}</p>').format(message), status_code=status)
        return html("error.html", status, message=message, files=[], case_title="")

    async def form_of(request: Request) -> FormData:
        try:
            return await request.form(max_files=0, max_fields=5000)
        except Exception as exc:  # noqa: BLE001 - a malformed body is the client's error
            raise Refused(400, "bad_request", what=type(exc).__name__) from None

    def fields(form: FormData) -> dict[str, str]:
        return {k: v for k, v in form.items() if isinstance(v, str)}

    def draft_text(name: str, form: dict[str, str]) -> str:
        """The file's text as the page has it: the raw text, or the file with the form's values."""
        if form.get("view") == "raw":
            return form.get("text", "")
        text, _ = ws.read(name)
        loaded, _ = load_yaml_file(ws.case_dir / name, name, text.encode("utf-8"))
        if loaded is None:
            return text
        return apply_edits(text, edits_from_form(form, loaded.data, name), loaded.data)

    def live_context(result: LiveResult, name: str | None, doc: str | None) -> dict[str, Any]:
        return {
            "result": result,
            "name": name,
            "doc": doc,
            "field_findings": json.dumps(result.field_findings(name) if name else [], ensure_ascii=False),
        }

    # --- pages ---------------------------------------------------------------------------------------

    async def overview(request: Request) -> Response:
        if not ws.has_case:
            return RedirectResponse("/new", status_code=303)
        result = await run_in_threadpool(checker.check, None, "")
        raw = _raw_overview(ws)
        steps: dict[str, str] = {}
        if result.case is not None:
            steps = dict(labels(result.case.language).get("deck", {}).get("timeline", {}))
        own = {m.get("id") for m in raw["municipalities"]}
        return html("overview.html", result=result, case=result.case, raw=raw, steps=steps, own=own)

    async def file_page(request: Request) -> Response:
        name = request.path_params["name"]
        text, base = ws.read(name)
        view = "raw" if request.query_params.get("view") == "raw" else "form"
        loaded, _ = load_yaml_file(ws.case_dir / name, name, text.encode("utf-8"))
        form = None
        if view == "form" and loaded is not None:
            form = FormRenderer(name, settings.lang).render(loaded.data)
        else:
            view = "raw"
        doc = request.query_params.get("doc")
        result = await run_in_threadpool(checker.check, None, doc)
        return html("file.html", text=text, base=base, view=view, form=form, **live_context(result, name, doc))

    async def check(request: Request) -> Response:
        name = request.path_params["name"]
        ws.existing_case_file(name)
        form = fields(await form_of(request))
        doc = form.get("doc") or None
        try:
            text = await run_in_threadpool(draft_text, name, form)
        except EditProblem as problem:
            return html("edit_problem.html", reason=str(problem))
        result = await run_in_threadpool(checker.check, {name: text}, doc)
        _, current = ws.read(name)
        stale = bool(form.get("base")) and form.get("base") != current
        return html("live.html", stale=stale, **live_context(result, name, doc))

    async def save(request: Request) -> Response:
        name = request.path_params["name"]
        ws.existing_case_file(name)
        form = fields(await form_of(request))
        try:
            text = await run_in_threadpool(draft_text, name, form)
        except EditProblem as problem:
            return html("edit_problem.html", 422, reason=str(problem))
        try:
            with save_lock:
                new_base = ws.save(name, text, form.get("base", ""))
        except Conflict:
            return html("save_status.html", 409, conflict=True, base=None)
        return html("save_status.html", conflict=False, base=new_base, time=dt.datetime.now().strftime("%H.%M.%S"))

    async def build_page(request: Request) -> Response:
        return html("build.html", pdf_available=outputs.pdf_available(), out=str(ws.out_dir))

    async def build(request: Request) -> Response:
        form = fields(await form_of(request))
        outcome = await run_in_threadpool(
            outputs.build_outputs, ws, form.get("pdf") == "on", form.get("force") == "on", settings.lang
        )
        return html("build_result.html", outcome=outcome, out=str(ws.out_dir))

    async def download_zip(request: Request) -> Response:
        data = await run_in_threadpool(outputs.zip_outputs, ws)
        if data is None:
            raise Refused(404, "not_found", what="outputs.zip")
        name = f"{ws.case_dir.name}.zip"
        return Response(
            data, media_type="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )

    async def out_file(request: Request) -> Response:
        path = ws.out_file(request.path_params["path"])
        return Response(
            path.read_bytes(),
            media_type=outputs.media_type(path),
            headers={"Content-Disposition": f'attachment; filename="{path.name}"'},
        )

    async def compare_page(request: Request) -> Response:
        return html("compare.html", git=git_available(ws), snapshots=snapshots(ws))

    async def compare_run(request: Request) -> Response:
        form = fields(await form_of(request))
        try:
            outcome = await run_in_threadpool(
                compare, ws, form.get("against", ""), form.get("revision", ""), form.get("snapshot", "")
            )
        except CompareProblem as problem:
            return html("compare_result.html", problem=str(problem), outcome=None)
        return html("compare_result.html", problem="", outcome=outcome)

    async def snapshot(request: Request) -> Response:
        name = await run_in_threadpool(save_snapshot, ws)
        return HTMLResponse(Markup('<p class="ok">{}</p>').format(w["snapshot_saved"].format(name=name)))

    async def new_page(request: Request) -> Response:
        return html("new.html", exists=ws.has_case, choices=guided.choices(settings.lang))

    async def new_case(request: Request) -> Response:
        if ws.has_case:
            return html("new_result.html", 409, problem=w["new_exists"])
        form = fields(await form_of(request))
        try:
            await run_in_threadpool(guided.write_case, ws, form)
        except guided.AnswerProblem as problem:
            return html("new_result.html", 422, problem=w["new_invalid"].format(reason=problem))
        return html("new_result.html", problem="")

    async def preview_page(request: Request) -> Response:
        doc = request.query_params.get("doc")
        result = await run_in_threadpool(checker.check, None, doc)
        return html("preview.html", **live_context(result, None, doc))

    # --- errors: a page that says what went wrong, never a traceback ------------------------------------

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        return page(request, exc.status, exc.key, exc.params)

    async def path_refused(request: Request, exc: Exception) -> Response:
        return page(request, 404, "not_found", {"what": str(exc)})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return page(request, 404, "not_found", {"what": request.url.path})
        return page(request, exc.status_code, "bad_request", {"what": exc.detail})

    async def internal(request: Request, exc: Exception) -> Response:
        return page(request, 500, "internal", {"kind": type(exc).__name__})

    routes = [
        Route("/", overview),
        Route("/file/{name}", file_page),
        Route("/check/{name}", check, methods=["POST"]),
        Route("/save/{name}", save, methods=["POST"]),
        Route("/preview", preview_page),
        Route("/build", build_page),
        Route("/build", build, methods=["POST"]),
        Route("/download/outputs.zip", download_zip),
        Route("/out/{path:path}", out_file),
        Route("/compare", compare_page),
        Route("/compare", compare_run, methods=["POST"]),
        Route("/snapshot", snapshot, methods=["POST"]),
        Route("/new", new_page),
        Route("/new", new_case, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(Guard, settings=settings, page=page)],
        exception_handlers={
            Refused: refused,
            PathRefused: path_refused,
            HTTPException: http_error,
            Exception: internal,
        },
    )


def _case_title(ws: Workspace) -> str:
    if not ws.has_case:
        return ""
    loaded, _ = load_yaml_file(ws.case_dir / "case.yaml", "case.yaml")
    title = loaded.data.get("title") if loaded is not None and isinstance(loaded.data, dict) else None
    if isinstance(title, dict):
        title = next(iter(title.values()), "")
    return str(title or ws.case_dir.name)


def _raw_overview(ws: Workspace) -> dict[str, Any]:
    """What the overview can show when the model cannot be built: the files as they read."""
    loaded, _ = load_yaml_file(ws.case_dir / "municipalities.yaml", "municipalities.yaml")
    data = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
    entries = data.get("municipalities")
    entries = entries if isinstance(entries, list) else []
    return {"municipalities": [m for m in entries if isinstance(m, dict)]}
