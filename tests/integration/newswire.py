"""Generated news-like articles for the real-worker tests: distinct texts with figures and attributions.

``news_article(i)`` is the i-th article as the API takes it; ``bulk_jsonl(indexes)`` is a bulk upload of them.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

# Our own news-like texts (not copied from any article): each has figures and an attribution, so each yields
# claims, and each is distinct (its main figure is unique to its index), so the content-hash de-duplication of
# the ingest service never merges two of them.
CITIES = ("Lyon", "Nantes", "Lille", "Rennes", "Grenoble", "Dijon", "Brest", "Metz", "Tours", "Nancy", "Reims",
          "Amiens", "Caen")
PEOPLE_EN = ("Sarah Collins", "David Okafor", "Helen Marsh", "Peter Lindqvist", "Amira Haddad", "John Whitaker")
PEOPLE_FR = ("Claire Dubois", "Karim Benali", "Sophie Marchand", "Julien Roux", "Nadia Lefèvre", "Marc Girard")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")
EN_TEMPLATES = (
    "The {city} council said on {day} that {n} new homes would be built by {year}. Opposition leaders accused "
    "the mayor of hiding the true cost of the project, which the mayor denies.",
    "Unemployment in {city} fell to {pct} percent in {year}, the regional statistics office said. Union leader "
    "{person} said the figure ignored part-time workers.",
    "The hospital in {city} treated {n} patients last winter, according to its director, {person}. The director "
    "said waiting times had dropped by {pct} percent since {year}.",
    "Police in {city} recorded {n} burglaries in {year}, a rise of {pct} percent, the interior ministry said on "
    "{day}. Residents accused the prefect of cutting night patrols.",
    "{person}, the transport minister, said the new tram line in {city} would carry {n} passengers a day from "
    "{year}. Critics said the budget had already grown by {pct} percent.",
    "The school board of {city} announced on {day} that {n} teachers would be hired before {year}. \"Every class "
    "will have fewer than {small} pupils,\" said its chair, {person}.",
    "Farmers near {city} lost {n} tonnes of wheat to the drought in {year}, the farmers' union said. The "
    "agriculture ministry said compensation would reach {pct} million euros.",
    "{person}, the mayor of {city}, claimed on {day} that air pollution had fallen by {pct} percent since "
    "{year}. Environmental groups disputed the figure and said {n} residents still breathe unsafe air.",
)
FR_TEMPLATES = (
    "Le conseil municipal de {city} a annoncé {day} que {n} logements sociaux seront livrés d'ici {year}. "
    "L'opposition accuse le maire de cacher le coût réel du projet, ce que la mairie dément.",
    "Le chômage à {city} a reculé à {pct} % en {year}, selon l'institut régional de statistique. « Ces chiffres "
    "oublient les temps partiels », a déclaré {person}, au nom du syndicat.",
    "L'hôpital de {city} a accueilli {n} patients l'hiver dernier, a indiqué sa direction. Selon "
    "{person}, les délais d'attente ont baissé de {pct} % depuis {year}.",
    "La police de {city} a enregistré {n} cambriolages en {year}, soit une hausse de {pct} %, a affirmé le "
    "ministère de l'Intérieur {day}. Des habitants accusent le préfet d'avoir réduit les patrouilles de nuit.",
    "{person}, ministre des Transports, a assuré que le nouveau tramway de {city} transportera {n} voyageurs "
    "par jour à partir de {year}. Selon l'opposition, le budget a déjà augmenté de {pct} %.",
    "Le rectorat de {city} a annoncé {day} le recrutement de {n} enseignants avant {year}. « Aucune classe ne "
    "dépassera {small} élèves », a promis {person}, qui le dirige.",
    "Les agriculteurs autour de {city} ont perdu {n} tonnes de blé à cause de la sécheresse en {year}, selon le "
    "syndicat agricole. Le ministère affirme que les indemnités atteindront {pct} millions d'euros.",
    "Le maire de {city}, {person}, a affirmé {day} que la pollution de l'air avait baissé de {pct} % depuis "
    "{year}. Les associations contestent ce chiffre et estiment que {n} habitants respirent un air dangereux.",
)


def news_article(i: int) -> dict:
    """The i-th generated article as the API takes it (text, title, outlet, language); distinct for every i."""
    templates = EN_TEMPLATES + FR_TEMPLATES
    template = templates[i % len(templates)]
    french = template in FR_TEMPLATES
    n = 120 + 7 * i  # unique per i, so every text differs
    text = template.format(
        city=CITIES[i % len(CITIES)], year=2019 + i % 9, pct=2 + i % 37, small=18 + i % 12,
        n=f"{n:,}".replace(",", " ") if french else f"{n:,}",
        person=(PEOPLE_FR if french else PEOPLE_EN)[i % 6],
        day=(JOURS if french else WEEKDAYS)[i % 5],
    )
    return {"text": text, "title": f"{'Dépêche' if french else 'Wire story'} {i}",
            "outlet": "Le Quotidien" if french else "The Daily Record", "language": "fr" if french else "en"}


def bulk_jsonl(indexes: Iterable[int]) -> bytes:
    """A JSONL bulk upload (``articles.submit_bulk``) of the generated articles ``indexes``."""
    return "\n".join(json.dumps(news_article(i), ensure_ascii=False) for i in indexes).encode()
