"""The asyncio network backend under httpcore: errors keep their cause, dead keep-alives show."""

from __future__ import annotations

import asyncio
import time

import httpcore
import pytest
from support import free_port

from scripts.links.netio import AsyncioBackend


def test_refused_connection_is_a_connect_error_caused_by_the_refusal():
    async def connect():
        await AsyncioBackend().connect_tcp("127.0.0.1", free_port(), timeout=2)

    with pytest.raises(httpcore.ConnectError) as raised:
        asyncio.run(connect())
    assert isinstance(raised.value.__cause__, ConnectionRefusedError)


def test_silent_server_is_a_read_timeout():
    async def read_from_silent_server():
        done = asyncio.Event()

        async def serve(reader, writer):  # says nothing until the client gave up
            await done.wait()
            writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
        try:
            await stream.read(100, timeout=0.1)
        finally:
            await stream.aclose()
            done.set()
            server.close()
            await server.wait_closed()

    with pytest.raises(httpcore.ReadTimeout):
        asyncio.run(read_from_silent_server())


def test_idle_connection_the_server_closed_is_readable_so_never_reused():
    async def states() -> tuple[bool, bool]:
        hang_up = asyncio.Event()

        async def serve(reader, writer):
            await hang_up.wait()
            writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
        open_state = stream.get_extra_info("is_readable")
        hang_up.set()
        deadline = time.monotonic() + 30  # until the close arrives, however loaded the machine
        while not stream.get_extra_info("is_readable") and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        closed_state = stream.get_extra_info("is_readable")
        await stream.aclose()
        server.close()
        await server.wait_closed()
        return open_state, closed_state

    assert asyncio.run(states()) == (False, True)


@pytest.fixture(scope="module")
def trusted_tls(tmp_path_factory):
    """A local CA and an HTTPS server whose certificate it signed for 127.0.0.1 (openssl CLI)."""
    import http.server
    import shutil
    import ssl
    import subprocess
    import threading

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("ca")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Test CA",
            "-keyout", "ca.key", "-out", "ca.pem")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "server.key", "-out", "server.csr")
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "1", "-extfile", "san.ext", "-out", "server.pem")

    class Page(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 - name fixed by the base class
            body = b"<title>secure</title>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem", folder / "server.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda request, address: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = ssl.create_default_context(cafile=str(folder / "ca.pem"))
    yield f"https://127.0.0.1:{server.server_address[1]}/page", client
    server.shutdown()
    server.server_close()


def test_https_through_the_backend_verifies_and_reuses_the_connection(trusted_tls):
    url, tls = trusted_tls

    async def fetch_twice() -> list[tuple[int, bytes, str]]:
        pool = httpcore.AsyncConnectionPool(ssl_context=tls, network_backend=AsyncioBackend())
        async with pool:
            answers = []
            for _ in range(2):
                response = await pool.request("GET", url)
                version = response.extensions["network_stream"].get_extra_info(
                    "ssl_object").version()
                answers.append((response.status, response.content, version))
            assert len(pool.connections) == 1  # the second GET reused the first's connection
            return answers

    answers = asyncio.run(fetch_twice())
    assert [(status, body) for status, body, _ in answers] == [(200, b"<title>secure</title>")] * 2
    assert all(version.startswith("TLS") for _, _, version in answers)
