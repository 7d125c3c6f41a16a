"""Character classes shared by rules (for the ``regex`` module)."""

HAN = r"\p{Han}"
#: Full-width (CJK) punctuation that can stand next to a half-width mark in Chinese context.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—·「」『』"
#: Han or CJK punctuation: what makes a neighbour "Chinese".
CJK = rf"[\p{{Han}}{CJK_PUNCT}]"
#: URLs and e-mail addresses: never touched by punctuation rules.
URL_OR_EMAIL = (
    r"(?:https?|ftp)://[^\s\p{Han}，。；：！？、（）“”《》]+"
    r"|www\.[A-Za-z0-9.-]+[^\s\p{Han}，。；：！？、（）“”《》]*"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
)

#: The code points of ``\p{Han}`` as a character class body for the standard library's ``re``
#: (which has no ``\p``): a scan over a long text with ``re`` is several times faster.  Taken
#: from the ``regex`` module's tables; tests/test_charclass.py keeps the two equal.
RE_HAN = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
    "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
    "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479"
)
