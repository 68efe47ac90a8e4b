"""Both catalogs must have the same keys with the same placeholders, and every key must format."""

from __future__ import annotations

from pathlib import Path

from fluent.syntax import FluentParser, ast, visitor

from bot.i18n import LANGUAGES, LOCALES_DIR, Catalog, Html, pick_language


class _Variables(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)


def _messages(lang: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
        assert not junk, f"{path}: cannot parse {junk[0].content!r}"
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                assert entry.id.name not in found, f"{entry.id.name} is defined twice ({path.name})"
                names = _Variables()
                names.visit(entry)
                found[entry.id.name] = names.names
    return found


def test_catalogs_have_the_same_keys_and_placeholders() -> None:
    zh, en = _messages("zh"), _messages("en")
    assert sorted(set(zh) - set(en)) == [], "keys only in zh"
    assert sorted(set(en) - set(zh)) == [], "keys only in en"
    different = {key: (zh[key], en[key]) for key in zh if zh[key] != en[key]}
    assert different == {}, "placeholders differ between zh and en"


def test_every_message_formats_in_both_languages() -> None:
    catalog = Catalog()
    for lang in LANGUAGES:
        for key, names in _messages(lang).items():
            text = catalog.t(lang, key, **{name: "1" for name in names})
            assert text and text != key, f"{lang}/{key} did not format"


def test_arguments_are_escaped_unless_marked_html() -> None:
    catalog = Catalog()
    text = catalog.t("en", "child-removed", child="<b>x</b> & <script>")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;" in text
    assert catalog.t("en", "child-removed", child=Html("<b>x</b>")).startswith("<b>x</b>")
    assert catalog.label("en", "child-removed", child="<b>") == "<b> has been removed."


def test_language_follows_telegram_language_code() -> None:
    assert pick_language("zh-hans", "en") == "zh"
    assert pick_language("zh", "en") == "zh"
    assert pick_language("en-GB", "zh") == "en"
    assert pick_language("fr", "zh") == "zh"
    assert pick_language(None, "en") == "en"
    assert pick_language("english", "zh") == "zh"


def test_catalog_folders_exist() -> None:
    for lang in LANGUAGES:
        assert list(Path(LOCALES_DIR / lang).glob("*.ftl"))
