/*
 * hpptpd auth: an Access-Request from a login, and what the server's
 * answer means (radius_auth.h).  The challenge in the request is the
 * one master issued for the session (master checked ctrl used it), so
 * a server's yes is a yes to this call only.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth/mschap.h"
#include "auth/radius_auth.h"
#include "common/err.h"
#include "common/rate.h"

/* Offsets in the 49-byte MS-CHAP Response values (auth/verify.h). */
#define V2_PEER_CHAL	0
#define V2_NT_RESP	24
#define V1_NT_RESP	24
#define MS_FLAGS	48

#define FRAMED_IP_POOL	0xfffffffeu	/* 255.255.255.254: NAS's pool */
#define FRAMED_IP_USER	0xffffffffu	/* 255.255.255.255: peer's choice */
#define MS_CHAP_MPPE_KEYS_LEN	32	/* LM key 8, NT key 16, padding 8 */

static int	put_method(struct radius_enc *, const struct auth_req *,
		    const uint8_t *, size_t);
static const char *accept_policy(const struct radius_pkt *,
		    struct radius_verdict *);
static const char *accept_method(const struct radius_pkt *,
		    const struct auth_req *, const struct radius_sent *,
		    const uint8_t *, size_t, struct radius_verdict *);
static void	reject_message(const struct radius_pkt *,
		    const struct auth_req *, struct radius_verdict *);

/* RFC 2865 5.4, 5.5, 5.41, 5.31; RFC 2868 for the tunnel. */
void
radius_put_nas(struct radius_enc *e, uint32_t sid,
    const struct auth_peer *client, const struct radius_nas *nas)
{
	char peer[AUTH_PEER_STRLEN], self[INET_ADDRSTRLEN];

	auth_peer_format(client, peer, sizeof(peer));
	if (nas->id[0] != '\0')
		radius_put_str(e, RA_NAS_IDENTIFIER, nas->id);
	if (nas->ip != 0) {
		radius_put_ip(e, RA_NAS_IP_ADDRESS, ntohl(nas->ip));
		inet_ntop(AF_INET, &nas->ip, self, sizeof(self));
		radius_put_str(e, RA_CALLED_STATION_ID, self);
	}
	/* the sid: stable for the session, unique on this box */
	radius_put_u32(e, RA_NAS_PORT, sid);
	radius_put_u32(e, RA_NAS_PORT_TYPE, RADIUS_NAS_PORT_VIRTUAL);
	radius_put_u32(e, RA_SERVICE_TYPE, RADIUS_SERVICE_FRAMED);
	radius_put_u32(e, RA_FRAMED_PROTOCOL, RADIUS_PROTO_PPP);
	radius_put_str(e, RA_CALLING_STATION_ID, peer);
	radius_put_tagged_u32(e, RA_TUNNEL_TYPE, 0, RADIUS_TUNNEL_PPTP);
	radius_put_tagged_u32(e, RA_TUNNEL_MEDIUM_TYPE, 0, RADIUS_MEDIUM_IPV4);
	radius_put_tagged_str(e, RA_TUNNEL_CLIENT_ENDPOINT, 0, peer);
}

static int
put_method(struct radius_enc *e, const struct auth_req *q,
    const uint8_t *secret, size_t slen)
{
	switch ((enum auth_method)q->method) {
	case AM_PAP:
		if (q->resp_len > RADIUS_PW_MAX)
			return HP_E_FIELD;
		radius_put_user_password(e, q->resp, q->resp_len, secret,
		    slen);
		return HP_OK;
	case AM_CHAP_MD5:
		if (q->resp_len != CHAP_MD5_LEN || q->chal_len < 1)
			return HP_E_FIELD;
		radius_put_chap_password(e, q->chap_id, q->resp);
		radius_put(e, RA_CHAP_CHALLENGE, q->chal, q->chal_len);
		return HP_OK;
	case AM_MSCHAP1:
		/* the LM response is not sent: pppd refuses it too */
		if (q->chal_len != MSCHAP_V1_CHAL_LEN ||
		    q->resp_len != MSCHAP_RESP_LEN ||
		    (q->resp[MS_FLAGS] & 1) == 0)
			return HP_E_FIELD;
		radius_put_vsa(e, RADIUS_VENDOR_MICROSOFT,
		    RA_MS_CHAP_CHALLENGE, q->chal, q->chal_len);
		radius_put_ms_chap_response(e, q->chap_id, q->resp + V1_NT_RESP);
		return HP_OK;
	case AM_MSCHAP2:
		if (q->chal_len != MSCHAP_V2_CHAL_LEN ||
		    q->resp_len != MSCHAP_RESP_LEN)
			return HP_E_FIELD;
		radius_put_vsa(e, RADIUS_VENDOR_MICROSOFT,
		    RA_MS_CHAP_CHALLENGE, q->chal, q->chal_len);
		radius_put_ms_chap2_response(e, q->chap_id,
		    q->resp + V2_PEER_CHAL, q->resp + V2_NT_RESP);
		return HP_OK;
	}
	return HP_E_FIELD;
}

