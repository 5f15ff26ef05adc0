"""`sopgen serve`: a real preview server on 127.0.0.1, rebuilt when files change."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from sopgen.serve import VERSION_PATH, PreviewServer, is_loopback

WAIT_SECONDS = 20


def get(server: PreviewServer, path: str = "", host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(server.url + path.lstrip("/"), headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def build_state(server: PreviewServer) -> dict:
    return json.loads(get(server, VERSION_PATH)[1])


def wait_for_build_after(server: PreviewServer, number: int) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        state = build_state(server)
        if state["build"] > number:
            return state
        time.sleep(0.05)
    raise AssertionError(f"no build after {number} within {WAIT_SECONDS}s")


@pytest.fixture
def serve(make_project, monkeypatch):
    """Factory: a project served on an ephemeral port, stopped after the test."""
    servers = []

    def start(sops=None):
        root = make_project(sops)
        monkeypatch.chdir(root)  # problems name files relative to here, as the CLI would
        server = PreviewServer(root, "127.0.0.1", 0, poll=0.05).start()
        servers.append(server)
        return root, server

    yield start
    for server in servers:
        server.stop()


def test_the_site_is_served_from_a_temporary_folder_with_the_reload_script(serve):
    root, server = serve()
    status, page = get(server)
    assert status == 200
    assert "Guest Journey Service Standards" in page
    assert f'fetch("{VERSION_PATH}"' in page and "var built = 1;" in page
    assert get(server, "door-welcome-arrivals.html")[0] == 200
    assert get(server, "site.css")[0] == 200
    assert build_state(server) == {"build": 1, "ok": True}
    assert not (root / "build").exists()
    assert server.folder.is_dir() and not server.folder.is_relative_to(root)


def test_saving_an_sop_rebuilds_the_site_and_changes_the_build_number(serve, VALID_SOP):
    root, server = serve()
    (root / "sops/door/welcome-arrivals.yaml").write_text(
        VALID_SOP.replace("title: Welcoming arriving guests", "title: Welcoming every arriving guest"))
    state = wait_for_build_after(server, 1)
    assert state == {"build": 2, "ok": True}
    page = get(server, "door-welcome-arrivals.html")[1]
    assert "Welcoming every arriving guest" in page and "var built = 2;" in page


def test_an_invalid_sop_shows_its_problems_instead_of_the_site_until_it_is_fixed(serve, VALID_SOP):
    root, server = serve()
    sop = root / "sops/door/welcome-arrivals.yaml"
    sop.write_text(VALID_SOP.replace("status: approved", "status: <script>bad()</script>"))
    assert wait_for_build_after(server, 1) == {"build": 2, "ok": False}
    for path in ("", "index.html", "door-welcome-arrivals.html"):
        status, page = get(server, path)
        assert status == 200
        assert 'id="sopgen-problems"' in page
        assert "sops/door/welcome-arrivals.yaml:5:9" in page and "SOP010" in page
        assert "&lt;script&gt;bad()&lt;/script&gt;" in page and "<script>bad()" not in page
        assert "var built = 2;" in page
    sop.write_text(VALID_SOP)
    assert wait_for_build_after(server, 2) == {"build": 3, "ok": True}
    assert 'id="sopgen-problems"' not in get(server)[1]


def test_wording_findings_are_listed_above_a_site_that_builds(serve, VALID_SOP):
    _, server = serve({"door/welcome-arrivals.yaml": VALID_SOP.replace("Watch the approach",
                                                                       "Always watch the approach")})
    page = get(server, "door-welcome-arrivals.html")[1]
    assert 'id="sopgen-problems"' in page
    assert "sops/door/welcome-arrivals.yaml:15:9</code>: SOP105 warning" in page
    assert "Welcoming arriving guests" in page


def test_requests_for_another_host_name_are_refused(serve):
    _, server = serve()
    assert get(server, host="attacker.example")[0] == 403
    assert get(server, host="localhost:8000")[0] == 200


def test_stopping_closes_the_port_ends_the_threads_and_removes_the_folder(make_project):
    server = PreviewServer(make_project(), "127.0.0.1", 0, poll=0.05).start()
    url, folder, threads = server.url, server.folder, list(server._threads)
    server.stop()
    assert not folder.exists()
    assert not any(thread.is_alive() for thread in threads)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=2)


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("[::1]", True), ("127.0.0.2", True), ("0.0.0.0", False),
                                            ("192.168.1.10", False), ("example.com", False), ("::", False)])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_the_command_refuses_a_remote_host_without_allow_remote(make_project, run_cli):
    code, out, err = run_cli(["serve", "--host", "0.0.0.0"], cwd=make_project())
    assert code == 2
    assert "--allow-remote" in err and out == ""


def test_a_nul_in_the_path_is_a_bad_request_not_a_traceback(serve, capsys):
    root, server = serve()

    assert get(server, "/%00")[0] == 400
    assert get(server, "/%00.html")[0] == 400
    assert get(server, "/")[0] == 200
    assert "Traceback" not in capsys.readouterr().err


def test_an_idle_connection_is_closed_and_a_burst_of_connections_is_queued(serve, monkeypatch):
    import socket

    from sopgen import serve as serve_module

    monkeypatch.setattr(serve_module, "IDLE_SECONDS", 0.5)
    root, server = serve()
    host, port = server.httpd.server_address[:2]

    with socket.create_connection((host, port), timeout=10) as idle:
        assert idle.recv(1) == b""   # closed by the server, rather than holding a thread for ever
    assert server.httpd.request_queue_size >= 128
