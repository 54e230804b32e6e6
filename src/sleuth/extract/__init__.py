"""The extract stage: mentions of people, organisations, places, dates and identifiers.

`find_mentions` reads one text; `run_extract` runs the stage over a case.
"""
