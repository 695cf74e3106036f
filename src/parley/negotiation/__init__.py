"""negotiation: the state of a negotiation across articles — positions, proposals, truces, meetings.

``compute_state(records)`` reads stored events and quotes (``Store.state`` passes them)
against the issue vocabulary in ``parley/data/negotiation``; see ``tracker`` for how.
"""

from __future__ import annotations

from parley.negotiation.tracker import compute_state, compute_timeline
from parley.negotiation.vocabulary import load_vocabulary

__all__ = ["compute_state", "compute_timeline", "load_vocabulary"]
