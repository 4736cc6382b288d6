#!/bin/sh
# The generated nginx configuration passes `nginx -t`, and routes every
# program's API prefix to that program's socket.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/run" "$tmp/log" "$tmp/nginx"
sed -e "s|@PORT@|18999|g" -e "s|@ROOT@|$ROOT|g" -e "s|@RUN@|$tmp/run|g" \
    -e "s|@LOGS@|$tmp/log|g" -e "s|@NGINX@|$tmp/nginx|g" -e "s|@USER@||g" \
    -e "s|@SIGNIN_RATE@|10r/m|g" -e "s|@SIGNIN_BURST@|10|g" \
    "$ROOT/nginx/msphub.conf.in" > "$tmp/nginx.conf"
pass=0 fail=0
check() {
	if eval "$2"; then pass=$((pass + 1)); else
		echo "FAIL: $1"; fail=$((fail + 1)); fi
}
check "nginx -t accepts the generated file" \
    "nginx -q -t -c '$tmp/nginx.conf' -p '$tmp/nginx' 2>'$tmp/err' || { cat '$tmp/err'; false; }"
check "no @NAME@ left unfilled" "! grep -q '@[A-Z_]*@' '$tmp/nginx.conf'"
for p in session customers; do
	check "a location passes to $p.sock" "grep -q 'unix:$tmp/run/$p.sock' '$tmp/nginx.conf'"
done
check "CSP forbids inline script" \
    "grep -q \"script-src 'self';\" '$tmp/nginx.conf' && ! grep -q unsafe-inline '$tmp/nginx.conf'"
check "frame-ancestors none" "grep -q \"frame-ancestors 'none'\" '$tmp/nginx.conf'"
check "sign-in is rate limited" "grep -A2 'location = /api/v1/session' '$tmp/nginx.conf' | grep -q limit_req"
for h in Content-Security-Policy X-Content-Type-Options Referrer-Policy X-Frame-Options; do
	check "$h is set for every reply (always)" \
	    "grep -q 'add_header $h .* always;' '$tmp/nginx.conf'"
done
# add_header in a location drops every inherited one from its replies
# (nginx's own 429, 413, 502 pages are locations too).
check "no location has an add_header of its own" \
    "awk '/^[ \t]*location /{inside=1; depth=0} inside && /{/{depth++} inside && /add_header/{bad=1} inside && /}/{if (--depth == 0) inside=0} END{exit bad}' '$tmp/nginx.conf'"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
