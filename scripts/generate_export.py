#!/usr/bin/env python3
"""Generate a realistic, deterministic Jira export of any size, for benchmarks.

    python3 scripts/generate_export.py --stories 100000 --format csv > big.csv
    python3 scripts/generate_export.py --stories 1000 --format json > big.json
    python3 scripts/generate_export.py --stories 20000 --format json --api 3 --layout minified > one-line.json
    python3 scripts/generate_export.py --stories 20000 --format json --pages DIR --page-size 100

The CSV imitates a Jira Cloud "all fields" export (repeated Labels, Sprint, Comment
columns; custom fields; multi-line wiki-markup descriptions with acceptance criteria).
The JSON imitates a search response with `names`: /rest/api/2/search (wiki-markup
descriptions) or, with `--api 3`, /rest/api/3/search (descriptions in the Atlassian
Document Format); one issue a line (`--layout lines`), the whole response on one line as
Jira sends it (`minified`), or indented (`pretty`); with `--pages DIR`, one response file
per page of `--page-size` issues (page-00001.json, …) instead of standard output.
`--short` writes the CSV with short rows instead (18 columns, nearly all filled; a description
of about 200 characters with acceptance criteria in 60% of the stories; about two findings
per story): a different mix from the default's, with more output per byte of input.
`--non-ascii` puts a few Windows-1252 characters (é, ë, an en dash) in every story, so the
output re-encoded as Windows-1252 is not valid UTF-8. About one story in three has a flaw a
rule should find (no benefit, vague words, no priority, no estimate, two features in one).
The same arguments always give the same bytes.
"""

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

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


def story_summary(rng, chances):
    """(role, goal, summary, flawed): a story's summary, flawed in 4 of `chances` (no
    benefit, a vague word, two features, not a story)."""
    role, benefit = rng.choice(ROLES), rng.choice(BENEFITS)
    goal = f"{rng.choice(GOALS)} for the {product_word(rng)} {rng.choice(NOUNS)}"
    flaw = rng.randrange(chances)
    if flaw == 0:
        text = f"As a {role}, I want to {goal}"
    elif flaw == 1:
        text = f"As a {role}, I want a {rng.choice(VAGUE)} way to {goal} so that {benefit}"
    elif flaw == 2:
        text = f"As a {role}, I want to {goal} and {rng.choice(GOALS)} so that {benefit}"
    elif flaw == 3:
        text = f"Make {goal.split()[-1]} {rng.choice(VAGUE)}"
    else:
        text = f"As a {role}, I want to {goal} so that {benefit}."
    return role, goal, text, flaw < 4


def story(rng, index, non_ascii=False):
    """(summary, description, flawed) for story number `index`."""
    role, goal, text, flawed = story_summary(rng, 9)
    lines = [
        "h3. Background",
        f"Story {index}: a {role} asked for this in the *last review*{SEMICOLON[non_ascii]} see [notes|https://wiki.example.com/s/{index}].",
        "",
    ]
    if rng.randrange(4):
        lines += [
            "h3. Acceptance Criteria",
            f"# Given I am a {role}, when I {goal}, then I see a confirmation.",
            f"# Given I {goal} twice, when I check, then the second attempt shows \"already done\".",
        ]
    return text, "\n".join(lines), flawed


SEMICOLON = {False: ";", True: " \u2013 caf\u00e9 Zo\u00eb said;"}


