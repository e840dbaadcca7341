"""A synthetic site N times today's, for `make bench-scale`: profiles, pay and guides.

    python ops/scale_content.py --factor 10 --out DIR

writes into DIR, from the repository's own files:
  - occupations.json and summaries.json: the handbook's profiles (data/ooh) and (N-1) copies of
    each, every copy with its own slug (`…-x2`), title, handbook address and SOC codes
    (major groups 61 and up, which the SOC does not use), its similar occupations inside the
    same copy;
  - duties.json: the site's duties (data/ooh), each copy's the same as its original's;
  - onet.json: O*NET's data (data/onet) and, for every copy, a copy of each O*NET occupation
    with its own code (major groups 61 and up, numbered in order), naming the copy's SOC codes
    and, as related occupations, the copy's own; the products are shared, as a real release's;
  - oews.csv.gz, oews_msa.csv.gz, oews_ind.csv.gz: OEWS May 2025 (data/oews: the nation and
    states, every metropolitan and nonmetropolitan area, the nation by industry) and, for
    every copied code, a copy of its rows, so every synthetic profile has pay everywhere;
  - guides/: the guide packs (content/guides) copied likewise, with every FAQ, step, move and
    ladder rung; the copies name the shipped certifications (content/certifications.json).
At N=1 it writes the shipped files unchanged in content, so 1× and N× are built the same way.
The copies are test data, not facts: they never leave the benchmark's throwaway databases.
Deterministic: the same N writes the same bytes.
"""

import argparse
import copy
import csv
import gzip
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OOH = ROOT / "data/ooh/occupations-2024-34.json"
SUMMARIES = ROOT / "data/ooh/summaries.json"
DUTIES = ROOT / "data/ooh/duties.json"
ONET = ROOT / "data/onet/onet-30.1.json"
OEWS = ROOT / "data/oews/oews_M2025_nat_st.csv.gz"
AREAS = ROOT / "data/oews/oews_M2025_msa.csv.gz"
INDUSTRIES = ROOT / "data/oews/oews_M2025_nat_ind.csv.gz"
GUIDES = ROOT / "content/guides"
FIRST_MAJOR_GROUP = 61  # synthetic SOC codes start here: the SOC's own stop at 55
REFERENCES = ("to_guide", "next_guide", "occupation")  # keys naming a guide or a profile


def code_map(profiles: list[dict], factor: int) -> dict[tuple[int, str], str]:
    """(copy, real code) -> synthetic code: the codes in order, numbered within each copy."""
    codes = sorted({c["soc_code"] for p in profiles for c in p["soc_codes"]})
    if len(codes) >= 10_000 or FIRST_MAJOR_GROUP + factor > 100:
        raise ValueError(f"too many codes ({len(codes)}) or copies ({factor}) for SOC's shape")
    return {
        (k, code): f"{FIRST_MAJOR_GROUP + k - 2:02d}-{n:04d}"
        for k in range(2, factor + 1)
        for n, code in enumerate(codes)
    }


def copied_profile(profile: dict, k: int, codes: dict) -> dict:
    profile = copy.deepcopy(profile)
    profile["slug"] = f"{profile['slug']}-x{k}"
    profile["title"] = f"{profile['title']} (synthetic copy {k})"
    profile["url"] = f"{profile['url']}?copy={k}"
    for entry in profile["soc_codes"]:
        entry["soc_code"] = codes[k, entry["soc_code"]]
    for entry in (profile.get("pay_2024") or {}).get("detailed", []):
        entry["soc_code"] = codes.get((k, entry["soc_code"]), entry["soc_code"])
    for similar in profile["similar"]:
        similar["slug"] = f"{similar['slug']}-x{k}"
        similar["url"] = f"{similar['url']}?copy={k}"
    return profile


