# Shared by the load scripts. start_governor PORT: start `java -jar target/governor.jar serve --demo` on a fresh database in
# $WORK on port $1, wait until it answers, and read the demo tokens it printed.
# Sets GOVERNOR_LOG and GOVERNOR_PID; token ROLE-NAME (e.g. token marketplace-lead) prints that demo user's token.
# The dates the load uses, so that a run on any day asks about the future (a date that has passed is
# refused): BENCH_DAY a month ahead, BENCH_WEEKS the four ISO weeks from next week on, BENCH_QUIET_WEEK
# ten weeks ahead (a week the load leaves alone).
BENCH_DAY=$(date -u -d '+30 days' +%F)
BENCH_WEEKS=$(for w in 1 2 3 4; do date -u -d "+$w weeks" +%G-W%V; done | tr '\n' ' ')
BENCH_QUIET_WEEK=$(date -u -d '+10 weeks' +%G-W%V)
export BENCH_DAY BENCH_WEEKS BENCH_QUIET_WEEK
# GOVERNOR_JAR: the build to measure (default target/governor.jar) and GOVERNOR_HOME its rules and tables (default .),
# e.g. an older build and its checkout for a side-by-side run
start_governor() {
  GOVERNOR_LOG="$WORK/governor.log"
  java -jar "${GOVERNOR_JAR:-target/governor.jar}" serve --port "$1" --db "$WORK/governor.db" --home "${GOVERNOR_HOME:-.}" --demo > "$GOVERNOR_LOG" 2>&1 &
  GOVERNOR_PID=$!
  until curl -sf -o /dev/null "localhost:$1/health"; do
    # a server left over on the port would answer in its place: stop instead of measuring it
    kill -0 "$GOVERNOR_PID" 2>/dev/null || { echo "Governor did not start: $(tail -1 "$GOVERNOR_LOG")" >&2; exit 1; }
    sleep 0.1
  done
}
# the demo users' tokens are printed once the demo users exist, which may be just after /health answers
token() {
  for _ in $(seq 100); do grep -q "demo user demo-$1 " "$GOVERNOR_LOG" && break; sleep 0.1; done
  awk "/demo user demo-$1 / {print \$NF}" "$GOVERNOR_LOG"
}
# CPU seconds (user + system) process $1 has used so far, from /proc
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / t}' "/proc/$1/stat"; }
# JIT compile time so far, in seconds, of JVM $1 (jstat's compiler counters)
compile_seconds() { jstat -compiler "$1" | awk 'NR == 2 {print $4}'; }
# warm_up PID URL: load the server at URL with wrk ($LUA; WRK_PATH and TOKEN from the environment) in 15 s runs
# until its JIT has settled: at least 60 s, then until a run added under 0.3 s of compile time (1 % of the two cores),
# at most 4 minutes. Drools generates many classes: on 2026-12-01 a check server was still compiling at 1.4 s per
# 10 s after 80 s of load, which would fall on the first measured turns and not on the echo's.
warm_up() {
  local pid=$1 url=$2 runs=0 before after
  after=$(compile_seconds "$pid")
  while :; do
    before=$after
    wrk -t2 -c32 -d15s -s "$LUA" "$url" > /dev/null
    runs=$((runs + 1))
    after=$(compile_seconds "$pid")
    if [ $runs -ge 16 ] || { [ $runs -ge 4 ] && awk -v a="$before" -v b="$after" 'BEGIN {exit !(b - a < 0.3)}'; }; then break; fi
  done
  echo "   warmed up $url for $((runs * 15)) s: JIT $after s in all, $(awk -v a="$before" -v b="$after" 'BEGIN {printf "%.2f", b - a}') s in the last 15 s"
}
