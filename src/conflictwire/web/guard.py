"""Who may write, and from where: the workbench's rules for a laptop and for a shared server.

- Bound to a loopback address (the default, 127.0.0.1) with no ``CONFLICTWIRE_TOKEN`` set, the
  workbench accepts writes from the same machine without a token (a request forwarded by a
  reverse proxy, which says so in ``Forwarded``/``X-Forwarded-For``, is not "the same machine").
  Bound to any other address, or with a token set, writes need the token (sent as
  ``Authorization: Bearer TOKEN``); bound elsewhere without one, writing is disabled.
- Only the configured host names are served (DNS rebinding: a web page whose name resolves to
  127.0.0.1 must not read or change a local instance): loopback names, the bound address, and
  the names in ``CONFLICTWIRE_HOSTS`` (comma-separated).
- Every write is checked before its body is read: a browser's ``Origin`` (or
  ``Sec-Fetch-Site: cross-site``) from another site is refused (CSRF), then the token, then the
  declared size (``Content-Length``).
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import socket
from typing import Any
from urllib.parse import urlsplit

from starlette.responses import JSONResponse

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
MAX_WRITE_BYTES = 64 * 1024  # a correction is a small JSON object


def is_loopback(host: str) -> bool:
    if host in ("localhost", "[::1]"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind: str, extra: list[str] | None = None) -> list[str]:
    """Host names the server answers to."""
    names = list(LOOPBACK_NAMES)
    if bind and bind not in ("0.0.0.0", "::", ""):
        names.append(bind)
    elif bind in ("0.0.0.0", "::"):  # every interface: this machine's own names
        host = socket.gethostname()
        names += [host, socket.getfqdn(host)]
    env = os.environ.get("CONFLICTWIRE_HOSTS", "")
    names += [n.strip() for n in env.split(",") if n.strip()]
    names += extra or []
    return sorted(set(names))


class WriteGuard:
    """Decides whether one write request may go on; answers the refusal itself when not."""

    def __init__(self, *, bind: str, token: str | None, upload_limits: dict[str, int]) -> None:
        self.local = is_loopback(bind)
        self.token = token or None
        self.upload_limits = upload_limits  # path -> largest body accepted

    @property
    def writable(self) -> bool:
        return self.local or bool(self.token)

    @property
    def token_required(self) -> bool:
        return not self.local or bool(self.token)

    def refusal(self, method: str, path: str, headers: Any) -> JSONResponse | None:
        if method not in WRITE_METHODS:
            return None
        if not _same_origin(headers):
            return JSONResponse({"error": "cross-site write refused: the request's Origin is not this server"},
                                status_code=403)
        if self.local and not self.token and (headers.get("forwarded") or headers.get("x-forwarded-for")):
            return JSONResponse({"error": "writing through a proxy needs a token: set CONFLICTWIRE_TOKEN"},
                                status_code=403)
        if self.token_required:
            if not self.token:
                return JSONResponse({"error": "writing is disabled: this server listens beyond this machine; "
                                              "start it with CONFLICTWIRE_TOKEN set"}, status_code=403)
            supplied = (headers.get("authorization") or "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(supplied.encode(), self.token.encode()):
                return JSONResponse({"error": "a valid token is required (Authorization: Bearer TOKEN)"},
                                    status_code=401)
        limit = self.upload_limits.get(path, MAX_WRITE_BYTES)
        length = headers.get("content-length")
        if length is None:
            if headers.get("transfer-encoding"):
                return JSONResponse({"error": "Content-Length is required"}, status_code=411)
            return None
        try:
            size = int(length)
        except ValueError:
            return JSONResponse({"error": "bad Content-Length"}, status_code=400)
        if size > limit:
            return JSONResponse({"error": f"request body over {limit // 1024} KB"}, status_code=413)
        return None


def _same_origin(headers: Any) -> bool:
    """A browser's write must come from a page of this very server (scripts send no Origin)."""
    if (headers.get("sec-fetch-site") or "").lower() == "cross-site":
        return False
    origin = headers.get("origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    host = headers.get("host") or ""
    parts = urlsplit(origin)
    return bool(parts.netloc) and parts.netloc.lower() == host.lower() and parts.scheme in ("http", "https")
