"""The v1 JSON API (``/api/v1``): one flask-smorest blueprint per resource, each view calling the same service
as the web page that does the same thing. ``factcheck.api.openapi`` registers them and serves the document."""
from factcheck.api.v1 import articles, claims, verdicts

BLUEPRINTS = (claims.blp, articles.blp, verdicts.blp)