int
radius_auth_request(const struct auth_req *q, const struct radius_nas *nas,
    uint8_t id, const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret,
    size_t slen, uint8_t *buf, size_t cap, size_t *len,
    struct radius_sent *sent)
{
	struct radius_enc e;
	int r;

	*len = 0;
	if (q->user_len == 0 || q->user_len > RADIUS_ATTR_MAX)
		return HP_E_FIELD;
	if ((r = radius_enc_init(&e, buf, cap, RADIUS_ACCESS_REQUEST, id, ra,
	    true)) != HP_OK)
		return r;
	radius_put(&e, RA_USER_NAME, q->user, q->user_len);
	if ((r = put_method(&e, q, secret, slen)) != HP_OK)
		return r;
	radius_put_nas(&e, q->sid, &q->peer, nas);
	return radius_enc_finish(&e, secret, slen, len, sent);
}

/* Service-Type, Framed-Protocol, address, timers, Class, MPPE policy. */
/*
 * The user's rate limits, as billing systems send them: MikroTik's
 * Mikrotik-Rate-Limit ("rx/tx" from the router's side, bit/s), else
 * accel-ppp's Filter-Id ("down/up" in kbit/s).  A Filter-Id that is no
 * such pair names a filter we do not have: it is not a limit, and not
 * a reason to refuse the login.  A malformed Mikrotik-Rate-Limit is
 * ignored the same way (logged by the caller's debug line).
 */
static void
accept_rate(const struct radius_pkt *p, struct radius_verdict *v)
{
	const struct radius_attr *a;
	struct rate_pair r;

	if ((a = radius_find(p, RADIUS_VENDOR_MIKROTIK,
	    RA_MIKROTIK_RATE_LIMIT)) != NULL &&
	    rate_parse_mikrotik((const char *)radius_attr_value(p, a), a->len,
	    &r) == HP_OK)
		;
	else if ((a = radius_find(p, 0, RA_FILTER_ID)) == NULL ||
	    rate_parse((const char *)radius_attr_value(p, a), a->len, 1000,
	    &r) != HP_OK)
		return;
	v->have_rate = true;
	v->down_bps = r.down_bps;
	v->up_bps = r.up_bps;
}

/* MS-*-DNS/NBNS-Server (RFC 2548 2.6), network order, 0 if absent. */
static void
accept_servers(const struct radius_pkt *p, struct radius_verdict *v)
{
	static const uint8_t types[4] = { RA_MS_PRIMARY_DNS,
	    RA_MS_SECONDARY_DNS, RA_MS_PRIMARY_NBNS, RA_MS_SECONDARY_NBNS };
	uint32_t x, *out[4] = { &v->dns[0], &v->dns[1], &v->nbns[0],
	    &v->nbns[1] };
	unsigned i;

	for (i = 0; i < 4; i++)
		if (radius_get_u32(p, RADIUS_VENDOR_MICROSOFT, types[i],
		    &x) == HP_OK)
			*out[i] = htonl(x);
}

/* A dotted quad of s[0..n) into *a (host order). */
static bool
parse_v4(const uint8_t *s, size_t n, uint32_t *a)
{
	char buf[16];

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, a) != 1)
		return false;
	*a = ntohl(*a);
	return true;
}

