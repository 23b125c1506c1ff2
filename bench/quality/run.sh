#!/usr/bin/env bash
# Quality checks at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/quality/run.sh
# Loads the large demo (1,500 services) and two years of checks, then runs load.py.
# BENCH_REQUESTS (default 100) sets how many requests each page gets.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common/large_demo.sh
start_bench_database
load_demo large
DJANGO_SETTINGS_MODULE=alongside.settings.local .venv/bin/python manage.py generate_quality_checks --months 24 --seed 7
analyse_database
.venv/bin/python bench/quality/load.py
