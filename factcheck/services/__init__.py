"""Use cases: one public function is one unit of work with an explicit actor; it commits once."""
