"""``ocopkit new``: the project scaffold (real files in a temporary folder)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from ocopkit.scaffold import DEFAULT_SITE_URL, ScaffoldError, new_project, session_day

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 9)
SESSION = "docs/sessions/2027-03-09-lop-chuan-bi-danh-gia.yml"
FILES = sorted(Path(p) for p in (
    ".gitignore", "README.md", "mkdocs.yml", "docs/index.md", "docs/about/index.md",
    "docs/tags.md", "docs/guides/chuan-bi-dot-danh-gia.md",
    "docs/courses/lop-chuan-bi-danh-gia.md", SESSION))
HOSTILE = ['</title><script>alert(1)</script> "x": #y', "*[ABBR]", "[a](javascript:x)",
           '</title><script>alert(1)</script> "x": #y *[ABBR] [a](javascript:x) {: .c} | ` _']
SITE_EXTENSIONS: list[Any] = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    "toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]


class EnvLoader(yaml.SafeLoader):
    """A safe loader that reads ``!ENV [NAME, default]`` as its default, like MkDocs does
    when the variable is not set."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1]
    return None


EnvLoader.add_constructor("!ENV", _env)


def load_config(project: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"),
                                     Loader=EnvLoader)
    return data


def split_page(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    end = text.index("\n---\n", 3)
    return yaml.safe_load(text[4:end]), text[end + 5:]


class Html(HTMLParser):
    """Elements, links and visible text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h1:
            self.h1.append(data)


def rendered(body: str, extensions: list[Any]) -> Html:
    parser = Html()
    parser.feed(markdown.markdown(body, extensions=extensions))
    parser.close()
    return parser


def assert_inert(page: Html) -> None:
    assert "script" not in page.tags
    assert not [h for h in page.hrefs if h.strip().lower().startswith("javascript:")]


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --- what is written --------------------------------------------------------------------------

def test_files_written_are_exactly_the_project(tmp_path: Path) -> None:
    target = tmp_path / "ocop-can-tho"
    written = new_project(target, name="OCOP Cần Thơ", province="Cần Thơ", today=TODAY)
    assert written == FILES
    on_disk = sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file())
    assert on_disk == FILES
    assert listing(tmp_path) == ["ocop-can-tho", *(f"ocop-can-tho/{p}"
                                                   for p in listing(target))]
    for path in FILES:
        assert "{{" not in (target / path).read_text(encoding="utf-8"), path
    assert (target / "docs/tags.md").read_bytes() == (REPO / "docs/tags.md").read_bytes()
    ignored = (target / ".gitignore").read_text(encoding="utf-8").split()
    assert {"site/", "dist/", ".cache/", ".venv/"} <= set(ignored)


def test_mkdocs_yml_is_the_site_configuration(tmp_path: Path) -> None:
    new_project(tmp_path / "p", name="OCOP Cần Thơ", province="Cần Thơ", today=TODAY)
    text = (tmp_path / "p/mkdocs.yml").read_text(encoding="utf-8")
    config = load_config(tmp_path / "p")
    assert config["site_name"] == "OCOP Cần Thơ"
    assert "OCOP Cần Thơ" in config["site_description"]
    assert "Cần Thơ." in config["site_description"]
    assert config["site_url"] == DEFAULT_SITE_URL
    assert "đổi thành địa chỉ thật của trang" in text.split("site_url:")[1].split("\n")[0]
    assert (config["docs_dir"], config["site_dir"], config["strict"]) == ("docs", "site", True)
    assert set(config["validation"].values()) == {"warn"}
    theme = config["theme"]
    assert (theme["name"], theme["language"], theme["font"]) == ("material", "vi", False)
    assert "content.tooltips" in theme["features"]
    assert config["plugins"] == [{"search": {"lang": "vi"}}, {"ocopkit": {"offline": False}},
                                 {"offline": {"enabled": False}}, "tags"]
    assert "!ENV [OCOPKIT_OFFLINE, false]" in text
    assert "# national_content: false" in text and "# current_edition:" in text
    assert {"toc": {"permalink": True}} in config["markdown_extensions"]
    assert [next(iter(item.values())) for item in config["nav"]] == [
        "index.md", "san-pham/index.md", "sessions/index.md", "courses/index.md",
        "guides/index.md", "criteria/index.md", "self-assessment/index.md", "toolkits/index.md",
        "handouts/index.md", "about/index.md", "glossary.md", "tags.md"]


def test_mkdocs_loads_the_configuration(tmp_path: Path) -> None:
    utils = pytest.importorskip("mkdocs.utils")
    new_project(tmp_path / "p", name='a: "b" # c', today=TODAY)
    with (tmp_path / "p/mkdocs.yml").open("rb") as stream:
        config = utils.yaml_load(stream)
    assert config["site_name"] == 'a: "b" # c'


def test_session_file(tmp_path: Path) -> None:
    new_project(tmp_path / "p", name="OCOP Cần Thơ", province="Cần Thơ", today=TODAY)
    text = (tmp_path / "p" / SESSION).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert list(data) == ["course", "title", "start", "end", "place", "trainers", "capacity",
                          "contact", "registration", "status"]
    assert data["course"] == "lop-chuan-bi-danh-gia"
    assert (data["start"], data["end"]) == ("2027-03-09 08:00", "2027-03-09 16:30")
    assert "start: 2027-03-09 08:00\n" in text  # a plain string, not quoted
    assert data["place"] == {"venue": "Hội trường (điền tên)", "commune": "Xã/phường (điền tên)",
                             "province": "Cần Thơ"}
    assert data["trainers"] == ["(điền tên giảng viên)"]
    assert data["capacity"] == 40 and data["status"] == "planned"
    assert data["contact"] == "OCOP Cần Thơ — (điền số điện thoại)"
    assert data["registration"].startswith("Đăng ký với OCOP Cần Thơ trước ngày 02/03/2027")
    guide, body = split_page(tmp_path / "p/docs/guides/chuan-bi-dot-danh-gia.md")
    assert "của đợt đánh giá ở Cần Thơ, gom" in guide["description"]
    assert "giúp chủ thể ở Cần Thơ lập lịch" in body
    assert guide["last_reviewed"] == TODAY
    assert text.startswith("# ")


def test_without_province_the_texts_stay_neutral(tmp_path: Path) -> None:
    new_project(tmp_path / "p", name="Trung tâm Khuyến nông", today=TODAY)
    session = yaml.safe_load((tmp_path / "p" / SESSION).read_text(encoding="utf-8"))
    assert session["place"]["province"] == "(điền tỉnh, thành phố)"
    meta, body = split_page(tmp_path / "p/docs/guides/chuan-bi-dot-danh-gia.md")
    assert "của đợt đánh giá, gom" in meta["description"]
    assert "OCOP của tỉnh, thành phố" in body
    assert "giúp chủ thể lập lịch" in body
    for path in FILES:
        text = (tmp_path / "p" / path).read_text(encoding="utf-8")
        assert "None" not in text, path
        assert not re.search(r"\w [.,:;](?=\s|$)", text), path
    config = load_config(tmp_path / "p")
    assert config["site_description"].endswith("của Trung tâm Khuyến nông.")


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2026, 12, 9), dt.date(2027, 3, 9)),    # a Tuesday already
    (dt.date(2026, 11, 30), dt.date(2027, 3, 2)),   # 28 February, then the next Tuesday
    (dt.date(2027, 10, 15), dt.date(2028, 1, 18)),  # over the year's end
    (dt.date(2027, 3, 31), dt.date(2027, 7, 6)),
])
def test_session_day_is_a_tuesday_three_months_later(today: dt.date,
                                                     expected: dt.date) -> None:
    day = session_day(today)
    assert day == expected and day.weekday() == 1


def test_an_existing_empty_folder_is_filled(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert new_project(target, name="OCOP Cần Thơ", today=TODAY) == FILES
    assert listing(tmp_path)[0] == "empty" and all(p.startswith("empty")
                                                  for p in listing(tmp_path))


def test_site_url_is_stored_with_a_slash(tmp_path: Path) -> None:
    new_project(tmp_path / "a", name="X", site_url="https://ocop.cantho.gov.vn", today=TODAY)
    assert load_config(tmp_path / "a")["site_url"] == "https://ocop.cantho.gov.vn/"
    new_project(tmp_path / "b", name="X", site_url="HTTP://localhost:8000/ocop", today=TODAY)
    assert load_config(tmp_path / "b")["site_url"] == "http://localhost:8000/ocop/"
    readme = (tmp_path / "b/README.md").read_text(encoding="utf-8")
    assert "http://localhost:8000/ocop/" in readme


# --- user values are text everywhere ----------------------------------------------------------

@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_name_round_trips_as_text(tmp_path: Path, name: str) -> None:
    target = tmp_path / "p"
    new_project(target, name=name, province=name, today=TODAY)
    assert load_config(target)["site_name"] == name
    assert name in load_config(target)["site_description"]

    meta, body = split_page(target / "docs/index.md")
    assert meta["title"] == name
    home = rendered(body, ["attr_list", "md_in_html"])
    assert_inert(home)
    assert "".join(home.h1) == name
    assert name in "".join(home.text)

    for path in FILES:
        if path.suffix != ".md":
            continue
        text = (target / path).read_text(encoding="utf-8")
        if text.startswith("---\n"):
            meta, text = split_page(target / path)
        for extensions in (["attr_list", "md_in_html"], SITE_EXTENSIONS):
            page = rendered(text, extensions)
            assert_inert(page)
            assert "abbr" not in page.tags, path
    guide, _ = split_page(target / "docs/guides/chuan-bi-dot-danh-gia.md")
    assert name in guide["description"]
    session = yaml.safe_load((target / SESSION).read_text(encoding="utf-8"))
    assert session["place"]["province"] == name
    assert session["contact"] == f"{name} — (điền số điện thoại)"


def test_placeholders_in_a_value_are_not_filled(tmp_path: Path) -> None:
    new_project(tmp_path / "p", name="{{site_url}} {{guide}}", today=TODAY)
    assert load_config(tmp_path / "p")["site_name"] == "{{site_url}} {{guide}}"
    meta, _ = split_page(tmp_path / "p/docs/index.md")
    assert meta["title"] == "{{site_url}} {{guide}}"


def test_name_is_normalised_and_stripped(tmp_path: Path) -> None:
    decomposed = "  OCOP Ca\u0302\u0300n Tho\u031b  "
    new_project(tmp_path / "p", name=decomposed, today=TODAY)
    assert load_config(tmp_path / "p")["site_name"] == "OCOP Cần Thơ"


# --- refusals ---------------------------------------------------------------------------------

@pytest.mark.parametrize("entries", [["notes.txt"], [".hidden"], ["folder/"], [".git/"],
                                     ["a", "b", ".c"]])
def test_a_folder_with_entries_is_refused_untouched(tmp_path: Path, entries: list[str]) -> None:
    target = tmp_path / "DIR"
    target.mkdir()
    for entry in entries:
        if entry.endswith("/"):
            (target / entry).mkdir()
        else:
            (target / entry).write_text("x", encoding="utf-8")
    before = listing(tmp_path)
    with pytest.raises(ScaffoldError) as caught:
        new_project(target, name="OCOP Cần Thơ", today=TODAY)
    count = len(entries)
    assert str(caught.value) == (f"{target}: expected an empty or new folder, got {count} "
                                 f"{'entry' if count == 1 else 'entries'}")
    assert listing(tmp_path) == before


def test_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="expected an empty or new folder, got a file"):
        new_project(target, name="OCOP Cần Thơ", today=TODAY)
    assert target.read_text(encoding="utf-8") == "x"
    assert listing(tmp_path) == ["file"]


@pytest.mark.parametrize(("name", "province", "message"), [
    ("OCOP\nCần Thơ", None, "--name: expected one line of text, got a line break"),
    ("OCOP\r", None, "--name: expected one line of text, got a line break"),
    ("OCOP\u2028Cần Thơ", None, "--name: expected one line of text, got a line break"),
    ("OCOP\x1b[31m", None, "--name: expected printable text, got the control character"),
    ("OCOP\u202e", None, "--name: expected printable text, got the control character"),
    ("", None, "--name: expected text of 1 to 120 characters, got none"),
    ("   ", None, "--name: expected text of 1 to 120 characters, got none"),
    ("x" * 121, None, "--name: expected text of 1 to 120 characters, got 121"),
    ("OCOP", "Cần\nThơ", "--province: expected one line of text, got a line break"),
    ("OCOP", "", "--province: expected text of 1 to 120 characters, got none"),
    ("OCOP", "y" * 200, "--province: expected text of 1 to 120 characters, got 200"),
])
def test_bad_name_or_province_is_refused(tmp_path: Path, name: str, province: str | None,
                                         message: str) -> None:
    with pytest.raises(ScaffoldError) as caught:
        new_project(tmp_path / "p", name=name, province=province, today=TODAY)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert listing(tmp_path) == []


def test_longest_name_is_accepted(tmp_path: Path) -> None:
    new_project(tmp_path / "p", name="Đ" * 120, province="Ơ" * 120, today=TODAY)
    assert load_config(tmp_path / "p")["site_name"] == "Đ" * 120


@pytest.mark.parametrize("url", [
    "ftp://ocop.example.vn/", "ocop.example.vn", "https://", "https:///ocop", "http:ocop.vn",
    "javascript:alert(1)", "https://ocop example.vn/", "https://ocop.example.vn/\n",
    "https://user:pass@ocop.example.vn/", "https://ocop.example.vn/?a=1",
    "https://ocop.example.vn/#x", "https://ocop.example.vn:99999/", "https://-x.vn/",
    'https://ocop.example.vn/"><script>', "https://ocop.example.vn/`x`", "",
])
def test_bad_site_url_is_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(ScaffoldError) as caught:
        new_project(tmp_path / "p", name="OCOP", site_url=url, today=TODAY)
    assert str(caught.value).startswith("--site-url: expected ")
    assert "\n" not in str(caught.value)
    assert listing(tmp_path) == []


# --- all or nothing ---------------------------------------------------------------------------

def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_write = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 4:
            raise OSError(28, "No space left on device", str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(ScaffoldError, match="could not write the project: No space left"):
        new_project(tmp_path / "new" / "deeper" / "p", name="OCOP", today=TODAY)
    assert listing(tmp_path) == []


def test_a_failed_move_into_an_empty_folder_leaves_it_empty(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "p"
    target.mkdir()
    moved = []
    real_rename = Path.rename

    def failing(self: Path, other: Any) -> Path:
        moved.append(self)
        if len(moved) == 3:
            raise OSError(5, "Input/output error", str(self))
        return real_rename(self, other)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(ScaffoldError, match="could not write the project"):
        new_project(target, name="OCOP", today=TODAY)
    assert listing(tmp_path) == ["p"]


def test_the_new_folder_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    new_project(tmp_path / "p", name="OCOP", today=TODAY)
    assert (tmp_path / "p").stat().st_mode & 0o777 == 0o777 & ~umask


# --- the guide and the course pass the project's checks ---------------------------------------

@pytest.mark.parametrize(("name", "province"), [
    ("OCOP Cần Thơ", "Cần Thơ"), ("Trung tâm Khuyến nông", None), (HOSTILE[-1], HOSTILE[-1])])
def test_guide_and_course_pass_ocopkit_check(tmp_path: Path, name: str,
                                             province: str | None) -> None:
    project = tmp_path / "project"
    new_project(project, name=name, province=province, today=TODAY)
    docs = tmp_path / "docs"
    for folder in ("guides", "courses", "toolkits", "criteria", "includes"):
        shutil.copytree(REPO / "docs" / folder, docs / folder)
    for page in ("guides/chuan-bi-dot-danh-gia.md", "courses/lop-chuan-bi-danh-gia.md"):
        assert not (docs / page).exists()
        shutil.copy(project / "docs" / page, docs / page)
    ocopkit = Path(sys.executable).with_name("ocopkit")
    result = subprocess.run([str(ocopkit), "--docs", str(docs), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "17 guides, 5 courses" in result.stdout




@pytest.mark.parametrize(("name", "province"), [
    ("OCOP Cần Thơ", "Cần Thơ"), (HOSTILE[-1], HOSTILE[-1])])
def test_new_project_passes_ocopkit_check_in_place(tmp_path: Path, name: str,
                                                   province: str | None) -> None:
    """The whole project as written (its ``mkdocs.yml``, the session file, the national
    content layered from the installed package) passes ``ocopkit check``."""
    project = tmp_path / "project"
    new_project(project, name=name, province=province, today=TODAY)
    ocopkit = Path(sys.executable).with_name("ocopkit")
    result = subprocess.run([str(ocopkit), "check"], cwd=project, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
