#!/usr/bin/env bash
# Everyday at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/everyday/run.sh
# Loads the large demo (5,000 people) and two years of daily check-ins (about 3.65 million
# rows), then runs load.py. BENCH_REQUESTS (default 100) sets the requests per page.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common/large_demo.sh
start_bench_database
load_demo large
.venv/bin/python manage.py generate_check_ins --days 730 --seed 7 | tail -1
analyse_database
.venv/bin/python bench/everyday/load.py
