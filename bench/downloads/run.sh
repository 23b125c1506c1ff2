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
source bench/common/large_demo.sh
start_bench_database
load_demo large
analyse_database
.venv/bin/python bench/downloads/load.py
