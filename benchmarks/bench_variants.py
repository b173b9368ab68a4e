"""What building one deck per afdeling costs, and how it scales to one per municipality.

1. Batch vs single: the median of RUNS whole-process runs of
   `python -m deck_builder build --all-afdelingen --output DIR` (the 12 afdelingen of
   content/) against `python -m deck_builder build --output DIR/x.pptx` (the base deck
   alone), run in turn, and their ratio (target ≤ 1.5×). `--bytecode` gives both a
   warm .pyc cache, as bench_build.py does.
2. Scale: a temporary copy of content/ whose afdelingen.yaml has one entry per Dutch
   municipality (342, real names; the first 100 and 200 for the smaller sizes), some
   with a small overlay. All are built in one command with `--jobs JOBS` while a thread
   samples /proc every 50 ms: the peak of the summed RSS (and PSS, which counts pages
   shared by the forked workers once) of the build process and its workers. Targets:
   ≤ 20 s for 342 decks on 2 cores, memory flat in the number of variants.

    python benchmarks/bench_variants.py                  # both parts
    python benchmarks/bench_variants.py --runs 7 --sizes 100 342 --jobs 2
    python benchmarks/bench_variants.py --runs 11 --bytecode --sizes   # part 1 only
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
RUNS = 5
SIZES = (100, 200, 342)
JOBS = 2
SAMPLE_SECONDS = 0.05

# The 342 municipalities of the Netherlands (1 January 2024), by province.
MUNICIPALITIES: dict[str, tuple[str, ...]] = {
    "Groningen": (
        "Eemsdelta", "Groningen", "Het Hogeland", "Midden-Groningen", "Oldambt", "Pekela",
        "Stadskanaal", "Veendam", "Westerkwartier", "Westerwolde",
    ),
    "Fryslân": (
        "Achtkarspelen", "Ameland", "Dantumadiel", "De Fryske Marren", "Harlingen",
        "Heerenveen", "Leeuwarden", "Noardeast-Fryslân", "Ooststellingwerf", "Opsterland",
        "Schiermonnikoog", "Smallingerland", "Súdwest-Fryslân", "Terschelling",
        "Tytsjerksteradiel", "Vlieland", "Waadhoeke", "Weststellingwerf",
    ),
    "Drenthe": (
        "Aa en Hunze", "Assen", "Borger-Odoorn", "Coevorden", "De Wolden", "Emmen",
        "Hoogeveen", "Meppel", "Midden-Drenthe", "Noordenveld", "Tynaarlo", "Westerveld",
    ),
    "Overijssel": (
        "Almelo", "Borne", "Dalfsen", "Deventer", "Dinkelland", "Enschede", "Haaksbergen",
        "Hardenberg", "Hellendoorn", "Hengelo", "Hof van Twente", "Kampen", "Losser",
        "Oldenzaal", "Olst-Wijhe", "Ommen", "Raalte", "Rijssen-Holten", "Staphorst",
        "Steenwijkerland", "Tubbergen", "Twenterand", "Wierden", "Zwartewaterland", "Zwolle",
    ),
    "Flevoland": ("Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"),
    "Gelderland": (
        "Aalten", "Apeldoorn", "Arnhem", "Barneveld", "Berg en Dal", "Berkelland", "Beuningen",
        "Bronckhorst", "Brummen", "Buren", "Culemborg", "Doesburg", "Doetinchem", "Druten",
        "Duiven", "Ede", "Elburg", "Epe", "Ermelo", "Harderwijk", "Hattem", "Heerde", "Heumen",
        "Lingewaard", "Lochem", "Maasdriel", "Montferland", "Neder-Betuwe", "Nijkerk",
        "Nijmegen", "Nunspeet", "Oldebroek", "Oost Gelre", "Oude IJsselstreek", "Overbetuwe",
        "Putten", "Renkum", "Rheden", "Rozendaal", "Scherpenzeel", "Tiel", "Voorst",
        "Wageningen", "West Betuwe", "West Maas en Waal", "Westervoort", "Wijchen",
        "Winterswijk", "Zaltbommel", "Zevenaar", "Zutphen",
    ),
    "Utrecht": (
        "Amersfoort", "Baarn", "Bunnik", "Bunschoten", "De Bilt", "De Ronde Venen", "Eemnes",
        "Houten", "IJsselstein", "Leusden", "Lopik", "Montfoort", "Nieuwegein", "Oudewater",
        "Renswoude", "Rhenen", "Soest", "Stichtse Vecht", "Utrecht", "Utrechtse Heuvelrug",
        "Veenendaal", "Vijfheerenlanden", "Wijk bij Duurstede", "Woerden", "Woudenberg",
        "Zeist",
    ),
    "Noord-Holland": (
        "Aalsmeer", "Alkmaar", "Amstelveen", "Amsterdam", "Bergen (NH)", "Beverwijk",
        "Blaricum", "Bloemendaal", "Castricum", "Den Helder", "Diemen", "Dijk en Waard",
        "Drechterland", "Edam-Volendam", "Enkhuizen", "Gooise Meren", "Haarlem",
        "Haarlemmermeer", "Heemskerk", "Heemstede", "Heiloo", "Hilversum", "Hollands Kroon",
        "Hoorn", "Huizen", "Koggenland", "Landsmeer", "Laren", "Medemblik", "Oostzaan",
        "Opmeer", "Ouder-Amstel", "Purmerend", "Schagen", "Stede Broec", "Texel", "Uitgeest",
        "Uithoorn", "Velsen", "Waterland", "Wijdemeren", "Wormerland", "Zaanstad", "Zandvoort",
    ),
    "Zuid-Holland": (
        "Alblasserdam", "Albrandswaard", "Alphen aan den Rijn", "Barendrecht",
        "Bodegraven-Reeuwijk", "Capelle aan den IJssel", "Delft", "Den Haag", "Dordrecht",
        "Goeree-Overflakkee", "Gorinchem", "Gouda", "Hardinxveld-Giessendam",
        "Hendrik-Ido-Ambacht", "Hillegom", "Hoeksche Waard", "Kaag en Braassem", "Katwijk",
        "Krimpen aan den IJssel", "Krimpenerwaard", "Lansingerland", "Leiden", "Leiderdorp",
        "Leidschendam-Voorburg", "Lisse", "Maassluis", "Midden-Delfland", "Molenlanden",
        "Nieuwkoop", "Nissewaard", "Noordwijk", "Oegstgeest", "Papendrecht",
        "Pijnacker-Nootdorp", "Ridderkerk", "Rijswijk", "Rotterdam", "Schiedam", "Sliedrecht",
        "Teylingen", "Vlaardingen", "Voorne aan Zee", "Voorschoten", "Waddinxveen",
        "Wassenaar", "Westland", "Zoetermeer", "Zoeterwoude", "Zuidplas", "Zwijndrecht",
    ),
    "Zeeland": (
        "Borsele", "Goes", "Hulst", "Kapelle", "Middelburg", "Noord-Beveland", "Reimerswaal",
        "Schouwen-Duiveland", "Sluis", "Terneuzen", "Tholen", "Veere", "Vlissingen",
    ),
    "Noord-Brabant": (
        "Alphen-Chaam", "Altena", "Asten", "Baarle-Nassau", "Bergeijk", "Bergen op Zoom",
        "Bernheze", "Best", "Bladel", "Boekel", "Boxtel", "Breda", "Cranendonck", "Deurne",
        "Dongen", "Drimmelen", "Eersel", "Eindhoven", "Etten-Leur", "Geertruidenberg",
        "Geldrop-Mierlo", "Gemert-Bakel", "Gilze en Rijen", "Goirle", "Halderberge",
        "Heeze-Leende", "Helmond", "’s-Hertogenbosch", "Heusden", "Hilvarenbeek",
        "Laarbeek", "Land van Cuijk", "Loon op Zand", "Maashorst", "Meierijstad", "Moerdijk",
        "Nuenen", "Oirschot", "Oisterwijk", "Oosterhout", "Oss", "Reusel-De Mierden",
        "Roosendaal", "Rucphen", "Sint-Michielsgestel", "Someren", "Son en Breugel",
        "Steenbergen", "Tilburg", "Valkenswaard", "Veldhoven", "Vught", "Waalre", "Waalwijk",
        "Woensdrecht", "Zundert",
    ),
    "Limburg": (
        "Beek", "Beekdaelen", "Beesel", "Bergen (L)", "Brunssum", "Echt-Susteren",
        "Eijsden-Margraten", "Gennep", "Gulpen-Wittem", "Heerlen", "Horst aan de Maas",
        "Kerkrade", "Landgraaf", "Leudal", "Maasgouw", "Maastricht", "Meerssen",
        "Mook en Middelaar", "Nederweert", "Peel en Maas", "Roerdalen", "Roermond",
        "Simpelveld", "Sittard-Geleen", "Stein", "Vaals", "Valkenburg aan de Geul", "Venlo",
        "Venray", "Voerendaal", "Weert",
    ),
}


def slugify(name: str) -> str:
    """`Súdwest-Fryslân` → `sudwest-fryslan`, `’s-Hertogenbosch` → `s-hertogenbosch`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def municipalities() -> list[tuple[str, str]]:
    """(name, province) of every municipality, in province order."""
    found = [(name, province) for province, names in MUNICIPALITIES.items() for name in names]
    slugs = [slugify(name) for name, _ in found]
    assert len(found) == 342, len(found)
    assert len(set(slugs)) == len(slugs), "two municipalities share a slug"
    return found


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def afdelingen_yaml(count: int) -> str:
    """An afdelingen.yaml with one entry per municipality; about a third have an overlay."""
    lines = ["afdelingen:"]
    for number, (name, province) in enumerate(municipalities()[:count]):
        day = 2 + number % 26
        month = 2 + (number // 26) % 10
        hour = 9 + number % 8
        lines += [
            f"  - slug: {slugify(name)}",
            f"    name: {_q('Gemeente ' + name)}",
            f"    short: {_q(name)}",
            "    meeting: Raadsinformatieavond" if number % 2 else "    meeting: Commissie Ruimte",
            f"    date: 2026-{month:02d}-{day:02d}",
            f'    start: "{hour:02d}:00"',
            f'    end: "{hour + 2:02d}:30"',
            f"    place: {_q(name)}",
            f"    chair: {_q('Burgemeester van ' + name)}",
            "    presenter: VNG, team Landelijk gebied",
            f"    contact: griffie@{slugify(name)}.example.org",
            f"    variables: {{provincie: {_q(province)}}}",
        ]
        if number % 5 == 0:
            lines.append("    drop: [resolutie]")
        if number % 7 == 0:
            lines += [
                "    add:",
                "      - after: agenda",
                "        slides:",
                "          - kind: bullets",
                f"            id: lokaal-{slugify(name)}",
                "            title: Actueel in {afdeling_kort}",
                "            body:",
                "              - Gebiedsprocessen in {plaats} en de provincie {provincie}",
                "              - paragraph: Toelichting door {voorzitter}.",
            ]
        if number % 3 == 0:
            lines += [
                "    override:",
                "      overige-actualiteiten:",
                "        title: Overige actualiteiten {afdeling_kort}",
                "      bouwstenen-stikstof:",
                "        left.heading: Emissiereductie in {provincie}",
            ]
    return "\n".join(lines) + "\n"


# -- measuring ---------------------------------------------------------------------------


def _timed(command: list[str], cwd: Path, env: dict[str, str] | None = None
           ) -> tuple[float, float]:
    """Wall and CPU (user + system, workers included) seconds of one successful run."""
    started = time.perf_counter()
    # stderr too: every deck's fit warnings would flood the table.
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, usage.ru_utime + usage.ru_stime


def interleaved_medians(commands: dict[str, list[str]], runs: int, cwd: Path,
                        env: dict[str, str] | None = None) -> dict[str, tuple[float, float]]:
    """Median wall and median CPU seconds of `runs` runs of each command, run in turn
    (a, b, a, b, ...) after one unmeasured warm-up each, so that a machine that gets
    busier or quieter meanwhile affects all of them alike."""
    for command in commands.values():
        _timed(command, cwd, env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_timed(command, cwd, env))
    return {name: (statistics.median(t[0] for t in samples),
                   statistics.median(t[1] for t in samples))
            for name, samples in times.items()}


def _children_of(pid: int) -> list[int] | None:
    """Child pids from /proc/<pid>/task/*/children; None when the kernel lacks that file."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
        except FileNotFoundError:
            return None
        except OSError:
            continue
        found.extend(int(child) for child in text.split())
    return found


def _by_parent() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    found, todo = [], [root]
    tree: dict[int, list[int]] | None = None
    while todo:
        pid = todo.pop()
        found.append(pid)
        children = _children_of(pid)
        if children is None:  # no children files: scan /proc once for parent links
            tree = tree if tree is not None else _by_parent()
            children = tree.get(pid, [])
        todo.extend(children)
    return found


def _kb(path: str, field: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Peak:
    """Peaks seen while sampling a process tree (kB)."""

    rss_sum: int = 0
    pss_sum: int = 0
    rss_single: int = 0
    processes: int = 0


@dataclass
class Sampled:
    """One sampled run: wall and CPU seconds, exit code, peaks."""

    seconds: float
    cpu: float  # user + system of the build and every worker it waited for
    code: int
    peak: Peak
    maxrss_kb: int  # getrusage of the waited tree: the largest single process


def run_sampled(command: list[str], cwd: Path) -> Sampled:
    """Run `command`, sampling its process tree every 50 ms."""
    peak = Peak()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _descendants(process.pid)
            rss = [_kb(f"/proc/{pid}/status", "VmRSS") for pid in pids]
            pss = sum(_kb(f"/proc/{pid}/smaps_rollup", "Pss") for pid in pids)
            peak.rss_sum = max(peak.rss_sum, sum(rss))
            peak.pss_sum = max(peak.pss_sum, pss)
            peak.rss_single = max(peak.rss_single, *rss, 0)
            peak.processes = max(peak.processes, len([r for r in rss if r]))
            done.wait(SAMPLE_SECONDS)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    thread.join()
    return Sampled(seconds, usage.ru_utime + usage.ru_stime, process.returncode, peak,
                   usage.ru_maxrss)


def scratch_content(root: Path) -> Path:
    """A copy of content/ under root, with the templates reachable beside it."""
    target = root / "content"
    shutil.copytree(CONTENT, target)
    (root / "templates").symlink_to(REPO / "templates", target_is_directory=True)
    return target


# -- the two parts -------------------------------------------------------------------------


def batch_vs_single(runs: int, temp: Path, bytecode: bool) -> None:
    python = [sys.executable, "-m", "deck_builder", "build"]
    env = dict(os.environ)
    if bytecode:  # as bench_build.py --bytecode: a warm .pyc cache, as on a normal install
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(temp / "pycache")
    env["XDG_CACHE_HOME"] = str(temp / "cache")
    medians = interleaved_medians({
        "single": [*python, "--output", str(temp / "single" / "x.pptx")],
        "one afdeling": [*python, "--afdeling", "drenthe", "--output", str(temp / "one")],
        "batch": [*python, "--all-afdelingen", "--output", str(temp / "batch")],
    }, runs, REPO, env)
    (single, single_cpu), (batch, batch_cpu) = medians["single"], medians["batch"]
    one, one_cpu = medians["one afdeling"]
    decks = len(list((temp / "batch").glob("*.pptx")))
    print(f"\n1. All afdelingen in one command vs one deck (median of {runs} whole-process runs, "
          f"{os.cpu_count()} cores, default --jobs)")
    print(f"{'command':<40} {'wall s':>8} {'CPU s':>8}")
    print(f"{'build (base deck)':<40} {single:>8.2f} {single_cpu:>8.2f}")
    print(f"{'build --afdeling drenthe (one deck)':<40} {one:>8.2f} {one_cpu:>8.2f}")
    print(f"{f'build --all-afdelingen ({decks} decks)':<40} {batch:>8.2f} {batch_cpu:>8.2f}")
    verdict = "meets" if batch / single <= 1.5 else "misses"
    print(f"ratio {batch / single:.2f}× wall ({verdict} the target ≤ 1.5×), "
          f"{batch_cpu / single_cpu:.2f}× CPU; "
          f"{1000 * (batch_cpu - single_cpu) / max(decks - 1, 1):.0f} ms CPU per extra deck")
    print(f"(against one afdeling's deck: {batch / one:.2f}× wall)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def scale(sizes: list[int], jobs: int, temp: Path) -> None:
    root = temp / "scale"
    root.mkdir()
    folder = scratch_content(root)
    rows = []
    for count in sizes:
        (folder / "afdelingen.yaml").write_text(afdelingen_yaml(count), encoding="utf-8")
        out = root / f"out-{count}"
        command = [sys.executable, "-m", "deck_builder", "build", str(folder),
                   "--all-afdelingen", "--jobs", str(jobs), "-o", str(out)]
        run = run_sampled(command, root)
        written = len(list(out.glob("*.pptx")))
        rows.append((count, written, run))
        print(f"scale {count}: {run.seconds:.1f} s, {written} decks, exit {run.code}",
              file=sys.stderr)
        shutil.rmtree(out)
    print(f"\n2. One deck per municipality, one command, --jobs {jobs} "
          f"(memory sampled every {int(SAMPLE_SECONDS * 1000)} ms: parent + workers)")
    print(f"{'variants':>8} {'written':>8} {'exit':>5} {'seconds':>8} {'ms/deck':>8} "
          f"{'CPU s':>7} {'peak RSS sum':>13} {'peak PSS sum':>13} {'max 1 proc':>11}")
    for count, written, run in rows:
        peak = run.peak
        print(f"{count:>8} {written:>8} {run.code:>5} {run.seconds:>8.2f} "
              f"{1000 * run.seconds / count:>8.1f} {run.cpu:>7.1f} "
              f"{peak.rss_sum / 1024:>10.0f} MB {peak.pss_sum / 1024:>10.0f} MB "
              f"{max(peak.rss_single, run.maxrss_kb) / 1024:>8.0f} MB")
    first, last = rows[0][2], rows[-1][2]
    print(f"target ≤ 20 s for {rows[-1][0]} decks on 2 cores: {last.seconds:.1f} s "
          f"({'met' if last.seconds <= 20 else 'missed'}; CPU {last.cpu:.1f} s, so ≥ "
          f"{last.cpu / 2:.1f} s on 2 idle cores)")
    print(f"peak RSS sum {rows[0][0]} → {rows[-1][0]} variants: {first.peak.rss_sum / 1024:.0f} → "
          f"{last.peak.rss_sum / 1024:.0f} MB "
          f"({100 * (last.peak.rss_sum / first.peak.rss_sum - 1):+.0f}%)")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per median (≥ 5)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES),
                        help="variant counts of the scale part (none: skip it)")
    parser.add_argument("--jobs", type=int, default=JOBS)
    parser.add_argument("--skip-batch", action="store_true", help="only the scale part")
    parser.add_argument("--bytecode", action="store_true",
                        help="part 1 with a warm .pyc cache (see bench_build.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deck-variants-") as name:
        temp = Path(name)
        if not args.skip_batch:
            batch_vs_single(args.runs, temp, args.bytecode)
        if args.sizes:
            scale(args.sizes, args.jobs, temp)


if __name__ == "__main__":
    main()
