"""Fixtures for the ingest unit tests: no test here may resolve a real name or open a socket."""

import socket

import pytest

from factcheck.ingest import safe_fetch


class FakeDns:
    """A getaddrinfo stand-in answering from a table; unknown names fail like NXDOMAIN."""

    def __init__(self) -> None:
        self.table: dict[str, list[list[str]]] = {}
        self.calls: list[str] = []

    def add(self, host: str, *answers: list[str]) -> None:
        """Each answer is the list of addresses returned for one lookup; the last one repeats."""
        self.table[host] = list(answers)

    def __call__(self, host, port, family=0, type=0, proto=0, flags=0):
        self.calls.append(host)
        answers = self.table.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        infos = []
        for address in addresses:
            if ":" in address:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
            else:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
        return infos


@pytest.fixture
def fake_dns(monkeypatch):
    dns = FakeDns()
    monkeypatch.setattr(socket, "getaddrinfo", dns)
    return dns


@pytest.fixture
def connections(monkeypatch):
    """Records every connection attempt and refuses it, so nothing ever leaves the process."""
    attempts: list[tuple] = []

    def refuse(family, sockaddr, timeout):
        attempts.append(sockaddr)
        raise ConnectionRefusedError("test: connections are not allowed")

    monkeypatch.setattr(safe_fetch, "_open_socket", refuse)
    return attempts
