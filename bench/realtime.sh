#!/usr/bin/env bash
# Realtime fan-out benchmark (not part of verify): builds the server jar and the harness, then runs
# dev.locket.bench.RealtimeBench, e.g.  bench/realtime.sh --subscribers 1000,10000 --transports sse,ws
# BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench.classpath -DincludeScope=runtime
fi
# The load generator holds up to 10k connections: a bigger heap than the HTTP harness, still serial GC.
exec "$JAVA" -XX:+UseSerialGC -Xmx2g -Dlocket.root=. \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" dev.locket.bench.RealtimeBench "$@"
