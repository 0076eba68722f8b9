"""The layout shows the architecture: scripts/ is a package of parts, and tests/ mirrors them."""

from __future__ import annotations

from support import ROOT

# Folders of tests that check behaviour across parts (the built site, the learner's features, a
# real browser) and the tests' own data: these mirror no folder of scripts/.
ACROSS_PARTS = {"site", "learner", "browser", "data"}


def parts(folder) -> set[str]:
    return {path.name for path in folder.iterdir() if path.is_dir() and path.name != "__pycache__"}


def test_scripts_is_a_package_whose_folders_are_packages():
    assert (ROOT / "scripts" / "__init__.py").is_file()
    missing = sorted(part for part in parts(ROOT / "scripts")
                     if not (ROOT / "scripts" / part / "__init__.py").is_file())
    assert not missing, f"scripts/ folders without __init__.py: {missing}"


def test_every_part_of_scripts_has_a_tests_folder_with_tests():
    untested = sorted(part for part in parts(ROOT / "scripts")
                      if not list((ROOT / "tests" / part).glob("test_*.py")))
    assert not untested, f"scripts/ parts with no tests/<part>/test_*.py: {untested}"


def test_every_tests_folder_mirrors_a_part_or_checks_across_parts():
    stray = sorted(parts(ROOT / "tests") - parts(ROOT / "scripts") - ACROSS_PARTS)
    assert not stray, (f"tests/ folders that match no scripts/ part: {stray}; name them after "
                       "the part they test, or add them to ACROSS_PARTS with the reason")
