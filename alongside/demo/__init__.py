"""The demo: made-up organisations, people and records for trying Alongside out and for the
benchmarks (`manage.py seed_demo`, `demo_sign_ins`). Nothing in Alongside imports it; Faker,
which only the demo uses, is a development requirement (ADR 0064)."""
