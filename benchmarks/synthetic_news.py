"""Synthetic news reports for load tests: short reports of made-up events, several outlets per
event, some of them wire copies, generated deterministically from a seed.

    .venv/bin/python benchmarks/synthetic_news.py N OUT.jsonl [--seed S]

Each event (an earthquake, a fire, a flood, a derailment, a strike, a bridge failure, a storm, a
local election, company results, a wildfire) has a place, a day, an official and its figures.
Between one and eight outlets report it in their own words: headlines, leads and body sentences
are drawn from per-kind templates, in varied order, with the outlet's own dateline and quote; a
quarter of the reports give an earlier, lower count than the others (as early reports do), so
the story stages see agreements and differences. About a third of events have a wire report
that one to three outlets reprint with their own header and footer, so the copy detector has
work. Events follow one another over a year, a few a day, so the clustering's time window holds
many candidates. Places are real cities (so the place stages have something to resolve);
people, outlets and companies are invented.

The records are news-please style JSON objects (``id``, ``title``, ``text``, ``date_publish``,
``source_domain``, ``url``), the form ``consilience analyze`` reads from ``.jsonl`` files.
Everything comes from ``random.Random(seed)``: the same ``(n, seed)`` gives the same records.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

START = datetime(2025, 1, 1, 6, 0)
#: Days the events are spread over, whatever N.
SPAN_DAYS = 365

CITIES = [
    ("Porto", "Portugal"), ("Valencia", "Spain"), ("Lyon", "France"), ("Genoa", "Italy"),
    ("Graz", "Austria"), ("Brno", "Czech Republic"), ("Gdansk", "Poland"),
    ("Cluj-Napoca", "Romania"), ("Plovdiv", "Bulgaria"), ("Thessaloniki", "Greece"),
    ("Izmir", "Turkey"), ("Tbilisi", "Georgia"), ("Leeds", "United Kingdom"),
    ("Cork", "Ireland"), ("Aarhus", "Denmark"), ("Tampere", "Finland"), ("Bergen", "Norway"),
    ("Gothenburg", "Sweden"), ("Rotterdam", "Netherlands"), ("Antwerp", "Belgium"),
    ("Leipzig", "Germany"), ("Basel", "Switzerland"), ("Debrecen", "Hungary"),
    ("Novi Sad", "Serbia"), ("Split", "Croatia"), ("Kaunas", "Lithuania"),
    ("Casablanca", "Morocco"), ("Alexandria", "Egypt"), ("Mombasa", "Kenya"),
    ("Durban", "South Africa"), ("Kumasi", "Ghana"), ("Cebu", "Philippines"),
    ("Surabaya", "Indonesia"), ("Da Nang", "Vietnam"), ("Chiang Mai", "Thailand"),
    ("Pune", "India"), ("Chittagong", "Bangladesh"), ("Osaka", "Japan"), ("Busan", "South Korea"),
    ("Christchurch", "New Zealand"), ("Perth", "Australia"), ("Winnipeg", "Canada"),
    ("Tucson", "United States"), ("Monterrey", "Mexico"), ("Medellin", "Colombia"),
    ("Cordoba", "Argentina"), ("Valparaiso", "Chile"), ("Recife", "Brazil"),
    ("Arequipa", "Peru"), ("Guayaquil", "Ecuador"), ("Braga", "Portugal"), ("Bilbao", "Spain"),
    ("Seville", "Spain"), ("Nantes", "France"), ("Marseille", "France"), ("Bologna", "Italy"),
    ("Bari", "Italy"), ("Linz", "Austria"), ("Ostrava", "Czech Republic"), ("Poznan", "Poland"),
    ("Lublin", "Poland"), ("Iasi", "Romania"), ("Varna", "Bulgaria"), ("Patras", "Greece"),
    ("Bursa", "Turkey"), ("Adana", "Turkey"), ("Kutaisi", "Georgia"), ("Cardiff", "United Kingdom"),
    ("Aberdeen", "United Kingdom"), ("Galway", "Ireland"), ("Odense", "Denmark"),
    ("Oulu", "Finland"), ("Trondheim", "Norway"), ("Malmo", "Sweden"), ("Utrecht", "Netherlands"),
    ("Ghent", "Belgium"), ("Dresden", "Germany"), ("Bremen", "Germany"),
    ("Lausanne", "Switzerland"), ("Szeged", "Hungary"), ("Nis", "Serbia"), ("Rijeka", "Croatia"),
    ("Tartu", "Estonia"), ("Daugavpils", "Latvia"), ("Fez", "Morocco"), ("Sfax", "Tunisia"),
    ("Luxor", "Egypt"), ("Kisumu", "Kenya"), ("Arusha", "Tanzania"), ("Port Elizabeth",
    "South Africa"), ("Tamale", "Ghana"), ("Ibadan", "Nigeria"), ("Davao", "Philippines"),
    ("Medan", "Indonesia"), ("Hue", "Vietnam"), ("Khon Kaen", "Thailand"), ("Nagpur", "India"),
    ("Coimbatore", "India"), ("Sylhet", "Bangladesh"), ("Sendai", "Japan"),
    ("Daegu", "South Korea"), ("Dunedin", "New Zealand"), ("Hobart", "Australia"),
    ("Halifax", "Canada"), ("Spokane", "United States"), ("Savannah", "United States"),
    ("Puebla", "Mexico"), ("Cali", "Colombia"), ("Rosario", "Argentina"),
    ("Antofagasta", "Chile"), ("Fortaleza", "Brazil"), ("Curitiba", "Brazil"),
    ("Trujillo", "Peru"), ("Cuenca", "Ecuador"),
]
FIRST = ["Ana", "Bruno", "Clara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas",
         "Kofi", "Lena", "Marco", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Samir", "Tomas",
         "Ursula", "Viktor", "Wanjiru", "Xavier", "Yara", "Zoran", "Amara", "Bogdan", "Chen",
         "Daria", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Julia", "Karim", "Leila", "Mateo",
         "Noor"]
LAST = ["Almeida", "Brandt", "Castell", "Dimitrov", "Eriksen", "Ferreira", "Gallo", "Horvat",
        "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
        "Quiroga", "Rahman", "Santos", "Tanaka", "Umarov", "Varga", "Weber", "Yilmaz", "Zeller",
        "Achebe", "Bianchi", "Costa", "Duarte", "Engel", "Fischer", "Garcia", "Haddad", "Ito",
        "Juric", "Kaya", "Lopes", "Mensah", "Nakamura", "Osei"]
PAPER_PLACES = ["Harbour", "Northern", "Valley", "Lakeside", "Eastern", "Coastal", "Highland",
                "Riverside", "Western", "Central", "Southern", "Meridian", "Capital", "Frontier"]
PAPER_NAMES = ["Courier", "Ledger", "Post", "Times", "Gazette", "Herald", "Observer", "Record",
               "Tribune", "Chronicle", "Dispatch", "Sentinel"]
WIRES = ["Meridian Wire", "Continental Press Agency", "Allied News Service", "Global Newswire"]
COMPANY_A = ["Norvik", "Aldera", "Castora", "Trelan", "Vesko", "Orbis", "Halden", "Kestrel",
             "Maris", "Solvent", "Brightwater", "Ironleaf"]
COMPANY_B = ["Logistics", "Chemicals", "Textiles", "Foods", "Motors", "Steel", "Energy",
             "Pharma", "Paper", "Plastics"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# Per kind: headlines, leads, body sentences, quotes, and the official's role. Fields in braces
# come from the event (and the outlet's own counts: {deaths}, {injured}, ...).
KINDS: dict[str, dict[str, list[str] | str]] = {
    "earthquake": {
        "role": "head of the regional disaster agency",
        "head": ["Magnitude {magnitude} earthquake kills {deaths} near {city}",
                 "{city} earthquake: {deaths} dead, {injured} injured",
                 "Strong quake shakes {city}, at least {deaths} killed"],
        "lead": ["An earthquake of magnitude {magnitude} struck near {city}, {country}, on "
                 "{weekday}, killing at least {deaths} people and injuring {injured}, officials "
                 "said.",
                 "At least {deaths} people were killed and {injured} hurt when a magnitude "
                 "{magnitude} earthquake hit the area around {city} on {weekday}.",
                 "A magnitude {magnitude} quake shook {city} in {country} on {weekday}, "
                 "leaving {deaths} people dead, according to the authorities."],
        "body": ["The quake struck at a depth of {depth} kilometres, {distance} kilometres "
                 "from the city centre, the national seismological institute said.",
                 "Rescue teams searched the rubble of {buildings} collapsed buildings through "
                 "the night.",
                 "About {evacuated} residents spent the night in tents and sports halls.",
                 "Schools in the province will stay closed until {reopen_day}.",
                 "At least {aftershocks} aftershocks were recorded in the following hours.",
                 "Power was cut to parts of the city and several roads were blocked by "
                 "landslides."],
        "quote": ["We are still reaching villages that were cut off overnight",
                  "The priority now is shelter for the families who lost their homes",
                  "Every team we have is working in the damaged districts"],
    },
    "fire": {
        "role": "fire chief of {city}",
        "head": ["Fire at {company} plant in {city} kills {deaths}",
                 "{deaths} workers dead after blaze at {city} factory",
                 "Factory fire in {city}: {injured} taken to hospital"],
        "lead": ["A fire at a {company} plant on the outskirts of {city} killed {deaths} "
                 "workers and injured {injured} on {weekday}, the fire service said.",
                 "{deaths} people died and {injured} were injured when fire swept through a "
                 "factory run by {company} in {city}, {country}, on {weekday}.",
                 "Firefighters in {city} spent {hours} hours putting out a blaze at a {company} "
                 "factory that killed {deaths} people on {weekday}."],
        "body": ["About {workers} people were working in the building when the fire broke out "
                 "in a storage hall.",
                 "{trucks} fire engines were sent to the site, the city said.",
                 "{company} said it was cooperating with investigators and had suspended work "
                 "at the plant.",
                 "Prosecutors opened an inquiry into the cause of the fire.",
                 "Residents of nearby streets were told to keep their windows closed because of "
                 "the smoke.",
                 "A union representing the workers said it had warned about blocked emergency "
                 "exits last year."],
        "quote": ["The building was fully alight when the first crews arrived",
                  "We will find out how this happened and who is responsible",
                  "Our thoughts are with the families of the workers"],
    },
    "flood": {
        "role": "mayor of {city}",
        "head": ["Floods force {evacuated} from their homes in {city}",
                 "{deaths} dead as heavy rain floods {city}",
                 "River bursts its banks in {city} after days of rain"],
        "lead": ["Floods in and around {city}, {country}, have killed {deaths} people and "
                 "forced {evacuated} residents from their homes, officials said on {weekday}.",
                 "Heavy rain flooded large parts of {city} on {weekday}, killing {deaths} people "
                 "and leaving thousands without power.",
                 "About {evacuated} people were evacuated from low-lying districts of {city} on "
                 "{weekday} as the river rose to its highest level in {years} years."],
        "body": ["{rain} millimetres of rain fell in {hours} hours, the weather service said.",
                 "The army sent {soldiers} soldiers to help fill sandbags and move residents.",
                 "Rail services to the city were suspended and the airport closed for the day.",
                 "{injured} people were treated in hospital, most of them for minor injuries.",
                 "Forecasters expect more rain until {reopen_day}.",
                 "Farmers said large areas of crops had been lost."],
        "quote": ["The water rose faster than anyone expected",
                  "We ask everyone in the riverside districts to leave while they still can",
                  "The clean-up will take months"],
    },
    "derailment": {
        "role": "transport minister",
        "head": ["Train derails near {city}, {deaths} killed",
                 "{deaths} dead in {city} rail accident",
                 "Passenger train comes off the tracks outside {city}"],
        "lead": ["A passenger train carrying {passengers} people derailed near {city}, "
                 "{country}, on {weekday}, killing {deaths} and injuring {injured}, the rail "
                 "operator said.",
                 "{deaths} people were killed when a train left the tracks outside {city} on "
                 "{weekday}, officials said.",
                 "Rescuers worked through the night after a derailment near {city} left "
                 "{deaths} dead and {injured} injured."],
        "body": ["{cars} of the train's carriages overturned on a bend, witnesses said.",
                 "The line between {city} and the capital will stay closed until {reopen_day}.",
                 "The operator said the train had been travelling at about {speed} kilometres "
                 "an hour.",
                 "Investigators recovered the train's data recorder.",
                 "Rail unions have long complained about the state of the track on the route.",
                 "Buses were laid on for passengers stranded at stations along the line."],
        "quote": ["An independent investigation will establish the cause",
                  "I saw carriages lying on their side across the field",
                  "The safety of passengers comes before everything else"],
    },
    "strike": {
        "role": "general secretary of the dock workers' union",
        "head": ["{workers} port workers strike in {city} over pay",
                 "Strike halts {city} port as talks fail",
                 "{city} dockers walk out, demand {wage} percent raise"],
        "lead": ["About {workers} workers at the port of {city}, {country}, went on strike on "
                 "{weekday} to demand a pay rise of {wage} percent, their union said.",
                 "Cargo handling at {city} stopped on {weekday} as {workers} dock workers began "
                 "a strike over wages.",
                 "A strike by dock workers shut the port of {city} on {weekday} after talks "
                 "with operators broke down."],
        "body": ["The operators have offered {offer} percent, the union said.",
                 "{ships} ships were waiting outside the harbour by the evening.",
                 "The strike is due to last {strike_days} days.",
                 "Exporters warned of losses if the stoppage continues into next week.",
                 "The labour ministry called both sides to new talks on {reopen_day}.",
                 "Inflation in {country} was {inflation} percent last year."],
        "quote": ["Our members cannot live on what they are paid",
                  "We are ready to talk as soon as there is a serious offer",
                  "This strike hurts everyone who depends on the port"],
    },
    "bridge": {
        "role": "regional governor",
        "head": ["Bridge collapses in {city}, {deaths} dead",
                 "{city} bridge failure: search for missing goes on",
                 "Road bridge gives way over river in {city}"],
        "lead": ["Part of a road bridge over the river in {city}, {country}, collapsed on "
                 "{weekday}, killing {deaths} people, the authorities said.",
                 "{deaths} people died when a section of a bridge in {city} gave way on "
                 "{weekday}, sending {vehicles} vehicles into the water.",
                 "A bridge built {years} years ago collapsed in {city} on {weekday}; {deaths} "
                 "people are known to have died."],
        "body": ["Divers were searching for {missing} people still missing.",
                 "The bridge carried about {traffic} vehicles a day.",
                 "Engineers had inspected the bridge {inspect} months ago, the city said.",
                 "{injured} people were pulled from the river and taken to hospital.",
                 "All bridges of the same design in the region will be inspected.",
                 "Traffic was diverted through the city centre, causing long queues."],
        "quote": ["We will inspect every bridge of this type in the region",
                  "The search will go on until everyone is found",
                  "It is a miracle that more cars were not on the bridge"],
    },
    "storm": {
        "role": "head of civil protection in {country}",
        "head": ["Storm leaves {deaths} dead around {city}",
                 "Winds of {wind} km/h batter {city}",
                 "{city} storm cuts power to {homes} homes"],
        "lead": ["A storm with winds of up to {wind} kilometres an hour hit {city}, {country}, "
                 "on {weekday}, killing {deaths} people and cutting power to {homes} homes.",
                 "{deaths} people were killed by falling trees and debris as a storm swept "
                 "through {city} on {weekday}.",
                 "Power was cut to {homes} homes in and around {city} on {weekday} as a storm "
                 "brought down lines across the region."],
        "body": ["{injured} people were injured, {serious} of them seriously.",
                 "Flights at the city's airport were cancelled for the day.",
                 "The weather service had issued its highest warning for the coast.",
                 "Crews expect to restore power to most homes by {reopen_day}.",
                 "Several roofs were torn off buildings in the old town.",
                 "Ferry services to the islands were suspended."],
        "quote": ["Stay indoors until the wind has dropped",
                  "Crews are working around the clock to restore power",
                  "We have not seen a storm like this in a generation"],
    },
    "election": {
        "role": "election commissioner of {city}",
        "head": ["{person} wins {city} mayoral race with {vote} percent",
                 "{city} elects {person} as mayor",
                 "Turnout of {turnout} percent as {city} picks new mayor"],
        "lead": ["{person} won the mayoral election in {city}, {country}, on {weekday} with "
                 "{vote} percent of the vote, the election commission said.",
                 "Voters in {city} elected {person} as their mayor on {weekday}, giving "
                 "{person_last} {vote} percent of the vote.",
                 "Turnout in the {city} mayoral election was {turnout} percent, and {person} won "
                 "with {vote} percent, official results showed on {weekday}."],
        "body": ["{rival} came second with {rival_vote} percent.",
                 "{person_last} campaigned on housing and public transport.",
                 "The new mayor takes office on {reopen_day}.",
                 "{ballots} ballots were declared invalid.",
                 "The outgoing mayor did not stand again after {years} years in office.",
                 "Observers said the vote had been orderly."],
        "quote": ["This city voted for change and we will deliver it",
                  "The count was completed without any complaint",
                  "I will be the mayor of everyone in this city"],
    },
    "results": {
        "role": "chief executive of {company}",
        "head": ["{company} profit rises to {profit} million euros",
                 "{company} revenue up {growth} percent, shares climb",
                 "{company} to cut {jobs} jobs despite higher profit"],
        "lead": ["{company}, based in {city}, {country}, said on {weekday} its annual profit "
                 "rose to {profit} million euros on revenue of {revenue} million.",
                 "{company} reported revenue growth of {growth} percent for the year on "
                 "{weekday} and said it would cut {jobs} jobs.",
                 "Shares in {company} rose {shares} percent on {weekday} after the {city} "
                 "company reported a profit of {profit} million euros."],
        "body": ["The company employs about {workers} people, most of them in {country}.",
                 "It will pay a dividend of {dividend} euros a share.",
                 "{company} expects revenue to grow by {outlook} percent next year.",
                 "The job cuts will fall mainly on its administrative staff.",
                 "Analysts had expected a profit of about {expected} million euros.",
                 "The company plans to open a new plant near {city} next year."],
        "quote": ["It was a strong year in a difficult market",
                  "The cuts are painful but they make the company stronger",
                  "We are investing in our home market"],
    },
    "wildfire": {
        "role": "regional fire commander",
        "head": ["Wildfire near {city} burns {hectares} hectares",
                 "{evacuated} evacuated as wildfire nears {city}",
                 "Firefighters battle blaze in hills above {city}"],
        "lead": ["A wildfire in the hills above {city}, {country}, has burned {hectares} "
                 "hectares of forest and forced {evacuated} people to leave their homes, "
                 "officials said on {weekday}.",
                 "About {evacuated} residents were evacuated from villages near {city} on "
                 "{weekday} as a wildfire spread in strong winds.",
                 "Firefighters were fighting a wildfire near {city} on {weekday} that has "
                 "destroyed {homes} homes."],
        "body": ["{firefighters} firefighters and {aircraft} aircraft were fighting the fire.",
                 "The fire started on {start_weekday} and doubled in size overnight.",
                 "Temperatures in the region reached {temp} degrees Celsius.",
                 "{injured} firefighters were treated for smoke inhalation.",
                 "Police said they were investigating whether the fire was started deliberately.",
                 "A motorway near the fire was closed in both directions."],
        "quote": ["The wind is our biggest enemy",
                  "Leave when you are told to leave",
                  "We expect to contain the fire within two days"],
    },
}

# An outlet's own material around the shared facts: witnesses, background, local colour. The
# random names and figures in them keep two outlets' reports of one event apart, as the words
# of independent reporters are.
WITNESS = ["I heard a loud noise and ran outside with my children",
           "Nobody told us what was happening for hours",
           "We have lived on this street for {n2} years and never seen anything like it",
           "My neighbours are still waiting for news of their relatives",
           "The whole street came out to help before the first crews arrived",
           "We were having lunch when it started",
           "I phoned my brother {n1} times before he answered"]
JOBS = ["teacher", "shopkeeper", "taxi driver", "nurse", "retired engineer", "student",
        "baker", "bus driver", "pharmacist", "farmer", "café owner", "electrician"]
STREETS = ["Station Road", "Market Street", "Harbour Lane", "Church Square", "Mill Road",
           "Park Avenue", "Bridge Street", "Garden Row", "Hill Crescent", "Canal Walk"]
COLOUR = ["{city} has about {pop} inhabitants and lies {n3} kilometres from "
          "the capital.",
          "Television pictures from {street} showed {colour_scene}.",
          "It was the worst disaster of its kind in the region since {year}, {outlet_short} "
          "records show.",
          "A crisis centre was opened at the town hall on {street}, where relatives gathered.",
          "Officials in {country} promised an update at {hour} o'clock.",
          "{outlet_short} counted at least {n1} ambulances outside the main hospital.",
          "Volunteers from {n4} neighbouring towns offered help, {witness2} of the local "
          "council said."]
SCENES = ["crowds standing in the street", "emergency vehicles lined up along the kerb",
          "residents carrying bags of belongings", "police closing off the area",
          "people filming on their phones behind a cordon"]


def _own_material(rng: random.Random, facts: dict, outlet: str) -> list[str]:
    v = {"city": facts["city"], "country": facts["country"], "outlet_short":
         outlet.removeprefix("The "), "street": rng.choice(STREETS), "colour_scene":
         rng.choice(SCENES), "year": rng.randint(1950, 2020), "hour": rng.randint(6, 22),
         "pop": f"{rng.randint(60, 2500) * 1000:,}", "n1": rng.randint(3, 40),
         "n2": rng.randint(5, 60), "n3": rng.randint(30, 600), "n4": rng.randint(2, 12),
         "witness2": _person(rng)}
    out = [s.format(**v) for s in rng.sample(COLOUR, rng.randint(1, 3))]
    for _ in range(rng.randint(1, 2)):
        said = rng.choice(["said", "told {o}", "recalled"]).format(o=v["outlet_short"])
        out.append(f"\"{rng.choice(WITNESS).format(**v)},\" {said} {_person(rng)}, a "
                   f"{rng.choice(JOBS)} from {v['street']}.")
    return out


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _event_facts(rng: random.Random, kind: str) -> dict:
    city, country = rng.choice(CITIES)
    r = rng.randint
    f = {
        "kind": kind, "city": city, "country": country, "official": _person(rng),
        "company": f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}",
        "person": _person(rng), "rival": _person(rng),
        "deaths": r(2, 60), "injured": r(5, 400), "evacuated": r(200, 40000),
        "magnitude": f"{r(48, 74) / 10:.1f}", "depth": r(5, 70), "distance": r(3, 60),
        "buildings": r(3, 90), "aftershocks": r(5, 80), "hours": r(3, 30), "workers": r(80, 6000),
        "trucks": r(6, 60), "years": r(12, 80), "rain": r(80, 400), "soldiers": r(100, 3000),
        "passengers": r(80, 600), "cars": r(2, 9), "speed": r(60, 180), "wage": r(6, 25),
        "ships": r(5, 70), "strike_days": r(2, 10), "inflation": f"{r(20, 140) / 10:.1f}",
        "vehicles": r(2, 20), "missing": r(1, 15), "traffic": r(5, 90) * 1000,
        "inspect": r(2, 30), "wind": r(90, 190), "homes": r(40, 90000), "serious": r(1, 9),
        "vote": f"{r(380, 690) / 10:.1f}", "turnout": f"{r(320, 780) / 10:.1f}",
        "ballots": r(300, 9000), "profit": r(12, 900), "revenue": r(1000, 20000),
        "growth": f"{r(10, 180) / 10:.1f}", "jobs": r(50, 3000), "shares": f"{r(10, 90) / 10:.1f}",
        "dividend": f"{r(10, 300) / 100:.2f}", "outlook": r(2, 9), "expected": r(10, 900),
        "hectares": r(300, 30000), "firefighters": r(80, 2000), "aircraft": r(2, 25),
        "temp": r(33, 45),
    }
    f["offer"] = max(1, f["wage"] - r(2, 5))
    f["rival_vote"] = f"{100 - float(f['vote']) - r(20, 200) / 10:.1f}"
    f["person_last"] = f["person"].split()[-1]
    return f


def _report(rng: random.Random, facts: dict, day: datetime, outlet: str, wire: bool) -> tuple:
    """Title and text of one outlet's report (an earlier, lower count in a quarter of them)."""
    kind = KINDS[facts["kind"]]
    v = dict(facts)
    if not wire and rng.random() < 0.25:
        v["deaths"] = max(1, v["deaths"] - rng.randint(1, 4))
        v["injured"] = max(1, v["injured"] - rng.randint(2, 30))
    v = {k: f"{x:,}" if isinstance(x, int) and x >= 10000 else x for k, x in v.items()}
    v["weekday"] = WEEKDAYS[day.weekday()]
    v["start_weekday"] = WEEKDAYS[(day.weekday() - rng.randint(1, 3)) % 7]
    later = day + timedelta(days=rng.randint(2, 9))
    v["reopen_day"] = f"{WEEKDAYS[later.weekday()]}, {MONTHS[later.month - 1]} {later.day}"
    title = rng.choice(kind["head"]).format(**v)
    body = rng.sample(kind["body"], rng.randint(2, 3) if not wire else 4)
    role = str(kind["role"]).format(**v)
    quote = f"\"{rng.choice(kind['quote'])},\" said {v['official']}, the {role}."
    body.insert(rng.randint(0, len(body)), quote)
    # The outlet's own material goes after the first two paragraphs: leads carry the event.
    for extra in _own_material(rng, facts, outlet):
        body.insert(rng.randint(min(2, len(body)), len(body)), extra)
    dateline = (f"{facts['city'].upper()}, {facts['country']}, {MONTHS[day.month - 1]} {day.day} "
                f"({outlet}) - ")
    lead = dateline + rng.choice(kind["lead"]).format(**v)
    text = "\n".join([lead] + [s.format(**v) for s in body])
    return title, text


