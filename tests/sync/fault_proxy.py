#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""fault_proxy.py LISTEN_PORT_FILE TARGET_PORT - a TCP proxy on loopback that
misbehaves on purpose, for the sync fault tests.  It does not see inside TLS;
it drops connections and delays answers:

  FP_DROP   probability (0..1) that a chunk from the server is not delivered
            and both sides are closed (the request may well have been stored)
  FP_SLOW   probability that a chunk from the server is held FP_DELAY seconds
  FP_DELAY  seconds (default 2)

Prints the listening port into LISTEN_PORT_FILE.  Runs until killed."""
import asyncio, os, random, sys

DROP = float(os.environ.get("FP_DROP", "0"))
SLOW = float(os.environ.get("FP_SLOW", "0"))
DELAY = float(os.environ.get("FP_DELAY", "2"))
TARGET = int(sys.argv[2])


async def pipe(reader, writer, faulty, peer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if faulty and random.random() < DROP:
                writer.close()
                peer.close()
                return
            if faulty and random.random() < SLOW:
                await asyncio.sleep(DELAY)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def handle(creader, cwriter):
    try:
        sreader, swriter = await asyncio.open_connection("127.0.0.1", TARGET)
    except OSError:
        cwriter.close()
        return
    await asyncio.gather(pipe(creader, swriter, False, cwriter),
                         pipe(sreader, cwriter, True, swriter))


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(f"{port}\n")
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    async with server:
        await server.serve_forever()

asyncio.run(main())
