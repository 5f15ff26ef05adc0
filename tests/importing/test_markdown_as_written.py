"""Markdown written the way people write SOPs by hand: bold step titles, bold lines as phase headings,
a bulleted note list under numbered steps, and a "Figure 1:" line under a picture."""

from __future__ import annotations

import pytest
import yaml

from .documents import tiny_png

pytest.importorskip("markdown_it", reason="markdown-it-py is in the test extra: pip install -e '.[test]'")

TOWELS = """\
# Pool towel service

## Procedure

**Opening**

1. **Open the station.** Unlock the cabinet at 07:00.
2. Stack the towels by size.

- Keep the large towels at eye level.

![Towel cabinet with three shelves](cabinet.png)

Figure 1: The cabinet stocked for a busy morning

**Closing**

1. Count the towels back.

## Related documents

- [Groups procedure](https://intranet.example.org/sops/groups)
- <https://intranet.example.org/forms/towels>
"""


def test_bold_titles_bold_phase_lines_bullet_notes_figure_captions_and_link_addresses_in_markdown(example_project, run_cli):
    (example_project / "cabinet.png").write_bytes(tiny_png())
    (example_project / "towels.md").write_text(TOWELS, encoding="utf-8")

    code, out, err = run_cli(["import", "towels.md", "--into", "reception"], cwd=example_project)

    assert code == 0, err + out
    sop = yaml.safe_load((example_project / "sops/reception/pool-towel-service.yaml").read_text(encoding="utf-8"))
    opening, closing = sop["steps"]
    assert opening == {"phase": "Opening", "steps": [
        {"title": "Open the station", "do": "Unlock the cabinet at 07:00."},
        {"do": "Stack the towels by size.", "how": "Keep the large towels at eye level."}]}
    assert closing == {"phase": "Closing", "steps": [{"do": "Count the towels back."}]}
    assert sop["figures"][0]["caption"] == "The cabinet stocked for a busy morning"
    assert sop["figures"][0]["step"] == 2
    assert sop["references"] == ["Groups procedure (https://intranet.example.org/sops/groups)",
                                 "https://intranet.example.org/forms/towels"]
