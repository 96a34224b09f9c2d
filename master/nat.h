/*
 * hpptpd master: `nat on "eth0"` (Poptop's ip_forward + masquerade step).
 *
 * nat_on() enables IPv4 forwarding and installs, in one nftables
 * transaction, its own table
 *
 *	table ip hpptpd {
 *		chain postrouting {
 *			type nat hook postrouting priority 100; policy accept;
 *			oifname "eth0" ip saddr { <pool ranges> } masquerade
 *		}
 *	}
 *
 * replacing any table of that name (left by a crashed run).  nat_off()
 * deletes the table; forwarding is left as it is, since other things on
 * the host may rely on it.  Static addresses outside the pool ranges
 * are not covered.
 *
 * Debian 12 has libnftnl-dev, but master links only libmnl and
 * libutil, so this runs /usr/sbin/nft -f /dev/stdin by fork+exec with a
 * fixed argv and an empty environment (no shell), feeds it the rules on
 * a pipe and waits at most timeout_ms (then SIGKILL).  It is called at
 * startup, reload and shutdown, never per session, and reaps its own
 * child by pid; nft's error output is logged (sanitized).
 */
#ifndef HP_MASTER_NAT_H
#define HP_MASTER_NAT_H

#include "master/pool.h"

#define NAT_TABLE		"hpptpd"
#define NAT_NFT_PATH		"/usr/sbin/nft"
#define NAT_TIMEOUT_DEFAULT_MS	5000

int	nat_on(const char *ifname, const struct pool *, unsigned timeout_ms);
int	nat_off(unsigned timeout_ms);
/* The ruleset nat_on() would load, for `hpptpd -n` and tests. */
int	nat_ruleset(const char *ifname, const struct pool *, char *buf,
	    size_t len);

#endif /* HP_MASTER_NAT_H */
