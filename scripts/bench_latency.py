#!/usr/bin/env python3
"""Latency benchmark of `appeal send`: whole runs through a delay proxy.

On loopback (scripts/bench.py) sending is bound by the disk and the CPU; over
a real network, with the mail server 20-50 ms away, it is bound by round
trips. This machine has no `netem`, so the network is played by a proxy on
127.0.0.1 that forwards every chunk after a one-way delay of RTT / 2, in
order, both ways, and holds each new connection for one RTT before the
server sees it (the TCP handshake). Behind it run mail servers that
behave like a submission server: aiosmtpd (PyPI, installed into a venv
under target/ on first use) with STARTTLS required (a self-signed
certificate made at run time with `openssl`, given to `appeal` as
`ca_file`), AUTH required, and PIPELINING offered, one process per
connection (see `Lab`). Postfix's `smtp-sink`, used by bench.py, offers no
STARTTLS or AUTH.

Runs: 6, 102 and 300 letters on one connection, 300 on four.

Round trips are counted from the proxy's record: every chunk the client
writes after a chunk of the server has reached it is one (it had to wait),
plus one per connection for the TCP handshake, plus one when the client
waits for the server's last reply before it hangs up. The floor is the
issue's: (8 + letters / connections) x RTT, with RTT measured through the
same proxy (NOOPs against the same server); the ratio is floor / time of the
whole run (process start to exit), so 1.0 is as fast as SMTP allows and
higher is better. Timings drift on shared machines: only ratios within one
run are compared. Not part of `cargo test` or CI.

Usage: scripts/bench_latency.py [--rounds N] [--rtt 20,50] [--binary PATH]
"""

import argparse
import asyncio
import logging
import multiprocessing
import os
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "target" / "bench-venv"
USER, PASSWORD = "bench", "bench-password"
# (letters, connections): the runs (its "100-letter run on one connection"
# is 102 letters: 17 members to the 6 recipients).
RUNS = [(6, 1), (102, 1), (300, 1), (300, 4)]
RECIPIENTS = 6  # the built-in letter, to 6 recipients @example.org


def write_recipients(path):
    """The built-in campaign's template, to RECIPIENTS test addresses (the
    built-in list changes with Parliament's terms; the benchmark must not)."""
    text = ('[campaign]\nid = "latency-bench"\ntitle = "Latency benchmark"\n'
            'language = "de"\ntemplate = "appeal.de.hbs"\n')
    for i in range(RECIPIENTS):
        text += (f'\n[[recipient]]\nname = "Empfängerin Nummer{i}"\nsalutation = "Frau"\n'
                 f'email = "empfaenger{i}@example.org"\nparty = "SPD"\nrole = "member"\n')
    path.write_text(text, encoding="utf-8")


