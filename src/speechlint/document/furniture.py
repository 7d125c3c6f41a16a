"""Page furniture: what a PDF printout or a web page adds around the text, on lines of its own.

* A PDF copy keeps each page's number (``— 2 —``, ``- 3 -``, ``第 4 页 共 9 页``, ``· 5 ·``,
  ``6/9``) and the running header or footer printed on every page (the speech's title, the
  issuing organ).  They stand wherever the page ended, often in mid-sentence or between
  一是… and 二是….
* A copy of a government web page or a WeChat article keeps the page's chrome: the
  breadcrumb (``首页 > 信息公开 > 通知公告``), the byline (``发布时间：2026-05-28 10:30　来源：…``),
  ``【打印】【关闭】``, ``分享到：``, ``上一篇：``, ``责任编辑：``, view counts, hashtag lines.

None of it is prose.  The readers mark these lines as markup (``Document.prose`` reads them
as spaces, so they are no paragraphs: they break no series, quotation or sentence, and are
never taken for the title or the closing) and exempt them from every rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from speechlint.document.lines import LineIndex, line_spans
from speechlint.fix import Span
from speechlint.lazyre import lazy_re

_SPACE = " \t\u3000\u00a0"
#: How far (in non-blank lines) a running header or footer stands from the page number.
_NEAR = 2
#: A running header is short: a title, an organ's name.
_MAX_RUNNING = 40
# Cheap tests first; the full patterns are compiled on first need (most files are neither
# PDF nor web copies).
_DASHED = lazy_re(r"[-—–－―─·•][ \t\u3000]*\d{1,4}[ \t\u3000]*[-—–－―─·•]")
_WEB_WORDS = (
    "首页", "位置", "【", "]", "分享", "上一", "下一", "编辑", "审核", "校对", "来源", "作者", "记者", "通讯员",
    "供稿", "摄影", "发布", "次数", "点击", "字号", "扫一扫", "网站地图", "主办单位", "往期推荐", "阅读",
    "收藏", "点赞", "在看", "#",
)
_DATE_TIME = lazy_re(r"\d{4}-\d{1,2}-\d{1,2}")


def _page_hint(text: str) -> bool:
    return "页" in text or "/" in text or "age" in text or _DASHED.search(text) is not None


def _web_hint(text: str) -> bool:
    return any(w in text for w in _WEB_WORDS) or _DATE_TIME.search(text) is not None


_DASH = r"[-—–－―─]"
_PAGE_SOURCE = rf"""
          {_DASH}{{1,2}}\s*\d{{1,4}}\s*{_DASH}{{1,2}}          # — 2 —   - 3 -
        | [·•]\s*\d{{1,4}}\s*[·•]                              # · 5 ·
        | 第\s*\d{{1,4}}\s*页(?:\s*[，,/、]?\s*共\s*\d{{1,4}}\s*页)?  # 第 4 页 共 9 页
        | 共\s*\d{{1,4}}\s*页\s*[，,/、]?\s*第\s*\d{{1,4}}\s*页
        | \d{{1,4}}\s*/\s*\d{{1,4}}                             # 6/9
        | (?i:page)\s*\d{{1,4}}(?:\s*(?i:of|/)\s*\d{{1,4}})?    # Page 3 of 9
        """
_PAGE = lazy_re(_PAGE_SOURCE, re.X)
# A line that is only a page number, after a line break: the text is searched with a break put
# before it, so that its first line is one too.  The search opens with the literal break, which
# re skips to (a pattern opening with ^ is tried at every position).
_PAGE_LINE = lazy_re(rf"\n[{_SPACE}]*(?:{_PAGE_SOURCE})[{_SPACE}]*\r?$", re.X | re.M)
# A numbered heading repeated near a page break is text, not a running header.
_HEADING_START = lazy_re(r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]")
_WEB_CHROME = lazy_re(
    r"""
              (?:首页|当前位置|您的位置|您现在的位置|所在位置)[：:]?[^\n]{0,60}?(?:>|＞|»|›|→)[^\n]{0,60}  # breadcrumb
            | (?:【[^【】\n]{1,16}】[ \t\u3000]*){1,6}                # 【打印】【关闭】 【字体：大 中 小】
            | (?:\[[^\[\]\n]{1,8}\][ \t\u3000]*){2,6}             # [打印] [关闭]
            | (?:分享到|分享至)[：:]?[^\n]{0,40}
            | (?:上一篇|下一篇|上一条|下一条)[：:][^\n]{0,80}
            | (?:责任编辑|编辑|审核|校对|终审|来源|信息来源|文章来源|稿源|作者|记者|通讯员|供稿|摄影|发布机构
                |发布日期|发布时间|浏览次数|阅读次数|访问次数|点击数|点击量|字号)[：:][^\n]{0,80}  # label: value
            | 扫一扫[^\n]{0,20} | 网站地图[^\n]{0,60} | 主办单位[：:][^\n]{0,80} | 点击蓝字[^\n]{0,20}
            | 往期推荐 | 阅读原文 | 阅读[ \t]*[\d.]+万?\+?
            | (?:分享|收藏|点赞|在看|转发|推荐)(?:[ \t\u3000]+(?:分享|收藏|点赞|在看|转发|推荐))+
            | (?:\#[^\s\#]{1,20}\#?[ \t\u3000]*){1,10}              # #灵石 #经济工作会议
            | [^\n，]{0,30}?\d{4}-\d{1,2}-\d{1,2}[ \t\u3000]+\d{1,2}:\d{2}[^\n，]{0,40}  # 2026-02-26 18:30
    """,
    re.X,
)


# What a line of chrome opens with: the first character of each alternative of _WEB_CHROME but
# the dated one, which holds "-" and ":" (2026-02-26 18:30).  Other lines are not matched.
_CHROME_OPENINGS = "首当您所【[分上下责编审校终来信文稿作记通供摄发浏阅访点字扫网主往收在转推#"
_CHROME_FIRST = frozenset(_CHROME_OPENINGS)
# The break before a line opening so, found by re in the text with a break put before it (as
# _PAGE_LINE is).
_CHROME_OPENING = lazy_re(rf"\n(?=[{_SPACE}]*[{re.escape(_CHROME_OPENINGS)}])")


def furniture_spans(text: str) -> list[Span]:
    """Spans (stripped line content) of page furniture: page numbers, running headers and
    footers, and web-page chrome."""
    out = page_spans(text) + web_chrome_spans(text)
    return sorted(out)


def web_chrome_spans(text: str) -> list[Span]:
    """Spans of the lines that are a web page's chrome (breadcrumb, byline, buttons, share bar)."""
    out = []
    for begin, stop in _chrome_candidates(text):
        line = text[begin:stop]
        t = line.strip(_SPACE)
        if (
            t
            and (t[0] in _CHROME_FIRST or ("-" in t and ":" in t))
            and len(t) <= 120
            # the chrome holds no sentence: a line with a full stop is text
            and "。" not in t and "；" not in t and "！" not in t and "？" not in t
            and _WEB_CHROME.fullmatch(t)
        ):
            start = begin + line.index(t)
            out.append(Span(start, start + len(t)))
    # The words of the hint are read in the whole text, only when a line is chrome (most texts
    # have none): reading them first cost more than the lines.
    return out if out and _web_hint(text) else []


def _chrome_candidates(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of the lines that may be chrome, in order: those opening with a character of
    _CHROME_FIRST and, in a text holding ":", those holding "-"; found without a look at each
    line (a text with a carriage return gives every line: a lone one breaks a line too)."""
    if "\r" in text:
        return line_spans(text)
    starts = {m.start() for m in _CHROME_OPENING.finditer("\n" + text)}  # one before the line
    if ":" in text:
        dash = text.find("-")
        while dash != -1:
            starts.add(text.rfind("\n", 0, dash) + 1)
            stop = text.find("\n", dash)
            dash = -1 if stop == -1 else text.find("-", stop)
    out = []
    for start in sorted(starts):
        stop = text.find("\n", start)
        out.append((start, len(text) if stop == -1 else stop))
    return out


def page_spans(text: str) -> list[Span]:
    """Spans of page-number lines and of the running headers and footers next to them: a short
    line met at least twice, each time within two lines of a page number."""
    # A page line is looked for first: the hint's dash pattern is tried at every character, the
    # page line at each line's start only (and most texts have none).
    if not _PAGE_LINE.search("\n" + text) or not _page_hint(text):
        return []
    content = [(ln, ln.text.strip(_SPACE)) for ln in LineIndex(text).lines]
    content = [(ln, t) for ln, t in content if t]
    pages = {k for k, (_, t) in enumerate(content) if len(t) <= 20 and _PAGE.fullmatch(t)}
    if not pages:
        return []
    near: dict[str, list[int]] = defaultdict(list)
    for k in sorted({k for p in pages for k in range(p - _NEAR, p + _NEAR + 1)} - pages):
        if 0 <= k < len(content):
            t = content[k][1]
            if len(t) <= _MAX_RUNNING and not _HEADING_START.match(t):
                near[t].append(k)
    keep = sorted(pages.union(*(ks for ks in near.values() if len(ks) >= 2)))
    out = []
    for k in keep:
        ln, t = content[k]
        start = ln.span.start + ln.text.index(t)
        out.append(Span(start, start + len(t)))
    return out
