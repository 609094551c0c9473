"""Page latency and throughput under 20 concurrent clients, against gunicorn as ``make demo`` runs it.

Usage: python benchmarks/bench_pages.py [--clients 20] [--seconds 10] [--workers 3] [--fresh]
       python benchmarks/bench_pages.py --base http://127.0.0.1:8000   # an already running server

Without ``--base`` it loads the demo once into ``var/bench-pages`` (``--fresh`` reloads it), then
starts ``kotacerdas serve`` (gunicorn, no job worker) twice on that data: with the public page cache
off, which is how every page was served before the cache (the baseline of this same run), and with it
on, as shipped. The clients run in several processes, so the load generator is not held back by one
interpreter lock; on a 2-core machine they share the cores with the server, as a real test would.

Targets (issue 13 §4): public pages (/, /peta/, /peringkat/, /wilayah/63.71/, /api/regions/) p95
≤ 150 ms and ≥ 250 requests/s in total; logged-in pages (pipeline board, round dashboard, assessor
task list) p95 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PUBLIC = {
    "dashboard": "/",
    "map": "/peta/",
    "ranking": "/peringkat/",
    "region": "/wilayah/63.71/",
    "api-regions": "/api/regions/",
}
PUBLIC_P95_MS, PUBLIC_RPS, PRIVATE_P95_MS = 150.0, 250.0, 300.0


def _login(base: str, username: str, password: str) -> str:
    """The Cookie header of a logged-in session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/masuk/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    data = {
        "username": username,
        "password": password,
        "csrfmiddlewaretoken": token.group(1) if token else "",
    }
    request = urllib.request.Request(
        base + "/masuk/", data=urllib.parse.urlencode(data).encode(), headers={"Referer": base + "/masuk/"}
    )
    opener.open(request).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def _first_link(base: str, cookie: str, path: str, pattern: str) -> str:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    html = urllib.request.urlopen(request).read().decode()
    found = re.search(pattern, html)
    if not found:
        raise SystemExit(f"no link matching {pattern} on {path}")
    return found.group(0)


def _client(args: tuple[str, list[tuple[str, str, str]], float, int]) -> list[tuple[str, float]]:
    """One client: fetch the pages in turn until the deadline; (page, milliseconds) per request."""
    base, pages, deadline, offset = args
    host = urllib.parse.urlsplit(base)
    samples: list[tuple[str, float]] = []
    i = offset
    while time.time() < deadline:
        name, path, cookie = pages[i % len(pages)]
        i += 1
        start = time.perf_counter()
        connection = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port or 80, timeout=30)
        headers = {"Accept-Encoding": "gzip", "Accept-Language": "id"}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        samples.append((name, (time.perf_counter() - start) * 1000))
    return samples


def _threads(args: tuple[str, list[tuple[str, str, str]], float, int, int]) -> list[tuple[str, float]]:
    from concurrent.futures import ThreadPoolExecutor  # here: runs in each load process

    base, pages, deadline, first, count = args
    with ThreadPoolExecutor(max_workers=count) as pool:
        results = pool.map(_client, [(base, pages, deadline, first + k) for k in range(count)])
    return [sample for samples in results for sample in samples]


