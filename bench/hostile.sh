#!/usr/bin/env bash
# Hostile files (issue 16): memory and time of the app (Release build, Kestrel, SQLite) when the secretariat uploads
# a PDF bomb (about 1 MB that unpacks to 1 GB) and a normal 40-page attachment, against the same process idle (ratio
# of peak RSS), and of the public combined PDF (/moeder/{id}/pdf/med-bilag) of a meeting whose stored attachment is
# such a bomb (a file stored before the limits) and of one with the normal attachment: the first request (made then)
# and the next (from the cache). See bench/README.md.
# Env: BENCH_BOMB_MB (1024), BENCH_KEEP=1 (keep the temp folder), RAMMEVAERK_SHARED, RAMMEVAERK_CHROMIUM.
set -euo pipefail

BOMB_MB=${BENCH_BOMB_MB:-1024}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${RAMMEVAERK_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
CHROMIUM=${RAMMEVAERK_CHROMIUM:-/usr/bin/chromium}
[[ -d $SHARED/seeds ]] || { echo "no seeds in $SHARED (set RAMMEVAERK_SHARED)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }

TMP=$(mktemp -d /tmp/rammevaerk-bench-hostile.XXXXXX)
APP_PID=''
stop() { [[ -n $1 ]] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() { stop "$APP_PID"; [[ -n ${BENCH_KEEP:-} ]] && echo "kept $TMP" || rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; [[ -f $TMP/app.log ]] && tail -30 "$TMP/app.log" >&2; exit 1; }

free_port() {
    local p
    for p in $(shuf -i 20000-45000 -n 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
    return 1
}
start_app() {  # extra environment
    # Development: the demo accounts sign in with their password alone (production would ask the secretariat for a
    # second factor); everything measured here is the same code in either environment.
    (cd "$TMP/app" && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
        ConnectionStrings__Default="Data Source=$TMP/app.db" Rammevaerk__SharedPath="$SHARED" Pdf__Chromium="$CHROMIUM" \
        Logging__LogLevel__Default=Warning "$@" dotnet Rammevaerk.dll) >>"$TMP/app.log" 2>&1 &
    APP_PID=$!
    for ((i = 0; i < 900; i++)); do
        curl -fso /dev/null "http://127.0.0.1:$PORT/healthz/ready" && return
        kill -0 "$APP_PID" 2>/dev/null || fail "the app exited"
        sleep 0.2
    done
    fail "the app did not start"
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$APP_PID/status"; }
peak_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$APP_PID/status"; }
# Linux resets the peak (VmHWM) to the current RSS when 5 is written to clear_refs.
reset_peak() { echo 5 >"/proc/$APP_PID/clear_refs"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

echo "== publishing src/Rammevaerk (Release)"
dotnet publish "$ROOT/src/Rammevaerk" -c Release -o "$TMP/app" --nologo -v q >"$TMP/publish.log" 2>&1 || fail "dotnet publish"

echo "== making the files: a PDF bomb of $BOMB_MB MB unpacked and a normal 40-page report"
python3 - "$TMP" "$BOMB_MB" <<'PY'
import sys, zlib, os, random
out, bomb_mb = sys.argv[1], int(sys.argv[2])
def pdf(objects):
    parts, offsets = [b"%PDF-1.7\n"], []
    pos = len(parts[0])
    for i, o in enumerate(objects, 1):
        offsets.append(pos)
        if isinstance(o, tuple):
            body = b"%d 0 obj\n" % i + o[0] + b"\nstream\n" + o[1] + b"\nendstream\nendobj\n"
        else:
            body = b"%d 0 obj\n" % i + o + b"\nendobj\n"
        parts.append(body); pos += len(body)
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    parts.append(xref + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, pos))
    return b"".join(parts)
z = zlib.compressobj(9)
block = b" " * (1024 * 1024)
content = b"".join(z.compress(block) for _ in range(bomb_mb)) + z.flush()
open(os.path.join(out, "bomb.pdf"), "wb").write(pdf([
    b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    (b"<< /Length %d /Filter /FlateDecode >>" % len(content), content)]))
random.seed(16)
pages = 40
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 3 * i) for i in range(pages)) + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
w, h = 600, 300
for i in range(pages):
    text = b"BT /F1 11 Tf 50 800 Td 14 TL\n" + b"".join(b"(Side %d, linje %d: Tilbuddet har haft en belaegning paa 93 procent.) '\n" % (i + 1, l + 1) for l in range(50)) + b"ET\nq 400 0 0 200 100 80 cm /Im1 Do Q\n"
    c = zlib.compress(text)
    img = zlib.compress(bytes(random.getrandbits(8) for _ in range(w * h * 3 // 8)) + bytes(w * h * 3 - w * h * 3 // 8))
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 %d 0 R >> >> >>" % (5 + 3 * i, 6 + 3 * i))
    objs.append((b"<< /Length %d /Filter /FlateDecode >>" % len(c), c))
    objs.append((b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>" % (w, h, len(img)), img))
open(os.path.join(out, "report40.pdf"), "wb").write(pdf(objs))
PY
BOMB_BYTES=$(stat -c %s "$TMP/bomb.pdf"); REPORT_BYTES=$(stat -c %s "$TMP/report40.pdf")
echo "   bomb.pdf $(mb $((BOMB_BYTES / 1024))) MB on disk, report40.pdf $(mb $((REPORT_BYTES / 1024))) MB"

echo "== preparing the database (migrations + demo data)"
PORT=$(free_port)
start_app Database__MigrateOnStartup=true DemoData__Load=true
stop "$APP_PID"; APP_PID=''

# Two published meetings get a stored attachment each, written straight into the database as a file uploaded before
# the limits existed would be: one the bomb, one the normal report.
read -r BOMB_MEETING BOMB_ITEM < <(sqlite3 -separator ' ' "$TMP/app.db" \
    "SELECT m.Id, i.Id FROM Meetings m JOIN AgendaItems i ON i.MeetingId = m.Id WHERE m.State = 2 AND i.IsClosed = 0 ORDER BY m.Id LIMIT 1;")
read -r NORMAL_MEETING NORMAL_ITEM < <(sqlite3 -separator ' ' "$TMP/app.db" \
    "SELECT m.Id, i.Id FROM Meetings m JOIN AgendaItems i ON i.MeetingId = m.Id WHERE m.State = 2 AND i.IsClosed = 0 AND m.Id <> $BOMB_MEETING ORDER BY m.Id LIMIT 1;")
[[ -n ${BOMB_ITEM:-} && -n ${NORMAL_ITEM:-} ]] || fail "no published meetings in the demo data"
for pair in "$BOMB_ITEM:bomb.pdf" "$NORMAL_ITEM:report40.pdf"; do
    item=${pair%%:*} file=${pair#*:}
    sqlite3 "$TMP/app.db" "INSERT INTO Attachments (AgendaItemId, SortOrder, FileName, ContentType, Size, Sha256, IsMissing, AddedAt)
        VALUES ($item, 99, '$file', 'application/pdf', $(stat -c %s "$TMP/$file"), NULL, 0, '2026-01-01 00:00:00');
        INSERT INTO AttachmentContents (AttachmentId, Bytes) VALUES (last_insert_rowid(), readfile('$TMP/$file'));"
done
DRAFT_ITEM=$(sqlite3 "$TMP/app.db" "SELECT i.Id FROM Meetings m JOIN AgendaItems i ON i.MeetingId = m.Id WHERE m.State = 0 ORDER BY i.Id LIMIT 1;")
[[ -n $DRAFT_ITEM ]] || fail "no draft meeting in the demo data"

echo "== starting the app to be measured"
start_app
APP="http://127.0.0.1:$PORT"
for _ in 1 2 3; do curl -fso /dev/null "$APP/"; curl -fso /dev/null "$APP/moeder/$BOMB_MEETING"; done

# Sign in as the demo secretariat: the form's antiforgery and one-time tokens, then the cookie.
JAR="$TMP/cookies"
form_field() { grep -o "name=\"$1\" [^>]*value=\"[^\"]*\"\|value=\"[^\"]*\" [^>]*name=\"$1\"" | head -1 | sed 's/.*value="\([^"]*\)".*/\1/'; }
login=$(curl -fs -c "$JAR" -b "$JAR" "$APP/konto/log-ind")
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" "$APP/konto/log-ind" \
    --data-urlencode "__RequestVerificationToken=$(form_field __RequestVerificationToken <<<"$login")" \
    --data-urlencode "__SubmissionToken=$(form_field __SubmissionToken <<<"$login")" \
    --data-urlencode "Input.Email=sekretariat@demo.rammevaerk.dk" --data-urlencode "Input.Password=sekretariat-demo-2026")
[[ $code == 302 ]] || fail "sign-in answered $code"

sleep 3
IDLE_RSS=$(rss_kb); reset_peak; sleep 2; IDLE=$(peak_kb)

upload() {  # file -> "code seconds"; the page's answer in $TMP/answer.html
    local page token submission
    page=$(curl -fs -c "$JAR" -b "$JAR" "$APP/sekretariat/punkter/$DRAFT_ITEM")
    token=$(form_field __RequestVerificationToken <<<"$page"); submission=$(form_field __SubmissionToken <<<"$page")
    curl -s -o "$TMP/answer.html" -w '%{http_code} %{time_total}\n' -c "$JAR" -b "$JAR" \
        -F "__RequestVerificationToken=$token" -F "__SubmissionToken=$submission" -F "file=@$1;type=application/pdf" \
        "$APP/sekretariat/punkter/$DRAFT_ITEM?handler=Upload"
}
measure() {  # label, command...: runs it, prints time and the peak RSS over idle
    local label=$1; shift
    reset_peak
    local out; out=$("$@")
    local peak; peak=$(peak_kb)
    printf '%-58s %6s  %8.2f s  peak %5s MB  (+%4s MB over idle, ratio %.2f)\n' "$label" "${out%% *}" "${out##* }" \
        "$(mb "$peak")" "$(mb $((peak - IDLE)))" "$(awk -v p="$peak" -v i="$IDLE" 'BEGIN { print p / i }')"
    echo "$((peak - IDLE))" >"$TMP/last-over"
}
get() { curl -s -o "$TMP/got.pdf" -w '%{http_code} %{time_total}\n' "$1"; }

echo
echo "idle: RSS $(mb "$IDLE_RSS") MB, peak $(mb "$IDLE") MB"
measure "upload: normal 40-page attachment ($(mb $((REPORT_BYTES / 1024))) MB)" upload "$TMP/report40.pdf"
measure "upload: PDF bomb ($(mb $((BOMB_BYTES / 1024))) MB -> $BOMB_MB MB)" upload "$TMP/bomb.pdf"
BOMB_OVER=$(cat "$TMP/last-over")
grep -q "PDF-bombe" "$TMP/answer.html" && echo "   refused: $(grep -o '[^>]*PDF-bombe[^<]*' "$TMP/answer.html" | head -1 | sed 's/^ *//')" \
    || echo "   NOT refused with the PDF-bomb message"
measure "public PDF with attachments, stored bomb, first request" get "$APP/moeder/$BOMB_MEETING/pdf/med-bilag"
STORED_OVER=$(cat "$TMP/last-over")
measure "public PDF with attachments, stored bomb, next request" get "$APP/moeder/$BOMB_MEETING/pdf/med-bilag"
measure "public PDF with attachments, 40-page report, first request" get "$APP/moeder/$NORMAL_MEETING/pdf/med-bilag"
measure "public PDF with attachments, 40-page report, next request" get "$APP/moeder/$NORMAL_MEETING/pdf/med-bilag"
echo
limit=$((200 * 1024))
verdict() { [[ $1 -lt $limit ]] && echo MET || echo "NOT MET"; }
echo "goal: peak < 200 MB over idle with the bomb. Upload: $(verdict "$BOMB_OVER") (+$(mb "$BOMB_OVER") MB); public PDF with the stored bomb: $(verdict "$STORED_OVER") (+$(mb "$STORED_OVER") MB)"
