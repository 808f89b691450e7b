# Sourced by the benchmarks that need PostgreSQL (search.sh, import.sh): reuses the server of RAMMEVAERK_TEST_POSTGRES
# or starts a throwaway cluster in $work/pg as scripts/test.sh does, and creates a scratch database named
# ${bench_prefix}_<random>. Expects: work, as_root, bench_prefix; sets: pgbin, as_pg, admin_cs, bench_db, pg_cs (the
# caller's cleanup drops the database and stops the cluster).
# libpq-style connection string from a Npgsql one ("Host=…;Port=…;Username=…;Password=…;Database=…").
libpq() { tr ';' '\n' <<<"$1" | sed -E 's/^Host=/host=/I; s/^Port=/port=/I; s/^Username=/user=/I; s/^Password=/password=/I; s/^Database=/dbname=/I' | grep -E '^(host|port|user|password|dbname)=' | tr '\n' ' '; }

if [[ -n ${RAMMEVAERK_TEST_POSTGRES:-} ]]; then
  echo "== reusing the PostgreSQL server of RAMMEVAERK_TEST_POSTGRES"
  base=$RAMMEVAERK_TEST_POSTGRES
else
  if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q 'install ok installed'; then
    echo "== installing postgresql"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
  fi
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [[ -x $pgbin/initdb ]] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql." >&2; exit 1; }
  if [[ $EUID -eq 0 ]]; then as_pg=(runuser -u postgres --); chown -R postgres: "$work"; fi
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$work/pwfile"
  "${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U postgres --pwfile="$work/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; exit 1; }
  port=
  for _ in 1 2 3 4 5 6 7 8; do
    candidate=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi
    # Settings as a small production server would have them (durability included), not the test suite's.
    if "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/postgres.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $candidate -k $work -c shared_buffers=256MB -c work_mem=16MB" >/dev/null; then
      port=$candidate
      break
    fi
  done
  [[ -n $port ]] || { echo "PostgreSQL did not start:" >&2; cat "$work/postgres.log" >&2; exit 1; }
  echo "== PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  base="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
fi
admin_cs=$(libpq "$base")
bench_db="${bench_prefix}_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
psql "$admin_cs" -qc "CREATE DATABASE \"$bench_db\" TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
pg_cs=$(sed -E "s/(^|;)Database=[^;]*/\1Database=$bench_db/I" <<<"$base")
[[ $pg_cs == *"Database=$bench_db"* ]] || pg_cs="$base;Database=$bench_db"

