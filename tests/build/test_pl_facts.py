"""The fact registry: schema, duplicates, every fact used, markers, derived facts, footers."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from support import ROOT

from scripts.build import facts as F
from scripts.build.facts_report import main as facts_report_main
from scripts.build.sections import read_config

GOOD = """\
- id: some-fact
  value: macOS 14 or newer
  source: https://example.org/a
  says: what the page says
  checked: 2026-12-01
"""


def parse(text: str) -> dict[str, F.Fact]:
    return F.parse_registry(text, "docs/facts.yml")


# --- Schema --------------------------------------------------------------------------------------


def test_registry_holds_at_least_30_typed_facts_each_with_source_and_dates():
    facts = F.load_registry(ROOT)
    assert len(facts) >= 30
    for fact in facts.values():
        assert fact.source.startswith("https://"), fact.id
        assert fact.says and fact.value, fact.id
        assert fact.checked and fact.review_by and fact.review_by > fact.checked, fact.id


def test_review_by_defaults_to_checked_plus_12_months_and_can_be_set():
    fact = parse(GOOD)["some-fact"]
    assert (fact.checked, fact.review_by) == (date(2026, 12, 1), date(2027, 12, 1))
    explicit = parse(GOOD + "  review_by: 2027-03-01\n")["some-fact"]
    assert explicit.review_by == date(2027, 3, 1)
    assert F.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


@pytest.mark.parametrize("key", ["source", "checked", "value", "says"])
def test_a_fact_without_a_required_key_fails_naming_file_and_line(key):
    text = "- id: first\n  value: v\n  source: https://e.org\n  says: s\n  checked: 2026-01-01\n"
    text += "".join(line + "\n" for line in GOOD.replace("some-fact", "second").splitlines()
                    if not line.strip().startswith(f"{key}:"))
    with pytest.raises(F.FactError) as error:
        parse(text)
    assert "docs/facts.yml:6:" in str(error.value)
    assert key in str(error.value) and "'second'" in str(error.value)


def test_bad_dates_urls_ids_and_keys_fail_with_the_line():
    cases = {
        GOOD.replace("2026-12-01", "December 2026"): "YYYY-MM-DD",
        GOOD.replace("https://example.org/a", "example.org"): "must be a URL",
        GOOD.replace("some-fact", "Some Fact"): "lower-case",
        GOOD + "  colour: red\n": "unknown key",
        "id: not-a-list\n": "YAML list",
        "- id: x\n  value: [unclosed\n": "docs/facts.yml:3: not valid YAML",
    }
    for text, message in cases.items():
        with pytest.raises(F.FactError) as error:
            parse(text)
        assert message in str(error.value) and "docs/facts.yml:" in str(error.value)


def test_duplicate_ids_fail_naming_both_lines():
    with pytest.raises(F.FactError) as error:
        parse(GOOD + GOOD)
    assert "docs/facts.yml:6: duplicate fact id 'some-fact'" in str(error.value)
    assert "docs/facts.yml:1" in str(error.value)


def test_age_alone_never_fails_but_is_listed_as_stale(tmp_path, capsys):
    old = GOOD.replace("2026-12-01", "2001-01-01")
    facts = parse(old)  # loads fine
    assert [f.id for f in F.stale_facts(facts, date(2026, 12, 1))] == ["some-fact"]
    assert F.stale_facts(facts, date(2001, 6, 1)) == []
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "facts.yml").write_text(old, encoding="utf-8")
    report = tmp_path / "report.md"
    assert facts_report_main(["--today", "2026-12-01", "--markdown", str(report)], tmp_path) == 0
    assert "`some-fact` (docs/facts.yml:1)" in report.read_text(encoding="utf-8")
    assert "1 fact(s)" in capsys.readouterr().out


def test_facts_report_exits_2_on_an_invalid_registry(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "facts.yml").write_text(GOOD.replace("source:", "sauce:"), "utf-8")
    assert facts_report_main([], tmp_path) == 2


def test_a_typed_fact_that_could_be_derived_is_rejected(tmp_path):
    for name in ("requirements", "notebooks"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("nav: []\n", encoding="utf-8")
    (tmp_path / "docs" / "facts.yml").write_text(GOOD.replace("some-fact", "colab-python"),
                                                 encoding="utf-8")
    with pytest.raises(F.FactError, match="derived from requirements/colab/os-info.txt"):
        F.all_facts(tmp_path)


# --- Use on pages --------------------------------------------------------------------------------


NOTEBOOK_LINK = re.compile(r"\]\((?:\.\./)*notebooks/(\d+)-[\w-]+\.ipynb\)")


def used_fact_ids(root: Path) -> set[str]:
    """Ids of every marker in docs/*.md (the facts page itself lists, not uses, facts).

    A link to one of our notebooks uses its minutes: the time budget writes them on that line.
    """
    used = set()
    for path in sorted((root / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        used |= {fact_id for _, fact_id in F.find_markers(text)}
        used |= {f"notebook-{number}-minutes" for number in NOTEBOOK_LINK.findall(text)}
    return used


def test_every_fact_is_used_on_some_page():
    unused = sorted(set(F.all_facts(ROOT)) - used_fact_ids(ROOT))
    assert not unused, f"facts used on no page (use them or delete them): {unused}"


def test_markers_resolve_and_unknown_ids_name_file_and_line():
    facts = parse(GOOD)
    text, used = F.resolve_markers("a\nNeeds [[fact:some-fact]].\n", facts, "docs/x.md")
    assert text == "a\nNeeds macOS 14 or newer.\n" and used == ["some-fact"]
    with pytest.raises(F.FactError) as error:
        F.resolve_markers("a\n\nb [[fact:no-such]] c\n", facts, "docs/x.md", line_offset=3)
    assert "docs/x.md:6: unknown fact 'no-such'" in str(error.value)


def test_footer_gives_the_oldest_check_date_and_none_without_dated_facts():
    facts = parse(GOOD + GOOD.replace("some-fact", "older").replace("2026-12-01", "2026-03-05"))
    footer = F.page_footer(["some-fact", "older"], facts)
    assert "Facts on this page checked on 5 March 2026." in footer
    assert "(facts.md)" in footer
    derived = {"d": F.Fact("d", "1", "x", "y", None, None, derived=True)}
    assert F.page_footer(["d"], derived) == ""


def test_facts_table_lists_every_fact_with_value_source_and_dates():
    facts = F.all_facts(ROOT)
    table = F.facts_table(facts)
    for fact in facts.values():
        assert f"| `{fact.id}` |" in table
    assert "[example.org/a](https://example.org/a)" in F.facts_table(parse(GOOD))


def test_source_urls_are_the_registry_sources_once_each():
    urls = list(F.source_urls(ROOT))
    assert len(urls) == len(set(urls))
    assert set(urls) == {f.source for f in F.load_registry(ROOT).values()}


def test_link_check_collects_the_registry_sources():
    from scripts.links.collect import with_fact_sources

    links = with_fact_sources({"https://a.example/": ["/"]}, ROOT)
    assert links["https://a.example/"] == ["/"]
    for url in F.source_urls(ROOT):
        assert "/facts/" in links[url]


def test_mkdocs_config_wires_the_registry():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "/facts.yml" in config.split("validation:")[0]  # in exclude_docs
    assert "- Facts: facts.md" in config
    assert "- scripts.build.markup.fact_markers" in config.split("markdown_extensions:")[1]


# --- Derived facts equal their source files ------------------------------------------------------


def test_colab_versions_equal_the_freeze_and_os_files():
    facts = F.colab_facts(ROOT)
    freeze = (ROOT / "requirements/colab/pip-freeze.txt").read_text(encoding="utf-8").splitlines()
    for package in ("keras", "tensorflow", "numpy"):
        pins = [line.split("==")[1] for line in freeze if line.startswith(f"{package}==")]
        assert facts[f"colab-{package}"].value == pins[0]
    torch_line = next(line for line in freeze if line.startswith("torch @"))
    assert f"/torch-{facts['colab-torch'].value}%2B" in torch_line
    os_info = (ROOT / "requirements/colab/os-info.txt").read_text(encoding="utf-8")
    assert f"Python {facts['colab-python'].value}." in os_info
    # The wheel tags of the same snapshot agree: cp313 for Python 3.13.
    assert f"-cp{facts['colab-python'].value.replace('.', '')}-" in torch_line


def test_notebook_facts_equal_each_notebooks_metadata():
    facts = F.notebook_facts(ROOT)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        guide = json.loads(path.read_text(encoding="utf-8"))["metadata"]["guide"]
        number = path.name[:2]
        assert facts[f"notebook-{number}-minutes"].value == str(guide["colab_minutes"])
        assert ("GPU helps" in facts[f"notebook-{number}-gpu"].value) == guide["gpu_recommended"]


def test_time_budgets_read_notebook_minutes_from_the_facts():
    minutes = F.notebook_minutes(F.all_facts(ROOT))
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        guide = json.loads(path.read_text(encoding="utf-8"))["metadata"]["guide"]
        assert minutes.pop(path.name) == guide["colab_minutes"]
    assert minutes == {}


@pytest.mark.parametrize("minutes", ["35", True, 0, None])
def test_a_notebook_without_whole_positive_minutes_fails_naming_it(tmp_path, minutes):
    guide = {"gpu_recommended": False} | ({} if minutes is None else {"colab_minutes": minutes})
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "09-x.ipynb").write_text(json.dumps({"metadata": {"guide": guide}}))
    with pytest.raises(F.FactError, match=r"notebooks/09-x\.ipynb: .*positive whole number"):
        F.notebook_facts(tmp_path)


def test_counts_equal_the_site():
    facts = F.count_facts(ROOT)
    nav = read_config(ROOT / "mkdocs.yml")["nav"]
    numbered = [e for e in nav if isinstance(e, dict) and next(iter(e)).split()[0].isdigit()]
    assert facts["count-sections"].value == str(len(numbered)) != "0"
    assert facts["count-notebooks"].value == str(len(list((ROOT / "notebooks").glob("*.ipynb"))))
    typed = sum(len(re.findall(r"^\s*- \[@\w+@", p.read_text(encoding="utf-8"), re.MULTILINE))
                for p in (ROOT / "docs").glob("*.md"))
    picks = {url.split("#")[0].rstrip("/")
             for p in (ROOT / "docs").glob("*.md") if p.name != "2021-links.md"
             for url in re.findall(r"\[@\w+@[^\]]*\]\((https?://[^)\s]+)",
                                   p.read_text(encoding="utf-8"))}
    assert int(facts["count-resources"].value) == len(picks) > 0
    assert len(picks) < typed  # repeats, history links and our notebooks are not counted


def test_the_resource_count_counts_each_outside_address_once(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "- [@docs@A](https://a.example/): A.\n- [@docs@A again](https://a.example#part): A.\n"
        "- [@notebook@Ours](notebooks/01-first.ipynb): our notebook.\n"
        "```\n- [@docs@In code](https://code.example/)\n```\n", encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("- [@video@B](https://b.example/v): B.\n",
                                            encoding="utf-8")
    (tmp_path / "docs" / "2021-links.md").write_text("- [@docs@Old](https://old.example/): x.\n",
                                                     encoding="utf-8")
    assert F.count_resources(tmp_path) == 2


def test_pages_never_type_a_notebook_duration():
    # A notebook's duration comes from its metadata: a line linking a notebook says
    # "About [[fact:notebook-NN-minutes]] minutes", never a typed number.
    link = re.compile(r"\]\((?:\.\./)?notebooks/(\d\d)-[\w-]+\.ipynb\):")
    for path in sorted((ROOT / "docs").glob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = link.search(line)
            if not match:
                continue
            where = f"{path.name}:{number}"
            line = re.sub(r"\]\([^)]*\)", "]()", line)  # link targets are not prose
            assert not re.search(r"\b(about|in)\s+(\d+|ten|twenty|thirty|forty)\s+minutes",
                                 line, re.IGNORECASE), where
            if "minutes" in line:
                assert f"[[fact:notebook-{match.group(1)}-minutes]]" in line, where


# --- The built site ------------------------------------------------------------------------------


def test_built_pages_end_with_the_facts_line_and_the_facts_page_lists_all(built_site,
                                                                            site_pages):
    for slug in ["python", "hardware-and-os", "training-neural-nets", "deep-learning-frameworks"]:
        soup = site_pages.section(slug).soup
        footer = soup.select_one("article p.facts-checked")
        assert footer and "Facts on this page checked on" in footer.get_text(), slug
        assert footer.a["href"].rstrip("/").endswith("facts"), slug
        assert "[[fact:" not in soup.select_one("article").get_text(), slug
    facts_html = site_pages.section("facts").html
    for fact_id in F.all_facts(ROOT):
        assert f"<code>{fact_id}</code>" in facts_html, fact_id
    assert not (built_site / "facts.yml").exists()
    # Each probe is shown; a result only where `make facts-check` wrote one.
    assert "PyPI: torch, latest release, version; expects" in facts_html
    assert "endoflife.date: windows 10-22h2, eolFrom; expects 2025-10-14" in facts_html
    has_report = (ROOT / "reports/facts-check.json").is_file()
    assert ("Last result:" in facts_html) == has_report


# --- Notebook intros say what their metadata says ---------------------------------------------


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")),
                         ids=lambda path: path.name)
def test_notebook_intros_state_the_metadata_facts(notebook):
    """Colab shows a notebook without our build, so its intro types the time and GPU need; they
    must equal the derived facts (metadata.guide) that the site's pages use."""
    facts = F.notebook_facts(ROOT)
    number = notebook.name.split("-", 1)[0]
    intro = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
    assert f"About {facts[f'notebook-{number}-minutes'].value} minutes on Colab" in intro
    gpu_words = re.findall(r"no GPU (?:is )?needed|a GPU is not needed|GPU is recommended", intro,
                           re.IGNORECASE)
    needs_gpu = facts[f"notebook-{number}-gpu"].value == "a GPU helps"
    if gpu_words:
        assert needs_gpu == ("recommended" in gpu_words[0].lower()), gpu_words


def test_fact_sources_are_checked_only_for_a_build_of_this_guide(tmp_path):
    from scripts.links.collect import links_to_check

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="https://a.example/">A</a>', encoding="utf-8")
    other = links_to_check(site, ["https://guide.example/"], ROOT)
    assert set(other) == {"https://a.example/"}
    (site / "facts").mkdir()
    (site / "facts" / "index.html").write_text("<h1>Facts</h1>", encoding="utf-8")
    guide = links_to_check(site, ["https://guide.example/"], ROOT)
    assert set(F.source_urls(ROOT)) <= set(guide) and "https://a.example/" in guide
