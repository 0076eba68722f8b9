"""The one YAML loader the pipeline reads with: libyaml's when PyYAML has it (~10x faster).

Both kinds report errors with the same marks (line numbers), which the steps' messages use.
"""

from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str):
    return yaml.load(text, Loader=SAFE_LOADER)
