#!/bin/sh
# make run: the server in the foreground on the built-in default
# configuration, with a generated demo secrets file (mode 0600).
set -eu
: "${HP_BUILD:?}"
dir=$(mktemp -d /tmp/hpptpd-run.XXXXXX)
trap 'rm -rf "$dir"' EXIT INT TERM
pw=$(head -c 9 /dev/urandom | base64 | tr -d '/+=' | cut -c1-12)
umask 077
printf '"demo" * "%s" *\n' "$pw" > "$dir/chap-secrets"
printf '# built-in defaults; only the secrets file differs\nsecrets "%s"\n' \
    "$dir/chap-secrets" > "$dir/hpptpd.conf"
echo "hpptpd demo: user 'demo', password '$pw' (secrets in $dir/chap-secrets)"
echo "hpptpd demo: listening on TCP 1723; Ctrl-C stops it"
"$HP_BUILD/hpptpd" -d -f "$dir/hpptpd.conf" || true