def copied_guide(guide: dict, k: int, codes: dict, real_codes: set[str]) -> dict:
    def rename(value):
        # Every reference to a guide or a profile, at any depth, points inside copy k.
        if isinstance(value, dict):
            return {
                key: f"{item}-x{k}" if key in REFERENCES and item else rename(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [rename(item) for item in value]
        return value

    guide = rename(guide)
    guide["slug"] = f"{guide['slug']}-x{k}"
    guide["title"] = f"{guide['title']} (synthetic copy {k})"
    guide["featured"] = False
    if guide.get("detailed_code") in real_codes:
        guide["detailed_code"] = codes[k, guide["detailed_code"]]
    return guide


def copied_onet(onet: dict, factor: int, codes: dict) -> dict:
    """O*NET's data with every occupation copied into each copy of the site (see the top); an
    occupation none of whose SOC codes the profiles carry (in a sample) is not copied."""
    real = sorted(
        code
        for code, entry in onet["occupations"].items()
        if any((2, soc) in codes for soc in entry["careers"])
    )
    own = {
        (k, code): f"{FIRST_MAJOR_GROUP + k - 2:02d}-{n:04d}.00"
        for k in range(2, factor + 1)
        for n, code in enumerate(real)
    }
    occupations = dict(onet["occupations"])
    for k in range(2, factor + 1):
        for code in real:
            entry = copy.deepcopy(onet["occupations"][code])
            entry["title"] = f"{entry['title']} (synthetic copy {k})"
            entry["careers"] = [codes[k, soc] for soc in entry["careers"] if (k, soc) in codes]
            if "related" in entry:
                entry["related"] = [
                    [own[k, related], *rest]
                    for related, *rest in entry["related"]
                    if (k, related) in own
                ]
            occupations[own[k, code]] = entry
    return {**onet, "occupations": occupations}


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def copied_pay(source: Path, target: Path, copies, codes: dict, real_codes: set) -> int:
    """Write an OEWS file's rows and, for every copy, its real codes' rows under the copy's
    codes; returns how many rows it wrote."""
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8", newline="") as rows_in:
        reader = csv.DictReader(rows_in)
        rows = list(reader)
        columns = reader.fieldnames
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    written = len(rows)
    for k in copies:
        for row in rows:
            if row["OCC_CODE"] in real_codes:
                writer.writerow({**row, "OCC_CODE": codes[k, row["OCC_CODE"]]})
                written += 1
    # mtime=0: the same bytes every time.
    target.write_bytes(gzip.compress(text.getvalue().encode(), mtime=0))
    return written


def write(
    factor: int,
    out: Path,
    *,
    ooh_file: Path = OOH,
    summaries_file: Path = SUMMARIES,
    duties_file: Path = DUTIES,
    onet_file: Path = ONET,
    oews_file: Path = OEWS,
    areas_file: Path = AREAS,
    industries_file: Path = INDUSTRIES,
    guides_dir: Path = GUIDES,
) -> dict[str, int]:
    """Write the N× site into out; returns what it wrote (profiles, pay rows, guides).

    The sources are the repository's files unless given (the tests use their samples)."""
    out.mkdir(parents=True, exist_ok=True)
    ooh = json.loads(ooh_file.read_text(encoding="utf-8"))
    summaries = json.loads(summaries_file.read_text(encoding="utf-8"))
    real = ooh["occupations"]
    codes = code_map(real, factor)
    real_codes = {code for _, code in codes}
    copies = range(2, factor + 1)
    ooh["occupations"] = real + [copied_profile(p, k, codes) for k in copies for p in real]
    shipped = dict(summaries["summaries"])
    for k in copies:
        summaries["summaries"].update({f"{slug}-x{k}": text for slug, text in shipped.items()})
    (out / "occupations.json").write_text(dump(ooh), encoding="utf-8")
    (out / "summaries.json").write_text(dump(summaries), encoding="utf-8")
    duties = json.loads(duties_file.read_text(encoding="utf-8"))
    shipped = dict(duties["duties"])
    for k in copies:
        duties["duties"].update({f"{slug}-x{k}": items for slug, items in shipped.items()})
    (out / "duties.json").write_text(dump(duties), encoding="utf-8")
    onet = copied_onet(json.loads(onet_file.read_text(encoding="utf-8")), factor, codes)
    (out / "onet.json").write_text(dump(onet), encoding="utf-8")

    pay_rows = sum(
        copied_pay(source, out / name, copies, codes, real_codes)
        for source, name in (
            (oews_file, "oews.csv.gz"),
            (areas_file, "oews_msa.csv.gz"),
            (industries_file, "oews_ind.csv.gz"),
        )
    )

    (out / "guides").mkdir(exist_ok=True)
    guides = 0
    for pack_path in sorted(guides_dir.glob("*.json")):
        pack = json.loads(pack_path.read_text(encoding="utf-8"))
        guides += len(pack["guides"]) * factor
        if factor == 1:
            continue  # the shipped packs are loaded from content/ as they are
        copied = {
            **pack,
            "certifications": [],
            "certifying_bodies": [],
            "guides": [
                copied_guide(g, k, codes, real_codes) for k in copies for g in pack["guides"]
            ],
        }
        (out / "guides" / pack_path.name).write_text(dump(copied), encoding="utf-8")
    return {
        "profiles": len(ooh["occupations"]),
        "pay rows": pay_rows,
        "guides": guides,
        "O*NET occupations": len(onet["occupations"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    written = write(args.factor, args.out)
    print(", ".join(f"{count:,} {what}" for what, count in written.items()))


if __name__ == "__main__":
    main()