def ensure_aiosmtpd():
    """Re-runs this script under a venv that has aiosmtpd, made on first use."""
    try:
        import aiosmtpd  # noqa: F401
        return
    except ImportError:
        pass
    python = VENV / "bin" / "python"
    if not python.exists():
        print("installing aiosmtpd into target/bench-venv ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "aiosmtpd"], check=True)
    os.execv(str(python), [str(python)] + sys.argv)


def make_certificate(work):
    """A self-signed end-entity certificate for 127.0.0.1."""
    cert, key = work / "cert.pem", work / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-addext", "basicConstraints=critical,CA:FALSE"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Handler:
    """Accepts every message, counts them (in `count`, shared between the
    server processes), and offers PIPELINING."""

    def __init__(self, count):
        self.count = count

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    async def handle_DATA(self, server, session, envelope):
        with self.count.get_lock():
            self.count.value += 1
        return "250 2.0.0 queued"


def authenticator(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok)


class Proxy:
    """The delay proxy. Each connection's record is a list of
    (direction, time the chunk reached its receiver), direction "c" for the
    client's writes (reaching the proxy, where the delay is spent on the way
    on) and "s" for the server's (reaching the client after the delay);
    "c-eof" when the client hangs up."""

    def __init__(self, upstream_ports):
        self.upstream_ports = upstream_ports
        self.next_upstream = 0
        self.one_way = 0.0
        self.records = []

    async def handle(self, client_reader, client_writer):
        record = []
        self.records.append(record)
        upstream = self.upstream_ports[self.next_upstream % len(self.upstream_ports)]
        self.next_upstream += 1
        await asyncio.sleep(2 * self.one_way)  # the TCP handshake
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", upstream)
        server_writer.transport.set_write_buffer_limits(0)
        await asyncio.gather(
            self.pump(client_reader, server_writer, record, "c"),
            self.pump(server_reader, client_writer, record, "s"))

    async def pump(self, reader, writer, record, direction):
        queue = asyncio.Queue()

        async def deliver():
            while True:
                due, chunk = await queue.get()
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                if chunk is None:
                    break
                if direction == "s":
                    record.append(("s", time.perf_counter()))
                writer.write(chunk)
                await writer.drain()
            try:
                writer.write_eof()
            except (OSError, RuntimeError):
                pass

        delivering = asyncio.ensure_future(deliver())
        while True:
            try:
                chunk = await reader.read(65536)
            except (ConnectionError, OSError):
                chunk = b""
            if direction == "c":
                record.append(("c" if chunk else "c-eof", time.perf_counter()))
            queue.put_nowait((time.perf_counter() + self.one_way, chunk or None))
            if not chunk:
                break
        try:
            await delivering
        except (ConnectionError, OSError):
            pass


def round_trips(record):
    """Round trips of one connection, from its record (see Proxy)."""
    count = 1  # the TCP handshake
    heard = False
    for direction, _ in sorted(record, key=lambda e: e[1]):
        if direction == "s":
            heard = True
        elif heard:
            count += 1  # a write (or the hang-up) that waited for the server
            heard = False
    return count


def serve(cert, key, count, port_out):
    """One mail server process: aiosmtpd on its own event loop, its port
    sent back through `port_out`."""
    from aiosmtpd.smtp import SMTP
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    handler = Handler(count)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, hostname="mail.example.org", tls_context=context,
                     require_starttls=True, authenticator=authenticator,
                     auth_required=True, auth_require_tls=True),
        "127.0.0.1", 0))
    port_out.send(server.sockets[0].getsockname()[1])
    loop.run_forever()


class Lab:
    """The mail servers, each in a process of its own, and the proxy, on an
    event loop in a thread, which hands each new connection to the next
    server in turn. A submission server serves its connections in parallel
    (Postfix runs an smtpd process per connection); one aiosmtpd for all
    four connections would serialise their TLS and parsing on one Python
    thread and measure that, not the client."""

    SERVERS = max(c for _, c in RUNS)

    def __init__(self, cert, key):
        # Forked before any thread of this process is started.
        fork = multiprocessing.get_context("fork")
        self.count = fork.Value("i", 0)
        ports = []
        self.servers = []
        for _ in range(self.SERVERS):
            receive, send_port = fork.Pipe(duplex=False)
            process = fork.Process(target=serve, args=(cert, key, self.count, send_port),
                                   daemon=True)
            process.start()
            self.servers.append(process)
            ports.append(receive.recv())
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

        async def start():
            self.proxy = Proxy(ports)
            proxy = await asyncio.start_server(self.proxy.handle, "127.0.0.1", 0)
            return proxy.sockets[0].getsockname()[1]

        self.port = asyncio.run_coroutine_threadsafe(start(), self.loop).result()

    @property
    def messages(self):
        """Messages accepted by all the servers so far."""
        return self.count.value

    def set_rtt(self, rtt):
        self.proxy.one_way = rtt / 2

    def take_records(self):
        records, self.proxy.records = self.proxy.records, []
        return records

    def measure_rtt(self, count=20):
        """The RTT through the proxy: NOOPs after the greeting, timed."""
        with socket.create_connection(("127.0.0.1", self.port)) as s:
            f = s.makefile("rb")
            f.readline()
            start = time.perf_counter()
            for _ in range(count):
                s.sendall(b"NOOP\r\n")
                f.readline()
            elapsed = time.perf_counter() - start
            s.sendall(b"QUIT\r\n")
            f.readline()
        self.take_records()
        return elapsed / count


