#!/usr/bin/env bash
# Background tasks at scale, on a throwaway PostgreSQL cluster on 127.0.0.1:
#   bash bench/tasks/run.sh
# Loads the large demo (1,500 services), then runs run.py: the p95 of the request that
# queues a rota solve, and a sample of BENCH_SERVICES services (default 40) solved through
# the task queue with 1 and 2 workers beside today's process-pool run of the same services.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common/large_demo.sh
start_bench_database
load_demo large
analyse_database
.venv/bin/python bench/tasks/run.py
