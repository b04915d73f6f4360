"""The matching engine: trainees scored against leadership vacancies (docs/matching.md)."""