def write_members(path, count):
    with open(path, "w", encoding="utf-8") as f:
        f.write("name,email,city\n")
        for i in range(count):
            f.write(f"Mitglied {i},mitglied{i}@example.org,Köln\n")


def appeal_env(work):
    env = dict(os.environ)
    env.update(HOME=str(work), XDG_CONFIG_HOME=str(work / "config"),
               XDG_STATE_HOME=str(work / "state"), APPEAL_SMTP_PASSWORD=PASSWORD)
    env.pop("APPEAL_CONFIG", None)
    return env


def send(binary, work, letters, connections, run):
    """One whole run; returns its seconds."""
    members = work / f"members-{letters}.csv"
    journal = work / f"journal-{run}.jsonl"
    args = [str(binary), "--config", str(work / "config.toml"),
            "--recipients", str(work / "recipients.toml"), "send",
            "--senders", str(members), "--yes", "-q", "--rate", "unlimited",
            # A group's default pace per recipient (a letter to each every
            # few minutes) would make a 300-letter run take hours.
            "--per-recipient", "unlimited",
            "--journal", str(journal), "--connections", str(connections)]
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=appeal_env(work), text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"appeal send failed (exit {done.returncode}):\n{done.stderr}")
    delivered = sum(1 for line in open(journal, encoding="utf-8")
                    if '"event":"delivered"' in line)
    if delivered != letters:
        raise SystemExit(f"only {delivered} of {letters} letters were delivered")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rtt", default="20,50", help="round-trip times in ms, comma-separated")
    parser.add_argument("--binary", type=Path, default=None,
                        help="the appeal binary (default: build and use target/release/appeal)")
    opts = parser.parse_args()
    ensure_aiosmtpd()
    # aiosmtpd 1.4 logs a warning about its own use of a deprecated attribute.
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    binary = opts.binary
    if binary is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = ROOT / "target" / "release" / "appeal"
    work = Path(tempfile.mkdtemp(prefix="appeal-latency-"))
    try:
        cert, key = make_certificate(work)
        lab = Lab(cert, key)
        (work / "config.toml").write_text(
            '[sender]\nname = "Ortsgruppe"\nemail = "gruppe@example.org"\n\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {lab.port}\nsecurity = "starttls"\n'
            f'username = "{USER}"\nca_file = "{cert}"\n')
        write_recipients(work / "recipients.toml")
        for letters in sorted({n for n, _ in RUNS}):
            write_members(work / f"members-{letters}.csv", letters // RECIPIENTS)

        rows = []
        run = 0
        for rtt_ms in [float(x) for x in opts.rtt.split(",")]:
            lab.set_rtt(rtt_ms / 1000)
            rtts, times, trips = [], {k: [] for k in RUNS}, {}
            # Alternating rounds, each with its own RTT measurement.
            for _ in range(opts.rounds):
                rtts.append(lab.measure_rtt())
                for letters, connections in RUNS:
                    run += 1
                    before = lab.messages
                    times[(letters, connections)].append(
                        send(binary, work, letters, connections, run))
                    if lab.messages - before != letters:
                        raise SystemExit("the server did not receive every letter")
                    records = lab.take_records()
                    trips[(letters, connections)] = (
                        len(records), max(round_trips(r) for r in records))
            rtt = statistics.median(rtts)
            for letters, connections in RUNS:
                elapsed = statistics.median(times[(letters, connections)])
                per = -(-letters // connections)
                floor = (8 + letters / connections) * rtt
                made, busiest = trips[(letters, connections)]
                rows.append((rtt_ms, rtt, letters, connections, made, busiest, 8 + per,
                             elapsed, floor, floor / elapsed))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"appeal latency benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"median of {opts.rounds} rounds")
    print()
    print("| RTT set (measured) | letters | connections | round trips, busiest connection "
          "(floor) | time | floor | floor / time |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for rtt_ms, rtt, letters, connections, made, busiest, floor_trips, elapsed, floor, ratio in rows:
        print(f"| {rtt_ms:.0f} ms ({rtt * 1000:.1f} ms) | {letters} | {connections} "
              f"({made} made) | {busiest} ({floor_trips}) | {elapsed:.2f} s | {floor:.2f} s "
              f"| {ratio:.2f} |")


if __name__ == "__main__":
    main()
