"""Google's ClaimReview rules (shared/reference/claimreview.md), as a checker the publishing tests run on every
published page: what is required must be there and well-formed, what is recommended must be right when present."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

CLAIM_REVIEWED_MAX = 75
AUTHOR_TYPES = {"Person", "Organization"}


def _is_date(value) -> bool:
    try:
        (datetime if "T" in value else date).fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def problems(review: dict, *, site: str) -> list[str]:
    """Every rule ``review`` breaks; ``site`` is the public base URL its page must live under."""
    found = []
    if review.get("@context") != "https://schema.org" or review.get("@type") != "ClaimReview":
        found.append("not a schema.org ClaimReview")
    claim = review.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip():
        found.append("claimReviewed is required")
    elif len(claim) > CLAIM_REVIEWED_MAX:
        found.append(f"claimReviewed is {len(claim)} characters, over {CLAIM_REVIEWED_MAX}")
    rating = review.get("reviewRating") or {}
    if rating.get("@type") != "Rating" or not rating.get("alternateName"):
        found.append("reviewRating needs a Rating with alternateName")
    if "ratingValue" in rating:
        worst, best, value = rating.get("worstRating"), rating.get("bestRating"), rating["ratingValue"]
        if not (isinstance(worst, int) and isinstance(best, int) and 1 <= worst < best and worst <= value <= best):
            found.append(f"ratingValue {value} is not between worstRating {worst} ≥ 1 and bestRating {best}")
    url, base = urlsplit(review.get("url") or ""), urlsplit(site)
    if url.scheme != base.scheme or not (url.hostname == base.hostname
                                         or (url.hostname or "").endswith("." + (base.hostname or ""))):
        found.append(f"url {review.get('url')!r} is not on the site's domain {base.hostname}")
    author = review.get("author") or {}
    if author.get("@type") not in AUTHOR_TYPES or not (author.get("name") or author.get("url")):
        found.append("author (the fact-checker) needs a type and a name or url")
    item = review.get("itemReviewed") or {}
    if item.get("@type") != "Claim":
        found.append("itemReviewed should be a Claim")
    if "author" in item and (item["author"].get("@type") not in AUTHOR_TYPES or not item["author"].get("name")):
        found.append("the claimant (itemReviewed.author) needs Person or Organization and a name")
    for key in ("appearance", "firstAppearance"):
        work = item.get(key)
        if work is not None and (work.get("@type") != "CreativeWork" or not (work.get("url") or work.get("publisher"))):
            found.append(f"{key} should be a CreativeWork with a url or a publisher")
    for key, value in (("datePublished", review.get("datePublished")), ("dateModified", review.get("dateModified")),
                       ("itemReviewed.datePublished", item.get("datePublished"))):
        if value is not None and not _is_date(value):
            found.append(f"{key} {value!r} is not an ISO date")
    if not review.get("inLanguage"):
        found.append("inLanguage is missing")
    return found
