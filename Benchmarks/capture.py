"""A project manager's calendar and mailbox over the life of examples/acme-crm, written by
PyPI's icalendar and Python's email and mailbox modules, to measure `pmlint import`:

    python3 Benchmarks/capture.py OUT     ->  OUT/acme (the project, team contacts added),
                                              OUT/calendar.ics, OUT/mailbox.mbox

Six months of a busy calendar: the project's weekly progress meeting and fortnightly steering
call (with holidays skipped and a few moved), reviews and workshops, and as many meetings of
other projects and internal ones; a mailbox of the project's mails and three times as many
others. Seeded: the same files every time.
"""
import datetime
import os
import random
import shutil
import sys
from email.message import EmailMessage
from email.utils import format_datetime
import mailbox
from zoneinfo import ZoneInfo

import icalendar

out = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
random.seed(11)
tz = ZoneInfo("Asia/Shanghai")
shutil.rmtree(os.path.join(out, "acme"), ignore_errors=True)
shutil.copytree(os.path.join(here, "..", "examples", "acme-crm"), os.path.join(out, "acme"))
plan = os.path.join(out, "acme", "plan.yaml")
text = open(plan, encoding="utf-8").read()
text = text.replace("  - id: zhang-min\n", "  - id: zhang-min\n    contact: zhang.min@team.example\n")
text = text.replace("  - id: priya-nair\n", "  - id: priya-nair\n    contact: priya.nair@team.example\n")
open(plan, "w", encoding="utf-8").write(text)

client = ["li.wei@acme.example", "sarah.chen@acme.example"]
team = ["zhang.min@team.example", "priya.nair@team.example"]
others = [f"{name}@{domain}" for name in ("amy", "bo", "chen", "dev", "eli", "fei", "gus") for domain in ("team.example", "globex.example")]
start, end = datetime.date(2026, 6, 1), datetime.date(2026, 11, 6)

calendar = icalendar.Calendar()
calendar.add("prodid", "-//pmlint benchmark//EN")
calendar.add("version", "2.0")
count = 0


def event(uid, summary, when, people, **extra):
    global count
    item = icalendar.Event()
    item.add("uid", uid)
    item.add("summary", summary)
    item.add("dtstart", when)
    item.add("dtend", when + datetime.timedelta(hours=1))
    item.add("dtstamp", datetime.datetime(2026, 5, 20, tzinfo=datetime.timezone.utc))
    item["organizer"] = icalendar.vCalAddress("mailto:zhang.min@team.example")
    for address in people:
        item.add("attendee", icalendar.vCalAddress("mailto:" + address), encode=0)
    for key, value in extra.items():
        item.add(key.replace("_", "-"), value)
    calendar.add_component(item)
    count += 1
    return item


weekly = event("acme-weekly", "ACME CRM weekly progress", datetime.datetime(2026, 6, 3, 10, tzinfo=tz), client[:1] + team,
               rrule={"freq": "weekly", "until": datetime.datetime(2026, 10, 28, 12, tzinfo=tz)}, description="- Progress\n- Risks\n- Next")
for holiday in (datetime.datetime(2026, 9, 30, 10, tzinfo=tz), datetime.datetime(2026, 10, 7, 10, tzinfo=tz)):
    weekly.add("exdate", holiday)
for day in (datetime.datetime(2026, 7, 15, 10, tzinfo=tz), datetime.datetime(2026, 8, 19, 10, tzinfo=tz)):
    event("acme-weekly", "ACME CRM weekly progress (moved)", day + datetime.timedelta(days=1), client[:1] + team, recurrence_id=day)
event("acme-steering", "ACME steering call", datetime.datetime(2026, 6, 12, 15, tzinfo=tz), client + team[:1],
      rrule={"freq": "weekly", "interval": 2, "count": 11})
event("acme-kickoff", "ACME CRM kickoff", datetime.datetime(2026, 6, 2, 9, 30, tzinfo=tz), client + team)
for n, day in enumerate((datetime.date(2026, 7, 10), datetime.date(2026, 8, 28), datetime.date(2026, 10, 23))):
    event(f"acme-review-{n}", f"Milestone review M{n + 1}", datetime.datetime.combine(day, datetime.time(14), tz), client + team)
event("acme-retro", "ACME retrospective", datetime.datetime(2026, 11, 4, 14, tzinfo=tz), client + team)
for n in range(6):
    event(f"acme-workshop-{n}", "Data migration workshop", datetime.datetime(2026, 6, 20 + n, 9, tzinfo=tz) + datetime.timedelta(days=7 * n), [client[1]] + team)
event("acme-cancelled", "Training session", datetime.datetime(2026, 9, 2, 9, tzinfo=tz), client + team, status="CANCELLED")
# Everything else in a PM's calendar: other projects, one-to-ones, the team's own meetings.
day = start
while day <= end:
    for slot in range(random.randint(1, 3)):
        people = random.sample(others, 2) + (["priya.nair@team.example"] if random.random() < 0.3 else [])
        event(f"other-{day}-{slot}", random.choice(["1:1", "Globex planning", "Hiring panel", "Team sync", "Budget review"]),
              datetime.datetime.combine(day, datetime.time(9 + 2 * slot), tz), people)
    day += datetime.timedelta(days=1)
with open(os.path.join(out, "calendar.ics"), "wb") as file:
    file.write(calendar.to_ical())

box = mailbox.mbox(os.path.join(out, "mailbox.mbox"))
box.clear()
mails = 0


def mail(sender, to, subject, day):
    global mails
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, ", ".join(to), subject
    message["Date"] = format_datetime(datetime.datetime.combine(day, datetime.time(random.randint(8, 19), 5), tz))
    message["Message-ID"] = f"<m{mails}.{day}@mail.example>"
    message.set_content("Hello,\n\n" + "Details follow.\n" * random.randint(3, 40))
    box.add(message)
    mails += 1


day = start
while day <= end:
    if day.weekday() == 4:
        mail("zhang.min@team.example", client, f"ACME CRM weekly status report {day}", day)
    for _ in range(random.randint(0, 3)):
        sender = random.choice(client + team)
        to = [address for address in client + team if address != sender][:2]
        mail(sender, to, random.choice(["[cr1] Extra reports", "[m2] Test plan", "Data mapping question", "关于迁移计划", "Re: access rights"]), day)
    for _ in range(random.randint(3, 9)):
        mail(random.choice(others), random.sample(others, 2), "Other project: " + random.choice(["notes", "invoice", "lunch", "plan"]), day)
    day += datetime.timedelta(days=1)
box.flush()
print(f"{count} events (before recurrence), {mails} mails")
