#!/usr/bin/env bash
# The ways of running that cannot start here (no Docker engine, no cluster,
# no systemd as init) are checked statically with the real tools: Compose
# parses compose.yml, kustomize renders each overlay and every object is
# validated against the Kubernetes schemas, NGINX tests its configuration as
# each environment renders it, systemd verifies the units.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
passed=0
failed=0
check() { # description command...
  local description=$1 output
  shift
  if output=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok - $description"
  else
    failed=$((failed + 1)); echo "not ok - $description"; sed 's/^/    /' <<<"$output" | tail -15
  fi
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check "generate the secrets compose and kustomize read" deploy/generate-secrets

# Compose: a real implementation parses it; every service, secret and volume referenced exists.
check "docker-compose config parses compose.yml" docker-compose -f compose.yml config -q
# Every service, secret and volume referenced exists; secrets only as files.
compose_references() {
  /usr/bin/python3 - <<'PY'
import os, sys, yaml
config = yaml.safe_load(open("compose.yml"))
services, secrets, volumes = config["services"], config.get("secrets", {}), config.get("volumes", {})
problems = []
for name, service in services.items():
    for dependency in service.get("depends_on", {}):
        if dependency not in services: problems.append(f"{name} depends on unknown {dependency}")
    for secret in service.get("secrets", []):
        secret = secret if isinstance(secret, str) else secret["source"]
        if secret not in secrets: problems.append(f"{name} uses unknown secret {secret}")
    for volume in service.get("volumes", []):
        source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
        if source.startswith(("./", "/")):
            if not os.path.exists(source): problems.append(f"{name} mounts missing {source}")
        elif source not in volumes:
            problems.append(f"{name} uses unknown volume {source}")
    for key, value in (service.get("environment") or {}).items():
        if any(word in key for word in ("PASSWORD", "TOKEN", "SECRET", "DATABASE_URL")) and not key.endswith("_FILE"):
            problems.append(f"{name} sets {key} inline")
for name, secret in secrets.items():
    if not os.path.exists(secret["file"]): problems.append(f"secret {name}: missing {secret['file']}")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
}
check "compose: every service, secret and volume referenced exists; secrets only as files" compose_references
check "compose: no version key (Compose Specification)" bash -c "! grep -q '^version:' compose.yml"

# Kubernetes: render each overlay, validate every object against the schemas.
check "kustomize copies of the init script match deploy/postgres/init-roles.sh" cmp kubernetes/base/postgres/init-roles.sh deploy/postgres/init-roles.sh
check "kustomize copy of sql/roles.sql matches" cmp kubernetes/base/postgres/roles.sql sql/roles.sql
for overlay in dev prod; do
  check "kubectl kustomize kubernetes/overlays/$overlay renders" bash -c "kubectl kustomize kubernetes/overlays/$overlay >'$work/$overlay.yaml'"
  check "every $overlay object is valid against the Kubernetes schemas" bash -c "node tools/check-kubernetes.mjs <'$work/$overlay.yaml'"
  check "$overlay: the app pod runs nginx and fcgi-app as non-root on a read-only root" /usr/bin/python3 - "$work/$overlay.yaml" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
app = next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] == "app")
pod = app["spec"]["template"]["spec"]
names = [c["name"] for c in pod["containers"]]
assert names == ["web", "fcgi-app"], names
assert pod["securityContext"]["runAsNonRoot"] is True
for c in pod["containers"]:
    assert c["securityContext"]["readOnlyRootFilesystem"] is True, c["name"]
    assert "resources" in c, c["name"]
web = pod["containers"][0]
assert web["readinessProbe"]["httpGet"]["path"] == "/api/ready"
assert web["livenessProbe"]["httpGet"]["path"] == "/api/health"
kinds = {d["kind"] for d in docs}
for kind in ["Namespace", "Service", "StatefulSet", "Job", "Ingress", "ConfigMap", "Secret", "HorizontalPodAutoscaler", "PodDisruptionBudget"]:
    assert kind in kinds, kind
PY
done

# NGINX: the same files rendered for each environment pass nginx -t. (Compose's
# upstream is the host "app", which only resolves inside compose: a loopback
# address of the same form stands in for it.)
nginx_test() { # name listen upstream
  local dir=$work/nginx-$1
  NGINX_LISTEN=$2 FCGI_UPSTREAM=$3 STATIC_ROOT=$repo/html NGINX_ACCESS_LOG=$dir/access.log NGINX_TEMP_DIR=$dir/tmp \
    nginx/render "$dir" && nginx -t -q -p "$dir/" -c "$dir/nginx.conf" -g "pid $dir/nginx.pid; error_log $dir/error.log;"
}
check "nginx -t: local stack" nginx_test local 127.0.0.1:8080 unix:/run/fcgi-app/app.sock
check "nginx -t: compose" nginx_test compose 8080 127.0.0.1:9000
check "nginx -t: Kubernetes pod" nginx_test kubernetes 8080 unix:/run/fcgi-app/app.sock
check "nginx -t: VM" nginx_test vm 80 unix:/run/fcgi-app/app.sock

# systemd: the units verify once their programs exist where the install puts them.
mkdir -p "$work/units"
for unit in deploy/systemd/*.service; do
  sed -e "s|/usr/local/bin/fcgi-app|$repo/build/fcgi-app|g" -e "s|/etc/fcgi-app/nginx/render|$repo/nginx/render|g" \
    "$unit" >"$work/units/$(basename "$unit")"
done
check "systemd-analyze verify the units" systemd-analyze verify "$work"/units/*.service
check "the VM install script parses" bash -n deploy/install-vm

echo "$passed passed, $failed failed"
((failed == 0))
