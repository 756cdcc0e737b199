# Production image: gunicorn serves the console; the same image runs the Celery worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CONSOLE_ENV=production CONSOLE_VAR_DIR=/data
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY manage.py ./
COPY console ./console
COPY templates ./templates
COPY static ./static

# Static files are collected at build time; the values below exist only for this step.
RUN CONSOLE_SECRET_KEY=build-only-not-secret CONSOLE_ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput \
 && useradd --system --uid 10001 --home /app console \
 && mkdir -p /data/files && chown -R console /data

USER console
EXPOSE 8000
CMD ["gunicorn", "console.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
