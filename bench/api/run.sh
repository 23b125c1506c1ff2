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
source bench/common/large_demo.sh
start_bench_database
load_demo large
analyse_database
.venv/bin/python bench/api/load.py
