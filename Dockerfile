# Two images from one file (and compose's mail sink):
#   docker build --target app -t fcgi-app .   the FastCGI pool and the jobs worker (fcgi-app serve|jobs|migrate|seed)
#   docker build --target web -t fcgi-app-web .   NGINX with nginx/ and html/
# By default the binary is compiled here and the front-end packages come from
# npm. BINARY_FROM=prebuilt and ASSETS_FROM=prebuilt take them from prebuilt/
# instead (a binary built on Debian 12 with the same libraries, and the
# node_modules files web copies): the container test does so to reuse what CI
# has just built. BuildKit (the default builder since Docker 23, and
# DOCKER_BUILDKIT=1 before) skips the stages a build does not use; the classic
# builder runs them all, so prebuilt/ always exists (its README is committed).
# Both have /srv/fcgi-app/media, owned by the app's user (10001): the named
# volume compose mounts there takes that owner, whichever container mounts it first.
# The binary and the NGINX files are the ones the local stack and CI run.

# The Debian packages of each image, one list per image: a new library adds its
# -dev package to BUILD_PACKAGES and its runtime package to APP_PACKAGES.
ARG BUILD_PACKAGES="build-essential cmake pkg-config libfcgi-dev libpqxx-dev libpq-dev libhiredis-dev \
  libjsoncpp-dev libboost-test-dev libsodium-dev libcurl4-openssl-dev libpng-dev libjpeg62-turbo-dev libwebp-dev zlib1g-dev"
# libfcgi-bin's cgi-fcgi speaks FastCGI for the health check (of `serve`:
# compose turns it off for `jobs`); libcurl4 is the jobs worker's SMTP client;
# libpng16-16, libjpeg62-turbo and libwebp7 decode uploaded pictures.
ARG APP_PACKAGES="libfcgi0ldbl libfcgi-bin libpqxx-6.4 libpq5 libhiredis0.14 libjsoncpp25 libsodium23 libcurl4 \
  libpng16-16 libjpeg62-turbo libwebp7 ca-certificates"
ARG WEB_PACKAGES="nginx gettext-base curl"
ARG BINARY_FROM=source
ARG ASSETS_FROM=npm

FROM debian:bookworm AS binary-source
ARG BUILD_PACKAGES
RUN apt-get update \
 && apt-get install -y --no-install-recommends $BUILD_PACKAGES \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY fcgi-app fcgi-app
COPY sql sql
COPY tests/unit tests/unit
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFCGI_APP_HTTP_TESTS=OFF -DFCGI_APP_CONTAINER_TESTS=OFF \
 && cmake --build build -j"$(nproc)" \
 && build/unit_tests --report_level=short

FROM debian:bookworm-slim AS binary-prebuilt
COPY prebuilt/ /src/build/

FROM binary-${BINARY_FROM} AS build

FROM debian:bookworm-slim AS app
ARG APP_PACKAGES
RUN apt-get update \
 && apt-get install -y --no-install-recommends $APP_PACKAGES \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin fcgi \
 && install -d -o 10001 -g 10001 -m 0755 /srv/fcgi-app/media
COPY --from=build /src/build/fcgi-app /usr/local/bin/fcgi-app
USER 10001:10001
ENV WORKERS=4 MEDIA_DIR=/srv/fcgi-app/media
EXPOSE 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD env REQUEST_METHOD=GET REQUEST_URI=/api/health SCRIPT_NAME=/api/health \
      cgi-fcgi -bind -connect 127.0.0.1:9000 | grep -q '"status":"ok"'
ENTRYPOINT ["/usr/local/bin/fcgi-app"]
CMD ["serve", "--listen", "0.0.0.0:9000"]

FROM debian:bookworm AS assets-npm
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM debian:bookworm-slim AS assets-prebuilt
COPY prebuilt/ /src/

FROM assets-${ASSETS_FROM} AS assets

FROM debian:bookworm-slim AS web
ARG WEB_PACKAGES
RUN apt-get update \
 && apt-get install -y --no-install-recommends $WEB_PACKAGES \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10002 --no-create-home --shell /usr/sbin/nologin web \
 && mkdir -p /run/nginx && chown web /run/nginx \
 && install -d -o 10001 -g 10001 -m 0755 /srv/fcgi-app/media
COPY nginx /etc/fcgi-app/nginx
COPY html /srv/fcgi-app/html
COPY --from=assets /src/node_modules/bootstrap/dist/css/bootstrap.min.css /srv/fcgi-app/html/vendor/bootstrap/
COPY --from=assets /src/node_modules/swagger-ui-dist/swagger-ui-bundle.js /src/node_modules/swagger-ui-dist/swagger-ui.css /srv/fcgi-app/html/vendor/swagger-ui/
COPY deploy/web-entrypoint.sh /usr/local/bin/web-entrypoint
USER 10002:10002
ENV NGINX_LISTEN=8080 FCGI_UPSTREAM=app:9000 STATIC_ROOT=/srv/fcgi-app/html MEDIA_ROOT=/srv/fcgi-app/media \
    NGINX_ACCESS_LOG=/dev/stdout NGINX_TEMP_DIR=/run/nginx/tmp NGINX_RUN_DIR=/run/nginx
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD curl -fsS -o /dev/null http://127.0.0.1:8080/api/health
ENTRYPOINT ["/usr/local/bin/web-entrypoint"]

# compose's mail-sink profile: a mail server that keeps every mail as a file
# (tools/smtp-sink, the local stack's), to see HotSox's mail without a real one.
FROM debian:bookworm-slim AS mail-sink
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-aiosmtpd \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10003 --no-create-home --shell /usr/sbin/nologin mail-sink \
 && install -d -o 10003 -g 10003 -m 0755 /var/mail/sink
COPY tools/smtp-sink /usr/local/bin/smtp-sink
USER 10003:10003
EXPOSE 2525
CMD ["smtp-sink", "--host", "0.0.0.0", "--port", "2525", "--mail-dir", "/var/mail/sink"]
