"""Where templates and schemas are found.

Authors edit ``templates/`` and ``schema/`` at the top of the repository; the wheel carries copies
under ``generator/_data``. Looking in the package first makes an installed command independent of
the working directory, and falling back to the checkout lets tests run without installing.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _CHECKOUT / name


def templates_dir() -> Path:
    return _data_dir("templates")


def schema_dir() -> Path:
    return _data_dir("schema")
