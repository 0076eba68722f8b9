"""Build the offline copy of the site and zip it: `make offline`.

The build runs with OFFLINE=true, which switches on Material's offline plugin (see mkdocs.yml):
plain .html links, the search index inlined as a script, no instant navigation. The zip holds
one folder; unzip it anywhere and open index.html in a browser.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from scripts.build.local_site import mkdocs_build

ROOT = Path(__file__).resolve().parents[2]
FOLDER_IN_ZIP = "getting-started-offline"


def build(project: Path, site_dir: Path) -> None:
    # The offline copy has no server address: SITE_URL is dropped.
    result = mkdocs_build(project, site_dir, {"OFFLINE": "true", "SITE_URL": None})
    if result.returncode != 0:
        sys.exit(f"offline build failed:\n{result.stderr[-4000:]}")


def zip_site(site_dir: Path, zip_path: Path) -> int:
    """Write every file of site_dir under one top folder; return the number of files."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, f"{FOLDER_IN_ZIP}/{path.relative_to(site_dir).as_posix()}")
    return len(files)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site-offline")
    parser.add_argument("--zip", type=Path, default=ROOT / "dist" / "getting-started-offline.zip")
    args = parser.parse_args(argv)
    build(args.project, args.site_dir.resolve())
    count = zip_site(args.site_dir.resolve(), args.zip.resolve())
    print(f"{args.zip}: {count} files; unzip it and open {FOLDER_IN_ZIP}/index.html")


if __name__ == "__main__":
    main()
