# Sourced by the root commands (./rehearse, ./rehearse-twoway, ./rehearse-migration, ./status, ./appmap, ./heartbeat, ./cleanup):
#   launch MODULE MAIN_CLASS [JVM_OPTION...] -- [ARG...]
# runs MAIN_CLASS from MODULE's runnable jar (MODULE/target/MODULE.jar + target/lib) on a JDK 21 or
# newer, building the jar first when it is missing or older than the sources it is made of. Maven
# picks its own JDK >= 21 (toolchains); the default `java` here may be older, so one is looked for.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COMMAND=$(basename "$0")

java_ok() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); exit !(v[1] >= 21) }'; }

pick_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java_ok "$JAVA_HOME/bin/java"; then echo "$JAVA_HOME/bin/java"; return; fi
  if command -v java >/dev/null && java_ok java; then command -v java; return; fi
  for j in /usr/lib/jvm/*/bin/java "$HOME"/.jdks/*/bin/java /opt/java/*/bin/java; do
    [ -x "$j" ] && java_ok "$j" && { echo "$j"; return; }
  done
  echo "$COMMAND: no JDK 21 or newer found (set JAVA_HOME)" >&2; exit 2
}

# What each runnable module is built from. The operator tools need neither the local cloud nor
# the Node engine, so their build leaves out npm (profile engine-npm).
sources_of() {
  case "$1" in
    operator) echo "pom.xml functions/pom.xml functions/src/main operator/pom.xml operator/src/main" ;;
    rehearsal) echo "pom.xml functions/pom.xml functions/src operator/pom.xml operator/src rehearsal/pom.xml rehearsal/src statemachines" ;;
    *) echo "$COMMAND: unknown module $1" >&2; exit 2 ;;
  esac
}

build_if_stale() {
  local module=$1 jar=$1/target/$1.jar stale=""
  # shellcheck disable=SC2046 # the source list is word-split on purpose
  if [ ! -f "$jar" ]; then stale=yes
  elif [ -n "$(find $(sources_of "$module") -newer "$jar" -type f -not -path '*/node_modules/*' 2>/dev/null | head -1)" ]; then stale=yes
  elif [ "$module" = rehearsal ] && [ ! -d statemachines/node_modules ]; then stale=yes
  fi
  if [ -n "$stale" ]; then
    echo "building $module (first run or sources changed)..." >&2
    if [ "$module" = rehearsal ]; then
      mvn -q -B -DskipTests -pl "$module" -am package >&2
    else
      mvn -q -B -DskipTests -P '!engine-npm' -pl "$module" -am package >&2
    fi
  fi
}

launch() {
  local module=$1 main=$2 java
  shift 2
  local jvm=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do jvm+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  java=$(pick_java)
  build_if_stale "$module"
  exec "$java" "${jvm[@]}" -cp "$module/target/$module.jar" "$main" "$@"
}
