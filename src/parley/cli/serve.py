"""``parley serve``: the REST API and the analysts' pages on Uvicorn."""

from __future__ import annotations

import ipaddress
import logging

import click

from parley.cli import main
from parley.cli.common import db_option, handle_errors

log = logging.getLogger("parley")

# Host headers accepted when serving on a loopback address (DNS rebinding protection).
LOCAL_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@main.command()
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default accepts connections from this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", envvar="PARLEY_TOKEN", show_envvar=True, default=None,
              help="Turn on the write endpoints (analyse, upload, delete) for requests carrying "
                   "`Authorization: Bearer TOKEN`. Without it the server is read-only.")
@click.option("--max-request-mb", type=click.FloatRange(min=0.01), default=8.0, show_default=True,
              help="Largest request body accepted (uploads included), in MiB.")
@handle_errors
def serve(db: str | None, host: str, port: int, token: str | None, max_request_mb: float) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard, network, reader, search and analyse pages."""
    from parley.errors import require

    uvicorn = require("uvicorn", "web")
    from parley.api import create_app

    if token is not None and len(token) < 12:
        raise click.BadParameter("use a token of at least 12 characters", param_hint="--token")
    loopback = _is_loopback(host)
    if not loopback:
        log.warning("listening on %s: anyone who can reach this address can read the store", host)
    app = create_app(
        db=db, token=token, max_request_bytes=int(max_request_mb * 1024 * 1024),
        allowed_hosts=LOCAL_NAMES if loopback else None, warm_state=True,
    )
    click.echo(f"parley: serving {app.state.store!r} on http://{host}:{port}/ "
               f"({'writes on, token required' if token else 'read-only'}); API docs at /docs", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
