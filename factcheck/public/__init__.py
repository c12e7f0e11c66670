"""Public pages: published fact-checks, their ClaimReview markup and the Atom feed."""
