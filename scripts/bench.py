#!/usr/bin/env python3
"""Throughput benchmark of `appeal send` and `appeal preview`.

Everything is measured in the same run on the same machine, and reported as
ratios, because absolute timings on shared machines drift:

* send: 2,004 letters (334 members x 6 recipients, fresh journal each run,
  durable as always) to Postfix's `smtp-sink` on 127.0.0.1, over 1 and over
  4 connections, alternating with Postfix's own load generator
  `smtp-source` sending the same number of 3,000-byte messages (`-s 1 -d`,
  `-s 4 -d`), which is the limit of SMTP submission here;
* preview: `preview --senders` with 20,000 members x 6 letters, JSON to
  /dev/null, against the peer tool `mailmerge --dry-run` (PyPI) rendering
  2,004 letters, per letter, in alternating rounds;
* peak memory (`/usr/bin/time -v`) of the 120,000-letter preview and of the
  2,004-letter send.

Only `smtp-sink` and `smtp-source` of the `postfix` package are used; no mail
daemon is started. Not part of `cargo test` or CI.

Usage: scripts/bench.py [--rounds N] [--skip-mailmerge] [--send-only]
"""

import argparse
import csv
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "appeal"
LETTERS = 2004
MEMBERS = 334
PREVIEW_MEMBERS = 20_000


def need_postfix_tools():
    """smtp-sink and smtp-source, from Debian's postfix package."""
    for tool in ("smtp-sink", "smtp-source"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            print("installing postfix (for smtp-sink/smtp-source only)...", file=sys.stderr)
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
            subprocess.run(["apt-get", "install", "-y", "-qq", "postfix"], check=True, env=env)
            break
    os.environ["PATH"] += os.pathsep + "/usr/sbin"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(port):
    """smtp-sink on 127.0.0.1: accepts and discards, backlog 1000."""
    args = ["smtp-sink"]
    if os.geteuid() == 0:
        args += ["-u", "nobody"]
    args += [f"127.0.0.1:{port}", "1000"]
    sink = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return sink
        except OSError:
            time.sleep(0.05)
    sink.kill()
    raise SystemExit("smtp-sink did not start: " + sink.stderr.read().decode())


def timed(args, **kw):
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def peak_kib(args, **kw):
    """Runs under /usr/bin/time -v; returns (seconds, peak RSS in KiB)."""
    start = time.perf_counter()
    out = subprocess.run(
        ["/usr/bin/time", "-v"] + args, check=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, **kw)
    elapsed = time.perf_counter() - start
    for line in out.stderr.splitlines():
        if "Maximum resident set size" in line:
            return elapsed, int(line.split()[-1])
    return elapsed, -1


def write_members(path, count):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "email", "city", "note"])
        for i in range(count):
            w.writerow([f"Mitglied {i}", f"mitglied{i}@example.org", "Köln",
                        "Ich war selbst auf einer Demonstration und möchte dort nicht erkannt werden."])


def appeal_env(work):
    env = dict(os.environ)
    env.update(HOME=str(work), XDG_CONFIG_HOME=str(work / "config"),
               XDG_STATE_HOME=str(work / "state"))
    for var in ("APPEAL_CONFIG", "APPEAL_SMTP_PASSWORD"):
        env.pop(var, None)
    return env


def write_recipients(path):
    """Six recipients @example.org with the built-in template: the built-in
    list follows Parliament's terms (5 of its 9 are still addressed), the
    benchmark's 2,004 letters must not."""
    text = ('[campaign]\nid = "bench"\ntitle = "Benchmark"\n'
            'language = "de"\ntemplate = "appeal.de.hbs"\n')
    for i in range(6):
        text += (f'\n[[recipient]]\nname = "Empfängerin Nummer{i}"\nsalutation = "Frau"\n'
                 f'email = "empfaenger{i}@example.org"\nparty = "SPD"\nrole = "member"\n')
    path.write_text(text, encoding="utf-8")


def send_args(work, journal, connections):
    return [str(BINARY), "--config", str(work / "config.toml"),
            "--recipients", str(work / "recipients.toml"), "send",
            "--senders", str(work / "members.csv"), "--yes", "-q",
            "--rate", "unlimited", "--per-recipient", "unlimited",
            "--journal", str(journal), "--connections", str(connections)]


