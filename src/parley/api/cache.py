"""A small cache of negotiation states, dropped whenever the store's contents change.

Computing the state reads every stored event and quote (seconds at 10,000 events), and
the dashboard asks for the same state on every load.  A cached state is reused only
while the store's fingerprint — how many articles, events, quotes, claims, flags and
mentions it holds, and how many writes this server has made — is unchanged, so an
ingest by another process (the CLI) or a write through the API is seen at once.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class StateCache:
    def __init__(self, store, size: int = 32):
        self.store = store
        self.size = size
        self.writes = 0  # bumped by this server's write endpoints
        self._entries: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def fingerprint(self) -> Hashable:
        return (self.writes, tuple(sorted(self.store.stats().items())))

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        stamp = self.fingerprint()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and hit[0] == stamp:
                self._entries.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._entries[key] = (stamp, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def state(self, **query) -> Any:
        """``store.state(**query)``, cached; ``query`` as in ``Store.state``."""
        key = tuple(sorted((k, str(v)) for k, v in query.items()))
        return self.get(key, lambda: self.store.state(**query))

    def state_json(self, **query) -> bytes:
        """The same state, encoded once as JSON (what the dashboard fetches on every load)."""
        key = ("json", *sorted((k, str(v)) for k, v in query.items()))
        return self.get(key, lambda: json.dumps(self.state(**query), ensure_ascii=False).encode("utf-8"))

    def warm(self) -> None:
        """Compute the unfiltered state in the background, before the first dashboard asks."""
        import logging
        import threading

        def run():
            try:
                self.state_json(as_of=None, between=None, actor=None, issue=None)
            except Exception:  # a failure here shows again, with its message, on the first request
                logging.getLogger("parley").exception("computing the negotiation state in advance failed")

        threading.Thread(target=run, name="parley-warm-state", daemon=True).start()

    def changed(self) -> None:
        """Called after a write through the API."""
        with self._lock:
            self.writes += 1
            self._entries.clear()
