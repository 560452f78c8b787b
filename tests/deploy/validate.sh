#!/usr/bin/env bash
# The ways of running that cannot start here (no Docker engine, no cluster,
# no systemd as init) are checked statically with the real tools: Compose
# parses compose.yml, kustomize renders each overlay and every object is
# validated against the Kubernetes schemas, NGINX tests its configuration as
# each environment renders it, systemd verifies the units.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo" || exit 1
passed=0
failed=0
check() { # description command...
  local description=$1 output
  shift
  if output=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok - $description"
  else
    failed=$((failed + 1)); echo "not ok - $description"; tail -15 <<<"$output" | sed 's/^/    /'
  fi
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check "generate the secrets compose and kustomize read" deploy/generate-secrets
generated_secrets() {
  local problems="" file name
  for file in secrets/jwt_secret kubernetes/base/secrets/jwt_secret; do
    (($(tr -d '\n' <"$file" | wc -c) >= 32)) || problems+="$file: under 32 characters"$'\n'
  done
  cmp -s secrets/jwt_secret kubernetes/base/secrets/jwt_secret || problems+="the two jwt_secret files differ"$'\n'
  # Every secret file has its example, and every example its secret (compose and kustomize).
  for file in secrets/*; do
    name=${file#secrets/}
    [[ $name == *.example || -e secrets/$name.example ]] || problems+="secrets/$name has no .example"$'\n'
    [[ $name != *.example || -e secrets/${name%.example} ]] || problems+="secrets/$name: no such secret is generated"$'\n'
  done
  for file in kubernetes/base/secrets/*; do
    [[ -e kubernetes/base/secrets.example/${file##*/} ]] || problems+="$file has no example in secrets.example/"$'\n'
  done
  for file in kubernetes/base/secrets.example/*; do
    [[ -e kubernetes/base/secrets/${file##*/} ]] || problems+="$file: no such secret is generated"$'\n'
  done
  # Compose bind-mounts the files as they are: the containers' users must be able to read them.
  for file in secrets/* kubernetes/base/secrets/*; do
    [[ $(stat -c %A "$file") == ?r??r??r?? ]] || problems+="$file is not readable by the containers' users"$'\n'
  done
  printf %s "$problems"
  [[ -z $problems ]]
}
check "secrets: jwt_secret of 32+ characters in both places; every secret has its example; readable files" generated_secrets
check "no deployment sets ALLOW_DEV_JWT_SECRET" bash -c "! grep -rn ALLOW_DEV_JWT_SECRET compose.yml Dockerfile deploy kubernetes"

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
compose_jobs_and_media() {
  docker-compose -f compose.yml config >"$work/compose.yaml" || return 1
  /usr/bin/python3 - "$work/compose.yaml" <<'PY'
import sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
def mounts(name):
    found = {}
    for volume in services[name].get("volumes", []):
        source, target, *mode = volume.split(":") if isinstance(volume, str) else (volume["source"], volume["target"])
        found[source] = (target, mode)
    return found
# app, web and jobs mount the one named volume media at the same path; web only reads it.
paths = {name: mounts(name).get("media", (None,))[0] for name in ("app", "web", "jobs")}
assert set(paths.values()) == {"/srv/fcgi-app/media"}, paths
assert mounts("web")["media"][1] == ["ro"], mounts("web")
for name in ("app", "jobs"):
    assert services[name]["environment"]["MEDIA_DIR"] == "/srv/fcgi-app/media", name
assert services["web"]["environment"]["MEDIA_ROOT"] == "/srv/fcgi-app/media"
app = services["app"]
assert app["environment"]["JWT_SECRET_FILE"] == "/run/secrets/jwt_secret"
assert "jwt_secret" in [s if isinstance(s, str) else s["source"] for s in app["secrets"]]
jobs = services["jobs"]
assert jobs["image"] == app["image"] == "fcgi-app:latest", jobs["image"]
assert jobs["command"] == ["jobs"], jobs["command"]
assert jobs["restart"] == "unless-stopped"
assert jobs["healthcheck"].get("disable") or jobs["healthcheck"].get("test") == ["NONE"], "jobs: the image's pool health check is off"
env = jobs["environment"]
for key in ("DATABASE_URL_FILE", "REDIS_URL", "SMTP_URL", "SMTP_FROM", "SMTP_USERNAME_FILE", "SMTP_PASSWORD_FILE"):
    assert env.get(key), f"jobs: {key}"
assert env["SMTP_URL"].startswith(("smtp://", "smtps://")), env["SMTP_URL"]
jobs_secrets = {s if isinstance(s, str) else s["source"] for s in jobs["secrets"]}
for key in ("DATABASE_URL_FILE", "SMTP_USERNAME_FILE", "SMTP_PASSWORD_FILE"):
    assert env[key].removeprefix("/run/secrets/") in jobs_secrets, f"jobs: {key} names no secret it has"
for name in ("migrate", "keydb"):
    assert name in jobs["depends_on"], f"jobs waits for {name}"
PY
}
check "compose: jobs runs fcgi-app jobs; app, jobs and web (read-only) share the media volume; JWT secret as a file" compose_jobs_and_media

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
for kind in ["Namespace", "Service", "StatefulSet", "Job", "Ingress", "ConfigMap", "Secret", "HorizontalPodAutoscaler", "PodDisruptionBudget", "PersistentVolumeClaim"]:
    assert kind in kinds, kind
PY
  check "$overlay: the jobs Deployment runs fcgi-app jobs; app and jobs pods share the media claim; secrets as files" /usr/bin/python3 - "$work/$overlay.yaml" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
def find(kind, name):
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind} {name}: {len(found)} found"
    return found[0]
config = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith("app-config-"))["data"]
media_dir = config["MEDIA_DIR"]
claim = find("PersistentVolumeClaim", "media")
assert set(claim["spec"]["accessModes"]) <= {"ReadWriteMany", "ReadWriteOnce"}, claim["spec"]
def claim_mounts(pod, container):
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"] if "persistentVolumeClaim" in v}
    return [(claims[m["name"]], m["mountPath"], m.get("readOnly", False)) for m in container.get("volumeMounts", []) if m["name"] in claims]
def secret_files(pod, container, env):
    # each *_FILE names a file of a secret volume the container mounts, and the secret holds that key
    secrets = {v["name"]: v["secret"]["secretName"] for v in pod["volumes"] if "secret" in v}
    mounted = {m["mountPath"]: secrets[m["name"]] for m in container["volumeMounts"] if m["name"] in secrets}
    for key, value in env.items():
        if not key.endswith("_FILE"): continue
        folder, file = value.rsplit("/", 1)
        assert folder in mounted, f"{container['name']}: {key} is on no secret volume"
        assert file in find("Secret", mounted[folder]).get("data", {}), f"{container['name']}: {key}: the secret has no {file}"
app = find("Deployment", "app")["spec"]["template"]["spec"]
web, pool = app["containers"]
assert claim_mounts(app, web) == [("media", media_dir, True)], claim_mounts(app, web)
assert {e["name"]: e.get("value") for e in web["env"]}.get("MEDIA_ROOT") == media_dir
assert claim_mounts(app, pool) == [("media", media_dir, False)], claim_mounts(app, pool)
pool_env = {e["name"]: e.get("value") for e in pool["env"]}
assert "JWT_SECRET_FILE" in pool_env, "the pool gets JWT_SECRET_FILE"
secret_files(app, pool, pool_env)
pod = find("Deployment", "jobs")["spec"]["template"]["spec"]
assert len(pod["containers"]) == 1
jobs = pod["containers"][0]
assert jobs["image"] == pool["image"], "jobs runs the pool's image"
assert jobs["args"] == ["jobs"], jobs["args"]
assert pod["securityContext"]["runAsNonRoot"] is True
assert pod["securityContext"]["fsGroup"] == app["securityContext"]["fsGroup"], "one fsGroup owns the media volume"
for key in ("runAsUser", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "capabilities"):
    assert jobs["securityContext"][key] == pool["securityContext"][key], key
assert "requests" in jobs["resources"] and "limits" in jobs["resources"]
assert claim_mounts(pod, jobs) == [("media", media_dir, False)], claim_mounts(pod, jobs)
assert [f["configMapRef"]["name"] for f in jobs["envFrom"]] == [f["configMapRef"]["name"] for f in pool["envFrom"]]
jobs_env = {e["name"]: e.get("value") for e in jobs["env"]}
for key in ("DATABASE_URL_FILE", "SMTP_USERNAME_FILE", "SMTP_PASSWORD_FILE"):
    assert key in jobs_env, key
secret_files(pod, jobs, jobs_env)
assert config["SMTP_URL"].startswith(("smtp://", "smtps://")) and config["SMTP_FROM"], config
PY
done

# NGINX: the same files rendered for each environment pass nginx -t. (Compose's
# upstream is the host "app", which only resolves inside compose: a loopback
# address of the same form stands in for it.)
# Each environment's trusted proxies (X-Forwarded-For believed only from them)
# come from where that environment sets them.
nginx_test() { # name listen upstream media-root trusted-proxies
  local dir=$work/nginx-$1 proxies=$5
  NGINX_LISTEN=$2 FCGI_UPSTREAM=$3 STATIC_ROOT=$repo/html MEDIA_ROOT=$4 NGINX_ACCESS_LOG=$dir/access.log \
    NGINX_TEMP_DIR=$dir/tmp NGINX_TRUSTED_PROXIES=$proxies nginx/render "$dir" &&
    grep -q "alias $4/" "$dir/environment.conf" &&
    [[ $(grep -c '^set_real_ip_from ' "$dir/environment.conf") == $(wc -w <<<"$proxies") ]] &&
    { [[ -z $proxies ]] || grep -q '^real_ip_recursive on;' "$dir/environment.conf"; } &&
    nginx -t -q -p "$dir/" -c "$dir/nginx.conf" -g "pid $dir/nginx.pid; error_log $dir/error.log;"
}
compose_proxies=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open("compose.yml"))["services"]["web"]["environment"]["NGINX_TRUSTED_PROXIES"])')
kubernetes_proxies=$(kubectl kustomize kubernetes/overlays/prod 2>/dev/null | python3 -c '
import sys, yaml
for doc in yaml.safe_load_all(sys.stdin):
    if doc and doc.get("kind") == "Deployment" and doc["metadata"]["name"] == "app":
        web = doc["spec"]["template"]["spec"]["containers"][0]
        print({e["name"]: e.get("value") for e in web["env"]}["NGINX_TRUSTED_PROXIES"])')
check "Kubernetes: the web container trusts the Ingress controller's network" test -n "$kubernetes_proxies"
check "nginx -t: local stack" nginx_test local 127.0.0.1:8080 unix:/run/fcgi-app/app.sock "$repo/.run/media" 127.0.0.2
check "nginx -t: compose" nginx_test compose 8080 127.0.0.1:9000 /srv/fcgi-app/media "$compose_proxies"
check "nginx -t: Kubernetes pod" nginx_test kubernetes 8080 unix:/run/fcgi-app/app.sock /srv/fcgi-app/media "$kubernetes_proxies"
check "nginx -t: VM" nginx_test vm 80 unix:/run/fcgi-app/app.sock /srv/fcgi-app/media ""
check "nginx/render refuses a trusted proxy that is not an address" bash -c \
  "! NGINX_LISTEN=1 FCGI_UPSTREAM=x STATIC_ROOT=x MEDIA_ROOT=x NGINX_ACCESS_LOG=x NGINX_TEMP_DIR='$work/bad/tmp' \
     NGINX_TRUSTED_PROXIES='10.0.0.0/8; evil' nginx/render '$work/bad' 2>/dev/null"
check "the images: the app writes and the web image serves /srv/fcgi-app/media" bash -c \
  "grep -q 'MEDIA_ROOT=/srv/fcgi-app/media' Dockerfile && grep -q 'MEDIA_DIR=/srv/fcgi-app/media' Dockerfile"

# systemd: the units verify once their programs exist where the install puts them.
mkdir -p "$work/units"
for unit in deploy/systemd/*.service; do
  sed -e "s|/usr/local/bin/fcgi-app|$repo/build/fcgi-app|g" -e "s|/etc/fcgi-app/nginx/render|$repo/nginx/render|g" \
    "$unit" >"$work/units/$(basename "$unit")"
done
check "systemd-analyze verify the units (pool, spawn-fcgi pool, jobs, web)" bash -c \
  "[[ -f '$work/units/fcgi-app-jobs.service' ]] && systemd-analyze verify '$work'/units/*.service"
vm_jobs_and_media() {
  local problems="" unit setting
  grep -qx 'ExecStart=/usr/local/bin/fcgi-app jobs' deploy/systemd/fcgi-app-jobs.service || problems+="fcgi-app-jobs.service does not run fcgi-app jobs"$'\n'
  grep -qx 'User=fcgi-app' deploy/systemd/fcgi-app-jobs.service || problems+="fcgi-app-jobs.service: not as fcgi-app"$'\n'
  # The units that write or remove pictures may do so under ProtectSystem=strict.
  for unit in fcgi-app fcgi-app-spawn-fcgi fcgi-app-jobs; do
    grep -q '^ReadWritePaths=.*/srv/fcgi-app/media' "deploy/systemd/$unit.service" || problems+="$unit.service cannot write /srv/fcgi-app/media"$'\n'
  done
  grep -q 'install -d -o fcgi-app -g www-data -m 0750 /srv/fcgi-app/media' deploy/install-vm || problems+="install-vm makes no media folder"$'\n'
  grep -q 'user www-data;' deploy/systemd/fcgi-app-web.service || problems+="NGINX workers are not www-data, the media folder's group"$'\n'
  for setting in JWT_SECRET_FILE=/etc/fcgi-app/jwt_secret MEDIA_DIR=/srv/fcgi-app/media MEDIA_ROOT=/srv/fcgi-app/media SMTP_URL= SMTP_FROM=; do
    grep -q "^$setting" deploy/install-vm || problems+="install-vm writes no $setting"$'\n'
  done
  grep -q 'fcgi-app-jobs.service' deploy/install-vm || problems+="install-vm does not say to enable the jobs unit"$'\n'
  printf %s "$problems"
  [[ -z $problems ]]
}
check "VM: the jobs unit; the media folder written by the pool and jobs units, read by NGINX as www-data" vm_jobs_and_media
check "the VM install script parses" bash -n deploy/install-vm

echo "$passed passed, $failed failed"
((failed == 0))
