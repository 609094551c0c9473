"""Page response times under a small load: N concurrent users each fetch every page R times.

Usage: python scripts/measure-pages.py [--base http://127.0.0.1:8000] [--users 20] [--rounds 5]
       [--login sekretariat:demo-sekretariat-2026]
Prints p50/p95 (milliseconds) per page. Start the server first (`kotacerdas serve`, demo data loaded).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PAGES = {
    "dashboard": "/",
    "map": "/peta/",
    "ranking": "/peringkat/",
    "region": "/wilayah/63.71/",
    "pipeline": "/kohort/",
    "api-regions": "/api/regions/",
}


def _opener(base: str, login: str | None) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    if login:
        username, password = login.split(":", 1)
        html = opener.open(base + "/masuk/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        data = urllib.parse.urlencode(
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            }
        ).encode()
        opener.open(
            urllib.request.Request(base + "/masuk/", data=data, headers={"Referer": base + "/masuk/"})
        )
    return opener


def _user(base: str, login: str | None, rounds: int) -> dict[str, list[float]]:
    opener = _opener(base, login)
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    for _ in range(rounds):
        for name, path in PAGES.items():
            start = time.perf_counter()
            with opener.open(base + path) as response:
                response.read()
            times[name].append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--login", default="sekretariat:demo-sekretariat-2026")
    args = parser.parse_args()
    with ThreadPoolExecutor(max_workers=args.users) as pool:
        results = list(pool.map(lambda _: _user(args.base, args.login, args.rounds), range(args.users)))
    print(f"{args.users} concurrent users × {args.rounds} rounds against {args.base}")
    print(f"{'page':<12} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for name in PAGES:
        samples = sorted(t for r in results for t in r[name])
        p95 = samples[min(len(samples) - 1, int(0.95 * len(samples)))]
        print(f"{name:<12} {len(samples):>5} {statistics.median(samples):>8.0f} {p95:>8.0f}")


if __name__ == "__main__":
    main()