def rows(count, seed, non_ascii=False):
    rng = random.Random(seed)
    epics = max(1, count // 40)
    for i in range(1, count + 1):
        key = f"PAN-{i}"
        epic = rng.randrange(epics) + 1
        summary, description, _ = story(rng, i, non_ascii)
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


SHORT_HEADER = ["Issue key", "Issue id", "Summary", "Issue Type", "Status", "Status Category",
                "Project key", "Priority", "Assignee", "Reporter", "Created", "Updated", "Labels",
                "Description", "Sprint", "Custom field (Story Points)", "Custom field (Rank)",
                "Parent key"]


def short_rows(count, seed):
    """Rows of a lean export: every cell but a few filled, a short description, more flaws."""
    rng = random.Random(seed)
    epics = max(1, count // 40)
    for i in range(1, count + 1):
        role, goal, text, _ = story_summary(rng, 5)
        description = f"Asked for by a {role} in the last review; see the notes of sprint {rng.randrange(1, 30)}."
        if rng.randrange(2):
            description += f" It should feel {rng.choice(VAGUE)} on a phone."
        if rng.randrange(5) < 3:
            description += f"\nh3. Acceptance Criteria\n# Given I am a {role}, when I {goal}, then I see it done{rng.choice(['', ' fast', ' etc.'])}."
        status, category = rng.choice(STATUSES)
        yield [f"PAN-{i}", str(10000 + i), text, "Bug" if rng.randrange(10) == 0 else "Story",
               status, category, "PAN", "" if rng.randrange(4) == 0 else rng.choice(PRIORITIES),
               rng.choice(["Alex Doe", "Sam Roe", "Kim Tester"]), "Alex Doe", jira_date(rng), jira_date(rng),
               rng.choice(["checkout", "mobile", "ux", "payments"]), description,
               f"PAN Sprint {rng.randrange(1, 30)}", "" if rng.randrange(3) == 0 else rng.choice(POINTS),
               f"0|i{i:05x}:", f"PAN-E{rng.randrange(epics) + 1}"]


def write_short_csv(count, seed, out):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SHORT_HEADER)
    writer.writerows(short_rows(count, seed))


def pad(values, n):
    return (list(values) + [""] * n)[:n]


def write_csv(count, seed, out, non_ascii=False):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for r in rows(count, seed, non_ascii):
        writer.writerow([r["summary"], r["key"], r["id"], r["type"], r["status"], "PAN", r["priority"], "",
                         r["assignee"], "Alex Doe", r["created"], r["updated"], *pad(r["labels"], 3),
                         r["description"], r["ac"], r["rank"], *pad(r["sprints"], 2), r["points"],
                         r["new_points"], r["team"], *pad(r["comments"], 2), r["parent_id"],
                         r["parent_key"], r["parent_summary"], r["category"]])


SITE = "https://pantry.example.atlassian.net"
NAMES = {"summary": "Summary", "customfield_10016": "Story Points", "customfield_10020": "Sprint",
         "customfield_10014": "Epic Link", "customfield_10019": "Rank"}


def adf_inline(text):
    """Wiki inline markup (*bold*, [label|url]) as ADF text nodes with marks."""
    nodes = []
    for part in re.split(r"(\*[^*]+\*|\[[^|\]]+\|[^\]]+\])", text):
        if not part:
            continue
        if part.startswith("*") and part.endswith("*"):
            nodes.append({"type": "text", "text": part[1:-1], "marks": [{"type": "strong"}]})
        elif part.startswith("[") and "|" in part:
            label, url = part[1:-1].split("|", 1)
            nodes.append({"type": "text", "text": label, "marks": [{"type": "link", "attrs": {"href": url}}]})
        else:
            nodes.append({"type": "text", "text": part})
    return nodes


def adf(description):
    """A wiki-markup description (h3. headings, # numbered lists, paragraphs) as an ADF document."""
    content = []
    for line in description.split("\n"):
        if line.startswith("h3. "):
            content.append({"type": "heading", "attrs": {"level": 3}, "content": adf_inline(line[4:])})
        elif line.startswith("# "):
            item = {"type": "listItem", "content": [{"type": "paragraph", "content": adf_inline(line[2:])}]}
            if content and content[-1]["type"] == "orderedList":
                content[-1]["content"].append(item)
            else:
                content.append({"type": "orderedList", "attrs": {"order": 1}, "content": [item]})
        elif line:
            content.append({"type": "paragraph", "content": adf_inline(line)})
    return {"type": "doc", "version": 1, "content": content}


def named(kind, number, name, **extra):
    """A Jira object as REST returns it: its address, id, icon and name."""
    return {"self": f"{SITE}/rest/api/{extra.pop('api')}/{kind}/{number}", "id": str(number),
            "iconUrl": f"{SITE}/images/icons/{kind}/{number}.svg", "name": name, **extra}


def issue_json(r, api):
    category_ids = {"To Do": 2, "In Progress": 4, "Done": 3}
    return {
        "expand": "operations,versionedRepresentations,editmeta,changelog,renderedFields",
        "id": r["id"], "self": f"{SITE}/rest/api/{api}/issue/{r['id']}", "key": r["key"],
        "fields": {
            "summary": r["summary"],
            "description": adf(r["description"]) if api == 3 else r["description"],
            "issuetype": named("issuetype", 10001, r["type"], api=api, subtask=False, hierarchyLevel=0),
            "status": named("status", 3, r["status"], api=api, statusCategory={
                "self": f"{SITE}/rest/api/{api}/statuscategory/{category_ids[r['category']]}",
                "id": category_ids[r["category"]], "key": r["category"].lower().replace(" ", "-"),
                "colorName": "yellow", "name": r["category"]}),
            "priority": named("priority", 3, r["priority"], api=api) if r["priority"] else None,
            "labels": r["labels"],
            "assignee": {"accountId": f"712020:{r['id']}", "displayName": r["assignee"], "active": True}
            if r["assignee"] else None,
            "created": "2026-02-15T16:37:12.000+0000", "updated": "2026-03-01T09:12:40.000+0000",
            "customfield_10016": float(r["points"]) if r["points"] else None,
            "customfield_10020": [sprint_object(s) for s in r["sprints"]],
            "customfield_10014": r["parent_key"], "customfield_10019": r["rank"],
        }}


def sprint_object(name):
    """A sprint as Jira's REST API gives it: sprints up to 27 are closed, 28 is active, 29 is next."""
    number = int(name.rsplit(" ", 1)[1])
    state = "closed" if number < 28 else "active" if number == 28 else "future"
    return {"id": number, "name": name, "state": state, "boardId": 1}


def write_response(issues, api, layout, start_at, total, out):
    """One search response: `issues` with paging, `names`; laid out one issue a line, minified or pretty."""
    if layout == "lines":
        out.write('{"expand":"names","startAt":%d,"maxResults":%d,"total":%d,"issues":[\n'
                  % (start_at, len(issues), total))
        for n, issue in enumerate(issues):
            out.write(("," if n else "") + json.dumps(issue, ensure_ascii=False) + "\n")
        out.write('],"names":%s}\n' % json.dumps(NAMES))
        return
    response = {"expand": "names,schema", "startAt": start_at, "maxResults": len(issues), "total": total,
                "issues": issues, "names": NAMES}
    if layout == "minified":
        json.dump(response, out, ensure_ascii=False, separators=(",", ":"))
    else:
        json.dump(response, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_json(args, out):
    issues = [issue_json(r, args.api) for r in rows(args.stories, args.seed, args.non_ascii)]
    write_response(issues, args.api, args.layout, 0, len(issues), out)


def write_pages(args):
    """One response file per page, as a nightly job that pulls every page saves them."""
    directory = Path(args.pages)
    directory.mkdir(parents=True, exist_ok=True)
    page = []
    for n, r in enumerate(rows(args.stories, args.seed, args.non_ascii)):
        page.append(issue_json(r, args.api))
        if len(page) == args.page_size or n + 1 == args.stories:
            start_at = n + 1 - len(page)
            path = directory / f"page-{start_at // args.page_size + 1:05d}.json"
            with open(path, "w", encoding="utf-8", newline="") as out:
                write_response(page, args.api, args.layout, start_at, args.stories, out)
            page = []


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--non-ascii", action="store_true", help="a few Windows-1252 characters in every story")
    parser.add_argument("--short", action="store_true",
                        help="CSV: short rows, about two findings per story")
    parser.add_argument("--api", type=int, choices=[2, 3], default=2, help="JSON: REST API version")
    parser.add_argument("--layout", choices=["lines", "minified", "pretty"], default="lines", help="JSON layout")
    parser.add_argument("--pages", metavar="DIR", help="JSON: write one file per page into DIR")
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    if args.pages:
        write_pages(args)
        return
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", buffering=1 << 20)
    if args.format == "csv" and args.short:
        write_short_csv(args.stories, args.seed, out)
    elif args.format == "csv":
        write_csv(args.stories, args.seed, out, args.non_ascii)
    else:
        write_json(args, out)
    out.flush()


if __name__ == "__main__":
    main()
