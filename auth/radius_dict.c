/*
 * hpptpd auth: the RADIUS dictionary, one row per attribute the codec
 * knows.  Bounds are value bytes; a row's limits are the tightest the
 * RFC allows for what hpptpd does with the attribute, so a value that
 * passes here can be copied into a fixed field of the size `max`.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "auth/radius_defs.h"
#include "auth/radius_dict.h"

#define MS	RADIUS_VENDOR_MICROSOFT
#define MT	RADIUS_VENDOR_MIKROTIK
#define A	RADIUS_ATTR_MAX
/* A VSA sub-attribute value: 253 minus Vendor-Id (4) and its own header. */
#define V	(RADIUS_ATTR_MAX - 6)

static const struct radius_dict radius_dict[] = {
	/* vendor type                    kind        min max flags   name */
	{ 0, RA_USER_NAME,		RK_STRING,	1, A, RD_ONCE, "User-Name" },
	{ 0, RA_USER_PASSWORD,		RK_HIDDEN,	16, RADIUS_PW_MAX, RD_ONCE, "User-Password" },
	{ 0, RA_CHAP_PASSWORD,		RK_OCTETS,	17, 17, RD_ONCE, "CHAP-Password" },
	{ 0, RA_NAS_IP_ADDRESS,		RK_IPADDR,	4, 4, RD_ONCE, "NAS-IP-Address" },
	{ 0, RA_NAS_PORT,		RK_INTEGER,	4, 4, RD_ONCE, "NAS-Port" },
	{ 0, RA_SERVICE_TYPE,		RK_INTEGER,	4, 4, RD_ONCE, "Service-Type" },
	{ 0, RA_FRAMED_PROTOCOL,	RK_INTEGER,	4, 4, RD_ONCE, "Framed-Protocol" },
	{ 0, RA_FRAMED_IP_ADDRESS,	RK_IPADDR,	4, 4, RD_ONCE, "Framed-IP-Address" },
	{ 0, RA_FRAMED_IP_NETMASK,	RK_IPADDR,	4, 4, RD_ONCE, "Framed-IP-Netmask" },
	{ 0, RA_FILTER_ID,		RK_STRING,	1, A, 0,       "Filter-Id" },
	{ 0, RA_FRAMED_MTU,		RK_INTEGER,	4, 4, RD_ONCE, "Framed-MTU" },
	{ 0, RA_REPLY_MESSAGE,		RK_STRING,	1, A, 0,       "Reply-Message" },
	{ 0, RA_FRAMED_ROUTE,		RK_STRING,	1, A, 0,       "Framed-Route" },
	{ 0, RA_STATE,			RK_OCTETS,	1, A, RD_ONCE, "State" },
	{ 0, RA_CLASS,			RK_OCTETS,	1, A, 0,       "Class" },
	/* Vendor-Id and, for walked vendors, at least one 2-byte header */
	{ 0, RA_VENDOR_SPECIFIC,	RK_VSA,		5, A, 0,       "Vendor-Specific" },
	{ 0, RA_SESSION_TIMEOUT,	RK_INTEGER,	4, 4, RD_ONCE, "Session-Timeout" },
	{ 0, RA_IDLE_TIMEOUT,		RK_INTEGER,	4, 4, RD_ONCE, "Idle-Timeout" },
	{ 0, RA_CALLED_STATION_ID,	RK_STRING,	1, A, RD_ONCE, "Called-Station-Id" },
	{ 0, RA_CALLING_STATION_ID,	RK_STRING,	1, A, RD_ONCE, "Calling-Station-Id" },
	{ 0, RA_NAS_IDENTIFIER,		RK_STRING,	1, A, RD_ONCE, "NAS-Identifier" },
	{ 0, RA_PROXY_STATE,		RK_OCTETS,	1, A, 0,       "Proxy-State" },
	{ 0, RA_ACCT_STATUS_TYPE,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Status-Type" },
	{ 0, RA_ACCT_DELAY_TIME,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Delay-Time" },
	{ 0, RA_ACCT_INPUT_OCTETS,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Input-Octets" },
	{ 0, RA_ACCT_OUTPUT_OCTETS,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Output-Octets" },
	{ 0, RA_ACCT_SESSION_ID,	RK_STRING,	1, A, RD_ONCE, "Acct-Session-Id" },
	{ 0, RA_ACCT_AUTHENTIC,		RK_INTEGER,	4, 4, RD_ONCE, "Acct-Authentic" },
	{ 0, RA_ACCT_SESSION_TIME,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Session-Time" },
	{ 0, RA_ACCT_INPUT_PACKETS,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Input-Packets" },
	{ 0, RA_ACCT_OUTPUT_PACKETS,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Output-Packets" },
	{ 0, RA_ACCT_TERMINATE_CAUSE,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Terminate-Cause" },
	{ 0, RA_ACCT_MULTI_SESSION_ID,	RK_STRING,	1, A, RD_ONCE, "Acct-Multi-Session-Id" },
	{ 0, RA_ACCT_LINK_COUNT,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Link-Count" },
	{ 0, RA_ACCT_INPUT_GIGAWORDS,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Input-Gigawords" },
	{ 0, RA_ACCT_OUTPUT_GIGAWORDS,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Output-Gigawords" },
	{ 0, RA_EVENT_TIMESTAMP,	RK_DATE,	4, 4, RD_ONCE, "Event-Timestamp" },
	/* RFC 2865 5.40: at least 5 octets */
	{ 0, RA_CHAP_CHALLENGE,		RK_OCTETS,	5, A, RD_ONCE, "CHAP-Challenge" },
	{ 0, RA_NAS_PORT_TYPE,		RK_INTEGER,	4, 4, RD_ONCE, "NAS-Port-Type" },
	{ 0, RA_TUNNEL_TYPE,		RK_TAG_INT,	4, 4, 0,       "Tunnel-Type" },
	{ 0, RA_TUNNEL_MEDIUM_TYPE,	RK_TAG_INT,	4, 4, 0,       "Tunnel-Medium-Type" },
	{ 0, RA_TUNNEL_CLIENT_ENDPOINT,	RK_TAG_STR,	1, A, 0,       "Tunnel-Client-Endpoint" },
	{ 0, RA_TUNNEL_SERVER_ENDPOINT,	RK_TAG_STR,	1, A, 0,       "Tunnel-Server-Endpoint" },
	{ 0, RA_MESSAGE_AUTHENTICATOR,	RK_OCTETS,	16, 16, RD_ONCE, "Message-Authenticator" },
	{ 0, RA_ACCT_INTERIM_INTERVAL,	RK_INTEGER,	4, 4, RD_ONCE, "Acct-Interim-Interval" },
	{ 0, RA_NAS_PORT_ID,		RK_STRING,	1, A, RD_ONCE, "NAS-Port-Id" },
	{ 0, RA_FRAMED_POOL,		RK_STRING,	1, A, RD_ONCE, "Framed-Pool" },
	/* reserved, length, 0 to 16 bytes of prefix (RFC 3162 2.3) */
	{ 0, RA_FRAMED_IPV6_PREFIX,	RK_IPV6PREFIX,	2, 18, 0,     "Framed-IPv6-Prefix" },
	{ 0, RA_ERROR_CAUSE,		RK_INTEGER,	4, 4, RD_ONCE, "Error-Cause" },
	/* RFC 4818: read only to say it is not used */
	{ 0, RA_DELEGATED_IPV6_PREFIX,	RK_IPV6PREFIX,	2, 18, 0,     "Delegated-IPv6-Prefix" },
	/* RFC 2548 */
	{ MS, RA_MS_CHAP_RESPONSE,	RK_OCTETS,	50, 50, RD_ONCE, "MS-CHAP-Response" },
	{ MS, RA_MS_CHAP_ERROR,		RK_STRING,	2, V, RD_ONCE, "MS-CHAP-Error" },
	{ MS, RA_MS_MPPE_ENC_POLICY,	RK_INTEGER,	4, 4, RD_ONCE, "MS-MPPE-Encryption-Policy" },
	{ MS, RA_MS_MPPE_ENC_TYPES,	RK_INTEGER,	4, 4, RD_ONCE, "MS-MPPE-Encryption-Types" },
	/* 8 bytes for MS-CHAPv1, 16 for v2 */
	{ MS, RA_MS_CHAP_CHALLENGE,	RK_OCTETS,	8, 16, RD_ONCE, "MS-CHAP-Challenge" },
	/* 8 + 16 + 8 bytes hidden as a User-Password is (2.4.1) */
	{ MS, RA_MS_CHAP_MPPE_KEYS,	RK_HIDDEN,	32, 32, RD_ONCE, "MS-CHAP-MPPE-Keys" },
	/* salt 2 + (length byte + 16-byte key, padded) 32 */
	{ MS, RA_MS_MPPE_SEND_KEY,	RK_SALTED,	18, 2 + 48, RD_ONCE, "MS-MPPE-Send-Key" },
	{ MS, RA_MS_MPPE_RECV_KEY,	RK_SALTED,	18, 2 + 48, RD_ONCE, "MS-MPPE-Recv-Key" },
	{ MS, RA_MS_CHAP2_RESPONSE,	RK_OCTETS,	50, 50, RD_ONCE, "MS-CHAP2-Response" },
	{ MS, RA_MS_CHAP2_SUCCESS,	RK_OCTETS,	43, 43, RD_ONCE, "MS-CHAP2-Success" },
	{ MS, RA_MS_PRIMARY_DNS,	RK_IPADDR,	4, 4, RD_ONCE, "MS-Primary-DNS-Server" },
	{ MS, RA_MS_SECONDARY_DNS,	RK_IPADDR,	4, 4, RD_ONCE, "MS-Secondary-DNS-Server" },
	{ MS, RA_MS_PRIMARY_NBNS,	RK_IPADDR,	4, 4, RD_ONCE, "MS-Primary-NBNS-Server" },
	{ MS, RA_MS_SECONDARY_NBNS,	RK_IPADDR,	4, 4, RD_ONCE, "MS-Secondary-NBNS-Server" },
	/* MikroTik's dictionary: "rx[/tx] ..." text */
	{ MT, RA_MIKROTIK_RATE_LIMIT,	RK_STRING,	1, V, RD_ONCE, "Mikrotik-Rate-Limit" },
};
#define RADIUS_DICT_N	(sizeof(radius_dict) / sizeof(radius_dict[0]))
_Static_assert(RADIUS_DICT_N <= RADIUS_DICT_CAP, "duplicate bitmap too small");

/* Vendors whose VSAs carry RFC 2865 type-length-value sub-attributes. */
static const uint32_t radius_walked[] = { MS, MT };

static const struct {
	unsigned int	 code;
	const char	*name;
} radius_codes[] = {
	{ RADIUS_ACCESS_REQUEST,	"Access-Request" },
	{ RADIUS_ACCESS_ACCEPT,		"Access-Accept" },
	{ RADIUS_ACCESS_REJECT,		"Access-Reject" },
	{ RADIUS_ACCOUNTING_REQUEST,	"Accounting-Request" },
	{ RADIUS_ACCOUNTING_RESPONSE,	"Accounting-Response" },
	{ RADIUS_ACCESS_CHALLENGE,	"Access-Challenge" },
	{ RADIUS_DISCONNECT_REQUEST,	"Disconnect-Request" },
	{ RADIUS_DISCONNECT_ACK,	"Disconnect-ACK" },
	{ RADIUS_DISCONNECT_NAK,	"Disconnect-NAK" },
	{ RADIUS_COA_REQUEST,		"CoA-Request" },
	{ RADIUS_COA_ACK,		"CoA-ACK" },
	{ RADIUS_COA_NAK,		"CoA-NAK" },
};

const struct radius_dict *
radius_dict_find(uint32_t vendor, uint8_t type)
{
	size_t i;

	for (i = 0; i < RADIUS_DICT_N; i++)
		if (radius_dict[i].vendor == vendor &&
		    radius_dict[i].type == type)
			return &radius_dict[i];
	return NULL;
}

size_t
radius_dict_index(const struct radius_dict *d)
{
	return (size_t)(d - radius_dict);
}

size_t
radius_dict_size(void)
{
	return RADIUS_DICT_N;
}

bool
radius_dict_vendor_walked(uint32_t vendor)
{
	size_t i;

	for (i = 0; i < sizeof(radius_walked) / sizeof(radius_walked[0]); i++)
		if (radius_walked[i] == vendor)
			return true;
	return false;
}

/*
 * An IPv6 prefix value (RFC 3162 2.3, RFC 8044 3.10): the reserved byte
 * zero, a length of at most 128, at least the bytes that length covers,
 * and every bit past it zero, so the prefix is exactly what it says.
 */
static bool
ipv6prefix_ok(const uint8_t *v, size_t len)
{
	size_t plen, i, n = len - 2;

	if (v[0] != 0 || v[1] > 128)
		return false;
	plen = v[1];
	if (n < (plen + 7) / 8)
		return false;
	for (i = 0; i < n; i++) {
		uint8_t keep = i * 8 >= plen ? 0 : i * 8 + 8 <= plen ? 0xff :
		    (uint8_t)(0xff << (8 - (plen - i * 8)));

		if ((v[2 + i] & ~keep) != 0)
			return false;
	}
	return true;
}

int
radius_dict_check(const struct radius_dict *d, const uint8_t *v, size_t len)
{
	if (len < d->min || len > d->max)
		return RADIUS_E_DICT;
	switch (d->kind) {
	case RK_TAG_INT:
		/* RFC 2868 3.1: the tag of an integer is always there */
		if (v[0] > RADIUS_TAG_MAX)
			return RADIUS_E_DICT;
		break;
	case RK_HIDDEN:
		if (len % 16 != 0)
			return RADIUS_E_DICT;
		break;
	case RK_SALTED:
		/* RFC 2548 2.4.2: "the most significant bit ... MUST be set" */
		if ((len - 2) % 16 != 0 || (v[0] & 0x80) == 0)
			return RADIUS_E_DICT;
		break;
	case RK_IPV6PREFIX:
		if (!ipv6prefix_ok(v, len))
			return RADIUS_E_DICT;
		break;
	case RK_STRING:
	case RK_OCTETS:
	case RK_INTEGER:
	case RK_IPADDR:
	case RK_DATE:
	case RK_TAG_STR:
	case RK_VSA:
		break;
	}
	return HP_OK;
}

const char *
radius_attr_name(uint32_t vendor, uint8_t type)
{
	const struct radius_dict *d;

	if ((d = radius_dict_find(vendor, type)) != NULL)
		return d->name;
	return vendor == 0 ? "unknown" : "unknown-vendor-attribute";
}

bool
radius_code_known(unsigned int code)
{
	size_t i;

	for (i = 0; i < sizeof(radius_codes) / sizeof(radius_codes[0]); i++)
		if (radius_codes[i].code == code)
			return true;
	return false;
}

const char *
radius_code_name(unsigned int code)
{
	size_t i;

	for (i = 0; i < sizeof(radius_codes) / sizeof(radius_codes[0]); i++)
		if (radius_codes[i].code == code)
			return radius_codes[i].name;
	return "unknown";
}

/* Index: RADIUS_E_FIRST - error, in enum radius_err order. */
static const char *const radius_errs[] = {
	"short",
	"bad-length-field",
	"too-big",
	"bad-code",
	"attr-length",
	"attr-overrun",
	"bad-vsa",
	"attr-invalid",
	"attr-duplicate",
	"too-many-attrs",
	"id-mismatch",
	"bad-response-authenticator",
	"bad-request-authenticator",
	"message-authenticator-missing",
	"message-authenticator-not-first",
	"message-authenticator-duplicate",
	"bad-message-authenticator",
	"bad-mppe-key",
	"no-space",
	"bad-argument",
	"no-secret",
};
_Static_assert(sizeof(radius_errs) / sizeof(radius_errs[0]) ==
    RADIUS_E_FIRST - RADIUS_E_LAST + 1, "a name per enum radius_err");

const char *
radius_strerror(int e)
{
	if (e <= RADIUS_E_FIRST && e >= RADIUS_E_LAST)
		return radius_errs[RADIUS_E_FIRST - e];
	return hp_strerror(e);
}
