#!/usr/bin/env bash
# Builds the server jar (bootstrap) and the harness, then runs dev.locket.bench.Main with the
# given arguments, e.g.  bench/run.sh --profile quick   or   bench/run.sh --only-raw
# BENCH_SKIP_BUILD=1 skips the Maven build; BENCH_JAVA=/path/to/java picks the JVM (>= 21).
set -euo pipefail
cd "$(dirname "$0")/.."

find_java() {
  if [ -n "${BENCH_JAVA:-}" ]; then echo "$BENCH_JAVA"; return; fi
  local best="" best_v=0 v
  for rel in /usr/lib/jvm/*/release; do
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ] && [ -x "$(dirname "$rel")/bin/java" ]; then
      best="$(dirname "$rel")/bin/java"; best_v=$v
    fi
  done
  [ -n "$best" ] || { echo "no JDK >= 21 under /usr/lib/jvm; set BENCH_JAVA" >&2; exit 2; }
  echo "$best"
}
JAVA=$(find_java)

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # -am builds bootstrap too (bench declares it as a provided dependency), so locket.jar is fresh.
  ./mvnw -q -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench.classpath -DincludeScope=runtime
fi

# Serial GC and a bounded heap keep the load generator light next to the server (WORKLOAD §1).
exec "$JAVA" -XX:+UseSerialGC -Xmx1g --enable-native-access=ALL-UNNAMED \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" dev.locket.bench.Main "$@"
