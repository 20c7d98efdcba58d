#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""fault_proxy.py LISTEN_PORT_FILE TARGET_PORT - a TCP proxy on loopback that
misbehaves on purpose, for the sync fault tests.  It does not see inside TLS;
it drops connections and delays answers:

  FP_DROP   probability (0..1) that a chunk from the server is not delivered
            and both sides are closed (the request may well have been stored)
  FP_SLOW   probability that a chunk from the server is held FP_DELAY seconds
  FP_DELAY  seconds (default 2)
  FP_CUT    seconds: every connection is cut this long after it opened (a
            line that drops every few seconds), whatever it is doing
  FP_RESET  probability (0..1) that a cut is a TCP reset rather than a close
  FP_RATE   bytes per second from the client, per connection (0 = no limit):
            slows an upload down so it can be interrupted mid-file
  FP_STATS  a file rewritten with "up_bytes cuts connections stalls" (bytes
            passed from the clients to the server, connections cut by FP_CUT
            or FP_DROP, connections opened, answers held by FP_SLOW)

Prints the listening port into LISTEN_PORT_FILE.  Runs until killed."""
import asyncio, os, random, socket, struct, sys, time

DROP = float(os.environ.get("FP_DROP", "0"))
SLOW = float(os.environ.get("FP_SLOW", "0"))
DELAY = float(os.environ.get("FP_DELAY", "2"))
CUT = float(os.environ.get("FP_CUT", "0"))
RESET = float(os.environ.get("FP_RESET", "0"))
RATE = float(os.environ.get("FP_RATE", "0"))
STATS = os.environ.get("FP_STATS", "")
TARGET = int(sys.argv[2])
stats = {"up": 0, "cuts": 0, "conns": 0, "stalls": 0}


def save_stats():
    if STATS:
        with open(STATS + ".tmp", "w") as f:
            f.write(f"{stats['up']} {stats['cuts']} {stats['conns']}"
                    f" {stats['stalls']}\n")
        os.replace(STATS + ".tmp", STATS)


def hard_close(writer, reset):
    if reset:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                struct.pack("ii", 1, 0))
            except OSError:
                pass
    writer.close()


async def pipe(reader, writer, faulty, peer, up):
    start = time.monotonic()
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if faulty and random.random() < DROP:
                stats["cuts"] += 1
                save_stats()
                writer.close()
                peer.close()
                return
            if faulty and random.random() < SLOW:
                stats["stalls"] += 1
                save_stats()
                await asyncio.sleep(DELAY)
            if up and RATE > 0:
                await asyncio.sleep(len(data) / RATE)
            writer.write(data)
            await writer.drain()
            if up:
                stats["up"] += len(data)
                save_stats()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def cutter(cwriter, swriter, done):
    try:
        await asyncio.wait_for(done.wait(), CUT)
    except asyncio.TimeoutError:
        stats["cuts"] += 1
        save_stats()
        reset = random.random() < RESET
        hard_close(cwriter, reset)
        hard_close(swriter, reset)


async def handle(creader, cwriter):
    try:
        sreader, swriter = await asyncio.open_connection("127.0.0.1", TARGET)
    except OSError:
        cwriter.close()
        return
    stats["conns"] += 1
    save_stats()
    done = asyncio.Event()
    tasks = [pipe(creader, swriter, False, cwriter, True),
             pipe(sreader, cwriter, True, swriter, False)]
    if CUT > 0:
        cut = asyncio.ensure_future(cutter(cwriter, swriter, done))
        await asyncio.gather(*tasks)
        done.set()
        await cut
    else:
        await asyncio.gather(*tasks)


async def main():
    save_stats()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(f"{port}\n")
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    async with server:
        await server.serve_forever()

asyncio.run(main())
