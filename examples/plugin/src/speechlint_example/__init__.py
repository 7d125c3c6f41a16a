"""An example speechlint plugin: one rule, EXA001 long-sentence."""

__version__ = "0.1.0"
