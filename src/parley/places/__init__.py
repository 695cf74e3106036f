"""places stage (in progress)."""

from parley.records import Analysis


def annotate(analysis: Analysis) -> None:
    """Placeholder until the stage lands; adds nothing."""
