#!/bin/sh
# Re-extract the sheet messages and merge them into every catalogue (see docs/languages.md).
set -e
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg --project=briefgen --copyright-holder="briefgen developers" \
    --msgid-bugs-address="" --no-wrap -o briefgen/locale/briefgen.pot .
pybabel update -i briefgen/locale/briefgen.pot -d briefgen/locale -D briefgen --no-wrap \
    --ignore-obsolete --no-fuzzy-matching
