/*
 * hpptpd: the control protocol between hpptpctl and master.
 *
 * Transport: a unix SOCK_SEQPACKET socket (conf "control", default
 * CTL_DEFAULT_PATH), root-owned, mode 0600, and master also checks
 * SO_PEERCRED: only uid 0 may talk to it.  One request per connection.
 *
 * Request: one datagram of at most CTL_REQ_MAX bytes of ASCII text,
 * optionally ending in one '\n':
 *	list | show sessions		every session, one line each
 *	show SID | show session SID	one session in detail
 *	kick SID			end a session (reason kick)
 *	limit SID DOWN/UP		set a session's rate limits, bit/s
 *					(common/rate.h), "-/-" for none
 *	stats				counters, limits, workers
 *	metrics				the same and more, OpenMetrics text
 *	reload				re-read the configuration (as SIGHUP)
 * Words are lower case and separated by exactly one space.  SID is
 * "0x" and 1 to 8 hex digits, or 1 to 10 decimal digits; 1..2^32-1.
 *
 * Reply: one or more datagrams of at most CTL_CHUNK_MAX bytes, each a
 * kind byte and text.  CTL_R_DATA records carry whole lines of output;
 * exactly one CTL_R_OK or CTL_R_ERR record ends the reply (its text, if
 * any, is a message for the user), then master closes the connection.
 * A connection that ends without that record failed.
 *
 * Both sides include this header: master (master/control*.c) serves
 * the protocol, hpptpctl speaks it.  ctl_parse_request() and
 * ctl_parse_sid() are pure: bytes in, a filled result or an enum
 * hp_err out, nothing else.
 */
#ifndef HP_COMMON_CTL_PROTO_H
#define HP_COMMON_CTL_PROTO_H

#include <stddef.h>
#include <stdint.h>

#define CTL_DEFAULT_PATH	"/run/hpptpd.sock"
#define CTL_REQ_MAX		64	/* request bytes, '\n' included */
#define CTL_CHUNK_MAX		4096	/* reply datagram, kind byte included */
#define CTL_TIMEOUT_MS		5000	/* master's deadline to send a
					   request, or to read the next
					   reply chunk */

/* Reply record kinds (first byte of each reply datagram). */
#define CTL_R_DATA		'D'
#define CTL_R_OK		'K'
#define CTL_R_ERR		'E'

enum ctl_cmd {
	CTL_NONE = 0,
	CTL_LIST,
	CTL_SHOW,
	CTL_KICK,
	CTL_STATS,
	CTL_RELOAD,
	CTL_LIMIT,
	CTL_METRICS,
	CTL_NCMDS
};

struct ctl_req {
	enum ctl_cmd	 cmd;
	uint32_t	 sid;	/* CTL_SHOW, CTL_KICK, CTL_LIMIT; else 0 */
	uint64_t	 down_bps;	/* CTL_LIMIT */
	uint64_t	 up_bps;
};

const char	*ctl_cmd_name(enum ctl_cmd);
/*
 * Parse one request datagram.  HP_OK and *req filled, or:
 *	HP_E_SHORT	empty request
 *	HP_E_LONG	more than CTL_REQ_MAX bytes
 *	HP_E_FORMAT	a byte outside printable ASCII, bad spacing, or an
 *			unknown command
 *	HP_E_BADLEN	a missing or an extra argument
 *	HP_E_RANGE	SID malformed, zero or above 2^32-1, or a rate
 *			not DOWN/UP within common/rate.h's bounds
 * On error *req is CTL_NONE.
 */
int	ctl_parse_request(const uint8_t *, size_t, struct ctl_req *);
/* One SID word (n bytes, no NUL needed): HP_OK, or HP_E_RANGE and 0. */
int	ctl_parse_sid(const uint8_t *, size_t n, uint32_t *sid);

#endif /* HP_COMMON_CTL_PROTO_H */
