#!/usr/bin/env bash
# Quality checks at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/quality/run.sh
# Loads the large demo (1,500 services) and two years of checks, then runs load.py.
# BENCH_REQUESTS (default 100) sets how many requests each page gets.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/throwaway-postgres
start_throwaway_postgres
trap stop_throwaway_postgres EXIT
export DATABASE_URL="$THROWAWAY_DATABASE_URL"
# Production settings (DEBUG off), with plain static storage: see bench/common/bench_settings.py.
export PYTHONPATH="$PWD/bench/common"
export DJANGO_SETTINGS_MODULE=bench_settings
export SECRET_KEY=bench-only-not-secret-0123456789abcdef-0123456789abcdef
export ALLOWED_HOSTS=127.0.0.1
.venv/bin/python manage.py migrate -v0
# The demo loader is for local settings (demo sign-ins); its data is the same.
DJANGO_SETTINGS_MODULE=alongside.settings.local .venv/bin/python manage.py seed_demo --scale large --seed 7
DJANGO_SETTINGS_MODULE=alongside.settings.local .venv/bin/python manage.py generate_quality_checks --months 24 --seed 7
.venv/bin/python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
.venv/bin/python bench/quality/load.py
