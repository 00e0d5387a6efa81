"""What the network predicts: the target's level or a change of it, and the way back.

Every transform is undone with values the window has already seen, so predictions,
metrics and forecasts are always in the target's own units.
"""

from __future__ import annotations

TRANSFORMS = ("level", "diff", "seasonal_diff", "log_diff")
