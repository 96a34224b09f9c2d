/* hpptpd auth: peer address helpers. */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <stdio.h>

#include "auth/peer.h"

void
auth_peer_format(const struct auth_peer *p, char *buf, size_t len)
{
	if (len == 0)
		return;
	if ((p->family == AF_INET || p->family == AF_INET6) &&
	    inet_ntop(p->family, p->addr, buf, (socklen_t)len) != NULL)
		return;
	(void)snprintf(buf, len, "unknown");
}
