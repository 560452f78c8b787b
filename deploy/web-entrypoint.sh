#!/bin/sh
# The web image: render NGINX's configuration for this container (nginx/render)
# into a writable folder, then run NGINX in the foreground as the image's user.
set -eu
/etc/fcgi-app/nginx/render "$NGINX_RUN_DIR"
exec nginx -p "$NGINX_RUN_DIR/" -c "$NGINX_RUN_DIR/nginx.conf" \
  -g "daemon off; pid $NGINX_RUN_DIR/nginx.pid; error_log stderr warn;"
