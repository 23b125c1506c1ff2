#!/usr/bin/env bash
# The API at scale (issue 14), on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/api/run.sh
# Loads the large demo, gives one person 2 years of daily check-ins and a plan history, then
# runs load.py: the FHIR export, list pages 1 and 50 with their queries, and 20 client tokens
# writing check-ins and meeting actions for 60 s (no 5xx, every refused write a 412, nothing
# lost). BENCH_REQUESTS sets the requests per page, BENCH_WRITERS and BENCH_WRITE_SECONDS the
# writers.
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
.venv/bin/python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
.venv/bin/python bench/api/load.py
