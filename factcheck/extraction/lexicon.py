"""Word lists the attribution rules match: reporting, accusing, denying, proposing and refusing verbs.

French forms are generated from infinitives (regular -er verbs) plus listed irregular forms, so a rule written
once ("accuser") matches "accusent", "a accusé", "accusait"… Also a tiny conjugator that turns "envisager" into
"envisage" so an accusation's proposition reads as a self-contained statement.
"""

from __future__ import annotations

from functools import lru_cache

_ER_ENDINGS = ("e", "es", "ent", "ait", "aient", "a", "é", "ée", "és", "ées", "era", "eront", "erait",
               "eraient", "ant", "èrent", "ons", "ez")

FR_IRREGULAR = {
    "dire": "dit disent disait disaient dira diront dirait disant",
    "démentir": "dément démentent démentait démentaient démenti démentie démentira démentiront démentant",
    "nier": "nie nient niait niaient nié niée nièrent niera nieront niant",
    "reconnaître": "reconnaît reconnait reconnaissent reconnaissait reconnu reconnue reconnaîtra reconnaissant",
    "admettre": "admet admettent admettait admis admise admettra",
    "soutenir": "soutient soutiennent soutenait soutenaient soutenu soutiendra soutenant",
    "écrire": "écrit écrivent écrivait écrira",
    "répondre": "répond répondent répondait répondu répondra",
    "promettre": "promet promettent promettait promis promise promettra promettant",
    "prédire": "prédit prédisent prédisait prédira",
    "avertir": "avertit avertissent avertissait averti avertira",
    "prévenir": "prévient préviennent prévenait prévenu préviendra",
    "conclure": "conclut concluent concluait conclu",
    "garantir": "garantit garantissent garantissait garanti",
    "prétendre": "prétend prétendent prétendait prétendu",
    "rejeter": "rejette rejettent rejetait rejetaient rejeté rejetée rejettera rejetant",
    "rappeler": "rappelle rappellent rappelait rappelé rappellera",
    "répéter": "répète répètent répétait répété répétera",
    "suggérer": "suggère suggèrent suggérait suggéré suggérera",
    "offrir": "offre offrent offrait offert offerte offrira",
    "annoncer": "annonçait annonçaient annonça annonçant",
    "menacer": "menaçait menaçant",
    "dénoncer": "dénonçait dénonçant",
    "lancer": "lançait lançant",
    "avancer": "avançait avançant",
    "interdire": "interdit interdisent",
}

FR_REPORTING = """déclarer affirmer assurer indiquer estimer annoncer expliquer souligner préciser rapporter ajouter
confirmer regretter déplorer insister marteler répéter juger considérer signaler raconter confier rappeler
avertir prévenir dire reconnaître admettre soutenir écrire répondre promettre menacer réclamer exiger demander
dénoncer prédire conclure noter constater révéler certifier clamer proclamer garantir prétendre
évoquer mentionner alerter critiquer fustiger accuser plaider avouer tweeter exprimer recenser
chiffrer évaluer""".split()
# Frame predicates (frames.py reads their slots from the parse), by lemma.
ACCUSING = {
    "fr": ("accuser", "soupçonner", "suspecter", "reprocher", "incriminer", "blâmer", "fustiger", "imputer"),
    "en": ("accuse", "suspect", "blame", "charge", "allege", "implicate", "fault"),
}
DENYING = {
    "fr": ("démentir", "nier", "réfuter", "contester", "rejeter", "récuser", "balayer", "dénier"),
    "en": ("deny", "reject", "refute", "dispute", "dismiss", "rebut", "contest"),
}
FR_PROPOSING = ["proposer", "suggérer", "offrir"]
FR_REFUSING = ["refuser", "rejeter", "décliner"]

EN_REPORTING = """say says said saying tell tells told state states stated claim claims claimed announce announces
announced argue argues argued warn warns warned report reports reported add adds added insist insists insisted
explain explains explained confirm confirms confirmed note notes noted stress stresses stressed assert asserts
asserted acknowledge acknowledges acknowledged admit admits admitted predict predicts predicted promise promises
promised vow vows vowed threaten threatens threatened write writes wrote tweet tweets tweeted declare declares
declared contend contends contended allege alleges alleged maintain maintains maintained reveal reveals revealed
accuse accuses accused deny denies denied show shows showed shown find finds found record records recorded
estimate estimates estimated calculate calculates calculated expect expects expected forecast forecasts project
projects projected""".split()
EN_PROPOSING = "propose proposes proposed proposing offer offers offered suggest suggests suggested".split()
EN_REFUSING = "refuse refuses refused refusing reject rejects rejected rejecting decline declines declined".split()