def load(base: str, pages: list[tuple[str, str, str]], clients: int, seconds: float) -> dict[str, object]:
    """Run ``clients`` concurrent clients for ``seconds``; per-page p50/p95 and requests/s in total."""
    processes = min(4, clients)
    share = [clients // processes + (1 if k < clients % processes else 0) for k in range(processes)]
    deadline = time.time() + seconds
    jobs = [(base, pages, deadline, sum(share[:k]), share[k]) for k in range(processes)]
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        samples = [s for part in pool.map(_threads, jobs) for s in part]
    elapsed = time.perf_counter() - start
    per_page: dict[str, tuple[float, float, int]] = {}
    for name in dict.fromkeys(n for n, _, _ in pages):
        times = sorted(t for n, t in samples if n == name)
        per_page[name] = (
            statistics.median(times),
            times[min(len(times) - 1, int(0.95 * len(times)))],
            len(times),
        )
    every = sorted(t for _, t in samples)
    return {
        "pages": per_page,
        "p95": every[min(len(every) - 1, int(0.95 * len(every)))],
        "rps": len(samples) / elapsed,
    }


def _report(title: str, result: dict[str, object]) -> None:
    print(f"\n{title}: {result['rps']:.0f} requests/s in total, p95 {result['p95']:.0f} ms")
    print(f"  {'page':<16} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    pages: dict[str, tuple[float, float, int]] = result["pages"]  # type: ignore[assignment]
    for name, (p50, p95, n) in pages.items():
        print(f"  {name:<16} {n:>6} {p50:>8.1f} {p95:>8.1f}")
    if "alone" in result:
        alone: dict[str, tuple[float, float | None]] = result["alone"]  # type: ignore[assignment]
        print("  one client alone: median ms, and the server's CPU ms per request")
        for name, (ms, cpu) in alone.items():
            print(f"  {name:<16} {ms:>8.1f} {'' if cpu is None else f'{cpu:>8.1f}'}")


def _prepare(data_dir: Path, fresh: bool, boundaries: Path | None) -> None:
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    if (data_dir / "demo-loaded").exists():
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [str(BIN / "kotacerdas"), "demo", "--no-serve"]
    if boundaries is not None:
        command += ["--boundaries", str(boundaries)]
    print(f"loading the demo into {data_dir} …", flush=True)
    subprocess.run(command, check=True, env=_env(data_dir, cache=True), stdout=subprocess.DEVNULL)
    (data_dir / "demo-loaded").touch()


def _env(data_dir: Path, *, cache: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOTACERDAS_")}
    env.update(KOTACERDAS_DATA_DIR=str(data_dir), KOTACERDAS_PAGE_CACHE="1" if cache else "0")
    env["KOTACERDAS_API_RATE_ANON"] = "1000000/min"  # measure the pages, not the throttle
    env["KOTACERDAS_API_RATE_USER"] = "1000000/min"
    return env


class Server:
    """``kotacerdas serve`` on a free port, as ``make demo`` runs it (gunicorn), without the job worker."""

    def __init__(self, data_dir: Path, *, cache: bool, workers: int, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        shutil.rmtree(data_dir / "cache", ignore_errors=True)  # each server starts with a cold cache
        command = [str(BIN / "kotacerdas"), "serve", "--no-migrate", "--no-worker"]
        command += ["--workers", str(workers), "--addr", f"127.0.0.1:{port}"]
        self.process = subprocess.Popen(
            command, env=_env(data_dir, cache=cache), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/api/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def map_transfer(base: str) -> tuple[int, int]:
    """Bytes on the wire for ``/peta/`` (gzip accepted): cold (empty browser cache) and warm (assets with a
    ``max-age`` are reused, as a browser does; the HTML is always fetched)."""
    host = urllib.parse.urlsplit(base)

    def fetch(path: str) -> tuple[bytes, int, bool]:
        connection = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port or 80, timeout=30)
        connection.request("GET", path, headers={"Accept-Encoding": "gzip", "Accept-Language": "id"})
        response = connection.getresponse()
        body = response.read()
        wire = len(body) + sum(len(k) + len(v) + 4 for k, v in response.getheaders())
        cached = "max-age=" in (response.getheader("Cache-Control") or "") and "max-age=0" not in (
            response.getheader("Cache-Control") or ""
        )
        if response.getheader("Content-Encoding") == "gzip":
            import gzip  # here: only the map measurement decompresses

            body = gzip.decompress(body)
        connection.close()
        return body, wire, cached

    html, cold, _ = fetch("/peta/?metric=score")
    warm = cold
    text = html.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', text)
    geometry = re.search(r'"geometry": "([^"]+)"', text)
    for path in [*assets, *([geometry.group(1)] if geometry else [])]:
        _body, wire, cached = fetch(path)
        cold += wire
        warm += 0 if cached else wire
    return cold, warm


def _fullest_board(base: str, cookie: str) -> str:
    """The pipeline board of the cohort with the most regions (the newest cohort may still be empty)."""

    def cards(path: str) -> int:
        request = urllib.request.Request(base + path, headers={"Cookie": cookie})
        return urllib.request.urlopen(request).read().decode().count('class="cardlet"')

    request = urllib.request.Request(base + "/kohort/", headers={"Cookie": cookie})
    boards = set(re.findall(r'href="(/kohort/\d+/)"', urllib.request.urlopen(request).read().decode()))
    if not boards:
        raise SystemExit("no cohort board on /kohort/")
    return max(sorted(boards), key=cards)


def _private_pages(base: str) -> list[tuple[str, str, str]]:
    secretariat = _login(base, "sekretariat", "demo-sekretariat-2026")
    assessor = _login(base, "asesor", "demo-asesor-2026")
    board = _fullest_board(base, secretariat)
    round_page = _first_link(base, secretariat, "/penilaian/", r"/penilaian/putaran/\d+/")
    return [
        ("pipeline-board", board, secretariat),
        ("round-dashboard", round_page, secretariat),
        ("assessor-tasks", "/penilaian/tugas/", assessor),
    ]


def server_cpu(pid: int | None) -> float | None:
    """CPU seconds (user + system) used so far by the server process and its workers (Linux only)."""
    if pid is None or not Path("/proc/self/stat").exists():
        return None
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def single_client(
    base: str, pages: list[tuple[str, str, str]], pid: int | None, repeat: int = 30
) -> dict[str, tuple[float, float | None]]:
    """Per page, with one client alone: the median milliseconds (no queueing, but the machine's other
    load still shows) and the server's CPU milliseconds per request (not inflated by other load)."""
    alone = {}
    for name, path, cookie in pages:
        for _ in range(6):  # warm: every worker has compiled the templates
            _client_get(base, path, cookie)
        times = []
        cpu_before = server_cpu(pid)
        for _ in range(repeat):
            start = time.perf_counter()
            _client_get(base, path, cookie)
            times.append((time.perf_counter() - start) * 1000)
        cpu_after = server_cpu(pid)
        cpu = None if cpu_before is None or cpu_after is None else (cpu_after - cpu_before) * 1000 / repeat
        alone[name] = (statistics.median(times), cpu)
    return alone


def _client_get(base: str, path: str, cookie: str) -> None:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie, "Accept-Language": "id"})
    urllib.request.urlopen(request).read()


def _measure(
    base: str, clients: int, seconds: float, pid: int | None = None
) -> tuple[dict[str, object], dict[str, object]]:
    public = [(name, path, "") for name, path in PUBLIC.items()]
    for _name, path, _cookie in public:  # warm: each worker's first request loads code, not pages
        urllib.request.urlopen(base + path).read()
    private = _private_pages(base)
    alone = single_client(base, private, pid)
    result = load(base, private, clients, seconds)
    result["alone"] = alone
    return load(base, public, clients, seconds), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="measure this running server only (no baseline)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var" / "bench-pages")
    parser.add_argument("--fresh", action="store_true", help="reload the demo")
    shared = ROOT.parent / "shared" / "data" / "boundaries" / "kabupaten_kota.geojson"
    parser.add_argument(
        "--boundaries",
        type=Path,
        default=shared if shared.exists() else None,
        help="for the map (default: ../shared)",
    )
    args = parser.parse_args()
    print(f"{args.clients} concurrent clients, {args.seconds:.0f} s per scenario, {os.cpu_count()} CPUs")
    if args.base:
        cold, warm = map_transfer(args.base)
        print(f"/peta/ transfers {cold / 1024:.0f} KB cold, {warm / 1024:.0f} KB warm")
        public, private = _measure(args.base, args.clients, args.seconds)
        _report("public pages", public)
        _report("logged-in pages", private)
        return
    _prepare(args.data_dir, args.fresh, args.boundaries)
    results = {}
    for cache in (False, True):
        server = Server(args.data_dir, cache=cache, workers=args.workers, port=args.port)
        try:
            results[cache] = _measure(server.base, args.clients, args.seconds, server.process.pid)
        finally:
            server.stop()
        if cache:
            server = Server(args.data_dir, cache=cache, workers=args.workers, port=args.port)
            try:
                cold, warm = map_transfer(server.base)
            finally:
                server.stop()
    label = {False: "page cache off (baseline)", True: "page cache on"}
    for cache in (False, True):
        _report(f"public pages, {label[cache]}", results[cache][0])
        _report(f"logged-in pages, {label[cache]}", results[cache][1])
    before, after = results[False][0], results[True][0]
    print("\nsummary (same run):")
    print(
        f"  public p95 {before['p95']:.0f} → {after['p95']:.0f} ms "
        f"(target ≤ {PUBLIC_P95_MS:.0f}: {'met' if after['p95'] <= PUBLIC_P95_MS else 'NOT met'}); "
        f"throughput {before['rps']:.0f} → {after['rps']:.0f} requests/s, ×{after['rps'] / before['rps']:.1f} "
        f"(target ≥ {PUBLIC_RPS:.0f}: {'met' if after['rps'] >= PUBLIC_RPS else 'NOT met'})"
    )
    private = results[True][1]
    print(
        f"  /peta/ transfers {cold / 1024:.0f} KB cold (target ≤ 1536: {'met' if cold <= 1536 * 1024 else 'NOT met'}), "
        f"{warm / 1024:.0f} KB with a warm browser cache (target ≤ 600: {'met' if warm <= 600 * 1024 else 'NOT met'})"
    )
    print(
        f"  logged-in p95 {results[False][1]['p95']:.0f} → {private['p95']:.0f} ms "
        f"(target ≤ {PRIVATE_P95_MS:.0f}: {'met' if private['p95'] <= PRIVATE_P95_MS else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
