# syntax=docker/dockerfile:1
# One image for every app; choose the app with the command:
#   node dist/apps/monitor/src/main.js    (default: embedded monitor)
#   node dist/apps/ingestor/src/main.js   (Kafka consumer)
#   node dist/apps/api/src/main.js        (HTTP API)
#   node dist/apps/cli/src/main.js migrate
#   node dist/apps/simulator/src/main.js --target kafka
# Debian (glibc), not Alpine: the embedded engine (chdb) ships a glibc build.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm install honours the lock file; npm ci would refuse it (see .ci/run).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
LABEL org.opencontainers.image.title="datashare-monitor" \
      org.opencontainers.image.description="DataShare Monitor: monitor, ingestor, api, cli and simulator apps"
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only for the app user: the image runs with a read-only root file system.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# No data directory is baked in. The ingestor and the api (CLICKHOUSE_URL and SUBJECT_HMAC_KEY
# set) write nothing locally, so they run with a read-only root file system. To run the embedded
# monitor from this image, mount a volume writable by UID 1000 and point DATA_DIR at it.
# The node user by its numeric id, so that Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3000
# Every server app stops on SIGTERM: the consumer flushes and commits (up to 20 s), then exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/monitor/src/main.js"]
