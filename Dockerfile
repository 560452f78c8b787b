# syntax=docker/dockerfile:1
# Two images from one file:
#   docker build --target app -t fcgi-app .   the FastCGI pool and the jobs worker (fcgi-app serve|jobs|migrate|seed)
#   docker build --target web -t fcgi-app-web .   NGINX with nginx/ and html/
# Both have /srv/fcgi-app/media, owned by the app's user (10001): the named
# volume compose mounts there takes that owner, whichever container mounts it first.
# The binary and the NGINX files are the ones the local stack and CI run.

FROM debian:bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake pkg-config \
      libfcgi-dev libpqxx-dev libpq-dev libhiredis-dev libjsoncpp-dev libboost-test-dev libsodium-dev libcurl4-openssl-dev \
      libpng-dev libjpeg62-turbo-dev libwebp-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY fcgi-app fcgi-app
COPY sql sql
COPY tests/unit tests/unit
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFCGI_APP_HTTP_TESTS=OFF \
 && cmake --build build -j"$(nproc)" \
 && build/unit_tests --report_level=short

FROM debian:bookworm AS assets
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM debian:bookworm-slim AS app
# Only the runtime libraries; libfcgi-bin's cgi-fcgi speaks FastCGI for the health check
# (of `serve`: compose turns it off for `jobs`); libcurl4 is the jobs worker's SMTP client;
# libpng16-16, libjpeg62-turbo and libwebp7 decode uploaded pictures.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libfcgi0ldbl libfcgi-bin libpqxx-6.4 libpq5 libhiredis0.14 \
      libjsoncpp25 libsodium23 libcurl4 libpng16-16 libjpeg62-turbo libwebp7 ca-certificates \
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

FROM debian:bookworm-slim AS web
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx gettext-base curl \
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
