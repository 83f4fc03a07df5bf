"""A TCP proxy for network fault tests: forwards 127.0.0.1:<ephemeral> to a server and can
freeze (stop forwarding both ways, every socket left open: a silent network), cut (close
every connection and refuse new ones) and thaw (forward again).

Threads, one listener and two pumps per connection, so it runs beside synchronous code
under test. A trigger can freeze or cut the line at an exact point: as soon as a chunk
containing some bytes (a statement's text, say) has been forwarded upstream.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from types import TracebackType

_POLL_S = 0.05  # how often a pump looks at the state while it waits


class FaultProxy:
    """``with FaultProxy(5432) as proxy:`` then connect to ``127.0.0.1:proxy.port``."""

    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self._upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._state = threading.Condition()
        self._frozen = False
        self._cut = False
        self._closed = False
        self._trigger: tuple[bytes, str] | None = None
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self.connections = 0  # accepted so far
        self.upstream_bytes = 0  # forwarded client -> server so far
        self.fired = threading.Event()  # a trigger has frozen or cut the line

    # --- control -------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._spawn(self._accept_loop)
        return self

    def freeze(self) -> None:
        """Stop forwarding in both directions; every socket stays open."""
        with self._state:
            self._frozen = True

    def thaw(self) -> None:
        """Forward again (after a freeze or a cut); new connections are served."""
        with self._state:
            self._frozen = self._cut = False
            self._state.notify_all()

    def cut(self) -> None:
        """Close every connection now, and refuse new ones until :meth:`thaw`."""
        with self._state:
            self._cut = True
            doomed, self._sockets = self._sockets, []
            self._state.notify_all()
        for sock in doomed:
            _close(sock)

    def freeze_after(self, marker: bytes) -> None:
        """Freeze as soon as a chunk containing ``marker`` has been forwarded upstream."""
        with self._state:
            self._trigger = (marker, "freeze")
            self.fired.clear()

    def cut_after(self, marker: bytes) -> None:
        """Cut as soon as a chunk containing ``marker`` has been forwarded upstream."""
        with self._state:
            self._trigger = (marker, "cut")
            self.fired.clear()

    def close(self) -> None:
        with self._state:
            self._closed = True
            self._frozen = False
            self._state.notify_all()
        _close(self._listener)
        self.cut()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, _t: type[BaseException] | None, _e: BaseException | None,
                 _tb: TracebackType | None) -> None:
        self.close()

    # --- the threads ---------------------------------------------------------------
    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True,  # type: ignore[arg-type]
                                  name=f"fault-proxy-{self.port}")
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                ready, _, _ = select.select([self._listener], [], [], _POLL_S)
                if not ready:
                    continue
                client, _addr = self._listener.accept()
            except (OSError, ValueError):
                return  # the listener was closed
            with self._state:
                refuse = self._cut or self._closed
            if refuse:
                _close(client)
                continue
            try:
                server = socket.create_connection(self._upstream, timeout=5)
            except OSError:
                _close(client)
                continue
            server.settimeout(None)
            with self._state:
                self._sockets += [client, server]
                self.connections += 1
            self._spawn(self._pump, client, server, True)
            self._spawn(self._pump, server, client, False)

    def _wait_while_frozen(self) -> bool:
        """Block while frozen; False once the proxy is closed or the line cut."""
        with self._state:
            while self._frozen and not (self._closed or self._cut):
                self._state.wait(_POLL_S)
            return not (self._closed or self._cut)

    def _pump(self, src: socket.socket, dst: socket.socket, upstream: bool) -> None:
        try:
            while self._wait_while_frozen():
                ready, _, _ = select.select([src], [], [], _POLL_S)
                if not ready:
                    continue
                with self._state:
                    if self._frozen:
                        continue  # froze meanwhile: leave the bytes unread
                data = src.recv(65536)
                if not data:
                    break
                # Bytes read just before a freeze are still delivered, as a network
                # would deliver what was already on the wire.
                dst.sendall(data)
                if upstream:
                    self._forwarded(data)
        except (OSError, ValueError):  # closed under us by cut() or close()
            pass
        finally:
            _close(src)
            _close(dst)

    def _forwarded(self, data: bytes) -> None:
        with self._state:
            self.upstream_bytes += len(data)
            trigger = self._trigger
            if trigger is None or trigger[0] not in data:
                return
            self._trigger = None
            action = trigger[1]
            if action == "freeze":
                self._frozen = True
        if action == "cut":
            self.cut()
        self.fired.set()


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
