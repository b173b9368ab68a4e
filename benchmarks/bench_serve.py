"""`deck-builder serve`: from saving an edit of one bullet to the new picture of that
slide in the page, against the build alone plus drawing one slide; and the server's
memory over many edits.

The server runs as a user starts it (`python -m deck_builder serve <copy of content>
--port 0`, a fresh interpreter). The script listens to the page's event stream as the
page does; an edit's time runs from just before the file is written until the new
picture of the edited slide has been fetched from the server. Then, in this process:

  build alone   load, check and build the deck with a warm build session, as the
                server does for each edit
  one slide     a warm LibreOffice opening the deck and drawing the edited slide

each measured right after each timed edit (the server idle meanwhile), so that a
machine busy with other work slows the three alike; medians are compared.

Budgets: median edit at most 1.5 s on 2 cores, and at most 2 x (build alone + one
slide). Memory: the server's resident size (and LibreOffice's) after the first edits
and after all of them.

    python benchmarks/bench_serve.py                    # 10 edits
    python benchmarks/bench_serve.py --edits 10 --memory-edits 200
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EDIT_BUDGET = 1.5
CHECKPOINTS = {20, 50, 100, 150, 200, 300, 400}
RATIO_BUDGET = 2.0
SECTION = "sections/03-overige.yaml"
BULLET = "- Stikstof"


class Page:
    """What the page sees: the state of the base deck after each event."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "", parts.port or 0, parts.path
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        stream = http.client.HTTPConnection(self.host, self.port, timeout=120)
        stream.request("GET", f"{self.path}events")
        self._response = stream.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for raw in self._response:
            line = raw.decode().strip()
            if line.startswith("data: "):
                self.events.put(json.loads(line[6:]))

    def get(self, path: str) -> bytes:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        connection.request("GET", f"{self.path}{path}")
        body = connection.getresponse().read()
        connection.close()
        return body

    def state(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.get("api/state/base"))
        return result

    def wait_idle(self) -> None:
        """Wait until the server has finished the build (its accessibility check too)."""
        while self.state()["building"]:
            time.sleep(0.02)

    def wait_picture(self, index: int, old_key: str) -> str:
        """Wait (by events) until slide `index` has a new key with its picture; fetch it."""
        while True:
            self.events.get(timeout=120)
            state = self.state()
            slide = state["slides"][index]
            if slide["key"] != old_key and slide["picture"]:
                assert self.get(f"slide/{slide['key']}.png").startswith(b"\x89PNG")
                return str(slide["key"])


def rss_mb(pid: int) -> float:
    """Resident size of a process and its descendants, MB (Linux /proc)."""
    total = 0
    pids = [pid]
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    while pids:
        current = pids.pop()
        pids += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its descendants so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
    children: dict[int, list[int]] = {}
    for child, fields in stats.items():
        children.setdefault(int(fields[1]), []).append(child)
    total, pids = 0, [pid]
    while pids:
        current = pids.pop()
        pids += children.get(current, [])
        if current in stats:
            total += int(stats[current][11]) + int(stats[current][12])  # utime, stime
    return total / ticks


def server_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def edit(path: Path, text: str, number: int) -> None:
    path.write_text(text.replace(BULLET, f"{BULLET} {number}", 1), encoding="utf-8")