def _slug(s: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in s).split())


def records(n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` news-please style records, in publication order of their events."""
    rng = random.Random(seed)
    outlets = [f"The {p} {q}" for p in PAPER_PLACES for q in PAPER_NAMES]
    events = max(1, n // 4)  # about four reports an event on average
    made = 0
    e = 0
    while made < n:
        kind = rng.choice(list(KINDS))
        facts = _event_facts(rng, kind)
        day0 = START + timedelta(days=SPAN_DAYS * e // events, minutes=rng.randint(0, 600))
        e += 1
        size = min(n - made, rng.choice([1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8]))
        reports: list[tuple[str, str, str, datetime]] = []
        wire_text = None
        if size >= 2 and rng.random() < 0.35:
            wire = rng.choice(WIRES)
            when = day0 + timedelta(hours=rng.randint(0, 6))
            title, text = _report(rng, facts, when, wire, True)
            reports.append((wire, title, text, when))
            wire_text = (title, text, when)
        for outlet in rng.sample(outlets, size - len(reports)):
            when = day0 + timedelta(hours=rng.randint(1, 40))
            if wire_text is not None and rng.random() < 0.5:
                # A reprint: the wire's text under the outlet's own header and footer.
                title, text, _ = wire_text
                text = f"By {outlet} staff and agencies\n{text}\n" \
                       f"{rng.choice(['Additional reporting by', 'Edited by'])} {_person(rng)}."
            else:
                title, text = _report(rng, facts, when, outlet, False)
            reports.append((outlet, title, text, when))
        for outlet, title, text, when in reports:
            domain = _slug(outlet.removeprefix("The ")) + ".example"
            yield {
                "id": f"syn-{seed}-{made:07d}", "title": title, "text": text,
                "date_publish": when.strftime("%Y-%m-%dT%H:%M:%S"), "source_domain": domain,
                "url": f"https://{domain}/{when:%Y/%m/%d}/{_slug(title)}-{made}",
                "event": f"{seed}-{e - 1}",  # the truth, for checks; readers ignore it
            }
            made += 1


def write_jsonl(path: str | Path, n: int, seed: int = 0) -> Path:
    """Write ``records(n, seed)`` to ``path``, one JSON object a line."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        for rec in records(n, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    write_jsonl(args.out, args.n, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
