"""Synthetic but realistic facts files for the benchmark, derived from the bundled ones.

Each file starts from ``facts/csto.yaml``, ``facts/nato.yaml`` or
``tests/data/mini.yaml`` and varies what a course's facts files vary: the id,
the length of the summary and of the long text facts, how many members,
invocations, exercises and criticisms are listed, how many sources each fact
cites, and some Cyrillic (native names, quoted words, member names). The
content is kept within a budget measured to fit one A4 page at a scale of at
least 0.8, so every generated brief fits (the benchmark counts any that do not).

Deterministic: the same ``n`` and ``seed`` give the same files.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASES = {
    "csto": ROOT / "facts" / "csto.yaml",
    "nato": ROOT / "facts" / "nato.yaml",
    "mini": ROOT / "tests" / "data" / "mini.yaml",
}
# Facts the brief template prints, with the most sentences each may keep.
TEXT_FACTS = {"summary": 5, "founding_treaty": 2, "treaty_in_force": 2, "charter": 2,
              "secretary_general": 1, "decision_making": 3, "defence_clause_scope": 2,
              "defence_clause_obligation": 3}
# List facts the template prints, with the most items each may keep.
LIST_FACTS = {"members": 12, "former_members": 3, "invocations": 3, "declined_requests": 2,
              "exercises": 4, "forces": 2, "criticisms": 3}
CYRILLIC = [
    "Участники обязуются консультироваться немедленно.",
    "Решения принимаются консенсусом.",
    "Союз открыт для новых членов.",
    "Штаб-квартира находится в столице председателя.",
]
EXTRA = [
    "Its secretariat publishes an annual report on the state of the alliance.",
    "Member states contribute to a common budget in proportion to their national income.",
    "Observers from partner states attend the annual summit.",
    "The founding treaty has never been amended in its core articles.",
    "A rotating chair prepares the agenda of the council of ministers.",
]
CYRILLIC_NAMES = ["Дельтаland", "Эпсилония", "Республика Зета", "Каппастан", "Ламбдия"]


def _sentences(text: str) -> list[str]:
    out, cur = [], []
    for word in text.split():
        cur.append(word)
        if word.endswith((".", "!", "?")) and len(cur) > 3:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def _vary(base: dict, i: int, rng: random.Random, budget: float) -> dict:
    """One variant of ``base``; ``budget`` in (0, 1] scales how much is kept."""
    d = copy.deepcopy(base)
    d["id"] = f"{base['id']}-{i:04d}"
    d["title"] = f"{base['title']} {i}"
    if rng.random() < 0.5:
        d.pop("subtitle", None)
    facts = d["facts"]
    source_ids = [s["id"] for s in d["sources"]]
    for key in list(facts):
        fact = facts[key]
        if "sources" in fact and fact["sources"]:  # fewer sources: the list fits
            fact["sources"] = fact["sources"][: rng.randint(1, 2)]
        if key in TEXT_FACTS and "value" in fact and key not in ("defence_clause",):
            sents = _sentences(str(fact["value"]))
            keep = max(1, min(len(sents), round(TEXT_FACTS[key] * budget * rng.uniform(0.5, 1.0))))
            sents = sents[:keep]
            if key == "summary":
                if rng.random() < 0.5:
                    sents.append(rng.choice(EXTRA))
                if rng.random() < 0.3:
                    sents.append(rng.choice(CYRILLIC))
            fact["value"] = " ".join(sents)
        elif key in LIST_FACTS and fact.get("items"):
            items = fact["items"]
            top = max(1, round(LIST_FACTS[key] * budget))
            keep = rng.randint(1, min(len(items), top)) if key != "members" else min(len(items), top)
            fact["items"] = [_trim_item(it, rng) for it in items[:keep]]
            if key == "members" and rng.random() < 0.4:
                fact["items"].append({"name": rng.choice(CYRILLIC_NAMES), "joined": "2001-01-01",
                                      "sources": [rng.choice(source_ids)]})
        elif key == "defence_clause" and "value" in fact and budget < 0.7:
            paras = str(fact["value"]).split("\n\n")
            fact["value"] = paras[0]
    # Facts the brief does not print and no longer-needed long ones are left as they are.
    if budget < 0.6:
        for key in ("criticisms", "declined_requests", "forces"):
            facts.pop(key, None)
    if "native_name" not in facts or rng.random() < 0.3:
        facts["native_name"] = {"label": "Name in Russian",
                                "value": f"Союз номер {i}", "sources": [source_ids[0]]}
    return d


def _trim_item(item: dict, rng: random.Random) -> dict:
    item = dict(item)
    if "sources" in item and item["sources"]:
        item["sources"] = item["sources"][:1]
    for k in ("outcome", "text"):
        if k in item and isinstance(item[k], str):
            sents = _sentences(item[k])
            item[k] = " ".join(sents[: rng.randint(1, 2)])
    return item


def load_bases() -> dict[str, dict]:
    return {name: yaml.safe_load(path.read_text(encoding="utf-8")) for name, path in BASES.items()}


def generate(n: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write ``n`` facts files into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = load_bases()
    rng = random.Random(seed)
    names = list(bases)
    paths = []
    for i in range(n):
        base = names[i % len(names)]
        # csto and nato are long: keep 35-60 % of them; mini is small: keep it whole.
        budget = 1.0 if base == "mini" else rng.uniform(0.35, 0.6)
        data = _vary(bases[base], i, rng, budget)
        path = folder / f"{data['id']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                        encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # python benchmarks/synth.py N FOLDER: write and check they fit
    import sys
    import time

    from briefgen.sheets.brief import make_brief

    n, folder = int(sys.argv[1]), Path(sys.argv[2])
    paths = generate(n, folder)
    bad, scales, t0 = 0, [], time.perf_counter()
    for p in paths:
        try:
            r = make_brief(p, output=folder / "out")
            scales.append(r.scale)
        except Exception as exc:  # noqa: BLE001 - report every failure
            bad += 1
            print(f"{p.name}: {exc}")
    print(f"{n} files, {bad} failed, scales: "
          f"{ {s: scales.count(s) for s in sorted(set(scales))} }, {time.perf_counter() - t0:.1f}s")
