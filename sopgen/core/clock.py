"""The day a command works as of: today, or the day SOURCE_DATE_EPOCH names, so builds can be reproduced."""

from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's date so that builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
