"""The checks and the finding codes they emit, documented in one place.

Each check module has `CODES` (the codes it can emit) and `run(ctx) -> list[Finding]`;
`ctx` is a `pipeline.CheckContext`. Nothing here opens files or databases.
"""
from __future__ import annotations

from . import dates, internal, office, spelling

# code -> (what it means, an example)
CODES = {
    "office_holder": (
        "A person is said to hold an office that, on the publication date, they did not hold.",
        "\"Russian President Vladimir Zelenskiy\" (2025-12-04): the President of Russia was Vladimir Putin.",
    ),
    "name_spelling": (
        "A name the knowledge base does not know that closely resembles a known person in the same context.",
        "\"U.S. special envoy Steve Wittkowff\": Steve Witkoff is the US special envoy.",
    ),
    "date_arithmetic": (
        "A duration, ordinal year or anniversary that disagrees with the date of the event it counts from, "
        "or a leader's years in office or in power that disagree with their tenure.",
        "\"as the war enters its third year\" (2025-12-04): the full-scale invasion began 2022-02-24, so its 4th year.",
    ),
    "internal_inconsistency": (
        "The article contradicts itself about one person (two incompatible offices).",
        "\"Foreign Minister Jane Doe\" and later \"Defence Minister Jane Doe\".",
    ),
    "source_contradiction": (
        "A rewrite says otherwise than its source article.",
        "The source says rates were cut; the rewrite says they were raised.",
    ),
    "source_unsupported": (
        "A name, number, date or claim in a rewrite that nothing in its source supports.",
        "The rewrite gives a death toll of 40; the source gives no toll.",
    ),
}

# in this order: internal leaves alone the people office has already reported
CHECKS = (office, spelling, dates, internal)
