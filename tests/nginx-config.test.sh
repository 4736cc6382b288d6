#!/bin/sh
# The nginx configuration ./stack writes (./stack nginx-config, the very
# code ./stack up uses) passes `nginx -t` and sends every path of
# cgi/programs to its program's socket, with the body limits and the
# sign-in rate limit the programs' route tables call for.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
MSPHUB_PORT=18999 MSPHUB_SIGNIN_RATE=10r/m MSPHUB_SIGNIN_BURST=10 \
    MSPHUB_BIN=${MSPHUB_BIN:-$ROOT} "$ROOT/stack" nginx-config "$tmp" >/dev/null ||
    { echo "FAIL: ./stack nginx-config"; exit 1; }
conf=$tmp/nginx/nginx.conf
api=$tmp/nginx/api.conf
cat "$conf" "$api" > "$tmp/all.conf"
pass=0 fail=0
check() {
	if eval "$2"; then pass=$((pass + 1)); else
		echo "FAIL: $1"; fail=$((fail + 1)); fi
}
check "nginx -t accepts the generated file" \
    "nginx -q -t -c '$conf' -p '$tmp/nginx' 2>'$tmp/err' || { cat '$tmp/err'; false; }"
check "no @NAME@ left unfilled" "! grep -q '@[A-Z_]*@' '$tmp/all.conf'"
# Each path of cgi/programs goes to its program's socket.
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$ROOT/cgi/programs" > "$tmp/programs"
while read -r name paths; do
	for p in $paths; do
		case $p in
		signin:*) loc="location = ${p#signin:} {" ;;
		*) loc="location ~ ^$(printf '%s' "$p" |
		    sed 's/{id}/[1-9][0-9]*/g')(/|\$) {" ;;
		esac
		check "$p goes to $name.sock" \
		    "grep -F -A5 '$loc' '$api' | grep -q 'fastcgi_pass unix:$tmp/run/$name.sock;'"
	done
done < "$tmp/programs"
check "a path with {id} comes before the path it lies under" \
    "[ \$(grep -n 'contacts(/' '$api' | cut -d: -f1) -lt \
       \$(grep -n 'location ~ ^/api/v1/customers(/' '$api' | cut -d: -f1) ]"
check "the bulk import gets 2 x its route's 2 MiB, in memory" \
    "grep -A2 'location = /api/v1/customers/bulk {' '$api' | grep -q 'client_body_buffer_size 2097152;' &&
     grep -A2 'location = /api/v1/customers/bulk {' '$api' | grep -q 'client_max_body_size 4194304;'"
check "other customers routes get 2 x 64 KiB" \
    "grep -F -A1 'location ~ ^/api/v1/customers(/|\$) {' '$api' | grep -q 'client_max_body_size 131072;'"
check "mail comes in from loopback only" \
    "grep -A7 'location = /mailbox/inbound {' '$api' | grep -q 'allow 127.0.0.0/8;' &&
     grep -A8 'location = /mailbox/inbound {' '$api' | grep -q 'deny all;' &&
     ! grep -A8 'location ~ ^/api/v1/mailbox(' '$api' | grep -q 'deny all;'"
check "CSP forbids inline script" \
    "grep -q \"script-src 'self';\" '$conf' && ! grep -q unsafe-inline '$tmp/all.conf'"
check "frame-ancestors none" "grep -q \"frame-ancestors 'none'\" '$conf'"
check "sign-in is rate limited" "grep -A2 'location = /api/v1/session {' '$api' | grep -q 'limit_req zone=signin burst=10 nodelay;'"
for h in Content-Security-Policy X-Content-Type-Options Referrer-Policy X-Frame-Options; do
	check "$h is set for every reply (always)" \
	    "grep -q 'add_header $h .* always;' '$conf'"
done
# add_header in a location drops every inherited one from its replies
# (nginx's own 429, 413, 502 pages are locations too).
check "no location has an add_header of its own" \
    "awk '/^[ \t]*location /{inside=1; depth=0} inside && /{/{depth++} inside && /add_header/{bad=1} inside && /}/{if (--depth == 0) inside=0} END{exit bad}' '$tmp/all.conf'"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