/* Why RFC 2865 5.22 text "dest[/bits] [gateway [metrics]]" is refused. */
static const char *
parse_route(const uint8_t *s, size_t n, struct m_route *r)
{
	size_t i = 0, j, k;
	unsigned bits = 32;
	uint32_t dst, gw;

	while (i < n && s[i] != '/' && s[i] != ' ')
		i++;
	if (!parse_v4(s, i, &dst))
		return "not an IPv4 prefix";
	if (i < n && s[i] == '/') {
		for (j = i + 1, bits = 0; j < n && j < i + 3 && s[j] >= '0' &&
		    s[j] <= '9'; j++)
			bits = bits * 10 + (unsigned)(s[j] - '0');
		if (j == i + 1 || bits == 0 || bits > 32 ||
		    (j < n && s[j] != ' '))
			return "prefix length not 1..32";
		i = j;
	}
	if (bits < 32 && (dst & ~(0xffffffffU << (32 - bits))) != 0)
		return "host bits set";
	while (i < n && s[i] == ' ')
		i++;
	for (k = i; k < n && s[k] != ' '; k++)
		;
	/* the route is via the session: no gateway, or 0.0.0.0 */
	if (k > i && (!parse_v4(s + i, k - i, &gw) || gw != 0))
		return "a gateway other than 0.0.0.0";
	for (; k < n; k++)		/* metrics: digits and blanks */
		if (s[k] != ' ' && (s[k] < '0' || s[k] > '9'))
			return "metrics not numbers";
	r->addr = htonl(dst);
	r->plen = (uint8_t)bits;
	return NULL;
}

/* One Framed-Route: taken, or counted as refused with why (logged). */
static void
accept_route(const uint8_t *s, size_t n, struct radius_verdict *v)
{
	struct m_route r;
	const char *why;

	memset(&r, 0, sizeof(r));
	if ((why = parse_route(s, n, &r)) == NULL &&
	    v->nroutes >= RADIUS_ROUTES_MAX)
		why = "more than 8 Framed-Routes";
	if (why == NULL) {
		v->routes[v->nroutes++] = r;
		return;
	}
	if (v->routes_refused++ == 0) {
		v->route_why = why;
		v->route_bad_len = (uint8_t)(n < sizeof(v->route_bad) ? n :
		    sizeof(v->route_bad));
		memcpy(v->route_bad, s, v->route_bad_len);
	}
}

/*
 * Framed-IP-Netmask (contiguous), Framed-MTU (>= RADIUS_MTU_MIN),
 * Framed-Pool (a name the config's grammar allows): anything else
 * refuses the login rather than grant less than the server meant.
 */
