"""PUN003 bracket-pairing."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.builtin.punctuation._context import (
    LATIN,
    Protected,
    is_cjk,
    is_han,
    left_char,
    marks_by_paragraph,
    protected_in,
    right_char,
    unmatched_across_breaks,
)
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_regex
from speechlint.rule import NoOptions, Severity, Violation, rule

_OPEN = {"（": "paren", "(": "paren", "《": "title", "〈": "angle", "【": "lent", "〔": "tort", "〖": "white"}
_CLOSE = {"）": "paren", ")": "paren", "》": "title", "〉": "angle", "】": "lent", "〕": "tort", "〗": "white"}
_PAIR = {"paren": "（）", "title": "《》", "angle": "〈〉", "lent": "【】", "tort": "〔〕", "white": "〖〗"}
_BRACKETS = "".join(_OPEN) + "".join(_CLOSE)
# "1)" "a）" "三)": a list marker's closing bracket, never opened.
_LIST_MARKER = lazy_regex(
    r"(?m)(?<=^|[\s，。；：、,;:！？!?“”])(?:\d{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})([)）])"
)
# "(一)" "(1)" at the start of a line: a heading marker, STR002's.
_ORDINAL = lazy_regex(r"\s*(?:[一二三四五六七八九十百]+|\d{1,3})\s*")
_SPACES = " \t\u3000"


def closes_list_marker(text: str, k: int) -> bool:
    """Whether the bracket at ``k`` closes a list marker: a match of ``_LIST_MARKER`` has its group 1 there.

    Asked only of a closing bracket nothing opened (most are paired), and tried only just
    before it (finditer would try every position, each behind a look-behind): a marker is
    at most three characters, its start follows a boundary, so each bracket closes at most one.
    """
    if text[k] not in ")）":
        return False
    for j in range(max(0, k - 3), k):
        found = _LIST_MARKER.match(text, j)
        if found is not None and found.start(1) == k:
            return True
    return False


class _Scan:
    """The brackets of one paragraph, paired (a plain class: a dataclass costs every run its making)."""

    def __init__(self) -> None:
        self.opens: list[tuple[int, str]] = []  # unmatched (offset, family)
        self.closes: list[tuple[int, str]] = []
        self.pairs: list[tuple[int, int]] = []
        self.nested: list[tuple[int, int]] = []  # 《 inside 《


def _scan(text: str, guard: Protected, marks: list[int]) -> _Scan:
    """Pair the brackets at ``marks`` (offsets of _BRACKETS in one paragraph, at least one)."""
    out = _Scan()
    stack: list[tuple[int, str, bool]] = []
    # Most paragraphs touch no protected span: their marks need no test each.
    guarded = guard.overlaps(marks[0], marks[-1] + 1)
    for i in marks:
        ch = text[i]
        if guarded and i in guard:
            continue
        if ch in _OPEN:
            family = _OPEN[ch]
            stack.append((i, family, family == "title" and bool(stack) and any(f == "title" for _, f, _ in stack)))
            continue
        family = _CLOSE[ch]
        if stack and stack[-1][1] == family:  # the usual case: it closes the innermost bracket
            o, _, nested = stack.pop()
        else:
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == family), None)
            if depth is None:
                if not closes_list_marker(text, i):
                    out.closes.append((i, family))
                continue
            out.opens.extend((o, f) for o, f, _ in stack[depth + 1 :])
            o, _, nested = stack[depth]
            del stack[depth:]
        out.pairs.append((o, i))
        if nested:
            out.nested.append((o, i))
    out.opens.extend((o, f) for o, f, _ in stack)
    out.opens.sort()
    return out


def _reportable(text: str, i: int) -> bool:
    """Full-width marks always; a half-width one only next to Chinese."""
    if text[i] not in "()":
        return True
    return is_cjk(left_char(text, i, _SPACES)) or is_cjk(right_char(text, i + 1, _SPACES))


@rule(
    code="PUN003",
    name="bracket-pairing",
    severity="error",
    fix="sometimes",
    supersedes=("PUN001",),
    options=NoOptions,
)
def bracket_pairing(document: Document, options: NoOptions) -> Iterator[Violation]:
    """括号、书名号不成对，半角括号或全半角混用，书名号同形嵌套。

    ## 它检查什么
    一段之内不成对的（）《》〈〉【】〔〕〖〗，包括中文旁边不成对的半角括号；括住中文的半角括号
    `(试行)`；一半全角一半半角的括号 `（2024年3月5日)`；书名号里又用书名号（《《党章》学习辅导》），
    里层应改用〈〉。

    ## 为什么
    括号和书名号缺一半，读者不知道注释或书名到哪里结束；半角括号是英文输入法留下的，
    与全角文字并排时版面参差。GB/T 15834 规定书名号里再用书名号时，里层用单书名号。

    ## 示例
    ```text
    （组织领导。
    学习《关于加强基层治理的意见。
    印发《安全生产管理办法(试行)》的通知。
    ```
    改为：
    ```text
    （组织领导）。
    学习《关于加强基层治理的意见》。
    印发《安全生产管理办法（试行）》的通知。
    ```
    行首用半角括号的序号 `(一)` `(1)`（后接中文）也报，改为 `（一）` `（1）`；序号后多出的标点归 STR002。
    不报：`（一）` `1）` `a)` 这样的序号、不含汉字的半角括号
    （`f(x)`、`(GDP)`、`(2024)`）、网址和文件名里的括号（`总结报表(样表).xls`）、表情符号 `:-)`、〔2024〕这样的年份括号、
    Markdown 代码。标题折行、Markdown 段落内换行时，一行的括号在下一行闭合也不报；从 PDF 复制的
    文稿里，中间隔着页码、页眉（`— 2 —`）也一样。

    ## 修复安全性
    括住汉字的半角括号改为全角，或把混用的半角一侧改为全角：括号内没有拉丁字母、左括号左邻是
    汉字、中文标点、空格或行首时是安全修复（只换括号的宽度，意思不会变）；否则需确认（unsafe）。
    同形嵌套的书名号改为〈〉需确认。缺了一半的括号没有自动修复：只有作者知道它该在哪里闭合。

    ## 选项
    无。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.9 括号、4.15 书名号。
    """
    text = document.prose
    guard = protected_in(document, text, numbers=False)
    paragraphs = document.paragraphs
    # Only the paragraphs holding a bracket are scanned and visited (most hold none).
    scans = {k: _scan(text, guard, marks) for k, marks in marks_by_paragraph(_BRACKETS, text, paragraphs).items()}
    paired = unmatched_across_breaks(
        document, {k: s.opens for k, s in scans.items()}, {k: s.closes for k, s in scans.items()}
    )

    for k, s in scans.items():
        para = paragraphs[k]
        for o, family in s.opens:
            if o not in paired and _reportable(text, o):
                closing = ")" if text[o] == "(" else _PAIR[family][1]
                yield Violation(Span(o, o + 1), f"括号不成对：“{text[o]}”没有对应的“{closing}”")
        for c, family in s.closes:
            if c not in paired and _reportable(text, c):
                opening = "(" if text[c] == ")" else _PAIR[family][0]
                yield Violation(Span(c, c + 1), f"括号不成对：“{text[c]}”没有对应的“{opening}”")
        for o, c in s.pairs:
            if text[o] != "(" and text[c] != ")":
                continue
            content = text[o + 1 : c]
            # (一) / (1) opening a line of Chinese: a heading marker typed with half-width brackets.
            # The bracket is this rule's (DESIGN §2); STR002 owns only the mark after it.
            marker = (
                o == para.span.start
                and _ORDINAL.fullmatch(content) is not None
                and is_cjk(right_char(text, c + 1, _SPACES))
            )
            if not marker and not any(is_han(ch) for ch in content):
                continue  # f(x), (GDP), (2024): not Chinese
            edits = [Edit(Span(i, i + 1), "（" if i == o else "）") for i in (o, c) if text[i] in "()"]
            left = left_char(text, o)
            safe = not LATIN.search(content) and (left == "" or left in "\r\n" + _SPACES or is_cjk(left))
            title = "改为全角括号（）"
            fix = Fix.safe(*edits, title=title) if safe else Fix.unsafe(*edits, title=title)
            if marker:
                message = "序号的括号应使用全角（），不用半角()"
            elif len(edits) == 2:
                message = "括住中文的括号应使用全角（），不用半角()"
            else:
                message = "括号全角半角混用，应都用全角（）"
            first = edits[0].span  # the first half-width bracket
            yield Violation(first, message, fix=fix, severity=Severity.WARNING)
        if not any(f == "title" for _, f in s.opens + s.closes):
            for o, c in s.nested:
                fix = Fix.unsafe(Edit(Span(o, o + 1), "〈"), Edit(Span(c, c + 1), "〉"), title="里层书名号改为〈〉")
                yield Violation(Span(o, o + 1), "书名号里又用了书名号，里层应改用单书名号〈〉", fix=fix)
