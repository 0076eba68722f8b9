"""Broken front matter fails the build instead of showing up as page text."""


from scripts.build import front_matter


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
