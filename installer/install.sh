#!/usr/bin/env bash
# Installs a built HOMEPOT Appliance on this machine as a systemd service.
# Run from the project root after `mvn package`:  sudo installer/install.sh [--jdk /path/to/jdk21+]
# Everything is copied from the build; nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ "${1:-}" = "--jdk" ] && JDK="$2"
[ -x "$JDK/bin/java" ] || { echo "no JDK at $JDK (use --jdk)" >&2; exit 1; }
[ -f appliance/target/homepot-appliance.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }

id homepot >/dev/null 2>&1 || useradd --system --home /var/lib/homepot --shell /usr/sbin/nologin homepot
install -d -o root -g root -m 0755 /opt/homepot /opt/homepot/lib /etc/homepot
install -d -o homepot -g homepot -m 0750 /var/lib/homepot
cp appliance/target/homepot-appliance.jar /opt/homepot/
rm -rf /opt/homepot/lib && cp -r appliance/target/lib /opt/homepot/lib
ln -sfn "$JDK" /opt/homepot/jdk
cp README.md /opt/homepot/
[ -f /etc/homepot/homepot.env ] || cat > /etc/homepot/homepot.env <<'ENV'
# HOMEPOT Appliance settings (see README "Configuration"). Uncomment to change.
#HOMEPOT_PORT=8080
#OLLAMA_URL=http://localhost:11434
#HOMEPOT_DB_URL=jdbc:postgresql://127.0.0.1:5432/homepot
#HOMEPOT_DB_USER=homepot
#HOMEPOT_DB_PASSWORD=
#HOMEPOT_DEMO=false
#HOMEPOT_MQTT_URL=tcp://127.0.0.1:1883
#HOMEPOT_MQTT_TOPICS=homepot/ingest/#
ENV
install -m 0644 systemd/homepot-appliance.service /etc/systemd/system/homepot-appliance.service
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now homepot-appliance.service
  echo "installed; status: systemctl status homepot-appliance"
else
  echo "installed files; systemd not running here, start manually with the ExecStart line of the unit"
fi
