"""Analysis over a case: events merged across documents, timelines, cooperation between
enemies (and, later, duplicates, verification, claims, grading and hypotheses)."""
