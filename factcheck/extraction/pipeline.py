"""The extraction pipeline: text in, `ExtractionResult` out, and its JSON form (shared/contracts/extraction.md).

Sentences are cut by rules with exact spans (segmentation.py), parsed once each with `nlp.pipe`, turned into
draft claims by the rules (analysis.py), then scored in one batch by the sentence scorer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from .analysis import ArticleState, SentenceAnalyser
from .dates import DateContext
from .errors import EmptyText
from .models import ClaimLinkRef, ExtractedClaim, ExtractionResult
from .nlp import load_pipeline, parse_sentences, resolve_language
from .scoring import Scorer, priority, resolve_scorer
from .segmentation import segment

PIPELINE_VERSION = "factcheck-extract 2.0.0"


def extract(text: str, *, lang: str | None = None, article_date: date | None = None, outlet: str | None = None,
            scorer: Scorer | None = None) -> ExtractionResult:
    """Extract the check-worthy claims of one article."""
    if text is None or not text.strip():
        raise EmptyText("the text is empty")
    language = resolve_language(text, lang)
    segmented = segment(text)
    if not segmented.sentences:
        raise EmptyText("the text holds no sentence")
    nlp = load_pipeline(language)
    state = ArticleState(language, segmented.sentences, outlet=outlet,
                         dates=DateContext.of(article_date, segmented.header_date))
    analyser = SentenceAnalyser(state)
    docs = parse_sentences(nlp, text, [(s.start, s.end) for s in segmented.sentences])
    for index, (sent, doc) in enumerate(zip(segmented.sentences, docs, strict=True)):
        analyser.analyse(index, sent, doc)
    drafts = state.drafts
    sentence_ids = sorted({d.sentence_index for d in drafts})
    scores = _score([segmented.sentences[i].text for i in sentence_ids], language, resolve_scorer(scorer))
    score_of = dict(zip(sentence_ids, scores, strict=True))
    claims = []
    for d in drafts:
        sent = segmented.sentences[d.sentence_index]
        claims.append(ExtractedClaim(
            text=d.text,
            sentence=sent.text,
            span=(sent.start, sent.end),
            checkworthiness=priority(score_of[d.sentence_index], d.kind, d.attribution,
                                     quantities=bool(d.quantities), entities=bool(d.entities),
                                     named_claimant=bool(d.claimant), linked=bool(d.links)),
            model_score=round(score_of[d.sentence_index], 3),
            kind=d.kind,
            claimant=d.claimant,
            target=d.target,
            attribution=d.attribution,
            quantities=d.quantities,
            entities=d.entities,
            links=tuple(ClaimLinkRef(t, i) for t, i in d.links),
            dates=d.dates,
            lemmas=d.lemmas,
        ))
    return ExtractionResult(language=language, pipeline=PIPELINE_VERSION, claims=tuple(claims))


def _score(sentences: Sequence[str], language: str, scorer: Scorer) -> list[float]:
    if not sentences:
        return []
    scores = list(scorer(list(sentences), language))
    if len(scores) != len(sentences):
        raise ValueError(f"scorer returned {len(scores)} scores for {len(sentences)} sentences")
    return [max(0.0, min(1.0, float(s))) for s in scores]


def to_contract(result: ExtractionResult) -> dict[str, Any]:
    """The result as the JSON object of shared/contracts/extraction.md (ids "c1", "c2", …)."""
    ids = [f"c{i + 1}" for i in range(len(result.claims))]
    claims = []
    for cid, c in zip(ids, result.claims, strict=True):
        claims.append({
            "id": cid,
            "text": c.text,
            "sentence": c.sentence,
            "span": [c.span[0], c.span[1]],
            "checkworthiness": c.checkworthiness,
            "model_score": c.model_score,
            "kind": c.kind,
            "claimant": c.claimant,
            "target": c.target,
            "attribution": c.attribution,
            "quantities": [{"text": q.text, "value": q.value, "unit": q.unit} for q in c.quantities],
            "entities": [{"text": e.text, "label": e.label} for e in c.entities],
            "links": [{"type": link.type, "claim": ids[link.claim]} for link in c.links],
            "dates": [{"text": d.text, "value": d.value} for d in c.dates],
        })
    return {"language": result.language, "pipeline": result.pipeline, "claims": claims}
