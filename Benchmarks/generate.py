#!/usr/bin/env python3
"""Writes a large, realistic pmlint project (plan.yaml + log.yaml) in the format of FORMAT.md.

    Benchmarks/generate.py OUT_DIR --entries N [--seed S]

Stakeholders, milestones, risks and change requests grow with the log; entries link to them
with `re`; conflicts get follow-ups; meetings carry actions; about one entry in eight is in
Chinese. Deterministic for a given seed."""
import argparse, datetime, os, random


def generate(out, entries, seed=7):
    """Writes OUT/plan.yaml and OUT/log.yaml: a project of ENTRIES log entries, from SEED."""
    rng = random.Random(seed)
    n = entries
    start = datetime.date(2015, 1, 5)
    days = max(60, min(n // 6, 3650))  # up to ten years of log
    end = start + datetime.timedelta(days=days)
    os.makedirs(out, exist_ok=True)

    clients = [f"client-{i}" for i in range(max(3, n // 2000))]
    team = [f"team-{i}" for i in range(max(3, n // 2000))]
    words_en = ["migration", "dashboard", "reporting", "invoices", "pilot", "training", "interfaces", "data quality",
                "single sign-on", "performance tests", "go-live", "cut-over", "archive", "roles and rights"]
    words_zh = ["数据迁移", "报表", "培训", "接口联调", "权限配置", "上线准备", "月结流程", "库存盘点"]

    def day(offset):
        return (start + datetime.timedelta(days=offset)).isoformat()

    def text():
        if rng.random() < 0.125:
            return rng.choice(words_zh) + "进度" + rng.choice(["正常", "延迟两天", "已完成 80%"])
        return f"{rng.choice(words_en).capitalize()} for {rng.choice(words_en)}, step {rng.randint(1, 40)}"

    with open(os.path.join(out, "plan.yaml"), "w") as plan:
        plan.write(f"project:\n  name: Long-running programme\n  client: Example Group\n  manager: team-0\n"
                   f"  start: {start.isoformat()}\n  end: {end.isoformat()}\n  phase: executing\n  health: amber\n")
        plan.write("stakeholders:\n")
        for i, person in enumerate(clients):
            role = "owner" if i == 0 else "sponsor" if i == 1 else rng.choice(["contact", "member"])
            plan.write(f"  - id: {person}\n    name: Client Person {i}\n    side: client\n    role: {role}\n    engagement: {rng.choice(['active', 'routine', 'passive'])}\n")
            if rng.random() < 0.5:
                plan.write("    engagement_plan: Weekly one-to-one\n")
        for i, person in enumerate(team):
            plan.write(f"  - id: {person}\n    name: Team Person {i}\n    side: team\n    role: {'manager' if i == 0 else 'member'}\n")
        plan.write("scope:\n  objectives:\n    - Migrate 1,200,000 records by the end of the programme\n    - 95% of users trained\n"
                   "  in_scope: [Data migration, Reporting]\n  out_of_scope: [Billing]\n  assumptions: [Data export monthly]\n"
                   "  approved_by: client-0\n  approved_on: " + day(10) + "\n")
        plan.write("communication:\n  primary_contact: client-0\n  status_reports: {every: weekly, to: [client-0, client-1]}\n"
                   "  meetings:\n    - {kind: progress, every: 2w, with: [client-0]}\n  feedback: {every: monthly}\n  escalation: [client-0, client-1]\n")
        milestones = max(5, n // 200)
        plan.write("milestones:\n")
        for i in range(milestones):
            due = int(days * (i + 1) / (milestones + 1))
            plan.write(f"  - id: m{i}\n    name: {text()}\n    due: {day(due)}\n    reviewer: {rng.choice(clients)}\n")
            if due < days - 20:
                plan.write(f"    done_on: {day(due + rng.randint(-3, 3))}\n    accepted_on: {day(due + 5)}\n")
        plan.write("risks:\n")
        for i in range(max(5, n // 300)):
            found = rng.randint(0, days - 10)
            plan.write(f"  - id: r{i}\n    title: {text()}\n    identified_on: {day(found)}\n    probability: {rng.choice(['low', 'medium', 'high'])}\n"
                       f"    impact: {rng.choice(['low', 'medium', 'high'])}\n    owner: {rng.choice(team)}\n    mitigation: {text()}\n"
                       f"    shared_on: {day(found + rng.randint(0, 9))}\n    reviewed_on: {day(min(days, found + rng.randint(0, 60)))}\n"
                       f"    status: {rng.choice(['open', 'closed'])}\n")
        plan.write("changes:\n")
        for i in range(max(5, n // 250)):
            asked = rng.randint(0, days - 10)
            status = rng.choice(["received", "assessing", "approved", "rejected", "implemented"])
            plan.write(f"  - id: cr{i}\n    title: {text()}\n    requested_by: {rng.choice(clients)}\n    requested_on: {day(asked)}\n    status: {status}\n"
                       f"    assessment: {{schedule: \"+{rng.randint(1, 4)}w\", cost: \"{rng.randint(2, 40)} person-days\"}}\n"
                       f"    responded_on: {day(asked + rng.randint(0, 6))}\n")
            if status in ("approved", "rejected", "implemented"):
                plan.write(f"    decided_on: {day(asked + rng.randint(2, 12))}\n    decided_by: {rng.choice(clients[:2])}\n")

    with open(os.path.join(out, "log.yaml"), "w") as log:
        log.write("log:\n")
        conflicts = []
        for i in range(n):
            offset = i * days // n
            date = day(offset)
            kind = rng.random()
            if i % 40 == 0:
                log.write(f"  - date: {date}\n    type: status_report\n    to: [client-0, client-1]\n"
                          f"    done: [{text()}, {text()}]\n    next: [{text()}]\n    issues: []\n    help_needed: []\n    health: amber\n")
            elif kind < 0.25:
                log.write(f"  - date: {date}\n    type: meeting\n    kind: {rng.choice(['progress', 'review', 'workshop'])}\n"
                          f"    with: [{rng.choice(clients)}, {rng.choice(team)}]\n    topic: {text()}\n    re: [m{rng.randrange(milestones)}]\n"
                          f"    actions:\n      - what: {text()}\n        owner: {rng.choice(team)}\n        due: {day(offset + 7)}\n")
                if rng.random() < 0.8:
                    log.write(f"        done_on: {day(offset + rng.randint(1, 9))}\n")
            elif kind < 0.45:
                log.write(f"  - date: {date}\n    type: email\n    to: [{rng.choice(clients)}]\n    summary: {text()}\n")
            elif kind < 0.6:
                log.write(f"  - date: {date}\n    type: call\n    with: [{rng.choice(clients)}]\n    topic: {text()}\n")
            elif kind < 0.7:
                log.write(f"  - date: {date}\n    type: minutes\n    to: [{rng.choice(clients)}]\n    summary: {text()}\n")
            elif kind < 0.75:
                cid = f"c{i}"
                conflicts.append(cid)
                resolved = rng.random() < 0.8
                log.write(f"  - date: {date}\n    type: conflict\n    id: {cid}\n    from: [{rng.choice(clients)}]\n    topic: {text()}\n")
                if resolved:
                    log.write(f"    status: resolved\n    resolved_on: {day(offset + 5)}\n    resolution: {text()}\n    lessons: [{text()}]\n")
            elif kind < 0.8 and conflicts:
                log.write(f"  - date: {date}\n    type: meeting\n    re: [{rng.choice(conflicts[-5:])}]\n    with: [{rng.choice(clients)}]\n    topic: {text()}\n")
            elif kind < 0.85:
                log.write(f"  - date: {date}\n    type: feedback\n    from: [{rng.choice(clients)}]\n    score: {rng.randint(1, 5)}\n")
            else:
                log.write(f"  - date: {date}\n    type: note\n    re: [cr{rng.randrange(max(5, n // 250))}]\n    summary: {text()}\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.entries, args.seed)
