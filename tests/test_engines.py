"""The tokenizer engines' start-up shortcuts and Document.tokens_in give what the plain ways give.

(Findings agree across engines: tests/test_particles.py and tests/test_drafting.py.)
"""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from speechlint.document import Document
from speechlint.document.tokenize import Token, make_tokenizer, tokens_of
from speechlint.fix import Span

TEXT = "同志们：\n我们要深入学习了文件精神，扎实地推进各项工作。\n\n  二、着力抓好项目建设\n要把灵石县的发展搞上去,1,000万元。\n末尾"


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_rjieba_without_its_default_instance_tags_like_rjieba() -> None:
    # A fresh process: the class is loaded without running rjieba/__init__.py, and a later
    # `import rjieba` (a plugin, a user) reuses the same compiled module.
    out = _run(
        "import sys\n"
        "from speechlint.document.tokenize import make_tokenizer\n"
        "tok = make_tokenizer('rjieba', [('甲乙丙丁县', 'ns')])\n"
        "assert 'rjieba' not in sys.modules\n"
        "import rjieba\n"
        "assert rjieba.Jieba is sys.modules['rjieba.rjieba'].Jieba\n"
        f"text = {TEXT!r}.replace('灵石县', '甲乙丙丁县')\n"
        "plain = rjieba.Jieba(); plain.add_word('甲乙丙丁县', None, 'ns')\n"
        "assert tok.tag(text) == plain.tag(text, False)\n"
        "assert not rjieba.has_word('甲乙丙丁县')  # the module's default instance never saw our words\n"
        "print('ok')\n"
    )
    assert out == "ok"


def test_jieba_shortcuts_give_jiebas_own_tokenizer() -> None:
    # jieba imported without pkg_resources, its cache read with marshal.loads and the tag table
    # copied: the same tags as jieba's own POSTokenizer, and jieba's global state untouched.
    out = _run(
        "import sys, warnings, logging\n"
        "warnings.simplefilter('ignore')\n"
        "from speechlint.document.tokenize import make_tokenizer\n"
        "ours = make_tokenizer('jieba', [('甲乙丙丁县', 'ns')])\n"
        "assert 'pkg_resources' not in sys.modules\n"
        "import jieba, jieba.posseg\n"
        "jieba.setLogLevel(logging.ERROR)\n"
        "assert not jieba.dt.initialized and '甲乙丙丁县' not in jieba.posseg.dt.word_tag_tab\n"
        "plain = jieba.Tokenizer(); plain.initialize()\n"
        "bare = make_tokenizer('jieba')._tagger.tokenizer\n"
        "assert bare.total == plain.total and bare.FREQ == plain.FREQ\n"
        "ref = jieba.posseg.POSTokenizer(plain)\n"
        "plain.add_word('甲乙丙丁县', tag='ns'); ref.word_tag_tab['甲乙丙丁县'] = 'ns'\n"
        f"text = {TEXT!r}.replace('灵石县', '甲乙丙丁县')\n"
        "assert ours.tag(text) == [(p.word, p.flag) for p in ref.cut(text, HMM=False)]\n"
        "print('ok')\n"
    )
    assert out == "ok"


def test_tokens_are_ordinary_tokens() -> None:
    class Halves:
        name = "halves"

        def tag(self, text: str) -> list[tuple[str, str]]:
            return [(text[:2], "n"), (text[2:], "v")]

    made = tokens_of(Halves(), "发展经济", 5)
    assert made == (Token("发展", "n", Span(5, 7)), Token("经济", "v", Span(7, 9)))
    assert hash(made[0]) == hash(Token("发展", "n", Span(5, 7))) and made[0].span < made[1].span


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_tokens_in_is_the_overlap_filter(engine: str) -> None:
    tok = make_tokenizer(engine)
    doc = Document(TEXT, tokenizer_factory=lambda: tok)
    everything = [t for p in doc.paragraphs for t in tok_list(doc, p.span)]

    def expected(span: Span) -> list[Token]:
        first, last = doc.lines.line_of(span.start), doc.lines.line_of(span.end)
        return [
            t
            for t in everything
            if first <= doc.lines.line_of(t.span.start) <= last
            and t.span.overlaps(span)
            and (len(span) or t.span.start <= span.start < t.span.end)
        ]

    rng = random.Random(11)
    for _ in range(2000):
        start = rng.randrange(len(TEXT) + 1)
        span = Span(start, min(len(TEXT), start + rng.choice([0, 0, 1, 2, 3, 7, 40, 200])))
        assert doc.tokens_in(span) == expected(span), span


def tok_list(doc: Document, span: Span) -> list[Token]:
    """A paragraph's tokens, straight from the tokenizer (no Document cache)."""
    text = doc.text[span.start : span.end]
    return list(tokens_of(doc.tokenizer, text, span.start))
