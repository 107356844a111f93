"""The app makes no network request and its server settings keep it local."""
from __future__ import annotations

import ipaddress
import socket
import tomllib

import pytest
from app_helpers import ROOT, goto, open_app


def nav_pages() -> list[str]:
    """The pages the navigation lists in this build (as app.py decides)."""
    from app_pages.common import available

    optional = {"compliance": ("standards", "check"), "programme": ("standards", "programme"),
                "equipment": ("equipment", "procurement_list"), "exports": ("exports", "dxf_bytes")}
    return ["centre", "plan"] + [p for p, (mod, name) in optional.items() if available(mod, name)]


def _loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return True  # unix sockets
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: resolving it would itself be a network request


@pytest.fixture
def no_network(monkeypatch):
    attempts: list = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address):
            attempts.append(address)
            raise OSError(f"network access refused in tests: {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address):
            attempts.append(address)
            return 111
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _loopback((host,)):
            attempts.append(host)
            raise socket.gaierror(f"name resolution refused in tests: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_every_page_works_without_network_and_tries_none(no_network):
    for lang in ("en", "fr"):
        at = open_app(lang=lang)
        for page in nav_pages():
            goto(at, page)
            assert not at.exception
    assert no_network == []


def test_the_guard_does_refuse_a_remote_connection(no_network):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(OSError, match="network access refused"):
        s.connect(("93.184.216.34", 80))
    s.close()
    assert no_network == [("93.184.216.34", 80)]


def test_server_config_keeps_the_app_local():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["address"] == "127.0.0.1"
    assert cfg["server"]["headless"] is True
    assert cfg["server"]["showEmailPrompt"] is False
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["browser"]["serverAddress"] == "127.0.0.1"
    assert 1 <= cfg["server"]["maxUploadSize"] <= 50  # MB
    assert cfg["client"]["showErrorDetails"] in ("none", "type")  # never a traceback
