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
source bench/common/large_demo.sh
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  export DATABASE_URL="$BENCH_DATABASE_URL"
  exec .venv/bin/python bench/outcomes/load.py
fi
if [ "${BENCH_KEEP:-}" = 1 ]; then start_bench_database keep; else start_bench_database; fi
load_demo large
.venv/bin/python manage.py generate_check_ins --days 730 --seed 7 | tail -1
DJANGO_SETTINGS_MODULE=alongside.settings.local .venv/bin/python manage.py generate_quality_checks --months 24 --seed 7 | tail -1
if .venv/bin/python manage.py help seed_review_history >/dev/null 2>&1; then
  .venv/bin/python manage.py seed_review_history --years 2 | tail -1
else
  .venv/bin/python bench/outcomes/seed_history.py --reviews
fi
.venv/bin/python bench/outcomes/seed_history.py --rotas --weeks 52
.venv/bin/python manage.py rebuild_outcome_rollups
analyse_database
.venv/bin/python bench/outcomes/load.py