SUBJECT_PRONOUNS = frozenset("il elle ils elles on he she they it we i nous je".split())
TIME_WORDS = frozenset(
    """lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd’hui aujourd'hui demain soir matin
    encore également aussi ainsi notamment déjà ensuite enfin alors même toutefois pourtant cependant récemment
    dernièrement mercredi-soir monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow
    again also later earlier night morning evening afternoon on""".split()
)


def fr_forms(infinitive: str) -> list[str]:
    """Conjugated and participle forms of a French verb (regular -er generated, irregular listed)."""
    forms = []
    if infinitive.endswith("er") and infinitive not in ("nier",):
        stem = infinitive[:-2]
        forms += [stem + ending for ending in _ER_ENDINGS]
    forms += FR_IRREGULAR.get(infinitive, "").split()
    return sorted(set(forms), key=len, reverse=True)


_GROUPS = {
    "fr": {"reporting": FR_REPORTING,
           "proposing": FR_PROPOSING, "refusing": FR_REFUSING},
    "en": {"reporting": EN_REPORTING,
           "proposing": EN_PROPOSING, "refusing": EN_REFUSING},
}
FR_AUXILIARIES = frozenset("a ont avait avaient aurait auraient avons ai as eu aura auront".split())
FR_PASSIVE = frozenset("est sont été était étaient sera seront".split())
_FR_IRREGULAR_PARTICIPLES = frozenset(
    """dit démenti démentie nié niée reconnu reconnue admis admise soutenu écrit répondu promis promise prédit
    averti prévenu conclu garanti prétendu offert offerte interdit""".split()
)


@lru_cache(maxsize=None)
def verb_forms(lang: str, group: str) -> frozenset[str]:
    """Lower-case word forms of the verbs of `group` ("reporting", "proposing", "refusing") in `lang`."""
    verbs = _GROUPS["fr" if lang == "fr" else "en"][group]
    if lang == "fr":
        return frozenset(f for verb in verbs for f in fr_forms(verb))
    return frozenset(verbs)


def is_fr_participle(word: str) -> bool:
    """True for a French past participle form ("annoncé", "dit"), which needs an auxiliary to be a report."""
    low = word.lower()
    return low.endswith(("é", "ée", "és", "ées")) or low in _FR_IRREGULAR_PARTICIPLES


_FR_PRESENT = {
    "avoir": ("a", "ont"), "être": ("est", "sont"), "faire": ("fait", "font"), "vouloir": ("veut", "veulent"),
    "pouvoir": ("peut", "peuvent"), "devoir": ("doit", "doivent"), "aller": ("va", "vont"),
    "savoir": ("sait", "savent"), "voir": ("voit", "voient"), "dire": ("dit", "disent"),
    "prendre": ("prend", "prennent"), "mettre": ("met", "mettent"), "mentir": ("ment", "mentent"),
    "tenir": ("tient", "tiennent"), "venir": ("vient", "viennent"), "soutenir": ("soutient", "soutiennent"),
    "détenir": ("détient", "détiennent"), "obtenir": ("obtient", "obtiennent"), "recevoir": ("reçoit", "reçoivent"),
    "produire": ("produit", "produisent"), "construire": ("construit", "construisent"),
    "conduire": ("conduit", "conduisent"), "permettre": ("permet", "permettent"), "ouvrir": ("ouvre", "ouvrent"),
    "offrir": ("offre", "offrent"), "couvrir": ("couvre", "couvrent"), "sortir": ("sort", "sortent"),
    "partir": ("part", "partent"), "servir": ("sert", "servent"), "vivre": ("vit", "vivent"),
    "écrire": ("écrit", "écrivent"), "lire": ("lit", "lisent"), "croire": ("croit", "croient"),
    "vendre": ("vend", "vendent"), "répandre": ("répand", "répandent"), "entreprendre": ("entreprend", "entreprennent"),
    "soumettre": ("soumet", "soumettent"), "cacher": ("cache", "cachent"), "fuir": ("fuit", "fuient"),
    "courir": ("court", "courent"), "mourir": ("meurt", "meurent"), "envoyer": ("envoie", "envoient"),
    "employer": ("emploie", "emploient"), "payer": ("paie", "paient"), "acquérir": ("acquiert", "acquièrent"),
}


def fr_present(infinitive: str, plural: bool = False) -> str | None:
    """Third-person present of a French infinitive, or None when unsure."""
    low = infinitive.lower()
    if low in _FR_PRESENT:
        return _FR_PRESENT[low][1 if plural else 0]
    if low.endswith("er"):
        stem = low[:-2]
        return stem + ("ent" if plural else "e")
    if low.endswith("ir"):  # second group: finir -> finit / finissent
        stem = low[:-2]
        return stem + ("issent" if plural else "it")
    if low.endswith("dre"):
        stem = low[:-2]
        return stem + ("ent" if plural else "")
    return None
