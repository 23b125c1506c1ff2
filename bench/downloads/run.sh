#!/usr/bin/env bash
# The person's download and "Who has looked" at scale, on a throwaway PostgreSQL cluster on
# 127.0.0.1:
#   bash bench/downloads/run.sh
# Loads the large demo, gives one person 2 years of daily check-ins and 20,000 logged views,
# then runs load.py: the download from "Make my download" to ready through a real worker
# (manage.py db_worker), the JSON alone, and "Who has looked" page 1 and page 100.
# BENCH_REQUESTS (default 100) sets the requests per page; BENCH_DOWNLOADS (default 5) the
# downloads made.
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
.venv/bin/python bench/downloads/load.py
