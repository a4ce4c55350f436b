"""Generate wire-style news articles for throughput and memory tests of ``conflict-events convert``.

The articles are assembled from templates written for this project: a dateline, a lead
sentence reporting an event (clash, air strike, bombing, attack on civilians, abduction,
protest, riot, arrests, looting) or a story with no event (economy, weather, sport, politics),
then quotes, casualty updates and background paragraphs. Places are real towns; actors are
generic descriptions or widely known armed groups. Output is deterministic for a seed.

Usage::

    python benchmarks/make_corpus.py 10000 corpus.jsonl [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

# town, admin area, country, state force, one armed group active there
PLACES = (
    ("Maiduguri", "Borno State", "Nigeria", "Nigerian troops", "Boko Haram fighters"),
    ("Gwoza", "Borno State", "Nigeria", "Nigerian soldiers", "Islamic State West Africa Province fighters"),
    ("Kaduna", "Kaduna State", "Nigeria", "police officers", "armed bandits"),
    ("Jos", "Plateau State", "Nigeria", "soldiers", "gunmen"),
    ("Kismayo", "Lower Juba", "Somalia", "Somali army troops", "Al Shabaab militants"),
    ("Baidoa", "Bay region", "Somalia", "Somali security forces", "Al Shabaab fighters"),
    ("Beledweyne", "Hiraan region", "Somalia", "government soldiers", "Al Shabaab militants"),
    ("Mosul", "Nineveh province", "Iraq", "Iraqi forces", "Islamic State militants"),
    ("Kirkuk", "Kirkuk province", "Iraq", "Iraqi police", "Islamic State fighters"),
    ("Tikrit", "Salahuddin province", "Iraq", "Iraqi soldiers", "Islamic State militants"),
    ("Idlib", "Idlib province", "Syria", "Syrian government forces", "rebel fighters"),
    ("Deir ez-Zor", "Deir ez-Zor province", "Syria", "Syrian troops", "Islamic State militants"),
    ("Kandahar", "Kandahar province", "Afghanistan", "Afghan security forces", "Taliban fighters"),
    ("Kunduz", "Kunduz province", "Afghanistan", "Afghan soldiers", "Taliban insurgents"),
    ("Jalalabad", "Nangarhar province", "Afghanistan", "Afghan police", "Islamic State militants"),
    ("Gao", "Gao region", "Mali", "Malian soldiers", "jihadist fighters"),
    ("Mopti", "Mopti region", "Mali", "Malian troops", "suspected jihadists"),
    ("Djibo", "Sahel region", "Burkina Faso", "Burkinabe soldiers", "suspected jihadists"),
    ("Beni", "North Kivu", "Democratic Republic of Congo", "Congolese troops", "ADF rebels"),
    ("Bunia", "Ituri province", "Democratic Republic of Congo", "Congolese soldiers", "CODECO militiamen"),
    ("Goma", "North Kivu", "Democratic Republic of Congo", "Congolese police", "M23 rebels"),
    ("Marawi", "Lanao del Sur", "Philippines", "Philippine troops", "Islamist militants"),
    ("Catarman", "Northern Samar", "Philippines", "Philippine soldiers", "New People's Army rebels"),
    ("Sittwe", "Rakhine State", "Myanmar", "Myanmar military troops", "Arakan Army fighters"),
    ("Lashio", "Shan State", "Myanmar", "Myanmar soldiers", "ethnic armed group fighters"),
    ("Tumaco", "Narino department", "Colombia", "Colombian soldiers", "ELN guerrillas"),
    ("Cucuta", "Norte de Santander", "Colombia", "Colombian police", "dissident FARC fighters"),
    ("Culiacan", "Sinaloa", "Mexico", "Mexican soldiers", "cartel gunmen"),
    ("Mandera", "Mandera County", "Kenya", "Kenyan police", "Al Shabaab militants"),
    ("Garissa", "Garissa County", "Kenya", "Kenyan security forces", "suspected Al Shabaab gunmen"),
    ("Gondar", "Amhara region", "Ethiopia", "Ethiopian troops", "Fano militiamen"),
    ("El Fasher", "North Darfur", "Sudan", "Sudanese army troops", "Rapid Support Forces fighters"),
    ("Taiz", "Taiz governorate", "Yemen", "pro-government forces", "Houthi rebels"),
    ("Quetta", "Balochistan", "Pakistan", "Pakistani security forces", "separatist militants"),
    ("Peshawar", "Khyber Pakhtunkhwa", "Pakistan", "Pakistani police", "Pakistani Taliban militants"),
    ("Pemba", "Cabo Delgado", "Mozambique", "Mozambican troops", "Islamist insurgents"),
    ("Bamenda", "Northwest region", "Cameroon", "Cameroonian soldiers", "separatist fighters"),
    ("Diffa", "Diffa region", "Niger", "Nigerien soldiers", "Boko Haram militants"),
)
CITIES = (
    ("Lagos", "Nigeria"), ("Nairobi", "Kenya"), ("Baghdad", "Iraq"), ("Kabul", "Afghanistan"),
    ("Bamako", "Mali"), ("Kinshasa", "Democratic Republic of Congo"), ("Manila", "Philippines"),
    ("Bogota", "Colombia"), ("Khartoum", "Sudan"), ("Karachi", "Pakistan"), ("Harare", "Zimbabwe"),
    ("Dhaka", "Bangladesh"), ("Lima", "Peru"), ("Abuja", "Nigeria"), ("Addis Ababa", "Ethiopia"),
)
WIRES = ("Example Wire", "Daily Monitor", "Regional Desk", "World Service", "Press Agency")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
PARTS_OF_DAY = ("", " morning", " afternoon", " evening", " night")
OFFICIALS = ("a local official", "a police spokesman", "the army", "residents", "a hospital source",
             "a local government chairman", "witnesses", "a security source", "the regional governor")
CAUSES = ("fuel prices", "unpaid salaries", "the cost of bread", "a disputed election result",
          "power cuts", "the arrest of an opposition leader", "land seizures", "police brutality",
          "water shortages", "school fees")


def _count(rng: random.Random) -> str:
    value = rng.randint(2, 40)
    text = NUMBER_WORDS[value - 2] if value <= 12 and rng.random() < 0.6 else str(value)
    return rng.choice(("", "at least ", "")) + text


def _when(rng: random.Random, published: dt.date) -> str:
    days_back = rng.randint(0, 5)
    day = published - dt.timedelta(days=days_back)
    if days_back == 0:
        return rng.choice(("on " + WEEKDAYS[day.weekday()], "earlier today", "late on " + WEEKDAYS[day.weekday()]))
    if rng.random() < 0.25:
        return f"on {day.day} {day.strftime('%B')}"
    return f"on {WEEKDAYS[day.weekday()]}{rng.choice(PARTS_OF_DAY)}"


def _lead(rng: random.Random, place: tuple[str, ...], when: str) -> tuple[str, str]:
    town, area, _, state, group = place
    killed = _count(rng)
    kind = rng.randrange(10)
    if kind == 0:
        return "clash", (f"{state.capitalize()} clashed with {group} near {town} in {area} {when}, "
                         f"leaving {killed} people dead, {rng.choice(OFFICIALS)} said.")
    if kind == 1:
        return "air", (f"Military aircraft struck suspected {group.split(' ')[-1]} positions outside {town} "
                       f"{when}, killing {killed} fighters, {rng.choice(OFFICIALS)} said.")
    if kind == 2:
        return "bomb", (f"A roadside bomb exploded near a market in {town} {when}, killing {killed} "
                        f"civilians and wounding several others, {rng.choice(OFFICIALS)} said.")
    if kind == 3:
        return "attack", (f"{group.capitalize()} stormed a village near {town} in {area} {when} and "
                          f"killed {killed} villagers before setting homes on fire, {rng.choice(OFFICIALS)} said.")
    if kind == 4:
        return "abduction", (f"Gunmen abducted {killed} passengers travelling on the highway outside {town} "
                             f"{when}, {rng.choice(OFFICIALS)} said.")
    if kind == 5:
        return "protest", (f"Hundreds of people marched through the centre of {town} {when} to protest "
                           f"against {rng.choice(CAUSES)}, chanting slogans and carrying banners.")
    if kind == 6:
        return "dispersed", (f"Police fired tear gas to disperse demonstrators who gathered in {town} {when} "
                             f"to protest against {rng.choice(CAUSES)}.")
    if kind == 7:
        return "riot", (f"Rioters set fire to a police station and looted shops in {town} {when} after "
                        f"a dispute over {rng.choice(CAUSES)}, {rng.choice(OFFICIALS)} said.")
    if kind == 8:
        return "arrests", (f"{state.capitalize()} arrested {killed} suspected members of an armed group "
                           f"during raids in {town} {when}, {rng.choice(OFFICIALS)} said.")
    return "suicide", (f"A suicide bomber blew himself up at a checkpoint in {town} {when}, killing "
                       f"{killed} soldiers, {rng.choice(OFFICIALS)} said.")


def _body(rng: random.Random, kind: str, place: tuple[str, ...]) -> list[str]:
    town, area, country, state, group = place
    pool = [
        f"\"We heard gunfire for nearly two hours and could not leave our houses,\" a resident of {town} "
        f"told reporters by telephone.",
        f"The {area} has seen repeated violence over the past year, and thousands of families have fled "
        f"to camps around {town}.",
        f"Aid agencies said they had suspended some operations in {area} because of the insecurity.",
        f"Authorities in {country} imposed a curfew on the town and deployed additional units to the area.",
        f"No group immediately claimed responsibility, but officials blamed {group}.",
        f"The injured were taken to the general hospital in {town}, where doctors said several were in "
        f"a critical condition.",
        f"Local leaders called on the government to do more to protect communities in {area}.",
        f"{state.capitalize()} said in a statement that they had launched an operation to track down "
        f"those responsible.",
        f"Traders said markets in {town} remained closed the following day.",
        "Telephone networks in the area were cut, making it difficult to verify the accounts independently.",
    ]
    if kind in ("protest", "dispersed"):
        pool += [
            "Organisers said the demonstration would continue until their demands were met.",
            f"Several people were treated for the effects of tear gas, {rng.choice(OFFICIALS)} said.",
            "Shops along the main avenue pulled down their shutters as the crowd passed.",
        ]
    rng.shuffle(pool)
    return pool[: rng.randint(3, 6)]


def _quiet_story(rng: random.Random, city: str, country: str, when: str) -> list[str]:
    topic = rng.randrange(4)
    if topic == 0:
        return [f"The central bank of {country} held its main interest rate steady {when}, citing easing "
                "inflation and a stable currency.",
                "Analysts had expected the decision and said the bank would wait for new figures before acting.",
                f"Business groups in {city} welcomed the move and asked for lower borrowing costs next year."]
    if topic == 1:
        return [f"Heavy rain fell across {city} {when}, flooding several low-lying streets and slowing traffic.",
                "Forecasters said the wet season would last another month.",
                "City authorities urged residents to clear drains and avoid crossing flooded roads."]
    if topic == 2:
        return [f"The national football team of {country} won its qualifying match in {city} {when} by two goals "
                "to one.", "Fans celebrated in the streets late into the evening.",
                "The coach praised the young squad and said the team would travel for the next fixture on Friday."]
    return [f"Lawmakers in {city} debated a new budget {when}, with opposition members calling for more spending "
            "on schools and clinics.", "The finance minister said the plan would cut the deficit within three years.",
            "A final vote is expected next week."]


def generate_articles(count: int, *, seed: int = 7) -> Iterator[dict[str, str]]:
    """Yield ``count`` articles as records (id, date, source, text), deterministic for a seed.

    About one in five is a story with no political violence or protest.
    """
    rng = random.Random(seed)
    start = dt.date(2016, 1, 1)
    for number in range(count):
        published = start + dt.timedelta(days=rng.randrange(8 * 365))
        when = _when(rng, published)
        wire = rng.choice(WIRES)
        if rng.random() < 0.2:
            city, country = rng.choice(CITIES)
            paragraphs = [f"{city.upper()}, {country} ({wire}) - " + _quiet_story(rng, city, country, when)[0],
                          *_quiet_story(rng, city, country, when)[1:]]
        else:
            place = rng.choice(PLACES)
            kind, lead = _lead(rng, place, when)
            paragraphs = [f"{place[0].upper()} ({wire}) - {lead}", *_body(rng, kind, place)]
        yield {"id": f"gen-{seed}-{number:07d}", "date": published.isoformat(), "source": wire,
               "text": "\n\n".join(paragraphs)}


def write_corpus(path: str | Path, count: int, *, seed: int = 7) -> Path:
    """Write ``count`` generated articles to a JSONL file (streamed, any size)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        for article in generate_articles(count, seed=seed):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return target