def measure_edits(content: Path, edits: int, memory_edits: int,
                  parts: Any) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "deck_builder", "serve", str(content), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        page = Page(url)
        started = time.perf_counter()
        while True:
            state = page.state()
            if state["slides"] and all(s["picture"] for s in state["slides"]):
                break
            time.sleep(0.05)
        first = time.perf_counter() - started
        count = len(state["slides"])
        index = next(i for i, s in enumerate(state["slides"])
                     if s["source"].endswith("03-overige.yaml:3"))
        section = content / SECTION
        text = section.read_text(encoding="utf-8")
        key = state["slides"][index]["key"]
        times = []
        cpu_before = tree_cpu_seconds(server.pid)
        cpu_edits = 0.0
        memory: list[tuple[int, float, float]] = [
            (0, server_rss_mb(server.pid), rss_mb(server.pid))]
        total = max(edits, memory_edits)
        for number in range(total):
            time.sleep(0.3)  # a person types, then saves
            while not page.events.empty():
                page.events.get_nowait()
            began = time.perf_counter()
            edit(section, text, number)
            key = page.wait_picture(index, key)
            if number < edits:
                times.append(time.perf_counter() - began)
                page.wait_idle()
                parts(content, index)
            if number == edits - 1:
                cpu_edits = (tree_cpu_seconds(server.pid) - cpu_before) / edits
            if number + 1 in CHECKPOINTS or number + 1 == total:
                memory.append((number + 1, server_rss_mb(server.pid), rss_mb(server.pid)))
        result = {"slides": count, "first": first, "times": times, "memory": memory,
                  "cpu": cpu_edits}
        server.send_signal(signal.SIGINT)
        server.wait(60)
        return result
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)  # let it stop LibreOffice and clean up
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


class Parts:
    """The build alone and one slide drawn, in this process, after each edit: the same
    load of the machine as the edit itself."""

    def __init__(self, work: Path) -> None:
        from deck_builder.delivery.pdf import find_soffice
        from deck_builder.serve.office import Office, find_uno_python

        soffice = find_soffice()
        python = find_uno_python(soffice) if soffice else None
        if soffice is None or python is None:
            raise SystemExit("needs LibreOffice and a Python with its uno module")
        self.office = Office(soffice, python, work)
        self.session: Any = None
        self.builds: list[float] = []
        self.draws: list[float] = []

    def __call__(self, content: Path, index: int) -> None:
        from deck_builder import pipeline

        began = time.perf_counter()
        deck = pipeline.load_deck(content)
        template = pipeline.open_template(deck)
        if self.session is None or self.session.template != template:
            self.session = pipeline.open_session(template)
            began = time.perf_counter()  # a warm session, as the server's
            deck = pipeline.load_deck(content)
            template = pipeline.open_template(deck)
        data, _, _ = pipeline.build_bytes(deck, self.session)
        self.builds.append(time.perf_counter() - began)
        if not self.draws:
            self.office.render(data, [index], 1280, 720)  # its start is not counted
        began = time.perf_counter()
        self.office.render(data, [index], 1280, 720)
        self.draws.append(time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--memory-edits", type=int, default=0,
                        help="keep editing this many times in all, for the memory figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as name:
        content = Path(name) / "content"
        shutil.copytree(REPO / "content", content)
        parts = Parts(Path(name) / "office")
        try:
            edits = measure_edits(content, args.edits, args.memory_edits, parts)
        finally:
            parts.office.close()
        build, draw = statistics.median(parts.builds), statistics.median(parts.draws)
    median = statistics.median(edits["times"])
    floor = build + draw
    print(f"deck: {edits['slides']} slides; first page with every picture: "
          f"{edits['first']:.2f} s (LibreOffice started)")
    print(f"edit of one bullet -> new picture in the page, {len(edits['times'])} edits: "
          f"median {median:.3f} s, min {min(edits['times']):.3f} s, "
          f"max {max(edits['times']):.3f} s   (budget {EDIT_BUDGET} s: "
          f"{'met' if median <= EDIT_BUDGET else 'NOT met'})")
    print(f"CPU per edit, server and LibreOffice together: {edits['cpu']:.3f} s "
          "(on a busy machine the wall time grows, the CPU time much less)")
    print(f"build alone (warm session): {build:.3f} s; one slide drawn by a warm "
          f"LibreOffice: {draw:.3f} s; sum {floor:.3f} s")
    print(f"edit / (build + one slide) = {median / floor:.2f}   (budget {RATIO_BUDGET}: "
          f"{'met' if median <= RATIO_BUDGET * floor else 'NOT met'})")
    print("resident memory (MB) after N edits: N, server, server with LibreOffice")
    for number, server, tree in edits["memory"]:
        print(f"  {number:4d}  {server:6.1f}  {tree:6.1f}")


if __name__ == "__main__":
    main()
