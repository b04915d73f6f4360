# The production image: assets built from npm, served by gunicorn with whitenoise.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY scripts/build_assets.py scripts/
COPY static/ static/
RUN apt-get update -qq && apt-get install -y -qq python3 >/dev/null && python3 scripts/build_assets.py

FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
RUN useradd --create-home --uid 1000 app
COPY pyproject.toml ./
COPY config/ config/
COPY accounts/ accounts/
COPY trainees/ trainees/
COPY schemes/ schemes/
COPY mentoring/ mentoring/
COPY pipeline/ pipeline/
RUN pip install .
COPY . .
COPY --from=assets /app/static/dist static/dist
# collectstatic needs settings to import; these throwaway values never reach runtime.
RUN SECRET_KEY=build-only-secret-key-build-only-secret-key-build-only \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --no-input
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", "--access-logfile", "-"]
