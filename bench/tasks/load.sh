#!/usr/bin/env bash
# 50 users on their home pages while every service's rota is made, on a throwaway
# PostgreSQL on 127.0.0.1:   bash bench/tasks/load.sh
# BENCH_SCALE (default large) is the demo loaded; see bench/tasks/load.py for the rest.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common/large_demo.sh
start_bench_database
load_demo "${BENCH_SCALE:-large}"
analyse_database
.venv/bin/python bench/tasks/load.py
