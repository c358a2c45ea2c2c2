#!/usr/bin/env python3
"""How fast `pmlint lsp` re-checks a long log as it is typed in, and whether its memory stays flat.

    Benchmarks/lsp.py [--binary .build/release/pmlint] [--entries 700] [--edits 10000]

A project of ENTRIES log entries (Benchmarks/generate.py; 700 make a 110 KB log) is opened, then
typed in: a character added to the last entry's topic and taken away again, as incremental
changes. Latency is from sending a change to receiving its diagnostics, with the debounce set to
0 so the figure is the re-check and publish alone (an editor adds its debounce, 200 ms by
default). Memory is the server's resident set (VmRSS) after every thousand edits, each edit
checked and published before the next is sent."""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import generate

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--binary", default=".build/release/pmlint")
parser.add_argument("--entries", type=int, default=700)
parser.add_argument("--edits", type=int, default=10_000)
parser.add_argument("--latency-samples", type=int, default=300)
args = parser.parse_args()

folder = os.path.join(tempfile.mkdtemp(prefix="pmlint-lsp-"), "project")
generate(folder, args.entries)
os.makedirs(os.path.join(os.path.dirname(folder), ".git"))
log_path = os.path.join(folder, "log.yaml")
text = open(log_path, encoding="utf-8").read()
uri = "file://" + log_path
as_of = max(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("- date:"))

server = subprocess.Popen([args.binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))


def diagnostics_of_log():
    while True:
        message = receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            return message["params"]["diagnostics"]


def rss():
    with open(f"/proc/{server.pid}/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                 "initializationOptions": {"as_of": as_of, "debounce": 0}}})
receive()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
started = time.perf_counter()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
first = diagnostics_of_log()
opened = time.perf_counter() - started

# Where to type: the end of the last line (a topic, a summary...) of the log.
lines = text.split("\n")
line = len(lines) - 2 if lines[-1] == "" else len(lines) - 1
character = len(lines[line].encode("utf-16-le")) // 2
version = 1


def edit(add):
    global version
    version += 1
    at = {"line": line, "character": character}
    change = ({"range": {"start": at, "end": at}, "text": "x"} if add else
              {"range": {"start": at, "end": {"line": line, "character": character + 1}}, "text": ""})
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})


latencies = []
for sample in range(args.latency_samples):
    sent = time.perf_counter()
    edit(sample % 2 == 0)
    diagnostics = diagnostics_of_log()
    latencies.append((time.perf_counter() - sent) * 1000)
    assert len(diagnostics) == len(first), "typing in a topic changes no finding"

memory = [(0, rss())]
for number in range(1, args.edits + 1):
    edit(number % 2 == 1)
    diagnostics_of_log()
    if number % 1000 == 0:
        memory.append((number, rss()))
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
receive()
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(10)

latencies.sort()
print(f"log: {len(text.encode()) / 1024:.0f} KB, {args.entries} entries, {len(first)} findings on it (as of {as_of})")
print(f"open to first diagnostics: {opened * 1000:.1f} ms")
print(f"change to diagnostics ({len(latencies)} changes, debounce 0): median {statistics.median(latencies):.1f} ms, "
      f"p95 {latencies[int(len(latencies) * 0.95)]:.1f} ms, max {latencies[-1]:.1f} ms")
print("resident memory after N edits (each checked and published):")
for number, size in memory:
    print(f"  {number:>6}: {size / 1048576:.1f} MB")
