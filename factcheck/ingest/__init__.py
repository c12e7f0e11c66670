"""Getting article text in safely: SSRF-safe fetching, HTML/feed/bulk parsing, text normalisation, language."""
