#!/usr/bin/env python3
"""Generate a realistic, deterministic Jira export of any size, for benchmarks.

    python3 scripts/generate_export.py --stories 100000 --format csv > big.csv
    python3 scripts/generate_export.py --stories 1000 --format json > big.json

The CSV imitates a Jira Cloud "all fields" export (repeated Labels, Sprint, Comment
columns; custom fields; multi-line wiki-markup descriptions with acceptance criteria);
the JSON imitates a /rest/api/2/search response with `names`. About one story in three
has a flaw a rule should find (no benefit, vague words, no priority, no estimate, two
features in one). The same arguments always give the same bytes.
"""

import argparse
import csv
import json
import random
import sys

ROLES = ["shopper", "driver", "store manager", "support agent", "new customer", "admin",
         "regular shopper", "finance clerk", "picker", "marketing lead"]
GOALS = ["save my basket", "reorder a previous order", "see the delivery fee before checkout",
         "pay with a saved card", "track my driver on a map", "rate a delivered order",
         "export invoices as PDF", "mark items out of stock", "choose a delivery slot",
         "apply a voucher code", "review substitutions", "change my delivery address",
         "download monthly sales figures", "set a spending limit", "share a shopping list"]
BENEFITS = ["I can finish ordering on another device", "my weekly shop takes less time",
            "I am not surprised by the total", "I can plan my day", "I can fix mistakes",
            "the team can reconcile payments", "customers see accurate stock",
            "I know when to be home"]
VAGUE = ["fast", "user-friendly", "easy", "intuitive", "etc.", "some", "flexible"]
PRIORITIES = ["Highest", "High", "Medium", "Medium", "Medium", "Low", "Lowest"]
STATUSES = [("To Do", "To Do"), ("In Progress", "In Progress"), ("Validation", "In Progress"),
            ("Done", "Done")]
POINTS = ["1", "2", "3", "5", "8", "13", "5.0", "3.0", "21"]
HEADER = (["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Priority",
           "Resolution", "Assignee", "Reporter", "Created", "Updated", "Labels", "Labels", "Labels",
           "Description", "Custom field (Acceptance Criteria)", "Custom field (Rank)",
           "Sprint", "Sprint", "Custom field (Story Points)", "Custom field (Story point estimate)",
           "Custom field (Team)", "Comment", "Comment", "Parent", "Parent key", "Parent summary",
           "Status Category"])
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def jira_date(rng):
    hour = rng.randint(1, 12)
    return f"{rng.randint(1, 28):02d}/{rng.choice(MONTHS)}/26 {hour}:{rng.randint(0, 59):02d} {rng.choice(['AM', 'PM'])}"


SYLLABLES = ["ka", "mo", "ri", "tel", "vo", "sun", "da", "lin", "pe", "zor", "qui", "ba", "nex", "fo"]
NOUNS = ["catalogue", "voucher", "invoice", "route", "shelf", "basket", "order", "slot", "report",
         "supplier", "refund", "receipt", "delivery", "review", "profile", "promotion", "stock level"]


