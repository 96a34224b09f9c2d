/*
 * hpptpd ctrl: stateless DHCPv6 on one session's link (RFC 8415 6.1),
 * next to ra.c's router advertisements.  When dns6 is configured the
 * advertisements carry the O flag, and Windows then asks for its DNS
 * servers with an Information-request; this answers it (dhcp6.c builds
 * and parses the packets).
 *
 *  - only once IPV6CP is open and master has sent the session's /64,
 *    as for router advertisements: without it the link has no IPv6;
 *  - at most one Reply each INFO6_MIN_GAP_MS: a client retransmits an
 *    unanswered request after 1 s, doubling (RFC 8415 18.2.6, IRT 1 s),
 *    so one lost Reply costs it a retry, and a flood one Reply a second;
 *  - anything else sent to the server port (Solicit, Request..., a
 *    malformed packet) is dropped; the first INFO6_LOG_MAX drops of a
 *    session are logged.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/dhcp6.h"
#include "ctrl/ppp_local.h"

#define INFO6_MIN_GAP_MS	1000
#define INFO6_LOG_MAX		4

static void	info6_drop_log(struct ppp *, const struct dhcp6_req *, int);
static void	info6_conf(const struct ppp *, struct dhcp6_conf *);

static void
info6_drop_log(struct ppp *p, const struct dhcp6_req *req, int rv)
{
	if (p->info6.logged >= INFO6_LOG_MAX)
		return;
	p->info6.logged++;
	if (rv == HP_E_UNSUPP && req->type != 0)
		log_info("sid=%08x DHCPv6: %s (type %u) dropped: only "
		    "Information-request is answered (stateless)",
		    p->sid, dhcp6_type_name(req->type), req->type);
	else if (rv == HP_E_NOTFOUND)
		log_info("sid=%08x DHCPv6: Information-request for another "
		    "server dropped", p->sid);
	else if (rv == HP_E_AGAIN)
		log_info("sid=%08x DHCPv6: Information-request dropped: "
		    "less than %u ms after the last Reply", p->sid,
		    INFO6_MIN_GAP_MS);
	else
		log_info("sid=%08x DHCPv6: packet dropped: %s", p->sid,
		    hp_strerror(rv));
}

static void
info6_conf(const struct ppp *p, struct dhcp6_conf *c)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->ours, p->ipv6cp.ours, sizeof(c->ours));
	memcpy(c->uuid, p->conf->duid_uuid, sizeof(c->uuid));
	c->ndns = p->conf->ndns6 < DHCP6_DNS_MAX ? p->conf->ndns6 :
	    DHCP6_DNS_MAX;
	memcpy(c->dns, p->conf->dns6, 16 * (size_t)c->ndns);
	_Static_assert(sizeof(c->domain) >= sizeof(p->conf->domain),
	    "domain");
	memcpy(c->domain, p->conf->domain, sizeof(p->conf->domain));
}

int
info6_input(struct ppp *p, const uint8_t *pkt, size_t len)
{
	struct dhcp6_conf c;
	struct dhcp6_req req;
	uint8_t out[DHCP6_REPLY_MAX];
	size_t n = 0;
	int rv;

	if (!p->ra.have_prefix || p->ipv6cp.fsm.state != FSM_OPENED)
		return HP_E_AGAIN;
	info6_conf(p, &c);
	if ((rv = dhcp6_parse_ir(pkt, len, &req)) == HP_OK &&
	    p->info6.answered &&
	    p->now - p->info6.last < INFO6_MIN_GAP_MS)
		rv = HP_E_AGAIN;
	if (rv == HP_OK)
		rv = dhcp6_build_reply(&c, &req, out, sizeof(out), &n);
	if (rv != HP_OK) {
		info6_drop_log(p, &req, rv);
		return rv;
	}
	ppp_send(p, PPP_PROTO_IPV6, out, n);
	if (!p->info6.answered)
		log_info("sid=%08x DHCPv6: Information-request answered with "
		    "%u DNS servers%s", p->sid, c.ndns,
		    c.domain[0] != '\0' ? " and the domain" : "");
	p->info6.answered = true;
	p->info6.last = p->now;
	return HP_OK;
}
