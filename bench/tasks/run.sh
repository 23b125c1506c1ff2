#!/usr/bin/env bash
# Background tasks at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/tasks/run.sh
# Loads the large demo (1,500 services), then runs run.py: the p95 of the request that
# queues a rota solve, and a sample of BENCH_SERVICES services (default 40) solved through
# the task queue with 1 and 2 workers beside today's process-pool run of the same services.
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
.venv/bin/python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
.venv/bin/python bench/tasks/run.py