def product_word(rng):
    """An invented product name, so stories differ the way real ones do."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def story(rng, index):
    """(summary, description, flawed) for story number `index`."""
    role, benefit = rng.choice(ROLES), rng.choice(BENEFITS)
    goal = f"{rng.choice(GOALS)} for the {product_word(rng)} {rng.choice(NOUNS)}"
    flaw = rng.randrange(9)
    if flaw == 0:
        summary = f"As a {role}, I want to {goal}"
    elif flaw == 1:
        summary = f"As a {role}, I want a {rng.choice(VAGUE)} way to {goal} so that {benefit}"
    elif flaw == 2:
        summary = f"As a {role}, I want to {goal} and {rng.choice(GOALS)} so that {benefit}"
    elif flaw == 3:
        summary = f"Make {goal.split()[-1]} {rng.choice(VAGUE)}"
    else:
        summary = f"As a {role}, I want to {goal} so that {benefit}."
    lines = [
        "h3. Background",
        f"Story {index}: a {role} asked for this in the *last review*; see [notes|https://wiki.example.com/s/{index}].",
        "",
    ]
    if rng.randrange(4):
        lines += [
            "h3. Acceptance Criteria",
            f"# Given I am a {role}, when I {goal}, then I see a confirmation.",
            f"# Given I {goal} twice, when I check, then the second attempt shows \"already done\".",
        ]
    return summary, "\n".join(lines), flaw < 4


def rows(count, seed):
    rng = random.Random(seed)
    epics = max(1, count // 40)
    for i in range(1, count + 1):
        key = f"PAN-{i}"
        epic = rng.randrange(epics) + 1
        summary, description, _ = story(rng, i)
        status, category = rng.choice(STATUSES)
        priority = "" if rng.randrange(20) == 0 else rng.choice(PRIORITIES)
        points = "" if rng.randrange(6) == 0 else rng.choice(POINTS)
        new_points = points if rng.randrange(2) else ""
        yield {
            "summary": summary, "key": key, "id": str(10000 + i),
            "type": rng.choice(["Story", "Story", "Story", "Task", "Bug"]),
            "status": status, "category": category, "priority": priority,
            "assignee": rng.choice(["", "Alex Doe", "Sam Roe", "Kim Tester"]),
            "created": jira_date(rng), "updated": jira_date(rng),
            "labels": rng.sample(["checkout", "mobile", "ux", "payments", "search", "backend"], rng.randrange(4)),
            "description": description,
            "ac": "" if rng.randrange(5) else "Given a basket, when I save it, then it is stored.",
            "rank": f"0|i{i:05x}:", "sprints": [f"PAN Sprint {rng.randrange(1, 30)}"] * rng.randrange(3),
            "points": points, "new_points": new_points, "team": rng.choice(["", "Checkout", "Logistics"]),
            "comments": [f"{jira_date(rng)};712020:0000-{i};Looks good"] * rng.randrange(3),
            "parent_id": str(90000 + epic), "parent_key": f"PAN-E{epic}", "parent_summary": f"Epic {epic}",
        }


def pad(values, n):
    return (list(values) + [""] * n)[:n]


def write_csv(count, seed, out):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for r in rows(count, seed):
        writer.writerow([r["summary"], r["key"], r["id"], r["type"], r["status"], "PAN", r["priority"], "",
                         r["assignee"], "Alex Doe", r["created"], r["updated"], *pad(r["labels"], 3),
                         r["description"], r["ac"], r["rank"], *pad(r["sprints"], 2), r["points"],
                         r["new_points"], r["team"], *pad(r["comments"], 2), r["parent_id"],
                         r["parent_key"], r["parent_summary"], r["category"]])


def write_json(count, seed, out):
    out.write('{"expand":"names","startAt":0,"maxResults":%d,"total":%d,"issues":[\n' % (count, count))
    for n, r in enumerate(rows(count, seed)):
        issue = {"id": r["id"], "key": r["key"], "fields": {
            "summary": r["summary"], "description": r["description"],
            "issuetype": {"name": r["type"]},
            "status": {"name": r["status"], "statusCategory": {"name": r["category"]}},
            "priority": {"name": r["priority"]} if r["priority"] else None,
            "labels": r["labels"], "assignee": {"displayName": r["assignee"]} if r["assignee"] else None,
            "created": "2026-02-15T16:37:12.000+0000", "updated": "2026-03-01T09:12:40.000+0000",
            "customfield_10016": float(r["points"]) if r["points"] else None,
            "customfield_10020": [{"id": 1, "name": s, "state": "active"} for s in r["sprints"]],
            "customfield_10014": r["parent_key"], "customfield_10019": r["rank"],
        }}
        out.write(("," if n else "") + json.dumps(issue, ensure_ascii=False) + "\n")
    names = {"summary": "Summary", "customfield_10016": "Story Points", "customfield_10020": "Sprint",
             "customfield_10014": "Epic Link", "customfield_10019": "Rank"}
    out.write('],"names":%s}\n' % json.dumps(names))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", buffering=1 << 20)
    (write_csv if args.format == "csv" else write_json)(args.stories, args.seed, out)
    out.flush()


if __name__ == "__main__":
    main()
