"""Broken front matter fails the build instead of showing up as page text."""


from pipeline import front_matter
from support import run_mkdocs_build


def test_valid_front_matter_passes():
    assert front_matter.front_matter_error("a.md", '---\ndescription: "A: b"\n---\n# T\n') is None


def test_page_without_front_matter_passes():
    assert front_matter.front_matter_error("a.md", "# Title\n\ntext: more\n") is None


def test_unquoted_colon_is_reported_with_file_and_line():
    source = "---\ntitle: Fine\ndescription: Learn this: fast\n---\n# T\n"
    message = front_matter.front_matter_error("python.md", source)
    assert message.startswith("python.md:3: front matter is not valid YAML")


def test_scalar_front_matter_is_reported():
    message = front_matter.front_matter_error("a.md", "---\njust text\n---\n")
    assert "must be a mapping" in message


def test_broken_front_matter_fails_the_build(project_copy, tmp_path):
    page = project_copy / "docs" / "contact.md"
    broken = "---\ndescription: Reach us: anytime\n---\n"
    page.write_text(broken + page.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "contact.md:2: front matter is not valid YAML" in result.stderr
