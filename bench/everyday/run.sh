#!/usr/bin/env bash
# Everyday at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/everyday/run.sh
# Loads the large demo (5,000 people) and two years of daily check-ins (about 3.65 million
# rows), then runs load.py. BENCH_REQUESTS (default 100) sets the requests per page.
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
DJANGO_SETTINGS_MODULE=alongside.settings.local .venv/bin/python manage.py seed_demo --scale large --seed 7
.venv/bin/python manage.py generate_check_ins --days 730 --seed 7 | tail -1
.venv/bin/python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
.venv/bin/python bench/everyday/load.py
