# Shared by the load scripts. start_governor PORT: start `java -jar target/governor.jar serve --demo` on a fresh database in
# $WORK on port $1, wait until it answers, and read the demo tokens it printed.
# Sets GOVERNOR_LOG; token ROLE-NAME (e.g. token marketplace-lead) prints that demo user's token.
start_governor() {
  GOVERNOR_LOG="$WORK/governor.log"
  java -jar target/governor.jar serve --port "$1" --db "$WORK/governor.db" --home . --demo > "$GOVERNOR_LOG" 2>&1 &
  until curl -sf -o /dev/null "localhost:$1/health"; do sleep 0.1; done
}
token() { awk "/demo user demo-$1 / {print \$NF}" "$GOVERNOR_LOG"; }
# CPU seconds (user + system) process $1 has used so far, from /proc
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / t}' "/proc/$1/stat"; }
