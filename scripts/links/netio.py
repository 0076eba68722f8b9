"""An httpcore network backend on plain asyncio streams.

httpcore's default backend goes through anyio: a task group for every connect (happy eyeballs)
and a cancel scope for every read and write. Measured on 150 links, that was the largest single
share of the checker's CPU time; asyncio's own streams and timeouts do the same work for less.
Errors are raised as httpcore's, chained to the OS error, as the anyio backend does.
"""

from __future__ import annotations

import asyncio
import select
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore


def has_input(sock) -> bool:
    """Would a read return at once (data or the end)? A socket without a descriptor would."""
    descriptor = -1 if sock is None else sock.fileno()
    if descriptor < 0:
        return True
    if not hasattr(select, "poll"):  # Windows
        return bool(select.select([descriptor], [], [], 0)[0])
    poller = select.poll()
    poller.register(descriptor, select.POLLIN)
    return bool(poller.poll(0))


class Mapped:
    """`timeout` seconds for the block; timeouts and OS errors leave it as httpcore's errors."""

    def __init__(self, timeout: float | None, on_timeout: type[Exception],
                 on_error: type[Exception]):
        self.limit = asyncio.timeout(timeout)
        self.on_timeout, self.on_error = on_timeout, on_error

    async def __aenter__(self) -> None:
        await self.limit.__aenter__()

    async def __aexit__(self, kind, error, traceback) -> None:
        try:
            await self.limit.__aexit__(kind, error, traceback)
        except TimeoutError as timeout:
            raise self.on_timeout("timed out") from timeout
        if isinstance(error, OSError | EOFError):  # ssl.SSLError is an OSError
            raise self.on_error(str(error) or type(error).__name__) from error


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        async with Mapped(timeout, httpcore.ReadTimeout, httpcore.ReadError):
            return await self.reader.read(max_bytes)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        async with Mapped(timeout, httpcore.WriteTimeout, httpcore.WriteError):
            self.writer.write(buffer)
            await self.writer.drain()

    async def aclose(self) -> None:
        # At once, as anyio's backend does for httpcore: no wait for the peer's TLS goodbye.
        self.writer.transport.abort()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> AsyncioStream:
        try:
            async with Mapped(timeout, httpcore.ConnectTimeout, httpcore.ConnectError):
                await self.writer.start_tls(ssl_context, server_hostname=server_hostname)
        except httpcore.ConnectError:
            await self.aclose()
            raise
        return self

    def get_extra_info(self, info: str) -> Any:
        names = {"ssl_object": "ssl_object", "client_addr": "sockname",
                 "server_addr": "peername", "socket": "socket"}
        if info in names:
            return self.writer.get_extra_info(names[info])
        if info == "is_readable":  # an idle keep-alive connection the server closed or wrote to
            gone = self.reader.at_eof() or self.reader.exception() is not None
            return gone or self.writer.transport.is_closing() or has_input(
                self.writer.get_extra_info("socket"))
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[tuple] | None = None) -> AsyncioStream:
        local = (local_address, 0) if local_address else None
        async with Mapped(timeout, httpcore.ConnectTimeout, httpcore.ConnectError):
            # Happy eyeballs as anyio's: a blackholed IPv6 address must not eat the timeout.
            reader, writer = await asyncio.open_connection(
                host, port, local_addr=local, happy_eyeballs_delay=0.25)
        for option in socket_options or ():
            writer.get_extra_info("socket").setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[tuple] | None = None) -> AsyncioStream:
        async with Mapped(timeout, httpcore.ConnectTimeout, httpcore.ConnectError):
            reader, writer = await asyncio.open_unix_connection(path)
        return AsyncioStream(reader, writer)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