static const char *
accept_framed(const struct radius_pkt *p, struct radius_verdict *v)
{
	const struct radius_attr *a;
	const uint8_t *s;
	uint32_t x;
	size_t i;

	if (radius_get_u32(p, 0, RA_FRAMED_IP_NETMASK, &x) == HP_OK) {
		if (x == 0 || ((~x) & (~x + 1)) != 0)
			return "framed-ip-netmask-malformed";
		v->netmask = htonl(x);
	}
	if (radius_get_u32(p, 0, RA_FRAMED_MTU, &x) == HP_OK) {
		if (x < RADIUS_MTU_MIN)
			return "framed-mtu-too-small";
		v->mtu = (uint16_t)(x > 65535 ? 65535 : x);
	}
	if ((a = radius_find(p, 0, RA_FRAMED_POOL)) != NULL) {
		s = radius_attr_value(p, a);
		if (a->len > RADIUS_POOL_NAME_MAX)
			return "framed-pool-malformed";
		for (i = 0; i < a->len; i++)
			if (!((s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= 'A' && s[i] <= 'Z') ||
			    (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
			    s[i] == '_' || s[i] == '-'))
				return "framed-pool-malformed";
		memcpy(v->pool, s, a->len);
		v->pool_len = a->len;
	}
	for (a = radius_find(p, 0, RA_FRAMED_ROUTE); a != NULL;
	    a = radius_find_next(p, a))
		accept_route(radius_attr_value(p, a), a->len, v);
	accept_servers(p, v);
	return NULL;
}

/*
 * Framed-IPv6-Prefix (RFC 3162): this user's own /64 instead of one from
 * the ipv6 pool; master takes it only if it is a free /64 of its pool.
 * The session has one prefix: exactly one attribute, a /64 (SLAAC needs
 * it), global unicast or unique local as the pool's are; anything else
 * refuses the login rather than give the user a prefix the server did
 * not mean.  Delegated-IPv6-Prefix (RFC 4818) is for DHCPv6 prefix
 * delegation, which hpptpd does not do: noted for the log, not used.
 */
static const char *
accept_prefix6(const struct radius_pkt *p, struct radius_verdict *v)
{
	const struct radius_attr *a;
	const uint8_t *s;

	v->delegated6 = radius_find(p, 0, RA_DELEGATED_IPV6_PREFIX) != NULL;
	if ((a = radius_find(p, 0, RA_FRAMED_IPV6_PREFIX)) == NULL)
		return NULL;
	if (radius_find_next(p, a) != NULL)
		return "framed-ipv6-prefix-repeated";
	s = radius_attr_value(p, a);	/* the dictionary checked its shape */
	if (s[1] != 64)
		return "framed-ipv6-prefix-not-64";
	if ((s[2] & 0xe0) != 0x20 && (s[2] & 0xfe) != 0xfc)
		return "framed-ipv6-prefix-not-unicast";
	memcpy(v->prefix6, s + 2, sizeof(v->prefix6));
	v->have_prefix6 = true;
	return NULL;
}

static const char *
accept_policy(const struct radius_pkt *p, struct radius_verdict *v)
{
	const struct radius_attr *a;
	const char *why;
	uint32_t x;

	if (radius_get_u32(p, 0, RA_SERVICE_TYPE, &x) == HP_OK &&
	    x != RADIUS_SERVICE_FRAMED)
		return "service-type-not-framed";
	if (radius_get_u32(p, 0, RA_FRAMED_PROTOCOL, &x) == HP_OK &&
	    x != RADIUS_PROTO_PPP)
		return "framed-protocol-not-ppp";
	v->addr_kind = AA_POOL;
	if (radius_get_u32(p, 0, RA_FRAMED_IP_ADDRESS, &x) == HP_OK &&
	    x != FRAMED_IP_POOL) {
		if (x == FRAMED_IP_USER || x == 0)
			return "framed-ip-address-not-allowed";
		v->addr_kind = AA_STATIC;
		v->addr = htonl(x);
	}
	(void)radius_get_u32(p, 0, RA_SESSION_TIMEOUT, &v->session_timeout_s);
	(void)radius_get_u32(p, 0, RA_IDLE_TIMEOUT, &v->idle_timeout_s);
	if (radius_get_u32(p, 0, RA_ACCT_INTERIM_INTERVAL, &x) == HP_OK &&
	    x != 0)
		v->interim_s = x < RADIUS_INTERIM_MIN_S ? RADIUS_INTERIM_MIN_S :
		    x;
	if ((a = radius_find(p, 0, RA_CLASS)) != NULL) {
		v->class_len = a->len;
		memcpy(v->class, radius_attr_value(p, a), a->len);
	}
	accept_rate(p, v);
	if ((why = accept_framed(p, v)) != NULL ||
	    (why = accept_prefix6(p, v)) != NULL)
		return why;
	/* RFC 2548 2.4.4, 2.4.5: only ever narrows master's policy */
	v->mppe = MPPE_POLICY_MASK & ~MPPE_REQUIRED;
	if (radius_get_u32(p, RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_ENC_TYPES,
	    &x) == HP_OK)
		v->mppe = MPPE_ALLOW_STATEFUL |
		    (x & RADIUS_MPPE_TYPES_40 ? MPPE_ALLOW_40 : 0) |
		    (x & RADIUS_MPPE_TYPES_128 ? MPPE_ALLOW_128 : 0);
	if (radius_get_u32(p, RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_ENC_POLICY,
	    &x) == HP_OK && x == 2)
		v->mppe |= MPPE_REQUIRED;
	return NULL;
}

/* The method's proof from the server: MS-CHAP2-Success, MPPE keys. */
static const char *
accept_method(const struct radius_pkt *p, const struct auth_req *q,
    const struct radius_sent *sent, const uint8_t *secret, size_t slen,
    struct radius_verdict *v)
{
	const struct radius_attr *a;
	char succ[RADIUS_MS_CHAP2_SUCC_LEN];
	uint8_t keys[MS_CHAP_MPPE_KEYS_LEN], ident;

	switch ((enum auth_method)q->method) {
	case AM_PAP:
	case AM_CHAP_MD5:
		v->message_len = (size_t)snprintf(v->message,
		    sizeof(v->message), "%s", q->method == AM_PAP ?
		    "Login ok" : "Access granted");
		return NULL;
	case AM_MSCHAP1:
		a = radius_find(p, RADIUS_VENDOR_MICROSOFT,
		    RA_MS_CHAP_MPPE_KEYS);
		if (a != NULL && (a->len != MS_CHAP_MPPE_KEYS_LEN ||
		    radius_pw_unhide(radius_attr_value(p, a), a->len,
		    sent->auth, secret, slen, keys) != HP_OK))
			return "ms-chap-mppe-keys-malformed";
		if (a != NULL) {
			/* its NT key is PasswordHashHash (RFC 2548 2.4.1) */
			mppe_v1_start_key(keys + 8, q->chal, v->send_key);
			memcpy(v->recv_key, v->send_key, sizeof(v->recv_key));
			v->have_keys = true;
			sodium_memzero(keys, sizeof(keys));
		}
		v->message_len = (size_t)snprintf(v->message,
		    sizeof(v->message), "Access granted");
		return NULL;
	case AM_MSCHAP2:
		if (radius_get_ms_chap2_success(p, &ident, succ) != HP_OK)
			return "ms-chap2-success-missing";
		if (ident != q->chap_id)
			return "ms-chap2-success-wrong-ident";
		if (radius_find(p, RADIUS_VENDOR_MICROSOFT,
		    RA_MS_MPPE_SEND_KEY) != NULL) {
			if (radius_get_mppe_keys(p, sent, secret, slen,
			    v->send_key, v->recv_key) != HP_OK)
				return "ms-mppe-keys-malformed";
			v->have_keys = true;
		}
		/* RFC 2759 section 5: "S=<auth_string> M=<message>" */
		v->message_len = (size_t)snprintf(v->message,
		    sizeof(v->message), "%s M=Access granted", succ);
		return NULL;
	}
	return "method-unknown";
}

void
radius_auth_fail_message(const struct auth_req *q, struct radius_verdict *v)
{
	v->message_len = auth_fail_message(q->method, v->message,
	    sizeof(v->message));
}

static bool
is_hex(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'A' && s[i] <= 'F') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/*
 * MS-CHAPv2 on a Reject: the server's MS-CHAP-Error, rebuilt as
 * "E=<code> R=0 C=<its challenge> V=3" (no retry inside the session,
 * no server text for the peer); anything malformed gets our own.
 */
static void
reject_message(const struct radius_pkt *p, const struct auth_req *q,
    struct radius_verdict *v)
{
	const struct radius_attr *a;
	const uint8_t *b, *c;
	unsigned code = 0;
	size_t i, n;

	radius_auth_fail_message(q, v);
	if (q->method != AM_MSCHAP2 || (a = radius_find(p,
	    RADIUS_VENDOR_MICROSOFT, RA_MS_CHAP_ERROR)) == NULL || a->len < 4)
		return;
	b = radius_attr_value(p, a) + 1;	/* after the Ident */
	n = a->len - 1U;
	if (b[0] != 'E' || b[1] != '=')
		return;
	for (i = 2; i < n && i < 6 && b[i] >= '0' && b[i] <= '9'; i++)
		code = code * 10 + (unsigned)(b[i] - '0');
	if (i == 2 || code < 646 || code > 709)
		return;
	for (c = NULL, i = 0; i + 35 <= n; i++)
		if (b[i] == 'C' && b[i + 1] == '=' && is_hex(b + i + 2, 32) &&
		    (i + 34 == n || b[i + 34] == ' ')) {
			c = b + i + 2;
			break;
		}
	if (c == NULL)
		return;
	v->message_len = (size_t)snprintf(v->message, sizeof(v->message),
	    "E=%u R=0 C=%.32s V=3", code, (const char *)c);
}

void
radius_auth_reply(const struct radius_pkt *p, const struct auth_req *q,
    const struct radius_sent *sent, const uint8_t *secret, size_t slen,
    struct radius_verdict *v)
{
	const char *why;

	memset(v, 0, sizeof(*v));
	v->outcome = RO_REJECT;
	if (p->code == RADIUS_ACCESS_REJECT) {
		v->why = "radius-reject";
		reject_message(p, q, v);
		return;
	}
	if (p->code != RADIUS_ACCESS_ACCEPT) {
		/* Access-Challenge: no second round in PPP's CHAP */
		v->why = "radius-challenge-unsupported";
		radius_auth_fail_message(q, v);
		return;
	}
	if ((why = accept_policy(p, v)) == NULL)
		why = accept_method(p, q, sent, secret, slen, v);
	if (why != NULL) {
		sodium_memzero(v, sizeof(*v));
		v->outcome = RO_REJECT;
		v->why = why;
		radius_auth_fail_message(q, v);
		return;
	}
	v->outcome = RO_ACCEPT;
}
