/*
 * hpptpd auth: the peer's (PPTP client's) source address as auth sees it:
 * plain data that crosses the socketpair as is.
 */
#ifndef HP_AUTH_PEER_H
#define HP_AUTH_PEER_H

#include <stddef.h>
#include <stdint.h>

#define AUTH_PEER_STRLEN	46	/* INET6_ADDRSTRLEN */

struct auth_peer {
	uint8_t	family;		/* AF_INET or 4, AF_INET6 or 6; else
				   unknown (m_addr in common/msg.h uses 4/6) */
	uint8_t	addr[16];	/* AF_INET: the first 4 bytes, network order */
};

/* AF_INET, AF_INET6, or 0 for an unknown family. */
int	auth_peer_family(const struct auth_peer *);
/* "198.51.100.7", "2001:db8::1", or "unknown" for any other family. */
void	auth_peer_format(const struct auth_peer *, char *buf, size_t len);

#endif /* HP_AUTH_PEER_H */
