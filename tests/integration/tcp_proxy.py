"""A loopback TCP proxy a test starts, stops and hangs, to make a broker unreachable without touching the broker.

The machine's RabbitMQ is shared: no test may stop or restart it. Clients that reach it through this proxy see
what a broker outage looks like from their side, and nothing else is affected:

* ``stop()``: the listening socket closes and every proxied connection is cut, so connecting is refused (a
  broker that is down, or restarting);
* ``hang()``: connections are accepted and then never answered (a broker host that is overloaded, or a network
  that drops packets), which is what timeouts are for;
* ``start()``: forwarding again on the same port.
"""
from __future__ import annotations

import socket
import threading


class TcpProxy:
    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = 0
        self.hanging = False
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def address(self) -> tuple[str, int]:
        return "127.0.0.1", self.port

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.hanging = False
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut the open ones."""
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() blocked in the other thread (Linux)
            except OSError:
                pass
            listener.close()
        self._cut_all()

    def hang(self) -> None:
        """Accept connections but never forward a byte; the open ones are cut."""
        self.hanging = True
        self._cut_all()

    def _cut_all(self) -> None:
        with self._lock:
            for sock in self._open:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self._open.clear()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.add(sock)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed by stop()
                return
            if self._listener is not listener:  # stopped while this connection was being accepted
                client.close()
                return
            self._track(client)
            if self.hanging:
                continue  # held open, never answered
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            self._track(server)
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
