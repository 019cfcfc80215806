"""The tagger, as a pipeline of stages over one `Document` (see design.md):

1. `mentions.find_mentions`: triggers from one lexicon pass, judged by the rules;
2. places, dates and figures are extracted where mentions are (the caller does this);
3. `mentions.add_talks_meetings`: talks held at a venue are a meeting too;
4. `frames.build_frames`: one frame per mention, arguments from the trigger's clause;
5. `merge.merge_frames`: one frame per real-world event;
6. `resolve.resolve_frames`: value, mode, parties, evidence of each event.

`processors.pipeline.tag_article` calls them in this order.
"""

from .document import TRIGGERS, Document
from .frames import build_frames
from .mentions import add_talks_meetings, extraction_ranges, find_mentions
from .merge import merge_frames
from .resolve import event_id, resolve_frames

__all__ = ["TRIGGERS", "Document", "find_mentions", "extraction_ranges", "add_talks_meetings", "build_frames",
           "merge_frames", "resolve_frames", "event_id"]
