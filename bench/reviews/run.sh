#!/usr/bin/env bash
# Reviews at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/reviews/run.sh
# Loads the large demo (5,000 people, with about two years of reviews and goals each from
# the demo's reviews loader, load_large / seed_review_history), then runs load.py.
# BENCH_REQUESTS (default 100) sets the requests per page.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common/large_demo.sh
start_bench_database
load_demo large
.venv/bin/python manage.py seed_review_history --seed 7   # adds nothing: load_large did it
analyse_database
.venv/bin/python bench/reviews/load.py