def mailmerge_setup(work):
    """A venv with mailmerge and a folder with its template and 2,004 rows;
    returns the command and the folder for `mailmerge --dry-run`."""
    venv = work / "mailmerge-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "mailmerge"], check=True)
    mm = work / "mailmerge"
    mm.mkdir()
    template = (ROOT / "templates" / "appeal.de.hbs").read_text(encoding="utf-8")
    body = template.split("\n\n", 1)[1]
    body = body.replace("{{greeting}}", "Sehr geehrte Frau {{name}},")
    body = body.replace("{{sender.name}}{{#if sender.city}}\n{{sender.city}}{{/if}}", "{{sender}}\nKöln")
    (mm / "mailmerge_template.txt").write_text(
        "TO: {{email}}\nSUBJECT: Gesichtserkennung in der KI-Verordnung verbieten\n"
        "FROM: Gruppe <gruppe@example.org>\n\n" + body, encoding="utf-8")
    with open(mm / "mailmerge_database.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["email", "name", "sender"])
        for i in range(LETTERS):
            w.writerow([f"empfaenger{i % 6}@example.org", f"Empf{i % 6}", f"Mitglied {i // 6}"])
    (mm / "mailmerge_server.conf").write_text(
        "[smtp_server]\nhost = 127.0.0.1\nport = 25\nsecurity = Never\n")
    return [str(venv / "bin" / "mailmerge"), "--dry-run", "--no-limit"], mm


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-mailmerge", action="store_true")
    parser.add_argument("--send-only", action="store_true",
                        help="measure only the send rows (quicker, while working on the send path)")
    opts = parser.parse_args()

    need_postfix_tools()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = Path(tempfile.mkdtemp(prefix="appeal-bench-"))
    port = free_port()
    sink = start_sink(port)
    try:
        (work / "config.toml").write_text(
            '[sender]\nname = "Ortsgruppe"\nemail = "gruppe@example.org"\n\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n')
        write_recipients(work / "recipients.toml")
        write_members(work / "members.csv", MEMBERS)
        write_members(work / "members20k.csv", PREVIEW_MEMBERS)
        env = appeal_env(work)

        results = {key: [] for key in ("source1", "appeal1", "source4", "appeal4")}
        peak_send = 0
        for r in range(opts.rounds):
            for sessions in (1, 4):
                results[f"source{sessions}"].append(timed(
                    ["smtp-source", "-s", str(sessions), "-d", "-m", str(LETTERS), "-l", "3000",
                     "-f", "gruppe@example.org", "-t", "empfaenger@example.org",
                     f"127.0.0.1:{port}"]))
                journal = work / f"journal-{r}-{sessions}.jsonl"
                elapsed, peak = peak_kib(send_args(work, journal, sessions), env=env)
                results[f"appeal{sessions}"].append(elapsed)
                peak_send = max(peak_send, peak)
                delivered = sum(1 for line in open(journal, encoding="utf-8")
                                if '"event":"delivered"' in line)
                if delivered != LETTERS:
                    raise SystemExit(f"only {delivered} of {LETTERS} letters were delivered")

        preview_rate = preview_peak = mm_rate = None
        if not opts.send_only:
            preview_args = [str(BINARY), "--config", str(work / "config.toml"),
                            "--recipients", str(work / "recipients.toml"), "preview",
                            "--senders", str(work / "members20k.csv"), "--format", "json"]
            mailmerge = None if opts.skip_mailmerge else mailmerge_setup(work)
            # Alternating rounds, like the send rows: drift hits both alike.
            preview_runs, mm_times = [], []
            for _ in range(opts.rounds):
                preview_runs.append(peak_kib(preview_args, env=env))
                if mailmerge:
                    mm_times.append(timed(mailmerge[0], cwd=mailmerge[1]))
            preview_time = statistics.median(t for t, _ in preview_runs)
            preview_peak = max(p for _, p in preview_runs)
            preview_rate = PREVIEW_MEMBERS * 6 / preview_time
            mm_rate = LETTERS / statistics.median(mm_times) if mm_times else None
    finally:
        sink.kill()
        sink.wait()
        shutil.rmtree(work, ignore_errors=True)

    rate = {k: LETTERS / statistics.median(v) for k, v in results.items()}
    print(f"appeal benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"median of {opts.rounds} rounds")
    print()
    print("| measurement | letters/s | ratio | target |")
    print("|---|---:|---:|---:|")
    print(f"| smtp-source -s 1 -d (2,004 x 3,000 B) | {rate['source1']:,.0f} | 1.00 | |")
    print(f"| appeal send, 1 connection, journal durable | {rate['appeal1']:,.0f} | "
          f"{rate['appeal1'] / rate['source1']:.2f} | >= 0.50 |")
    print(f"| smtp-source -s 4 -d | {rate['source4']:,.0f} | 1.00 | |")
    print(f"| appeal send, 4 connections | {rate['appeal4']:,.0f} | "
          f"{rate['appeal4'] / rate['source4']:.2f} | >= 0.50 |")
    if preview_rate is None:
        pass
    elif mm_rate:
        print(f"| mailmerge --dry-run (2,004 letters) | {mm_rate:,.0f} | 1.00 | |")
        print(f"| appeal preview --senders, 120,000 letters, JSON | {preview_rate:,.0f} | "
              f"{preview_rate / mm_rate:.1f} | >= 20 |")
    else:
        print(f"| appeal preview --senders, 120,000 letters, JSON | {preview_rate:,.0f} | | |")
    print()
    if preview_peak is None:
        print(f"peak memory: send of 2,004 letters {peak_send / 1024:.1f} MiB (target <= 100 MB)")
    else:
        print(f"peak memory: preview of 120,000 letters {preview_peak / 1024:.1f} MiB, "
              f"send of 2,004 letters {peak_send / 1024:.1f} MiB (target <= 100 MB each)")


if __name__ == "__main__":
    main()
