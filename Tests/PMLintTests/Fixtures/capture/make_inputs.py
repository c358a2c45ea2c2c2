"""Writes a calendar and a mailbox for the people of examples/acme-crm, as real programs write
them: the calendar with PyPI's icalendar, the mails with Python's email and mailbox modules.

    python3 make_inputs.py FOLDER   ->  FOLDER/calendar.ics, FOLDER/mailbox.mbox, FOLDER/eml/*.eml
"""
import datetime
import os
import sys
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
import mailbox
from zoneinfo import ZoneInfo

import icalendar

out = sys.argv[1]
shanghai, new_york, utc = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York"), datetime.timezone.utc

calendar = icalendar.Calendar()
calendar.add("prodid", "-//pmlint tests//calendar//EN")
calendar.add("version", "2.0")


def event(uid, summary, start, attendees, organizer="mailto:zhang.min@team.example", **extra):
    item = icalendar.Event()
    item.add("uid", uid)
    item.add("summary", summary)
    item.add("dtstart", start)
    item.add("dtstamp", datetime.datetime(2026, 5, 1, tzinfo=utc))
    item["organizer"] = icalendar.vCalAddress(organizer)
    for address, status in attendees:
        attendee = icalendar.vCalAddress(address)
        attendee.params["PARTSTAT"] = icalendar.vText(status)
        item.add("attendee", attendee, encode=0)
    for key, value in extra.items():
        item.add(key.replace("_", "-"), value)
    calendar.add_component(item)
    return item


# A weekly meeting, 10 times from 2026-06-03; one week skipped, one moved a day, one cancelled.
weekly = event("weekly-progress@acme", "Weekly progress", datetime.datetime(2026, 6, 3, 10, 0, tzinfo=shanghai),
               [("mailto:Li.Wei@acme.example", "ACCEPTED"), ("mailto:tom@acme.example", "DECLINED")],
               rrule={"freq": "weekly", "count": 10}, description="- Progress\n- Risks\n- Next steps")
weekly.add("exdate", datetime.datetime(2026, 6, 17, 10, 0, tzinfo=shanghai))
event("weekly-progress@acme", "Weekly progress (moved)", datetime.datetime(2026, 6, 25, 10, 0, tzinfo=shanghai),
      [("mailto:li.wei@acme.example", "ACCEPTED")], recurrence_id=datetime.datetime(2026, 6, 24, 10, 0, tzinfo=shanghai))
event("weekly-progress@acme", "Weekly progress", datetime.datetime(2026, 7, 1, 10, 0, tzinfo=shanghai),
      [("mailto:li.wei@acme.example", "ACCEPTED")], recurrence_id=datetime.datetime(2026, 7, 1, 10, 0, tzinfo=shanghai),
      status="CANCELLED")
# In UTC, with someone who is no stakeholder.
event("scope-review@acme", "Scope review, phase 2", datetime.datetime(2026, 6, 10, 2, 0, tzinfo=utc),
      [("mailto:sarah.chen@acme.example", "ACCEPTED"), ("mailto:cfo@acme.example", "NEEDS-ACTION")])
# 21:00 in New York is the next day in Asia/Shanghai (and in UTC).
event("steering@acme", "Steering call", datetime.datetime(2026, 6, 15, 21, 0, tzinfo=new_york),
      [("mailto:sarah.chen@acme.example", "ACCEPTED")])
event("workshop@acme", "Data workshop", datetime.datetime(2026, 6, 12, 9, 0, tzinfo=shanghai),
      [("mailto:li.wei@acme.example", "ACCEPTED")], status="CANCELLED")
event("lunch@team", "Team lunch", datetime.datetime(2026, 6, 19, 12, 0, tzinfo=shanghai),
      [("mailto:priya.nair@team.example", "ACCEPTED")])
event("retro@acme", "Project retrospective", datetime.date(2026, 11, 4),
      [("mailto:li.wei@acme.example", "ACCEPTED")], description="1. What went well\n2. What to change")
event("later@acme", "Support review", datetime.datetime(2026, 12, 15, 10, 0, tzinfo=shanghai),
      [("mailto:li.wei@acme.example", "ACCEPTED")])

with open(os.path.join(out, "calendar.ics"), "wb") as file:
    file.write(calendar.to_ical())


def mail(sender, to, subject, day, message_id=True):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.datetime(*day, 9, 30, tzinfo=shanghai))
    if message_id:
        message["Message-ID"] = make_msgid(domain="team.example")
    message.set_content("Hello,\n\nsee below.\n")
    return message


box = mailbox.mbox(os.path.join(out, "mailbox.mbox"))
box.add(mail("Zhang Min <zhang.min@team.example>", "Li Wei <li.wei@acme.example>", "Weekly status report, week 3", (2026, 6, 19)))
box.add(mail('"Wei, Li" <li.wei@acme.example>', "zhang.min@team.example", "[cr1] 关于额外报表的问题", (2026, 7, 2)))
box.add(mail("someone@elsewhere.example", "other@elsewhere.example", "Unrelated", (2026, 7, 3)))
box.add(mail("zhang.min@team.example", "li.wei@acme.example", "No id", (2026, 7, 4), message_id=False))
box.flush()

os.makedirs(os.path.join(out, "eml"), exist_ok=True)
with open(os.path.join(out, "eml", "reunion.eml"), "wb") as file:
    message = mail("Sarah Chen <sarah.chen@acme.example>", "Zhang Min <zhang.min@team.example>", "Réunion: cut-over plan", (2026, 9, 8))
    file.write(bytes(message))
