"""Views at scale: the time of `kzgraph views` on a generated graph of ACTORS actors.

Run: python benchmarks/bench_views.py [ACTORS]   (default 5000)

Generates a graph in kzgraph's shape (persons representing states, states, organizations;
meetings, visits and agreements with dates of every precision, some undated; each event
with its sentence and article), writes it as Turtle, then prints the time of
`kzgraph views` end to end in a new process (wall clock and CPU), the size of each page, and, when Chromium
and Playwright are installed, how long the largest network page and the map and timeline
take to draw in headless Chromium.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from kzgraph.namespaces import KZ, KZD, bind_namespaces
from kzgraph.stores import write_turtle

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STATES = ["KZ", "CN", "RU", "US", "DE", "FR", "GB", "TR", "UZ", "KG", "TJ", "TM", "AZ", "IN", "JP",
          "KR", "IT", "ES", "PL", "HU", "QA", "AE", "SA", "EG", "BR", "CA", "AU", "NO", "SE", "FI",
          "BE", "NL", "AT", "CH", "GR", "IR", "PK", "AF", "MN", "VN", "TH", "MY", "SG", "ID", "IL",
          "UA", "BY", "GE", "AM", "LU"]


def synthetic_graph(actors: int, seed: int = 11) -> Graph:
    """About `actors` actors (50 states, 2 % organizations, the rest persons) and 1.8 events
    per actor; persons cluster around their state so the network has communities."""
    rnd = random.Random(seed)
    g = bind_namespaces(Graph())
    states = [KZD[f"state/{code}"] for code in STATES]
    for code, state in zip(STATES, states):
        g.add((state, RDF.type, KZ.State))
        g.add((state, RDFS.label, Literal(f"State {code}", lang="en")))
    orgs = [KZD[f"org/o{i}"] for i in range(max(1, actors // 50))]
    for i, org in enumerate(orgs):
        g.add((org, RDF.type, KZ.Organization))
        g.add((org, RDFS.label, Literal(f"Organization {i}", lang="en")))
    people, home = [], {}
    for i in range(actors - len(states) - len(orgs)):
        person = KZD[f"person/p{i}"]
        state = states[0] if rnd.random() < 0.25 else rnd.choice(states)
        g.add((person, RDF.type, KZ.Person))
        g.add((person, RDFS.label, Literal(f"Person {i}", lang="en")))
        g.add((person, KZ.represents, state))
        people.append(person)
        home[person] = state
    for i in range(int(actors * 1.8)):
        cls = rnd.choice([KZ.Meeting, KZ.Meeting, KZ.Visit, KZ.Agreement])
        event, article, sentence = KZD[f"event/e{i}"], KZD[f"article/a/{i // 5}"], KZD[f"article/a/{i // 5}/s{i % 5}"]
        g.add((event, RDF.type, cls))
        g.add((event, RDFS.label, Literal(f"Event {i}", lang="en")))
        year, month, day = rnd.randint(2019, 2025), rnd.randint(1, 12), rnd.randint(1, 28)
        precision = rnd.random()
        if precision < 0.8:
            g.add((event, KZ.date, Literal(f"{year}-{month:02d}-{day:02d}", datatype=XSD.date)))
        elif precision < 0.9:
            g.add((event, KZ.date, Literal(f"{year}-{month:02d}", datatype=XSD.gYearMonth)))
        elif precision < 0.96:
            g.add((event, KZ.date, Literal(str(year), datatype=XSD.gYear)))
        first = rnd.choice(people)
        near = [p for p in rnd.sample(people, 40) if home[p] == home[first]] or people
        second = rnd.choice(near) if rnd.random() < 0.6 else rnd.choice(people)
        if cls == KZ.Visit:
            g.add((event, KZ.visitor, first))
            g.add((event, KZ.destination, rnd.choice(states)))
        elif cls == KZ.Agreement:
            g.add((event, KZ.party, home[first]))
            g.add((event, KZ.party, rnd.choice(states + orgs)))
        else:
            for actor in {first, second, *(rnd.sample(orgs, 1) if rnd.random() < 0.1 else [])}:
                g.add((event, KZ.participant, actor))
        g.add((event, KZ.article, article))
        g.add((event, KZ.sentence, sentence))
        g.add((sentence, KZ.text, Literal(f"Sentence {i % 5} of article {i // 5}, reporting event {i}.", lang="en")))
        g.add((sentence, KZ.partOf, article))
        g.add((article, KZ.title, Literal(f"Article {i // 5}", lang="en")))
    return g


def draw_times(folder: Path, pages: list[str]) -> dict[str, float]:
    """Seconds from navigation to `window.kzDrawn` for each page, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    times = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        for name in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            started = time.perf_counter()
            page.goto((folder / name).as_uri())
            page.wait_for_function("window.kzDrawn === true", timeout=300_000)
            times[name] = time.perf_counter() - started
            page.close()
        browser.close()
    return times


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(actors: int) -> None:
    started = time.perf_counter()
    graph = synthetic_graph(actors)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ttl = folder / "big.ttl"
        write_turtle(graph, ttl)
        print(f"generated {actors} actors, {len(graph)} triples in {time.perf_counter() - started:.1f} s")
        begin, cpu_before = time.perf_counter(), _children_cpu()
        run = subprocess.run([sys.executable, "-m", "kzgraph", "views", str(ttl), "-o", str(folder / "views")],
                             capture_output=True, text=True)
        elapsed, cpu = time.perf_counter() - begin, _children_cpu() - cpu_before
        if run.returncode != 0:
            sys.exit(f"kzgraph views failed:\n{run.stderr}")
        print(f"kzgraph views: {elapsed:.1f} s wall, {cpu:.1f} s CPU (wall exceeds CPU when other work shares the cores)")
        sizes = {p.name: p.stat().st_size for p in sorted((folder / "views").glob("*.html"))}
        for name, size in sizes.items():
            print(f"  {name:28s} {size / 1e6:6.2f} MB")
        if Path(CHROMIUM).exists():
            try:
                import playwright  # noqa: F401 (only whether it is installed)
            except ImportError:
                return
            networks = [n for n in sizes if n not in ("index.html", "map.html", "timeline.html")]
            largest = max(networks, key=sizes.get)
            for name, seconds in draw_times(folder / "views", [largest, "map.html", "timeline.html"]).items():
                print(f"drawn in the browser: {name} in {seconds:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
