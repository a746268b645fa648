FROM python:3.11-slim
WORKDIR /srv
COPY pyproject.toml README.md ./
COPY app ./app
COPY migrations ./migrations
# editable: the code and its migrations/ stay together in /srv (app/db/migrations.py finds them there)
RUN pip install --no-cache-dir -e . \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin casegraph
USER casegraph
EXPOSE 8000
CMD ["casegraph", "serve"]
