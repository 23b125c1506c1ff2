#!/usr/bin/env bash
# Outcome pages at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/outcomes/run.sh
# Loads the large demo (1,500 services, 5,000 people), two years of daily check-ins (about
# 3.65 million), two years of reviews and goals, a year of published rotas (one shift a
# week for each person) and two years of quality checks; recounts the outcome roll-ups;
# then runs load.py. BENCH_REQUESTS (default 100) sets the requests per page.
# BENCH_KEEP=1 leaves the loaded cluster running (it prints its URL and how to stop it);
# BENCH_DATABASE_URL=... measures again on such a cluster without loading anything.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH="$PWD/bench/common"
export DJANGO_SETTINGS_MODULE=bench_settings
export SECRET_KEY=bench-only-not-secret-0123456789abcdef-0123456789abcdef
export ALLOWED_HOSTS=127.0.0.1
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  export DATABASE_URL="$BENCH_DATABASE_URL"
  exec .venv/bin/python bench/outcomes/load.py
fi
source scripts/throwaway-postgres
start_throwaway_postgres
if [ "${BENCH_KEEP:-}" = 1 ]; then
  echo "Kept: BENCH_DATABASE_URL=$THROWAWAY_DATABASE_URL; stop it with:"
  echo "  ${PG_RUN_AS[*]} $PG_BINDIR/pg_ctl -D $PG_TMP/data -m fast stop && rm -rf $PG_TMP"
else
  trap stop_throwaway_postgres EXIT
fi
export DATABASE_URL="$THROWAWAY_DATABASE_URL"
.venv/bin/python manage.py migrate -v0
DJANGO_SETTINGS_MODULE=alongside.settings.local .venv/bin/python manage.py seed_demo --scale large --seed 7
.venv/bin/python manage.py generate_check_ins --days 730 --seed 7 | tail -1
DJANGO_SETTINGS_MODULE=alongside.settings.local .venv/bin/python manage.py generate_quality_checks --months 24 --seed 7 | tail -1
if .venv/bin/python manage.py help seed_review_history >/dev/null 2>&1; then
  .venv/bin/python manage.py seed_review_history --years 2 | tail -1
else
  .venv/bin/python bench/outcomes/seed_history.py --reviews
fi
.venv/bin/python bench/outcomes/seed_history.py --rotas --weeks 52
.venv/bin/python manage.py rebuild_outcome_rollups
.venv/bin/python manage.py shell -v0 -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
.venv/bin/python bench/outcomes/load.py
