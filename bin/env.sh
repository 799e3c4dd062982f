# Sourced by bin/demo, bin/test and .ci/run: picks a Java 21+ JDK and sets the JVM flags the appliance needs.
# Override with JAVA_HOME=/path/to/jdk21+ if the detection picks the wrong one.

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }

pick_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/java-2[1-9]-* /usr/lib/jvm/*)
  local c v
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] || continue
    v=$(java_major "$c")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ]; then export JAVA_HOME="$c"; export PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
  done
  echo "error: no Java 21+ JDK found; install one (e.g. Temurin 21/25) and set JAVA_HOME" >&2
  return 1
}

pick_java || exit 1
export DJL_OFFLINE=true
HOMEPOT_JVM_FLAGS="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
export HOMEPOT_JVM_FLAGS
