#!/usr/bin/env python3
"""em-gateway benchmarks; run through scripts/bench, which builds and installs first.

Every figure is set against a baseline measured in the same run on the same input:
  (a) converter: `em-gateway convert` of a ~50 MB EM collection vs `xmllint --stream --noout`
      and Python `xmltodict.parse` + `json.dumps`; start-up on a tiny file; instructions per
      byte under callgrind on a ~5 MB file;
  (b) gateway: requests/s and latency p50/p99 for a ~5 KB entity at 1, 16 and 128 connections
      (wrk) vs the simulator directly and vs nginx `proxy_pass` to the same simulator;
  (c) memory: the gateway's peak RSS (VmHWM) while one client downloads a 20 MB and a 200 MB
      collection as JSON;
  (d) coalescing: waves of 50 identical summary-report GETs at once against a simulator with EM's
      answer times: EM calls per wave, the wave's p50 against one EM call alone, and the bytes of
      an If-None-Match 304 against the 200;
  (e) cache: hit requests/s vs nginx proxy_pass and nginx proxy_cache hits; 50 pollers on their own
      5 s clocks through the gateway vs straight to the simulator (EM calls per minute); RSS
      under --cache-max-bytes 16MiB while 10 000 distinct 20 KB answers churn through it;
  (f) with --baseline-binary: the uncached gateway figures of (b) for an earlier binary and this
      one, run alternately against the same simulator, with each gateway's CPU per request; each
      figure is the median of the rounds' new/old ratios (a round runs both back to back).
Only loopback addresses are used; every process started here is stopped before exit.
"""
import argparse
import base64
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

# The simulator's living world runs frozen at a fixed start, so that no comparison races it,
# and answers at once: these benchmarks measure the gateway, not a modelled EM.
FROZEN_WORLD = ["--start-time", "2026-01-05T12:00:00Z", "--clock-rate", "0", "--latency", "none"]
# The same world answering in a real EM's times, at most 4 requests at a time (the polling parts).
EM_TIMED_WORLD = FROZEN_WORLD[:-1] + ["em"]

MB = 1_000_000
RESULTS = []  # (name, value text, target text, passed or None)
PROCESSES = []


def log(message):
    print(message, flush=True)


def result(name, value, target=None, passed=None):
    RESULTS.append((name, value, target or "", passed))
    verdict = "" if passed is None else ("  PASS" if passed else "  FAIL")
    log(f"  {name}: {value}{'  (target ' + target + ')' if target else ''}{verdict}")


# --- processes ------------------------------------------------------------------------------

