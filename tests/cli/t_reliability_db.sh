#!/bin/sh
# Reliability of the database, query and extraction side (issue 22):
# the hostile cases of tests/hostile/db_cases.sh, built from nothing.
# See docs/reliability.md.
. tests/cli/lib.sh
. tests/hostile/db_cases.sh
finish
