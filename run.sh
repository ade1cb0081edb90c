#!/usr/bin/env bash
# Set up xxgk and run it: the README's first command.
#   ./run.sh                 the web application on SQLite (data in ./data), http://127.0.0.1:8000/
#   ./run.sh demo            demonstration data and accounts (printed), then the web application
#   ./run.sh parse FILE...   any other xxgk command
set -euo pipefail
cd "$(dirname "$0")"
export PIP_DISABLE_PIP_VERSION_CHECK=1
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q -e ".[all]"
if [ $# -eq 0 ]; then set -- serve; fi
if [ "$1" = demo ]; then .venv/bin/xxgk "$@"; set -- serve; fi
exec .venv/bin/xxgk "$@"
