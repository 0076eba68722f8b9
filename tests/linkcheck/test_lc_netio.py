"""The asyncio network backend under httpcore: errors keep their cause, dead keep-alives show."""

from __future__ import annotations

import asyncio
import socket

import httpcore
import pytest
from linkhealth.netio import AsyncioBackend


def closed_port() -> int:
    with socket.socket() as sock:  # bind, then close: nothing listens on that port any more
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_refused_connection_is_a_connect_error_caused_by_the_refusal():
    async def connect():
        await AsyncioBackend().connect_tcp("127.0.0.1", closed_port(), timeout=2)

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
        for _ in range(100):  # until the close arrives
            if stream.get_extra_info("is_readable"):
                break
            await asyncio.sleep(0.01)
        closed_state = stream.get_extra_info("is_readable")
        await stream.aclose()
        server.close()
        await server.wait_closed()
        return open_state, closed_state

    assert asyncio.run(states()) == (False, True)
