# Production-like image: multi-stage, Python 3.12 slim, non-root, gunicorn.
FROM python:3.12-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /tmp/requirements.txt
RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.12-slim AS app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    PORT=8000
RUN useradd --create-home --uid 1000 decide
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=decide:decide . /app
# collectstatic needs settings that import: throwaway random keys, never used at run time.
RUN key() { python -c 'import secrets; print(secrets.token_urlsafe(64))'; } \
    && DJANGO_SECRET_KEY=$(key) PARTICIPANT_HASH_KEY=$(key) ADDRESS_HASH_KEY=$(key) \
    ALLOWED_HOSTS=build.invalid python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown -R decide:decide /app/staticfiles /app/media
USER decide
EXPOSE 8000
# gunicorn.conf.py: bind, workers, and an access log without client addresses.
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn -c gunicorn.conf.py cms.wsgi:application"]