#: Bad records :func:`write_mixed_inputs` injects, by the reason ``convert`` must give.
MIXED_REJECTS = {
    "bad_encoding": 2,       # a latin-1 .txt story, a CSV row with a latin-1 byte
    "unparseable_date": 2,   # a .txt date header, a JSONL date field
    "malformed_record": 1,   # a JSONL line that is not JSON
    "missing_text": 1,       # a JSONL record without the text field
    "too_large": 1,          # a document over the --max-chars limit given with the inputs
    "unreadable_file": 2,    # a .parquet file that is not Parquet, a truncated .jsonl.gz
}


def write_mixed_inputs(folder: str | Path, articles: int = 40, *, seed: int = 11,
                       max_chars: int = 20_000) -> dict[str, int]:
    """Write a folder of mixed inputs (.txt, .jsonl, .jsonl.gz, .csv, .parquet) with bad records.

    The generated articles are spread over the formats (at least one per format); the bad
    records of :data:`MIXED_REJECTS` are injected among them. One oversize document is
    longer than ``max_chars``.

    Args:
        folder: Where to write (created).
        articles: Good articles to spread over the files (>= 5).
        seed: Generator seed.
        max_chars: The size limit the oversize document exceeds.

    Returns:
        ``{"records": all input records, "good": good articles, **MIXED_REJECTS}``.
    """
    import csv
    import gzip

    import pyarrow as pa
    import pyarrow.parquet as pq

    root = Path(folder)
    (root / "stories").mkdir(parents=True, exist_ok=True)
    pool = list(generate_articles(articles, seed=seed))
    share = max(1, articles // 5)
    txt, jsonl, gz, table, rest = pool[:share], pool[share:2 * share], pool[2 * share:3 * share], \
        pool[3 * share:4 * share], pool[4 * share:]
    for article in txt:
        (root / "stories" / f"{article['id']}.txt").write_text(f"date {article['date']}\n{article['text']}\n",
                                                              encoding="utf-8")
    (root / "stories" / "latin1.txt").write_bytes("date 2021-03-09\nSoldiers clashed near Beni, the caf\u00e9 owner "
                                                  "said.\n".encode("latin-1"))
    (root / "stories" / "bad-date.txt").write_text("date 2021-13-45\nGunmen attacked a bus near Jos on Monday.\n",
                                                   encoding="utf-8")
    lines = [json.dumps(a) for a in jsonl]
    lines.insert(1, '{"id": "broken", "date": "2021-01-02", "text": "unterminated')
    lines.insert(2, json.dumps({"id": "no-text", "date": "2021-01-02", "body": "the story is elsewhere"}))
    lines.insert(3, json.dumps({"id": "bad-date", "date": "the day after tomorrow", "text": "Police arrested ten."}))
    lines.append(json.dumps({"id": "huge", "date": "2021-01-02", "text": "Troops patrolled the border. " *
                             (max_chars // 28 + 10)}))
    (root / "wires.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(root / "archive.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(a) + "\n" for a in gz)
    whole = gzip.compress(json.dumps(pool[0]).encode() * 20)
    (root / "truncated.jsonl.gz").write_bytes(whole[:60])
    pq.write_table(pa.Table.from_pylist(table), root / "feed.parquet")
    (root / "broken.parquet").write_bytes(b"PAR1 this file was cut off in transfer")
    with open(root / "desk.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "date", "source", "text"])
        writer.writeheader()
        writer.writerows(rest)
    with open(root / "desk.csv", "ab") as handle:
        handle.write(b'latin,2021-01-05,Desk,"Protesters marched in Bogot\xe1 on Monday."\r\n')
    (root / "README.md").write_text("Not an input: folders are searched for input suffixes only.\n")
    bad = sum(MIXED_REJECTS.values())
    return {"records": articles + bad, "good": articles, **MIXED_REJECTS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.out, args.count, seed=args.seed)
    print(f"wrote {args.count} articles to {args.out}")


if __name__ == "__main__":
    main()
