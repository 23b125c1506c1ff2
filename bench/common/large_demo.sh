# Sourced by the bench/*/run.sh scripts (from the repository root): the settings every bench
# runs with, a throwaway PostgreSQL on 127.0.0.1 (stopped when the script exits), and the
# large demo loaded into it.

# Production settings (DEBUG off) with plain static storage: see bench/common/bench_settings.py.
export PYTHONPATH="$PWD/bench/common"
export DJANGO_SETTINGS_MODULE=bench_settings
export SECRET_KEY=bench-only-not-secret-0123456789abcdef-0123456789abcdef
export ALLOWED_HOSTS=127.0.0.1

# A throwaway cluster, migrated; `keep` leaves it running after the script (it says how to stop it).
start_bench_database() {
  source scripts/throwaway-postgres
  start_throwaway_postgres
  if [ "${1:-}" = keep ]; then
    echo "Kept: BENCH_DATABASE_URL=$THROWAWAY_DATABASE_URL; stop it with:"
    echo "  ${PG_RUN_AS[*]} $PG_BINDIR/pg_ctl -D $PG_TMP/data -m fast stop && rm -rf $PG_TMP"
  else
    trap stop_throwaway_postgres EXIT
  fi
  export DATABASE_URL="$THROWAWAY_DATABASE_URL"
  .venv/bin/python manage.py migrate -v0
}

# The demo at a scale (default large), the same on every run (seed 7), timed. The loader is
# for local settings (demo sign-ins); its data is the same.
load_demo() {
  /usr/bin/time -f "seed_demo ${1:-large}: %e s wall, %M KB peak" \
    env DJANGO_SETTINGS_MODULE=alongside.settings.local \
    .venv/bin/python manage.py seed_demo --scale "${1:-large}" --seed 7
}

# Fresh planner statistics after a bulk load, as a production database would have.
analyse_database() {
  .venv/bin/python manage.py shell -v0 -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
}
