/* hpptpd master: one session as master sees it. */
#ifndef HP_MASTER_SESSION_H
#define HP_MASTER_SESSION_H

#include <netinet/in.h>

#include <stdbool.h>
#include <stdint.h>

#include "common/msg.h"

enum ms_state {
	MS_FREE = 0,
	MS_CONN,	/* control connection handed to ctrl */
	MS_CALL,	/* call open, GRE installed, not authenticated */
	MS_AUTH,	/* auth request forwarded, waiting for auth */
	MS_AUTHED,	/* verdict ok, address assigned */
	MS_UP,		/* IPCP opened, route installed */
	MS_DOWN,	/* tearing down, waiting for gre's counters */
};
const char	*msess_state_name(enum ms_state);
const char	*msess_mppe_name(uint32_t mppe_bits);

struct msess {
	uint32_t	 sid;
	enum ms_state	 state;
	struct m_addr	 peer;
	uint16_t	 call_id;
	uint16_t	 peer_call_id;
	struct in_addr	 ip;
	bool		 ip_held;	/* pool or static address taken */
	bool		 ip_static;
	bool		 route_added;
	bool		 proxyarp_added;
	unsigned int	 proxyarp_if;
	bool		 gre_added;
	bool		 keys_permit;	/* one MSG_SESSION_KEYS allowed */
	bool		 refused;	/* auth ok but master said no */
	bool		 kicked;	/* waiting for ctrl to close it */
	bool		 was_up;
	bool		 counted_user;
	char		 user[AUTH_NAME_MAX + 1];	/* sanitized */
	uint8_t		 method;
	uint32_t	 mppe_rx;
	uint32_t	 mppe_tx;
	uint32_t	 reason;	/* enum sess_reason */
	uint64_t	 t_start;
	uint64_t	 t_up;
	uint64_t	 deadline;	/* setup, kick or stats timeout */
	uint64_t	 stats_at;	/* when gre last reported; 0: never */
	bool		 stats_final;	/* gre's answer to its delete */
	struct m_gre_stats stats;	/* the latest gre reported */
};

#endif
