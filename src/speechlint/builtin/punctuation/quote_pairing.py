"""PUN002 quote-pairing."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.builtin.punctuation._context import (
    LATIN,
    Protected,
    is_cjk,
    is_han,
    marks_by_paragraph,
    protected_in,
    unmatched_across_breaks,
)
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.rule import NoOptions, Severity, Violation, rule

_QUOTES = "“”‘’\"'"
# Where a straight quote can only open (after these or at the start) or only close (before these or at the end).
_BEFORE_OPENING = set(" \t\u3000（(《〈【[，,、；;：:。！？!?“‘—…")
_AFTER_CLOSING = set(" \t\u3000）)》〉】]，,、；;：:。.！？!?”’—…")
_CURLY = {'"': ("“", "”"), "'": ("‘", "’")}
_INNER = {'"': ("‘", "’"), "'": ("‘", "’")}


class _Scan:
    """The quotation marks of one paragraph, paired (a plain class: a dataclass costs every run its making)."""

    def __init__(self) -> None:
        self.opens: list[tuple[int, str]] = []  # unmatched “ ‘ (offset, mark)
        self.closes: list[tuple[int, str]] = []  # unmatched ” ’
        self.nested: list[tuple[int, int]] = []  # a “…” pair inside another “…”
        self.straight: list[tuple[int, int, bool]] = []  # (open, close, inside “…”)
        self.lone: list[int] = []  # straight quotes that pair with nothing


def _apostrophe(text: str, i: int) -> bool:
    """' or ’ between Latin letters: an apostrophe (Xi'an, China’s), not a quote."""
    left = text[i - 1] if i > 0 else ""
    right = text[i + 1] if i + 1 < len(text) else ""
    return bool(left and LATIN.match(left) and right and LATIN.match(right))


def _scan(text: str, start: int, end: int, guard: Protected, marks: list[int]) -> _Scan:
    """Pair the quotation marks at ``marks`` (offsets of _QUOTES in ``start..end``, at least one)."""
    out = _Scan()
    stack: list[tuple[int, str, bool]] = []  # (offset, mark, nested inside another “)
    straight_open: dict[str, tuple[int, bool] | None] = {'"': None, "'": None}
    # Most paragraphs touch no protected span: their marks need no test each.
    guarded = guard.overlaps(marks[0], marks[-1] + 1)
    for i in marks:
        ch = text[i]
        if guarded and i in guard:
            continue
        if ch in "“‘":
            nested = ch == "“" and bool(stack) and any(mark == "“" for _, mark, _ in stack)
            stack.append((i, ch, nested))
        elif ch in "”’":
            if ch == "’" and _apostrophe(text, i):
                continue
            opener = "“" if ch == "”" else "‘"
            if stack and stack[-1][1] == opener:  # the usual case: it closes the innermost mark
                o, _, nested = stack.pop()
            else:
                depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == opener), None)
                if depth is None:
                    out.closes.append((i, ch))
                    continue
                # Marks opened inside this pair and never closed are unmatched.
                out.opens.extend((o, mark) for o, mark, _ in stack[depth + 1 :])
                o, _, nested = stack[depth]
                del stack[depth:]
            if nested:
                out.nested.append((o, i))
        else:  # a straight quote
            if ch == "'" and _apostrophe(text, i):
                continue
            left = text[i - 1] if i > start else ""
            right = text[i + 1] if i + 1 < end else ""
            can_close = right == "" or right in _AFTER_CLOSING
            can_open = left == "" or left in _BEFORE_OPENING
            current = straight_open[ch]
            if current is not None and not (can_open and not can_close):
                out.straight.append((current[0], i, current[1]))
                straight_open[ch] = None
            elif left.isdigit() and current is None:
                continue  # 5'30" and 6.1": units, not quotes
            elif can_close and not can_open:
                out.lone.append(i)  # a closing straight quote with no opening one
            else:
                if current is not None:
                    out.lone.append(current[0])
                straight_open[ch] = (i, any(mark == "“" for _, mark, _ in stack))
    out.opens.extend((o, mark) for o, mark, _ in stack)
    out.lone.extend(o for o, _ in (v for v in straight_open.values() if v is not None))
    out.opens.sort()
    out.lone.sort()
    return out


def _near_cjk(text: str, i: int) -> bool:
    return is_cjk(text[i - 1] if i > 0 else "") or is_cjk(text[i + 1] if i + 1 < len(text) else "")


def _chinese(text: str, start: int, end: int) -> bool:
    """A straight quote pair in Chinese context: Han inside, or CJK right outside."""
    outside = (text[start - 1] if start > 0 else "", text[end + 1] if end + 1 < len(text) else "")
    return any(is_han(c) for c in text[start + 1 : end]) or any(is_cjk(c) for c in outside)


@rule(
    code="PUN002",
    name="quote-pairing",
    severity="error",
    fix="sometimes",
    supersedes=("PUN001",),
    options=NoOptions,
)
def quote_pairing(document: Document, options: NoOptions) -> Iterator[Violation]:
    """引号不成对、用了直引号或同形嵌套。

    ## 它检查什么
    一段之内不成对的“”或‘’；中文里的直引号 `"` `'`；双引号里又用双引号（“要做到“两个维护””），
    里层应改用单引号。跨段引文按 GB/T 15834 的用法处理：引文有几段，每段开头都用前引号，只在最后
    一段末尾用后引号，这样的写法不报。一行没写完的引号在下一行闭合（标题折行、Markdown 段落内
    换行、从 PDF 复制的硬换行，中间隔着页码和页眉也一样）也不报。

    ## 为什么
    引号不成对，读者分不清引文从哪里开始、到哪里结束；讲话稿引用中央提法时尤其不能出错。直引号是
    英文输入法留下的，印出来与中文引号不一样。

    ## 示例
    ```text
    要牢记“国之大者，坚定信心。
    增强"四个意识"。
    他强调：“要做到“两个维护”。”
    ```
    改为：
    ```text
    要牢记“国之大者”，坚定信心。
    增强“四个意识”。
    他强调：“要做到‘两个维护’。”
    ```
    不报：成对的“”和‘’、跨段引文、英文单词里的撇号（Xi'an、China's）、`5'30"` 这样的度量单位、
    网址、表情符号、Markdown 代码。

    ## 修复安全性
    直引号成对时，给出改为中文引号的修复（嵌在“”里的改为‘’）；同形嵌套给出把里层改为‘’的修复；
    前引号与直引号混配时给出把直引号改为对应中文引号的修复。这些修复都需确认（unsafe）：引号的
    起止只有作者能确认。缺了一半的引号没有自动修复：只有作者知道引文在哪里结束。

    ## 选项
    无。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.8 引号（含跨段引文的用法）。
    """
    text = document.prose
    # A number (digits with single separators between) holds no quotation mark: not protected here.
    guard = protected_in(document, text, numbers=False)
    paragraphs = document.paragraphs
    # Only the paragraphs holding a quotation mark are scanned and visited (most hold none).
    scans = {
        k: _scan(text, paragraphs[k].span.start, paragraphs[k].span.end, guard, marks)
        for k, marks in marks_by_paragraph(_QUOTES, text, paragraphs).items()
    }

    # Mixed pairs: an unmatched “ closed by a straight quote, or a straight quote closed by ”.
    mixed: list[tuple[int, int, int]] = []  # (open, close, offset of the straight one)
    for s in scans.values():
        for q in list(s.lone):
            ch = text[q]
            before = [o for o, mark in s.opens if o < q and mark == _CURLY[ch][0]]
            after = [c for c, mark in s.closes if c > q and mark == _CURLY[ch][1]]
            if before:
                o = before[-1]
                s.opens.remove((o, text[o]))
                mixed.append((o, q, q))
            elif after:
                c = after[0]
                s.closes.remove((c, text[c]))
                mixed.append((q, c, q))
            else:
                continue
            s.lone.remove(q)

    # A quotation over several paragraphs: each opens with “, only the last closes.
    continued = set()
    for k, s in scans.items():
        if k + 1 == len(paragraphs):
            break
        nxt = paragraphs[k + 1]
        if len(s.opens) == 1 and not s.closes and s.opens[0][1] == "“" and text[nxt.span.start] == "“":
            continued.add(s.opens[0][0])
    # Marks are compared by the opening mark of their kind (” closes “).
    paired = unmatched_across_breaks(
        document,
        {k: [(o, mark) for o, mark in s.opens if o not in continued] for k, s in scans.items()},
        {k: [(c, "“" if mark == "”" else "‘") for c, mark in s.closes] for k, s in scans.items()},
    )

    for s in scans.values():
        for o, mark in s.opens:
            if o in continued or o in paired or (mark == "‘" and not _near_cjk(text, o)):
                continue  # ‘90s: an apostrophe in Latin text
            closing = "”" if mark == "“" else "’"
            yield Violation(Span(o, o + 1), f"引号不成对：前引号（{mark}）没有对应的后引号（{closing}）")
        for c, mark in s.closes:
            if c in paired or (mark == "’" and not _near_cjk(text, c)):
                continue  # teachers’ union: an apostrophe in Latin text
            opening = "“" if mark == "”" else "‘"
            yield Violation(Span(c, c + 1), f"引号不成对：后引号（{mark}）没有对应的前引号（{opening}）")
        balanced = not any(o not in continued for o, _ in s.opens) and not s.closes
        if balanced:
            for o, c in s.nested:
                fix = Fix.unsafe(Edit(Span(o, o + 1), "‘"), Edit(Span(c, c + 1), "’"), title="里层引号改为‘’")
                yield Violation(Span(o, o + 1), "双引号里又用了双引号，里层引号应改用单引号‘’", fix=fix)
        for o, c, inside in s.straight:
            if not _chinese(text, o, c):
                continue
            ch = text[o]
            left, right = (_INNER if inside else _CURLY)[ch]
            fix = Fix.unsafe(Edit(Span(o, o + 1), left), Edit(Span(c, c + 1), right), title=f"改为中文引号{left}{right}")
            yield Violation(
                Span(o, o + 1), f"中文里应使用引号{left}{right}，不用直引号{ch}{ch}", fix=fix, severity=Severity.WARNING
            )
        for q in s.lone:
            if _near_cjk(text, q):
                yield Violation(Span(q, q + 1), f"直引号{text[q]}不成对，中文里应使用成对的中文引号")
    for o, c, q in mixed:
        ch = text[q]
        curly = _CURLY[ch][0] if q == o else _CURLY[ch][1]
        fix = Fix.unsafe(Edit(Span(q, q + 1), curly), title=f"直引号改为（{curly}）")
        yield Violation(Span(q, q + 1), f"引号混用：直引号{ch}与中文引号配对，应改为（{curly}）", fix=fix,
                        severity=Severity.WARNING)
