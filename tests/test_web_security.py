"""Security review of the web layer, as tests: what the templates may do with text, how the
token is compared, what the server refuses."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from storyline.web import ingest, pages

TEMPLATES = Path(str(resources.files("storyline.web"))) / "templates"
STATIC = Path(str(resources.files("storyline.web"))) / "static"


def test_security_templates_never_turn_escaping_off() -> None:
    assert pages._environment.autoescape is True
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", ""), template.name
        assert "autoescape false" not in source, template.name
        assert "Markup(" not in source, template.name


def test_security_markup_is_built_only_from_escaped_text() -> None:
    """Markup(...) in the web layer wraps strings made of escape(...) output and constants:
    each use is in a function with its own escaping test (test_web_marks.py)."""
    allowed = {"marks.py": 1, "pages.py": 3}
    for module in (STATIC.parent).glob("*.py"):
        uses = len(re.findall(r"\bMarkup\(", module.read_text(encoding="utf-8")))
        assert uses <= allowed.get(module.name, 0), module.name


def test_security_scripts_never_write_html_from_data() -> None:
    for script in STATIC.glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{script.name} uses {sink}"


def test_security_token_is_compared_in_constant_time(monkeypatch) -> None:
    calls = []

    def recording(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return a == b

    monkeypatch.setattr(ingest.hmac, "compare_digest", recording)
    assert ingest.token_matches("t" * 20, "t" * 20)
    assert not ingest.token_matches("u" * 20, "t" * 20)
    assert len(calls) == 2


@pytest.mark.parametrize(
    "name", ["../x.txt", "..\\x.txt", "/etc/passwd", "a/../../b.html", "\x00.txt", "ok.txt"]
)
def test_security_uploads_are_written_inside_their_own_folder(tmp_path, name) -> None:
    from storyline.options import Options

    items = ingest.documents_from_files([(name, b"Talks in Oslo resumed on Monday.")], Options())
    assert len(items) == 1
    assert items[0].source.startswith("upload/") and ".." not in items[0].source
    assert not (tmp_path.parent / "x.txt").exists()
