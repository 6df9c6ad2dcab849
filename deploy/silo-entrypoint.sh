#!/bin/sh
# Entrypoint of the silo image: sets Orleans__AdvertisedIP to this container's own IPv4 address, then
# runs the command (the silo). Other silos and the proxies reach a silo at the address it advertises,
# so with three replicas of one service each must advertise its own, known only at run time.
#
# Docker writes the container's address into /etc/hosts beside its host name ($HOSTNAME, which Docker
# also sets). Reading it there needs nothing but /bin/sh: the runtime image has no curl, and we do not
# rely on which optional tools (hostname -i, ip, getent) a given base image carries.
# An Orleans__AdvertisedIP given explicitly (docker run -e, compose) wins.
# MESH_HOSTS_FILE (default /etc/hosts) exists for tests.
set -eu

hosts_file="${MESH_HOSTS_FILE:-/etc/hosts}"
# shellcheck disable=SC3028  # not set by sh itself: Docker puts it in every container's environment
host="${HOSTNAME:-}"
if [ -z "$host" ] && [ -r /etc/hostname ]; then
  read -r host </etc/hostname || true
fi

own_ipv4() {
  while read -r address names; do
    case "$address" in
      ''|'#'*|127.*|*:*) continue ;;   # comments, loopback and IPv6 lines
    esac
    for name in $names; do
      if [ "$name" = "$host" ]; then
        echo "$address"
        return 0
      fi
    done
  done <"$hosts_file"
  return 1
}

if [ -z "${Orleans__AdvertisedIP:-}" ]; then
  if [ -z "$host" ] || ! Orleans__AdvertisedIP="$(own_ipv4)"; then
    echo "mesh-silo-entrypoint: cannot start: no IPv4 address for host name '$host' in $hosts_file; set Orleans__AdvertisedIP" >&2
    exit 1
  fi
  export Orleans__AdvertisedIP
fi

exec "$@"
