"""The questionnaire's first 48 activities, eight per interest area, written by CareerPath
(never the O*NET Interest Profiler's items), published, in a mixed order. Editors change them
in the admin afterwards; this runs once, so nothing they change is ever overwritten."""

from django.db import migrations

ITEMS = [
    ("R", "Fix a leaky faucet under a sink"),
    ("I", "Test soil samples for harmful chemicals"),
    ("A", "Design a logo for a new bakery"),
    ("S", "Help an older person get dressed each morning"),
    ("E", "Run a food truck that you own"),
    ("C", "Type patient details into a clinic database"),
    ("R", "Replace the worn brakes on a car"),
    ("C", "Check invoices for pricing mistakes"),
    ("E", "Talk a store owner into stocking your product"),
    ("S", "Tutor a child who struggles with reading"),
    ("A", "Write a short story about a haunted house"),
    ("I", "Examine why a new bridge is cracking"),
    ("A", "Compose the background music for a video game"),
    ("S", "Comfort a nervous patient before surgery"),
    ("E", "Lead a team launching a new phone app"),
    ("C", "Sort and file court papers by date"),
    ("R", "Wire the outlets in a new house"),
    ("I", "Work out what is causing a patient’s rash"),
    ("A", "Play the villain in a stage show"),
    ("I", "Find out why a website keeps crashing"),
    ("R", "Prune apple trees in an orchard"),
    ("C", "Update a school’s class schedule each term"),
    ("E", "Close a deal to sell a used car"),
    ("S", "Run a support group for new parents"),
    ("E", "Pitch a business idea to investors"),
    ("C", "Balance the cash register at closing time"),
    ("R", "Trim the hooves of a horse"),
    ("I", "Spot patterns in customer survey results"),
    ("A", "Take portrait photos at a wedding"),
    ("S", "Help newcomers practice speaking English"),
    ("E", "Convince the city council to fund a park"),
    ("S", "Look after toddlers at a daycare center"),
    ("A", "Pick colors and furniture for a living room"),
    ("I", "Figure out the age of a dinosaur bone"),
    ("R", "Weld steel parts for a bridge"),
    ("C", "Log a small company’s income and expenses"),
    ("R", "Climb a tower to fix an antenna"),
    ("I", "Research why honeybees are disappearing"),
    ("A", "Paint a colorful mural on a hospital wall"),
    ("S", "Help a family apply for food assistance"),
    ("E", "Manage the night shift at a restaurant"),
    ("C", "Follow a strict checklist to process loan forms"),
    ("R", "Repair a broken hospital bed"),
    ("C", "Keep track of which library books are checked out"),
    ("E", "Decide where a hotel chain opens next"),
    ("S", "Teach seniors to video call their families"),
    ("A", "Decorate a birthday cake with sugar flowers"),
    ("I", "Investigate what started a warehouse fire"),
]


def add_items(apps, schema_editor):
    InterestItem = apps.get_model("interests", "InterestItem")
    if InterestItem.objects.exists():
        return
    InterestItem.objects.bulk_create(
        InterestItem(text=text, area=area, position=10 * (number + 1), status="published")
        for number, (area, text) in enumerate(ITEMS)
    )


def remove_items(apps, schema_editor):
    InterestItem = apps.get_model("interests", "InterestItem")
    InterestItem.objects.filter(text__in=[text for _area, text in ITEMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("interests", "0001_initial")]

    operations = [migrations.RunPython(add_items, remove_items)]
