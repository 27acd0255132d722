"""Running the workbench: uvicorn on 127.0.0.1 only, and the address with its token printed once."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from generator.serve.app import Settings, create_app

HOST = "127.0.0.1"


def _free_port(port: int) -> int:
    """``port`` itself, or (for 0) a free port the system picks."""
    if port:
        return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def run(case: Path, out: Path, port: int, lang: str) -> int:
    """Serve until interrupted (Ctrl+C); the exit code for the command."""
    import uvicorn

    settings = Settings(case=case, out=out, host=HOST, port=_free_port(port), lang=lang)
    app = create_app(settings)
    print(
        ("Muokain käynnissä. Avaa selaimessa:" if lang == "fi" else "The editor is running. Open in a browser:")
        + f"\n\n    {settings.url()}\n",
        flush=True,
    )
    config = uvicorn.Config(app, host=HOST, port=settings.port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    try:
        server.run()
    except OSError as exc:  # the port is taken
        print(f"kuntasopimus serve: {HOST}:{settings.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0
