"""The REST API: a FastAPI app over the store (``create_app``), served by ``parley serve``.

Needs the ``web`` extra (FastAPI, Uvicorn, Jinja2); importing this package without it
raises ``MissingExtra`` naming the ``pip install`` that fixes it.
"""

from __future__ import annotations

from parley.errors import require

require("fastapi", "web")
require("jinja2", "web")

from parley.api.app import Settings, create_app  # noqa: E402

__all__ = ["Settings", "create_app"]
