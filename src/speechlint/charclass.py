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
