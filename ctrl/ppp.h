/*
 * hpptpd ctrl: one PPP session's control plane (RFC 1661 phases, LCP,
 * authentication, CCP/MPPE, IPCP, DHCPINFORM), independent of IPC.
 *
 * Frames in and out are the 2-byte PPP protocol number followed by the
 * information field: no HDLC/GRE framing, already decrypted by gre.
 * Time is the caller's monotonic clock in milliseconds.  IPv4 addresses
 * are host byte order (10.100.1.1 is 0x0A640101).
 *
 * Callbacks run from inside ppp_start/ppp_input/ppp_timeout/
 * ppp_auth_result/ppp_close.  They must not call ppp_destroy(); after
 * finished() the session sends nothing more and can be reaped by the
 * caller once the call returns.
 */
#ifndef HP_CTRL_PPP_H
#define HP_CTRL_PPP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctrl/ppp_defs.h"	/* the numbers, structs and names */

struct ppp;

/* Defaults: MS-CHAPv2 only, name "pptpd", MRU 1400, echo 10 s x 3,
 * MPPE 128 required and stateless, no addresses. */
void	ppp_conf_defaults(struct ppp_conf *);
/* HP_OK or HP_E_RANGE naming nothing; logs which field is wrong. */
int	ppp_conf_check(const struct ppp_conf *);

/*
 * A session, sid prefixing its log lines.  The configuration is not
 * copied (sessions share one): it must outlive the session.  NULL if
 * it is invalid or memory is short.
 */
struct ppp *ppp_create(const struct ppp_conf *, uint32_t sid,
	    const struct ppp_cb *, void *arg, uint64_t now);
void	ppp_destroy(struct ppp *);

/*
 * The authentication challenge master issued for this session (16
 * bytes; MS-CHAPv1 takes the first 8): CHAP sends it as it stands.
 */
void	ppp_set_challenge(struct ppp *, const uint8_t chal[16]);
/*
 * The session's IPv6 /64 (16 bytes, host bits zero) from master's
 * `ipv6 pool`: advertised on the link (ctrl/ra.c) once IPV6CP opens.
 */
void	ppp_set_prefix6(struct ppp *, const uint8_t prefix[16]);

/*
 * A RADIUS user's DNS and NBNS servers and netmask (host order; a 0
 * netmask keeps the config's), for IPCP and DHCPINFORM: before the
 * verdict, so IPCP never offers the config's.  The servers replace the
 * config's as a set, so a reply with only a primary has no secondary.
 */
void	ppp_set_sess_opts(struct ppp *, const uint32_t dns[2],
	    const uint32_t wins[2], uint32_t netmask);
/* Start LCP: our Configure-Request goes out. */
void	ppp_start(struct ppp *, uint64_t now);
/* One frame from the peer; HP_OK or why it was dropped (no action). */
int	ppp_input(struct ppp *, const uint8_t *frame, size_t len,
	    uint64_t now);
/* Run the timers that are due. */
void	ppp_timeout(struct ppp *, uint64_t now);
/* Earliest deadline (monotonic ms), 0 if none. */
uint64_t ppp_next_deadline(const struct ppp *);
/*
 * Verdict for the last auth_request.  ok: msg is the success message
 * (MS-CHAPv2: "S=<40 hex>" optionally " M=..."), peer_ip the address
 * master assigned.  !ok: msg is the failure message (MS-CHAPv2:
 * "E=691 R=0 C=<32 hex> V=3 M=..."); the session then ends.  The
 * first PPP_AUTH_MSG_MAX bytes are kept (to repeat the answer): master's
 * verdict text (AUTH_MSG_MAX) fits whole.
 * HP_E_PERM when no verdict is awaited.
 */
int	ppp_auth_result(struct ppp *, bool ok, const char *msg,
	    uint32_t peer_ip);
/* End the session: LCP Terminate-Request, then finished(reason). */
void	ppp_close(struct ppp *, const char *reason);
/* The data worker's LCP echoes went unanswered: close, waiting for none. */
void	ppp_link_dead(struct ppp *);

enum ppp_phase	ppp_phase(const struct ppp *);
/* The negotiated method (PPP_AUTH_NONE before LCP opens). */
enum ppp_auth_method ppp_auth_method(const struct ppp *);
/* The peer's MRU (what we may send), capped at 1500. */
uint16_t	ppp_peer_mru(const struct ppp *);
/* Our MRU as negotiated. */
uint16_t	ppp_mru(const struct ppp *);
bool		ppp_is_finished(const struct ppp *);
/* Why the set-up failed, if the session could tell (cause NONE else). */
void		ppp_failure(const struct ppp *, struct ppp_failure *);

#endif /* HP_CTRL_PPP_H */
