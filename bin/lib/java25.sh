# Sourced by bin/facesearch and bin/build: sets JAVA25 to a java binary of version 25 or newer.
# Looks at $JAVA_HOME, then /usr/lib/jvm, then `java` on PATH; prints advice and exits 1 when none is found.
# The JDK's `release` file names its version without starting a JVM (~0.2 s saved on every command); a java
# without one is asked.
java_major() {
  local release; release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  if [ -f "$release" ]; then sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"; return; fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

find_java25() {
  local c
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/temurin-25*/bin/java /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [ -x "$c" ] || continue
    if [ "$(java_major "$c")" -ge 25 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}

if ! JAVA25="$(find_java25)"; then
  echo "facesearch: JDK 25 or newer is required; install one (e.g. Temurin 25) and set JAVA_HOME to it" >&2
  exit 1
fi
