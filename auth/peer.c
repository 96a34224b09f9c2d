/* hpptpd auth: peer address helpers. */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <stdio.h>

#include "auth/peer.h"

int
auth_peer_family(const struct auth_peer *p)
{
	switch (p->family) {
	case AF_INET:
	case 4:
		return AF_INET;
	case AF_INET6:
	case 6:
		return AF_INET6;
	}
	return 0;
}

void
auth_peer_format(const struct auth_peer *p, char *buf, size_t len)
{
	int af = auth_peer_family(p);

	if (len == 0)
		return;
	if (af != 0 && inet_ntop(af, p->addr, buf, (socklen_t)len) != NULL)
		return;
	(void)snprintf(buf, len, "unknown");
}
