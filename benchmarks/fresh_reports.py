"""Fresh synthetic ISS reports for benchmarks: no two alike, unlike repeated samples.

Each report is a title, sometimes a dateline, and paragraphs drawn from sentence templates
written for this file, filled from the shipped gazetteers (every module, vehicle, agency,
outlet and roster name) and from random dates, numbers, times, first names and surnames.
Deterministic for a seed. About 300-500 words a report, with the density of entities and
dates of a news or status report.

    python benchmarks/fresh_reports.py OUT_DIR [--count 10000] [--seed 16]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip
SHORT_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CITIES = ["MOSCOW", "HOUSTON", "WASHINGTON", "CAPE CANAVERAL, Fla.", "PARIS", "TOKYO", "BAIKONUR", "COLOGNE"]
GIVEN = ["Maria", "Alexei", "Dana", "Hiroshi", "Lena", "Tomas", "Priya", "Oleg", "Grace", "Pavel", "Ines", "Kenji",
         "Sofia", "Marcus", "Yuliya", "Daniel", "Aiko", "Victor", "Nadia", "Samuel"]  # fmt: skip
FAMILY = ["Hartwell", "Sokolova", "Brennan", "Takeda", "Moreau", "Kowalski", "Lindqvist", "Petrenko", "Osei",
          "Delgado", "Varga", "Ishikawa", "Novak", "Carrington", "Belova", "Fischer", "Ramos", "Quinlan"]  # fmt: skip
TITLES = ["flight director", "program manager", "spokesperson", "mission operations lead", "chief engineer",
          "deputy administrator", "press officer", "station manager"]  # fmt: skip
INCIDENTS = [
    "a small air leak", "a slow pressure drop", "smoke from a faulty fan", "an ammonia coolant leak",
    "a failed power channel", "a stuck solar array drive", "a toxic odor", "a computer failure",
    "a fire alarm", "a loss of communication", "a water pump failure", "a debris avoidance manoeuvre",
]  # fmt: skip
EXPERIMENTS = ["plant growth", "protein crystal", "fluid physics", "bone density", "combustion", "radiation dosimetry",
               "cell culture", "materials flammability", "sleep study", "muscle atrophy"]  # fmt: skip

SENTENCES = [
    "The crew of the International Space Station found {incident} in the {module} module on {weekday}.",
    "Flight controllers at {agency} said the {incident2} posed no immediate danger to the {n} people aboard.",
    "{crew} and {crew2} spent about {h} hours checking hatches and seals between {module} and {module2}.",
    "Pressure in the segment fell by {p} millimetres of mercury over {h} hours before the hatch was closed.",
    "According to {person}, the {title} at {agency}, the readings were back to normal by {time}.",
    "The {vehicle} spacecraft docked to the {module} port is scheduled to undock on {date}.",
    "{crew} used an ultrasonic leak detector along the {module} walls, a task planned since {date2}.",
    "The {vehicle} cargo ship delivered {kg} kilograms of food, fuel and spare parts on {date}.",
    "Engineers at {agency} have been tracking the problem since {month} {year}, {outlet} reported.",
    "{agency} told {outlet} that the station's orbit was raised by {m} metres using the engines of {vehicle}.",
    "On {weekday}, {crew} replaced a filter in the {module} air revitalisation system.",
    "The crew also worked on the {experiment} experiment, which started in {month} and runs until {month2}.",
    "{crew} of {crewagency} took photographs of the repair and sent them to specialists on the ground.",
    "A spokesperson for {agency2} declined to comment on the cause of the {incident2}.",
    "Temperatures in {module} rose to {t} degrees Celsius before fans were switched back on at {time}.",
    "The next spacewalk, by {crew} and {crew2}, is planned for {date} to inspect the exterior of {module}.",
    "Mission control asked the crew to shelter in the {vehicle} vehicle for {h} hours as a precaution.",
    "{person}, {title} at {agency2}, said a sealant was applied on {date2} and the leak rate fell by {pct} percent.",
    "Data from {n2} sensors showed the {incident2} began shortly after {time} station time.",
    "The {experiment} samples were packed into the {vehicle} capsule for their return to Earth on {date}.",
    "Earlier this week {crew} completed {n2} hours of exercise and a round of medical checks in {module}.",
    "{outlet} said the {vehicle} launch was moved from {date2} to {date} because of the {incident2}.",
    "The station's {module} and {module2} modules were isolated while the crew took {n2} pressure readings.",
    "{crew}, who arrived on {vehicle} in {month} {year}, has spent {d} days in orbit on this mission.",
    "Officials at {agency} said on {weekday} that the crew was never in danger.",
]


def _date(rng: random.Random, around: date) -> date:
    return around + timedelta(days=rng.randint(-60, 60))


def _fill(template: str, rng: random.Random, names: dict[str, list[str]], when: date) -> str:
    day, other = _date(rng, when), _date(rng, when)
    crew = rng.sample(names["crew"], 2)
    modules = rng.sample(names["modules"], 2)
    agencies = rng.sample(names["agencies"], 2)
    values = {
        "incident": rng.choice(INCIDENTS),
        "incident2": rng.choice(INCIDENTS).split(" ", 1)[1],
        "module": modules[0],
        "module2": modules[1],
        "crew": crew[0],
        "crew2": crew[1],
        "crewagency": agencies[0],
        "agency": agencies[0],
        "agency2": agencies[1],
        "vehicle": rng.choice(names["vehicles"]),
        "outlet": rng.choice(names["media"]),
        "person": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        "title": rng.choice(TITLES),
        "experiment": rng.choice(EXPERIMENTS),
        "weekday": WEEKDAYS[day.weekday()],
        "date": f"{MONTHS[day.month - 1]} {day.day}",
        "date2": f"{SHORT_MONTHS[other.month - 1]} {other.day}, {other.year}",
        "month": MONTHS[other.month - 1],
        "month2": MONTHS[(other.month + rng.randint(1, 5)) % 12],
        "year": str(other.year),
        "time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT",
        "n": str(rng.randint(3, 11)),
        "n2": str(rng.randint(2, 400)),
        "h": str(rng.randint(2, 30)),
        "p": f"{rng.randint(1, 60) / 10:.1f}",
        "kg": f"{rng.randint(900, 3600):,}",
        "m": str(rng.randint(200, 2500)),
        "t": str(rng.randint(24, 38)),
        "pct": str(rng.randint(10, 90)),
        "d": str(rng.randint(5, 370)),
    }
    return template.format(**values)


def gazetteer_names() -> dict[str, list[str]]:
    """Every shipped module, vehicle, agency, outlet and roster name (and their aliases)."""
    from issextract.gazetteers import load_gazetteer

    gazetteer = load_gazetteer()
    return {
        category: [form for entry in gazetteer.category(category) for form in entry.surface_forms]
        for category in ("modules", "vehicles", "agencies", "media", "crew")
    }


def report(rng: random.Random, names: dict[str, list[str]]) -> str:
    when = date(2001, 1, 1) + timedelta(days=rng.randint(0, 9000))
    title = f"{rng.choice(names['agencies'])} update: {rng.choice(INCIDENTS)} aboard {rng.choice(names['modules'])}"
    lines = [title, f"{WEEKDAYS[when.weekday()]}, {MONTHS[when.month - 1]} {when.day}, {when.year}", ""]
    paragraphs = []
    for _ in range(rng.randint(4, 7)):
        sentences = [_fill(rng.choice(SENTENCES), rng, names, when) for _ in range(rng.randint(2, 4))]
        paragraphs.append(" ".join(sentences))
    if rng.random() < 0.4:
        dateline = f"{rng.choice(CITIES)}, {SHORT_MONTHS[when.month - 1]} {when.day} ({rng.choice(names['media'])}) - "
        paragraphs[0] = dateline + paragraphs[0]
    return "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"


def write_reports(folder: Path, count: int, seed: int = 16) -> int:
    """`count` reports as folder/NNN/report-NNNNN.txt (a thousand per folder); their words."""
    rng = random.Random(seed)
    names = gazetteer_names()
    words = 0
    for i in range(count):
        text = report(rng, names)
        target = folder / f"{i // 1000:03d}" / f"report-{i:05d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    words = write_reports(args.out_dir, args.count, args.seed)
    print(f"{args.count} reports, {words:,} words in {args.out_dir}")


if __name__ == "__main__":
    main()
