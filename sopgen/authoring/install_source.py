"""Where the running sopgen was installed from, as a pip requirement a CI job can install again.

pip records the source of a package installed from a URL or a version-control
repository in ``direct_url.json`` (PEP 610). A package from an index leaves no
such record, and the index it came from is not kept, so there the source is
unknown: guessing ``sopgen==VERSION`` from the public index could install
someone else's project of that name.
"""

from __future__ import annotations

import json


def running_install_spec() -> str | None:
    """``sopgen @ git+https://…@<commit>`` or ``sopgen @ https://…``, or None when it cannot be known."""
    from importlib import metadata

    try:
        record = metadata.distribution("sopgen").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not record:
        return None
    try:
        direct = json.loads(record)
    except ValueError:
        return None
    return spec_from_direct_url(direct)


def spec_from_direct_url(direct: dict) -> str | None:
    url = direct.get("url", "")
    if not isinstance(url, str) or not url or url.startswith("file:"):  # a folder on this machine
        return None
    subdirectory = f"#subdirectory={direct['subdirectory']}" if direct.get("subdirectory") else ""
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict):
        if not vcs.get("vcs") or not vcs.get("commit_id"):
            return None
        return f"sopgen @ {vcs['vcs']}+{url}@{vcs['commit_id']}{subdirectory}"
    if "archive_info" in direct:
        return f"sopgen @ {url}{subdirectory}"
    return None
