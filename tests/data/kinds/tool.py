#!/usr/bin/env python
# A made-up script: counts words, lines and characters, like wc.
import sys
from collections import Counter


def count(path, encoding="utf-8"):
    with open(path, encoding=encoding) as f:
        text = f.read()
    words = Counter(text.split())
    return len(text.splitlines()), len(words), len(text)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        lines, words, chars = count(name)
        print(f"{name}: {lines}, {words}, {chars}")
