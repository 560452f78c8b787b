#!/usr/bin/env bash
# Static checks of what the container test (tests/containers/compose.sh) cannot
# run here: the GitHub workflows, validated offline by GitHub's own parser
# (@actions/workflow-parser), and the Grafana dashboard (no Grafana here), whose
# every query names only metrics /api/metrics exports. Also what lets the
# container test run at all: compose.yml's registry images can be renamed and
# every port it publishes is on 127.0.0.1.
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
parser=tests/deploy/workflow-parser
# Installed from the lock file once (like html/vendor); the check itself is offline.
if [[ ! -d $parser/node_modules/@actions/workflow-parser ]]; then
  (cd "$parser" && npm ci --no-audit --no-fund --loglevel=error) || echo "npm ci failed in $parser"
fi
check "the workflows are valid for GitHub's parser" node "$parser/validate.mjs" .github/workflows/*.yml
bad=$(mktemp --suffix=.yml)
trap 'rm -f "$bad"' EXIT
printf 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    stepz: []\n' >"$bad"
check "and the parser refuses a wrong one" bash -c "! node $parser/validate.mjs $bad"

yaml() { python3 -c 'import sys, yaml, json; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))' "$1"; }
check "ci.yml runs .ci/run" bash -c "$(declare -f yaml); yaml .github/workflows/ci.yml |
  jq -e '[.jobs[].steps[].run // empty] | any(test(\"(^|[ /])\\\\.ci/run\"))'"
check "images.yml builds app and web for amd64 and arm64 and pushes on a tag" bash -c "$(declare -f yaml);
  yaml .github/workflows/images.yml | jq -e '
    ((.on // .[\"true\"]).push.tags | length > 0) and (.jobs.images.strategy.matrix.target | sort == [\"app\", \"web\"]) and
    ([.jobs.images.steps[] | select(.uses // \"\" | startswith(\"docker/build-push-action\")) | .with] |
      length == 1 and (.[0].platforms == \"linux/amd64,linux/arm64\") and .[0].push == true)'"

dashboard=monitoring/grafana/dashboards/fcgi-app.json
check "the dashboard is JSON with panels, each with a query on the provisioned data source" jq -e '
  (.panels | length > 0) and
  all(.panels[]; (.targets | length > 0) and all(.targets[]; .expr != "" and .datasource.uid == "prometheus"))' \
  "$dashboard"
check "the provisioned data source is the dashboard's (uid prometheus)" \
  grep -q 'uid: prometheus' monitoring/grafana/provisioning/datasources/prometheus.yml
exported_metrics() {
  # The platform's own metrics and the gauges other layers collect (jobs/queue.cpp).
  grep -rho '"fcgi_[a-z_]*' fcgi-app/src --include='*.cpp' | tr -d '"' | sort -u
}
unknown_metrics() {
  local name unknown=""
  for name in $(jq -r '.panels[].targets[].expr' "$dashboard" | grep -o 'fcgi_[a-z_]*' | sort -u); do
    exported_metrics | grep -qx "$name" || unknown+="$name "
  done
  echo "not exported: $unknown"
  [[ -z $unknown ]]
}
check "every metric the dashboard queries is one /api/metrics exports" unknown_metrics
dashboard_panels() {
  local title
  for title in "Requests/s by app" "Requests/s by route" "Error rate" "p50 and p99" "KeyDB and PostgreSQL errors" "Workers" \
    "Workers busy" "Job queue depth and dead letters"; do
    jq -e --arg t "$title" 'any(.panels[]; .title | contains($t))' "$dashboard" >/dev/null || { echo "no panel: $title"; return 1; }
  done
}
check "the dashboard shows requests/s by app and route, errors, latency, dependency errors, workers, busy workers, the job queue" dashboard_panels

compose_config() {
  POSTGRES_IMAGE=x/pg KEYDB_IMAGE=x/keydb PROMETHEUS_IMAGE=x/prom GRAFANA_IMAGE=x/grafana WEB_PORT=8199 \
    docker-compose -f compose.yml --profile monitoring --profile mail-sink --profile seed config
}
check "compose.yml's registry images are overridable" bash -c "$(declare -f compose_config); compose_config |
  python3 -c 'import sys, yaml; s = yaml.safe_load(sys.stdin)[\"services\"];
assert [s[n][\"image\"] for n in (\"postgres\", \"keydb\", \"prometheus\", \"grafana\")] == [\"x/pg\", \"x/keydb\", \"x/prom\", \"x/grafana\"], s'"
check "compose.yml publishes ports on 127.0.0.1 only" bash -c "$(declare -f compose_config); compose_config |
  python3 -c 'import sys, yaml; s = yaml.safe_load(sys.stdin)[\"services\"]
ports = [p for v in s.values() for p in v.get(\"ports\", [])]
assert ports and all(str(p).startswith(\"127.0.0.1:\") or (isinstance(p, dict) and p.get(\"host_ip\") == \"127.0.0.1\") for p in ports), ports'"
check "Kubernetes app pods carry Prometheus scrape annotations" bash -c \
  "grep -q 'prometheus.io/scrape: \"true\"' kubernetes/base/app.yaml && grep -q 'prometheus.io/path: /api/metrics' kubernetes/base/app.yaml"

echo "# $passed passed, $failed failed"
((failed == 0))