class Server:
    """A process that prints 'listening on http://HOST:PORT' when ready."""

    def __init__(self, argv, name):
        self.name = name
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        PROCESSES.append(self.process)
        self.url = None
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                self.url = match.group(1)
                break
        if not self.url:
            self.stop()
            raise SystemExit(f"{name} did not start")
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for _ in self.process.stdout:
            pass

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def stop_all():
    for process in PROCESSES:
        if process.poll() is None:
            process.kill()
            process.wait()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def proc_status(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


# --- HTTP helpers -------------------------------------------------------------------------------

def logon(base, user="demo", version="latest"):
    request = urllib.request.Request(
        f"{base}/api/sessionMngr/?v={version}", method="POST",
        headers={"Authorization": "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers["X-RestSvcSessionId"]


def fetch(url, token, path=None):
    """Downloads with curl; returns (bytes, seconds)."""
    out = path or os.devnull
    completed = subprocess.run(
        ["curl", "-sS", "--fail", "-H", f"X-RestSvcSessionId: {token}", "-o", out, "-w", "%{size_download} %{time_total}", url],
        check=True, capture_output=True, text=True, timeout=600)
    size, seconds = completed.stdout.split()
    return int(size), float(seconds)


class Client:
    """One keep-alive HTTP/1.1 connection for timed GETs with a session token."""

    def __init__(self, base, token):
        host, port = base.removeprefix("http://").rsplit(":", 1)
        self.connection = http.client.HTTPConnection(host, int(port), timeout=120)
        self.connection.connect()
        self.headers = {"X-RestSvcSessionId": token}

    def get(self, path):
        """Returns (status, body, seconds from sending to the last byte)."""
        start = time.perf_counter()
        self.connection.request("GET", path, headers=self.headers)
        response = self.connection.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - start

    def close(self):
        self.connection.close()


def wire_get(base, path, headers):
    """One GET on its own connection, read to its close: returns (status, fields, head bytes, body
    bytes) as they crossed the socket (head with its blank line, body with any chunk framing)."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", *(f"{name}: {value}" for name, value in headers.items()),
             "Connection: close"]
    received = bytearray()
    with socket.create_connection((host, int(port)), timeout=120) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    fields = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return int(head.split()[1]), fields, len(head) + 4, len(body)


def metrics(base):
    """The gateway's /metrics as {'name{labels}': value}."""
    with urllib.request.urlopen(base + "/metrics", timeout=30) as response:
        text = response.read().decode()
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            values[key] = float(value)
    return values


def metric_sum(values, name, exclude=None, **labels):
    """The sum of a metric's series whose labels match `labels` (and whose labels do not match `exclude`)."""
    total = 0.0
    for key, value in values.items():
        metric, _, rest = key.partition("{")
        if metric != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', rest))
        if all(found.get(label) == wanted for label, wanted in labels.items()) and \
                not any(found.get(label) == unwanted for label, unwanted in (exclude or {}).items()):
            total += value
    return total


def em_calls(values):
    """Calls to EM the gateway made, by its counter; its readiness probe's are left out (it probes
    on its own schedule, not for any client)."""
    return metric_sum(values, "em_gateway_upstream_requests_total", exclude={"origin": "probe"})


def has_flag(binary, flag):
    """Whether `binary serve --help` lists a setting flag (an older binary may not have it)."""
    completed = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True)
    return flag in completed.stdout


def uncached(binary):
    """The flags that turn the response cache off, when the binary has one."""
    return ["--cache", "off"] if has_flag(binary, "--cache on|off") else []


def timed(argv, runs, stdout=subprocess.DEVNULL):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=stdout, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


# --- (a) converter ------------------------------------------------------------------------------

def converter(args, work):
    log("\n(a) Converter throughput (whole process, best of %d)" % args.runs)
    scale = args.entities
    sim = Server([args.binary, "simulate", "--listen", "127.0.0.1:0", *FROZEN_WORLD, "--scale", str(scale)], "simulator")
    try:
        token = logon(sim.url)
        big = os.path.join(work, "backupSessions-entities.xml")
        refs = os.path.join(work, "backupSessions-refs.xml")
        small = os.path.join(work, "query-entities-5mb.xml")
        tiny = os.path.join(work, "backupSession-entity.xml")
        fetch(f"{sim.url}/api/backupSessions?format=Entity", token, big)
        fetch(f"{sim.url}/api/backupSessions", token, refs)
        fetch(f"{sim.url}/api/query?type=BackupJobSession&format=Entities&pageSize={max(1, scale // 10)}", token, small)
        refs_small = os.path.join(work, "backupTaskSessions-refs-5mb.xml")
        fetch(f"{sim.url}/api/query?type=BackupTaskSession&pageSize={max(1, scale // 6)}", token, refs_small)
        with open(refs, "rb") as handle:
            first = re.search(rb'Href="[^"]*/api/backupSessions/([0-9a-f-]{36})"', handle.read(4096)).group(1).decode()
        fetch(f"{sim.url}/api/backupSessions/{first}?format=Entity", token, tiny)
    finally:
        sim.stop()

    inputs = [("BackupJobSessions entities", big), ("EntityReferences", refs)]
    figures = {}
    for label, path in inputs:
        size = os.path.getsize(path)
        log(f"  input {label}: {path} ({size / MB:.1f} MB)")
        convert = min(timed([args.binary, "convert", path], args.runs))
        xmllint = min(timed(["xmllint", "--stream", "--noout", path], args.runs))
        figures[label] = (size, convert, xmllint)
        result(f"{label}: em-gateway convert", f"{convert:.3f} s, {size / MB / convert:.0f} MB/s")
        result(f"{label}: xmllint --stream --noout", f"{xmllint:.3f} s, {size / MB / xmllint:.0f} MB/s")
        result(f"{label}: convert time / xmllint --stream time", f"{convert / xmllint:.2f}", "<= 1.00", convert / xmllint <= 1.0)

    size, convert, _ = figures[inputs[0][0]]
    # Like for like: a whole process that reads the file and writes the JSON to /dev/null.
    whole = ("import json,sys,xmltodict\n"
             "sys.stdout.write(json.dumps(xmltodict.parse(open(sys.argv[1],'rb'))))\n")
    python = min(timed([sys.executable, "-c", whole, big], 2))
    inner = ("import json,sys,time,xmltodict\n"
             "data=open(sys.argv[1],'rb').read()\n"
             "t=time.perf_counter(); json.dumps(xmltodict.parse(data)); print(time.perf_counter()-t)\n")
    python_inner = float(subprocess.run([sys.executable, "-c", inner, big], check=True, capture_output=True, text=True).stdout)
    result("python3 xmltodict.parse + json.dumps, whole process (best of 2)", f"{python:.2f} s, {size / MB / python:.1f} MB/s")
    result("  of which parse + dumps alone (file already in memory)", f"{python_inner:.2f} s")
    result("speed-up of em-gateway convert over xmltodict + json (whole processes)", f"{python / convert:.1f}x", ">= 12x", python / convert >= 12)
    result("speed-up over parse + dumps alone", f"{python_inner / convert:.1f}x")

    startups = timed([args.binary, "convert", tiny], 21)
    startup, median = min(startups), statistics.median(startups)
    result(f"start-up: convert of a {os.path.getsize(tiny)} B entity (best of 21; median {median * 1000:.1f} ms)",
           f"{startup * 1000:.1f} ms", "< 50 ms", startup < 0.050)
    return [small, refs_small]


def callgrind(args, work, paths):
    log("\n(a') Instructions per input byte (valgrind --tool=callgrind, whole process)")
    # valgrind 3.19 crashes on Swift programs with an async main and cannot read Swift 6's
    # DWARF 5: profile em-convert-profile (the synchronous twin of `em-gateway convert`,
    # same converter and I/O) with its debug info stripped.
    profile = os.path.join(work, "em-convert-profile")
    subprocess.run(["objcopy", "--strip-debug", os.path.join(os.path.dirname(args.binary), "em-convert-profile"), profile], check=True)
    for label, argv in ((label, argv) for path in paths for label, argv in (
            (f"em-convert-profile {os.path.basename(path)}", [profile, path]),
            (f"xmllint --stream --noout {os.path.basename(path)}", ["xmllint", "--stream", "--noout", path]))):
        size = os.path.getsize(argv[-1])
        out = os.path.join(work, "callgrind.out")
        completed = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        match = re.search(r"Collected\s*:\s*(\d+)", completed.stderr)
        instructions = int(match.group(1)) if match else 0
        result(f"{label} ({size / MB:.1f} MB)", f"{instructions / size:.1f} instructions/byte")


# --- (b) gateway under load ---------------------------------------------------------------------

NGINX_CONF = """
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log {access_log};
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream em {{ server {upstream}; keepalive 256; }}
    {cache_path}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://em;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            {cache}
        }}
    }}
}}
"""

# nginx's cache made to keep what EM marks private, one entry per session token and URI.
NGINX_CACHE_PATH = "proxy_cache_path {dir}/cache levels=1:2 keys_zone=em:10m max_size=100m;"
NGINX_CACHE = """proxy_cache em;
            proxy_ignore_headers Cache-Control Expires;
            proxy_cache_key $http_x_restsvcsessionid$request_uri;
            proxy_cache_valid 200 30s;
            add_header X-Cache-Status $upstream_cache_status;"""


class Nginx:
    """nginx in the foreground, proxying to `upstream` (with a cache when `cache`), in its own directory;
    with `access_log`, it formats and writes a line per request to /dev/null, as the gateway's
    access log does in these runs (its standard error is /dev/null)."""

    def __init__(self, work, upstream, cache=False, access_log=False):
        self.dir = tempfile.mkdtemp(prefix="nginx-", dir=work)
        os.chmod(work, 0o755)
        os.chmod(self.dir, 0o777)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as handle:
            handle.write(NGINX_CONF.format(
                dir=self.dir, upstream=upstream.removeprefix("http://"), port=self.port,
                access_log="/dev/null combined" if access_log else "off",
                cache_path=NGINX_CACHE_PATH.format(dir=self.dir) if cache else "", cache=NGINX_CACHE if cache else ""))
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen([binary, "-p", self.dir, "-c", conf, "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        PROCESSES.append(self.process)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

    def stop(self):
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def parse_latency(text):
    value = float(re.match(r"[\d.]+", text).group(0))
    if text.endswith("us"):
        return value / 1000
    if text.endswith("ms"):
        return value
    if text.endswith("s"):
        return value * 1000
    return value


# A wrk script that makes every request's URL distinct (a no-op parameter, per wrk thread and count),
# so that no two requests in flight are identical: nothing is coalesced or answered from a cache.
DISTINCT_URLS = """
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
local count = 0
function request()
    count = count + 1
    return wrk.format(nil, wrk.path .. "&bench=" .. id .. "-" .. count)
end
"""


def wrk(url, token, connections, seconds, distinct=False):
    threads = 1 if connections == 1 else 2
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"X-RestSvcSessionId: {token}", url]
    if distinct:
        descriptor, script = tempfile.mkstemp(suffix=".lua")
        with os.fdopen(descriptor, "w") as handle:
            handle.write(DISTINCT_URLS)
        argv[-1:-1] = ["-s", script]
    subprocess.run(argv[:3] + ["-d1s"] + argv[4:], check=True, capture_output=True)  # warm-up
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    if distinct:
        os.unlink(script)
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))
    p50 = parse_latency(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1))
    p99 = parse_latency(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses from {url}")
    return rps, p50, p99


def gateway_load(args, work):
    log(f"\n(b) Requests/s and latency for one entity, wrk {args.seconds} s per run")
    # Three generated backup job sessions as entities: about 4.5 KB of XML.
    sim = Server([args.binary, "simulate", "--listen", "127.0.0.1:0", *FROZEN_WORLD, "--scale", "3"], "simulator")
    # The upstream cap (64 by default) answers 503 beyond it; nginx has none, so at 128
    # connections the gateway's cap is raised above the connection count, as scripts/load-test does.
    # The cache (when the binary has one) is off: these figures are the proxy's own.
    gateway = Server([args.binary, "serve", "--listen", "127.0.0.1:0", "--upstream", sim.url,
                      "--max-upstream-requests", "512", *uncached(args.binary)], "gateway")
    nginx = Nginx(work, sim.url)
    try:
        token = logon(sim.url)
        path = "/api/backupSessions?format=Entity"
        xml_size, _ = fetch(sim.url + path, token)
        json_size, _ = fetch(gateway.url + path, token)
        log(f"  entity: GET {path} ({xml_size} B of XML, {json_size} B of JSON from the gateway)")
        log("  every request's URL is distinct (a no-op parameter), so the gateway coalesces none of them")
        targets = [("simulator", sim.url), ("nginx proxy_pass", nginx.url), ("em-gateway", gateway.url)]
        figures = {}
        for connections in (1, 16, 128):
            for label, base in targets:
                rps, p50, p99 = wrk(base + path, token, connections, args.seconds, distinct=True)
                figures[(label, connections)] = (rps, p50, p99)
                log(f"  {connections:>3} connections  {label:<17} {rps:>9.0f} req/s  p50 {p50:7.3f} ms  p99 {p99:7.3f} ms")
        log(f"  requests the gateway coalesced: {metric_sum(metrics(gateway.url), 'em_gateway_coalesced_requests_total'):.0f}")
        g16, n16 = figures[("em-gateway", 16)][0], figures[("nginx proxy_pass", 16)][0]
        result("gateway / nginx proxy_pass req/s at 16 connections", f"{g16 / n16:.2f}", ">= 0.40", g16 / n16 >= 0.4)
        for connections in (16, 128):
            g, n, s = (figures[(name, connections)][0] for name in ("em-gateway", "nginx proxy_pass", "simulator"))
            result(f"req/s at {connections}: gateway / nginx, gateway / simulator", f"{g / n:.2f}, {g / s:.2f}")
        _, gp50, gp99 = figures[("em-gateway", 1)]
        _, sp50, sp99 = figures[("simulator", 1)]
        _, np50, np99 = figures[("nginx proxy_pass", 1)]
        result("added latency at 1 connection, p50 (gateway - simulator)", f"{gp50 - sp50:.3f} ms", "<= 0.3 ms", gp50 - sp50 <= 0.3)
        result("added latency at 1 connection, p99 (gateway - simulator)", f"{gp99 - sp99:.3f} ms", "<= 1 ms", gp99 - sp99 <= 1.0)
        result("nginx's added latency at 1 connection, p50 / p99", f"{np50 - sp50:.3f} ms / {np99 - sp99:.3f} ms")
    finally:
        nginx.stop()
        gateway.stop()
        sim.stop()


# --- (c) memory ---------------------------------------------------------------------------------

def memory(args):
    log("\n(c) Gateway peak RSS while one client downloads a collection as JSON")
    per_item = 1450  # bytes of XML per BackupJobSession entity (re-measured below)
    sizes = (20, 200) if not args.quick else (5, 50)
    largest = int(sizes[-1] * MB / per_item) + 1000
    sim = Server([args.binary, "simulate", "--listen", "127.0.0.1:0", *FROZEN_WORLD, "--scale", str(largest)], "simulator")
    peaks = {}
    try:
        token = logon(sim.url)
        probe, _ = fetch(f"{sim.url}/api/query?type=BackupJobSession&format=Entities&pageSize=1000", token)
        per_item = probe / 1000
        for megabytes in sizes:
            count = int(megabytes * MB / per_item)
            path = f"/api/query?type=BackupJobSession&format=Entities&pageSize={count}"
            xml_size, _ = fetch(sim.url + path, token)
            gateway = Server([args.binary, "serve", "--listen", "127.0.0.1:0", "--upstream", sim.url], "gateway")
            try:
                fetch(gateway.url + "/api/", token)
                idle = proc_status(gateway.pid, "VmHWM")
                samples = []
                done = threading.Event()

                def sample():
                    while not done.is_set():
                        samples.append(proc_status(gateway.pid, "VmRSS"))
                        time.sleep(0.05)

                sampler = threading.Thread(target=sample)
                sampler.start()
                json_size, seconds = fetch(gateway.url + path, token)
                done.set()
                sampler.join()
                peak = proc_status(gateway.pid, "VmHWM")
            finally:
                gateway.stop()
            peaks[megabytes] = peak
            log(f"  {xml_size / MB:.0f} MB of XML ({count} sessions) -> {json_size / MB:.0f} MB of JSON in {seconds:.1f} s "
                f"({xml_size / MB / seconds:.0f} MB/s of XML through the gateway); RSS idle {idle / MB:.1f} MB, "
                f"median while streaming {statistics.median(samples) / MB:.1f} MB")
            result(f"peak RSS (VmHWM) for {xml_size / MB:.0f} MB", f"{peak / MB:.1f} MB", "< 64 MB", peak < 64 * MB)
    finally:
        sim.stop()
    small, large = peaks[sizes[0]], peaks[sizes[1]]
    flat = abs(large - small) <= max(4 * MB, small * 0.1)
    result(f"peak RSS {sizes[1]} MB vs {sizes[0]} MB", f"{(large - small) / MB:+.1f} MB", "within 4 MB or 10 %", flat)


# --- (d) coalescing -----------------------------------------------------------------------------

POLLERS = 50
SUMMARY = "/api/reports/summary/overview"


def wave(clients, path):
    """Every client sends `path` at once (released together); returns their (status, body, seconds)."""
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def poll(index):
        barrier.wait()
        answers[index] = clients[index].get(path)

    threads = [threading.Thread(target=poll, args=(index,)) for index in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def revalidation(base, path, token):
    """Bytes on the wire of a 200 and of the 304 its ETag earns, each on its own connection."""
    status, fields, head, body = wire_get(base, path, {"X-RestSvcSessionId": token})
    etag = fields.get("etag")
    if status != 200 or not etag:
        raise SystemExit(f"GET {path}: {status}, ETag {etag!r}")
    status, _, head_304, body_304 = wire_get(base, path, {"X-RestSvcSessionId": token, "If-None-Match": etag})
    if status != 304:
        raise SystemExit(f"GET {path} with If-None-Match {etag}: {status}, not 304")
    total, total_304 = head + body, head_304 + body_304
    result(f"If-None-Match on GET {path}: 304 / 200 bytes on the wire",
           f"{total_304 / total:.3f} ({total_304} B / {head} B head + {body} B body)",
           f"<= the 200's head alone, {head / total:.3f}", total_304 <= head)


def coalesce(args):
    log(f"\n(d) Coalescing: {POLLERS} pollers send GET {SUMMARY} at once (one token), {args.waves} waves; "
        "simulator with EM's answer times, gateway --cache off (every wave reaches EM)")
    sim = Server([args.binary, "simulate", "--listen", "127.0.0.1:0", *EM_TIMED_WORLD], "simulator")
    gateway = Server([args.binary, "serve", "--listen", "127.0.0.1:0", "--upstream", sim.url, "--cache", "off"], "gateway")
    clients = []
    try:
        token = logon(gateway.url)
        # One EM call alone: the same GET straight to the simulator, nothing else in flight, just
        # before each wave (the machine's other work shifts timings over a run).
        direct = Client(sim.url, token)
        through = Client(gateway.url, token)
        one = statistics.median(through.get(SUMMARY)[2] for _ in range(3))
        through.close()
        log(f"  one call alone through the gateway: {one * 1000:.0f} ms (median of 3)")
        clients = [Client(gateway.url, token) for _ in range(POLLERS)]
        calls, ratios = [], []
        for number in range(1, args.waves + 1):
            time.sleep(1)  # well inside the 10 s a token's last EM answer lets it join
            status, _, alone = direct.get(SUMMARY)
            before = metrics(gateway.url)
            answers = wave(clients, SUMMARY)
            after = metrics(gateway.url)
            failed = [status for status, _, _ in answers if status != 200]
            if failed:
                raise SystemExit(f"wave {number}: {len(failed)} answers were not 200: {sorted(set(failed))}")
            made = em_calls(after) - em_calls(before)
            joined = metric_sum(after, "em_gateway_coalesced_requests_total") - metric_sum(before, "em_gateway_coalesced_requests_total")
            seconds = sorted(elapsed for _, _, elapsed in answers)
            calls.append(made)
            ratios.append(statistics.median(seconds) / alone)
            log(f"  wave {number}: {made:.0f} EM call(s), {joined:.0f} joined, {len({body for _, body, _ in answers})} distinct "
                f"bodies; p50 {statistics.median(seconds) * 1000:.0f} ms, slowest {seconds[-1] * 1000:.0f} ms; "
                f"the call alone just before: {alone * 1000:.0f} ms")
        direct.close()
        result(f"EM calls per wave of {POLLERS} (most of {args.waves} waves)", f"{max(calls):.0f}", "1", max(calls) == 1)
        ratio = statistics.median(ratios)
        result("wave p50 / one EM call alone just before it (median of the waves)",
               f"{ratio:.2f} (waves {min(ratios):.2f}-{max(ratios):.2f})", "<= 1.20", ratio <= 1.2)
        revalidation(gateway.url, SUMMARY, token)
        revalidation(gateway.url, POLLED[-1], token)
    finally:
        for client in clients:
            client.close()
        gateway.stop()
        sim.stop()


# --- (e) cache ----------------------------------------------------------------------------------

# What dashboards poll: three summary reports (max-age 30 s), the repositories and a page of the
# latest backup job sessions from the query service (10 s each).
POLLED = ["/api/reports/summary/overview", "/api/reports/summary/job_statistics", "/api/reports/summary/vms_overview",
          "/api/repositories?format=Entity", "/api/query?type=BackupJobSession&format=Entities&pageSize=20"]
POLL_PERIOD = 5.0


def cache_hits(args, work):
    log(f"\n(e1) Cache hits: requests/s at 16 connections for one entity, wrk {args.seconds} s per run")
    sim = Server([args.binary, "simulate", "--listen", "127.0.0.1:0", *FROZEN_WORLD, "--scale", "3"], "simulator")
    # Fresh for 30 s (10 s × 3), as nginx's proxy_cache_valid below: every request is a hit.
    gateway = Server([args.binary, "serve", "--listen", "127.0.0.1:0", "--upstream", sim.url,
                      "--max-upstream-requests", "512", "--cache-ttl-factor", "3"], "gateway")
    # Both nginx write an access line per request, as the gateway does: like against like.
    plain = Nginx(work, sim.url, access_log=True)
    cached = Nginx(work, sim.url, cache=True, access_log=True)
    try:
        token = logon(gateway.url)
        path = "/api/backupSessions?format=Entity"
        for _ in range(2):
            _, fields, _, _ = wire_get(gateway.url, path, {"X-RestSvcSessionId": token})
            _, nginx_fields, _, _ = wire_get(cached.url, path, {"X-RestSvcSessionId": token})
        log(f"  second GET {path}: gateway Cache-Status {fields.get('cache-status')!r}, "
            f"nginx X-Cache-Status {nginx_fields.get('x-cache-status')!r}")
        if "hit" not in fields.get("cache-status", "") or nginx_fields.get("x-cache-status") != "HIT":
            raise SystemExit("the entity is not answered from both caches")
        figures = {}
        before = metrics(gateway.url)
        for label, base in (("nginx proxy_pass", plain.url), ("nginx proxy_cache", cached.url), ("em-gateway cache", gateway.url)):
            figures[label] = wrk(base + path, token, 16, args.seconds)
            rps, p50, p99 = figures[label]
            log(f"   16 connections  {label:<17} {rps:>9.0f} req/s  p50 {p50:7.3f} ms  p99 {p99:7.3f} ms")
        after = metrics(gateway.url)
        hits = metric_sum(after, "em_gateway_cache_requests_total", result="hit") - metric_sum(before, "em_gateway_cache_requests_total", result="hit")
        served = sum(metric_sum(after, "em_gateway_cache_requests_total", result=kind) - metric_sum(before, "em_gateway_cache_requests_total", result=kind)
                     for kind in ("hit", "stale", "miss", "bypass"))
        log(f"  gateway during its runs: {hits:.0f} hits of {served:.0f} requests, {em_calls(after) - em_calls(before):.0f} EM calls")
        gateway_rps = figures["em-gateway cache"][0]
        for label, target in (("nginx proxy_pass", 1.2), ("nginx proxy_cache", 0.5)):
            ratio = gateway_rps / figures[label][0]
            result(f"gateway cache hits / {label} req/s at 16 connections", f"{ratio:.2f}", f">= {target:.2f}", ratio >= target)
    finally:
        cached.stop()
        plain.stop()
        gateway.stop()
        sim.stop()


def pollers(base, token, seconds):
    """POLLERS clients, each polling one of POLLED every POLL_PERIOD s from its own random phase
    (the same phases every run), for `seconds`; a poll still waiting at its next tick skips that tick.
    Returns (polls sent, ticks skipped, median seconds per poll)."""
    phases = random.Random(17).sample(range(int(POLL_PERIOD * 1000)), POLLERS)
    clients = [Client(base, token) for _ in range(POLLERS)]
    start = time.monotonic() + 0.5
    end = start + seconds
    sent, skipped, latencies, failures = [0] * POLLERS, [0] * POLLERS, [[] for _ in range(POLLERS)], []

    def poll(index):
        tick = start + phases[index] / 1000
        while tick < end:
            time.sleep(max(0.0, tick - time.monotonic()))
            status, _, elapsed = clients[index].get(POLLED[index % len(POLLED)])
            sent[index] += 1
            latencies[index].append(elapsed)
            if status != 200:
                failures.append(status)
            tick += POLL_PERIOD
            while tick < time.monotonic():
                tick += POLL_PERIOD
                skipped[index] += 1

    threads = [threading.Thread(target=poll, args=(index,)) for index in range(POLLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()
    if failures:
        raise SystemExit(f"{len(failures)} polls failed: {sorted(set(failures))}")
    return sum(sent), sum(skipped), statistics.median(value for values in latencies for value in values)


def cache_polling(args):
    seconds = args.poll_seconds
    log(f"\n(e2) {POLLERS} pollers on their own {POLL_PERIOD:.0f} s clocks (one token, {len(POLLED)} URLs, "
        f"{POLLERS // len(POLLED)} pollers each) for {seconds} s; simulator with EM's answer times")
    sim = Server([args.binary, "simulate", "--listen", "127.0.0.1:0", *EM_TIMED_WORLD], "simulator")
    try:
        sent, skipped, median = pollers(sim.url, logon(sim.url), seconds)
        direct = sent * 60 / seconds
        log(f"  straight to the simulator: {sent} polls = {sent} EM calls ({direct:.0f}/min), {skipped} ticks skipped "
            f"(EM still answering the previous poll), median poll {median * 1000:.0f} ms")
        gateway = Server([args.binary, "serve", "--listen", "127.0.0.1:0", "--upstream", sim.url], "gateway")
        try:
            token = logon(gateway.url)
            before = metrics(gateway.url)
            sent, skipped, median = pollers(gateway.url, token, seconds)
            after = metrics(gateway.url)
        finally:
            gateway.stop()
        calls = em_calls(after) - em_calls(before)
        origins = {origin: metric_sum(after, "em_gateway_upstream_requests_total", origin=origin)
                   - metric_sum(before, "em_gateway_upstream_requests_total", origin=origin)
                   for origin in ("client", "revalidate", "identity")}
        results = {kind: metric_sum(after, "em_gateway_cache_requests_total", result=kind)
                   - metric_sum(before, "em_gateway_cache_requests_total", result=kind) for kind in ("hit", "stale", "miss", "bypass")}
        through = calls * 60 / seconds
        log(f"  through the gateway: {sent} polls, {calls:.0f} EM calls ({through:.0f}/min; "
            + ", ".join(f"{origin} {count:.0f}" for origin, count in origins.items()) + "), cache "
            + ", ".join(f"{kind} {count:.0f}" for kind, count in results.items())
            + f"; {skipped} ticks skipped, median poll {median * 1000:.1f} ms")
        # Polls every 5 s against max-ages of 10 and 30 s: a lone poller per URL would already be
        # answered from the cache for half its polls or more; ten pollers per URL of one identity
        # cost at best one EM call per URL per max-age (18 a minute here, 0.03×). 0.25× leaves
        # room for the first fills, token checks and background refreshes.
        ratio = through / direct
        result("EM calls per minute, pollers through the gateway / straight to EM",
               f"{ratio:.3f} ({through:.0f} / {direct:.0f})", "<= 0.25", ratio <= 0.25)
    finally:
        sim.stop()


CHURN = "/api/query?type=BackupJobSession&format=Entities&pageSize=20"
CHURN_IDENTITIES = [(user, version) for user in ("demo", "viewer") for version in ("latest", "v1_5", "v1_6", "v1_7")]


def cache_memory(args):
    count, pages = args.churn_urls, 150
    log(f"\n(e3) Gateway RSS while {count} distinct URLs (a page of 20 BackupJobSession entities, a distinct "
        f"no-op parameter each) churn through it, from {len(CHURN_IDENTITIES)} identities (user × API version)")
    sim = Server([args.binary, "simulate", "--listen", "127.0.0.1:0", *FROZEN_WORLD, "--scale", str(pages * 20)], "simulator")
    peaks = {}
    try:
        for label, flags in (("--cache off", ["--cache", "off"]), ("--cache-max-bytes 16MiB", ["--cache-max-bytes", "16MiB"])):
            gateway = Server([args.binary, "serve", "--listen", "127.0.0.1:0", "--upstream", sim.url, *flags], "gateway")
            try:
                tokens = [logon(gateway.url, user, version) for user, version in CHURN_IDENTITIES]
                sizes, failures = [], []

                def churn(index):
                    client = Client(gateway.url, tokens[index])
                    for number in range(index, count, len(tokens)):
                        status, body, _ = client.get(f"{CHURN}&page={1 + number % pages}&bench={number}")
                        sizes.append(len(body))
                        if status != 200:
                            failures.append(status)
                    client.close()

                threads = [threading.Thread(target=churn, args=(index,)) for index in range(len(tokens))]
                started = time.monotonic()
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                elapsed = time.monotonic() - started
                if failures:
                    raise SystemExit(f"{len(failures)} answers were not 200: {sorted(set(failures))}")
                values = metrics(gateway.url)
                peak = proc_status(gateway.pid, "VmHWM")
                peaks[label] = peak
                log(f"  {label}: {len(sizes)} answers of {min(sizes) / 1000:.1f}-{max(sizes) / 1000:.1f} KB "
                    f"({sum(sizes) / MB:.0f} MB) in {elapsed:.0f} s; cache {values.get('em_gateway_cache_bytes', 0) / MB:.1f} MB "
                    f"in {values.get('em_gateway_cache_entries', 0):.0f} entries, {values.get('em_gateway_cache_evictions_total', 0):.0f} "
                    f"evictions; peak RSS {peak / MB:.1f} MB")
            finally:
                gateway.stop()
        bound = 16 * 1024 * 1024 + 64 * MB
        peak = peaks["--cache-max-bytes 16MiB"]
        result("answers churned, smallest", f"{min(sizes) / 1000:.1f} KB", ">= 20 KB", min(sizes) >= 20_000)
        result("peak RSS with --cache-max-bytes 16MiB / (16 MiB + 64 MB)", f"{peak / bound:.2f} ({peak / MB:.1f} MB)", "< 1.00", peak < bound)
        result("peak RSS, cache on - cache off, same churn", f"{(peak - peaks['--cache off']) / MB:+.1f} MB")
    finally:
        sim.stop()


# --- (f) against an earlier binary --------------------------------------------------------------

def cpu_seconds(pid):
    """User + system CPU seconds of a process so far, all its threads (`/proc/PID/stat`)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def round_ratios(measured, connections, field=None):
    """The rounds' new/old ratios for one figure; the figure judged is their median.

    Each round runs the two binaries back to back, so what slows the machine for a while (other
    guests, frequency, the page cache) slows both runs of a round alike; the ratio of one round
    cancels it, where a ratio of two medians taken over the whole run would not. `measured` maps
    (label, connections) to the rounds' values, or to tuples of them (`field` picks one)."""
    pick = (lambda value: value) if field is None else (lambda value: value[field])
    return [pick(new) / pick(old) for old, new in zip(measured[("old", connections)], measured[("new", connections)])]


def baseline(args):
    rounds = 1 if args.quick else args.rounds
    log(f"\n(f) Uncached gateway, this binary (new) against {args.baseline_binary} (old): wrk {args.seconds} s per run, "
        f"{rounds} alternating rounds, each figure the median of the rounds' new/old ratios; the same simulator "
        f"(this binary's); every request's URL distinct")
    log(f"  old: {subprocess.run([args.baseline_binary, '--version'], capture_output=True, text=True).stdout.strip()}")
    sim = Server([args.binary, "simulate", "--listen", "127.0.0.1:0", *FROZEN_WORLD, "--scale", "3"], "simulator")
    gateways = {}
    try:
        for label, binary in (("old", args.baseline_binary), ("new", args.binary)):
            gateways[label] = Server([binary, "serve", "--listen", "127.0.0.1:0", "--upstream", sim.url,
                                      "--max-upstream-requests", "512", *uncached(binary)], f"{label} gateway")
        token = logon(sim.url)
        path = "/api/backupSessions?format=Entity"
        runs, cpu = {}, {}
        for round_number in range(rounds):
            for connections in (1, 16, 128):
                for label in (("old", "new") if round_number % 2 == 0 else ("new", "old")):
                    before = cpu_seconds(gateways[label].process.pid)
                    run = wrk(gateways[label].url + path, token, connections, args.seconds, distinct=True)
                    spent = cpu_seconds(gateways[label].process.pid) - before
                    runs.setdefault((label, connections), []).append(run)
                    # The warm-up second wrk runs first is in `spent` too: count its requests at the same rate.
                    cpu.setdefault((label, connections), []).append(spent / (run[0] * (args.seconds + 1)) * 1e6)
        for connections in (1, 16, 128):
            old, new = ([statistics.median(run[field] for run in runs[(label, connections)]) for field in range(3)]
                        for label in ("old", "new"))
            log(f"  {connections:>3} connections  old {old[0]:>7.0f} req/s p50 {old[1]:.3f} ms p99 {old[2]:.3f} ms   "
                f"new {new[0]:>7.0f} req/s p50 {new[1]:.3f} ms p99 {new[2]:.3f} ms   (medians)")
            log("      runs, req/s: " + "; ".join(
                f"{label} " + " ".join(f"{run[0]:.0f}" for run in runs[(label, connections)]) for label in ("old", "new")))
            old_cpu, new_cpu = (statistics.median(cpu[(label, connections)]) for label in ("old", "new"))
            log(f"      gateway CPU per request (user + system, /proc): old {old_cpu:.0f} µs, new {new_cpu:.0f} µs "
                f"(median of the rounds' ratios {statistics.median(round_ratios(cpu, connections)):.3f}; not a target: the figure under "
                f"the req/s and latency ones)")
            for field, name, target, passes in ((0, "req/s", ">= 0.95", lambda r: r >= 0.95),
                                                (1, "latency p50", "<= 1.05", lambda r: r <= 1.05),
                                                (2, "latency p99", "<= 1.05", lambda r: r <= 1.05)):
                ratios = round_ratios(runs, connections, field)
                ratio = statistics.median(ratios)
                log(f"      {name}, new/old per round: " + " ".join(f"{each:.3f}" for each in ratios))
                result(f"{name} at {connections} connections, new / old", f"{ratio:.3f}", target, passes(ratio))
    finally:
        for gateway in gateways.values():
            gateway.stop()
        sim.stop()


# --- main ---------------------------------------------------------------------------------------

def machine(binary):
    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    def first_line(argv):
        try:
            completed = subprocess.run(argv, capture_output=True, text=True)
            return (completed.stdout or completed.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    log(f"machine: {os.cpu_count()} CPUs (nproc), {cpu}")
    log(f"swift: {first_line(['swift', '--version'])}")
    log(f"{first_line([binary, '--version'])}")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    log(f"baselines: {first_line(['xmllint', '--version'])}; {first_line([nginx, '-v'])}; {first_line(['wrk', '-v'])}; "
        f"python {sys.version.split()[0]}, xmltodict {_pip_version()}")
    log(f"load average at start: {os.getloadavg()[0]:.1f} (other work on the machine skews timings, not instruction counts)")


def _pip_version():
    completed = subprocess.run([sys.executable, "-m", "pip", "show", "xmltodict"], capture_output=True, text=True)
    match = re.search(r"Version: (\S+)", completed.stdout)
    return match.group(1) if match else "?"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--quick", action="store_true", help="small inputs and short runs (checks the script)")
    parser.add_argument("--only", choices=["convert", "load", "memory", "coalesce", "cache", "baseline"], help="run one part")
    parser.add_argument("--baseline-binary", metavar="PATH",
                        help="an earlier em-gateway: its uncached load figures against this binary's (part f)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of part f (the median of the rounds' new/old ratios is compared)")
    args = parser.parse_args()
    if args.only == "baseline" and not args.baseline_binary:
        parser.error("--only baseline needs --baseline-binary PATH")
    args.entities = 2_500 if args.quick else 34_500  # about 1450 B of XML each: ~50 MB
    args.runs = 2 if args.quick else 9
    args.seconds = 2 if args.quick else 10
    args.waves = 3 if args.quick else 10
    args.poll_seconds = 15 if args.quick else 60
    args.churn_urls = 2_000 if args.quick else 10_000
    machine(args.binary)
    work = tempfile.mkdtemp(prefix="em-bench-")
    try:
        if args.only in (None, "convert"):
            profiled = converter(args, work)
            callgrind(args, work, profiled)
        if args.only in (None, "load"):
            gateway_load(args, work)
        if args.only in (None, "memory"):
            memory(args)
        if args.only in (None, "coalesce"):
            coalesce(args)
        if args.only in (None, "cache"):
            cache_hits(args, work)
            cache_polling(args)
            cache_memory(args)
        if args.baseline_binary and args.only in (None, "baseline"):
            baseline(args)
    finally:
        stop_all()
        shutil.rmtree(work, ignore_errors=True)
    log("\nSummary")
    for name, value, target, passed in RESULTS:
        if passed is not None:
            log(f"  {'PASS' if passed else 'FAIL'}  {name}: {value} (target {target})")
    failed = sum(1 for *_, passed in RESULTS if passed is False)
    log(f"{sum(1 for *_, passed in RESULTS if passed)} passed, {failed} failed")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        stop_all()
        raise
