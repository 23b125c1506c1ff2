#!/usr/bin/env bash
# Reviews at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/reviews/run.sh
# Loads the large demo (5,000 people, with about two years of reviews and goals each from
# the reviews app's load_large / seed_review_history), then runs load.py.
# BENCH_REQUESTS (default 100) sets the requests per page.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/throwaway-postgres
start_throwaway_postgres
trap stop_throwaway_postgres EXIT
export DATABASE_URL="$THROWAWAY_DATABASE_URL"
export PYTHONPATH="$PWD/bench/common"
export DJANGO_SETTINGS_MODULE=bench_settings
export SECRET_KEY=bench-only-not-secret-0123456789abcdef-0123456789abcdef
export ALLOWED_HOSTS=127.0.0.1
.venv/bin/python manage.py migrate -v0
/usr/bin/time -f "seed_demo large: %e s wall, %M KB peak" \
  env DJANGO_SETTINGS_MODULE=alongside.settings.local .venv/bin/python manage.py seed_demo --scale large --seed 7
.venv/bin/python manage.py seed_review_history --seed 7   # adds nothing: load_large did it
.venv/bin/python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
.venv/bin/python bench/reviews/load.py
