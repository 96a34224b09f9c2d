/*
 * hpptpd auth: the RADIUS attributes hpptpd sends or reads, as one table
 * (radius_dict.c).  Every attribute the codec meets is looked up here;
 * a known one must have the kind and length its row says, an unknown
 * one is kept unchecked and unused (RFC 2865 section 5: ignore what you
 * do not know).  Numbers: RFC 2865, 2866, 2868, 2869, 3162, 3579, 4818, 5176, 2548
 * (vendor 311, Microsoft) and MikroTik's dictionary (vendor 14988).
 */
#ifndef HP_AUTH_RADIUS_DICT_H
#define HP_AUTH_RADIUS_DICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RADIUS_VENDOR_MICROSOFT	311
#define RADIUS_VENDOR_MIKROTIK	14988

/* Standard attribute types. */
enum radius_attr_type {
	RA_USER_NAME		= 1,
	RA_USER_PASSWORD	= 2,
	RA_CHAP_PASSWORD	= 3,
	RA_NAS_IP_ADDRESS	= 4,
	RA_NAS_PORT		= 5,
	RA_SERVICE_TYPE		= 6,
	RA_FRAMED_PROTOCOL	= 7,
	RA_FRAMED_IP_ADDRESS	= 8,
	RA_FRAMED_IP_NETMASK	= 9,
	RA_FILTER_ID		= 11,
	RA_FRAMED_MTU		= 12,
	RA_REPLY_MESSAGE	= 18,
	RA_FRAMED_ROUTE		= 22,
	RA_STATE		= 24,
	RA_CLASS		= 25,
	RA_VENDOR_SPECIFIC	= 26,
	RA_SESSION_TIMEOUT	= 27,
	RA_IDLE_TIMEOUT		= 28,
	RA_CALLED_STATION_ID	= 30,
	RA_CALLING_STATION_ID	= 31,
	RA_NAS_IDENTIFIER	= 32,
	RA_PROXY_STATE		= 33,
	RA_ACCT_STATUS_TYPE	= 40,
	RA_ACCT_DELAY_TIME	= 41,
	RA_ACCT_INPUT_OCTETS	= 42,
	RA_ACCT_OUTPUT_OCTETS	= 43,
	RA_ACCT_SESSION_ID	= 44,
	RA_ACCT_AUTHENTIC	= 45,
	RA_ACCT_SESSION_TIME	= 46,
	RA_ACCT_INPUT_PACKETS	= 47,
	RA_ACCT_OUTPUT_PACKETS	= 48,
	RA_ACCT_TERMINATE_CAUSE	= 49,
	RA_ACCT_MULTI_SESSION_ID = 50,
	RA_ACCT_LINK_COUNT	= 51,
	RA_ACCT_INPUT_GIGAWORDS	= 52,
	RA_ACCT_OUTPUT_GIGAWORDS = 53,
	RA_EVENT_TIMESTAMP	= 55,
	RA_CHAP_CHALLENGE	= 60,
	RA_NAS_PORT_TYPE	= 61,
	RA_TUNNEL_TYPE		= 64,
	RA_TUNNEL_MEDIUM_TYPE	= 65,
	RA_TUNNEL_CLIENT_ENDPOINT = 66,
	RA_TUNNEL_SERVER_ENDPOINT = 67,
	RA_MESSAGE_AUTHENTICATOR = 80,
	RA_ACCT_INTERIM_INTERVAL = 85,
	RA_NAS_PORT_ID		= 87,
	RA_FRAMED_POOL		= 88,
	RA_FRAMED_IPV6_PREFIX	= 97,	/* RFC 3162 */
	RA_ERROR_CAUSE		= 101,
	RA_DELEGATED_IPV6_PREFIX = 123,	/* RFC 4818 */
};

/* Microsoft vendor types (RFC 2548). */
enum radius_ms_type {
	RA_MS_CHAP_RESPONSE	= 1,
	RA_MS_CHAP_ERROR	= 2,
	RA_MS_MPPE_ENC_POLICY	= 7,
	RA_MS_MPPE_ENC_TYPES	= 8,
	RA_MS_CHAP_CHALLENGE	= 11,
	RA_MS_CHAP_MPPE_KEYS	= 12,
	RA_MS_MPPE_SEND_KEY	= 16,
	RA_MS_MPPE_RECV_KEY	= 17,
	RA_MS_CHAP2_RESPONSE	= 25,
	RA_MS_CHAP2_SUCCESS	= 26,
	RA_MS_PRIMARY_DNS	= 28,
	RA_MS_SECONDARY_DNS	= 29,
	RA_MS_PRIMARY_NBNS	= 30,
	RA_MS_SECONDARY_NBNS	= 31,
};

/* MikroTik vendor types. */
enum radius_mikrotik_type {
	RA_MIKROTIK_RATE_LIMIT	= 8,
};

/* Values of the integer attributes hpptpd sends. */
#define RADIUS_SERVICE_FRAMED		2	/* Service-Type */
#define RADIUS_PROTO_PPP		1	/* Framed-Protocol */
#define RADIUS_NAS_PORT_VIRTUAL		5	/* NAS-Port-Type */
#define RADIUS_TUNNEL_PPTP		1	/* Tunnel-Type */
#define RADIUS_MEDIUM_IPV4		1	/* Tunnel-Medium-Type */
#define RADIUS_ACCT_START		1	/* Acct-Status-Type */
#define RADIUS_ACCT_STOP		2
#define RADIUS_ACCT_INTERIM		3
#define RADIUS_ACCT_ON			7
#define RADIUS_ACCT_OFF			8
#define RADIUS_MPPE_TYPES_40		0x02	/* MS-MPPE-Encryption-Types */
#define RADIUS_MPPE_TYPES_128		0x04
#define RADIUS_TAG_MAX			0x1f	/* RFC 2868 section 3.1 */

/*
 * How a value is checked.  The length bounds of the row apply to the
 * value as on the wire (tag byte and salt included).
 */
enum radius_kind {
	RK_STRING = 1,	/* text: min..max bytes */
	RK_OCTETS,	/* opaque: min..max bytes */
	RK_INTEGER,	/* exactly 4 bytes, big-endian */
	RK_IPADDR,	/* exactly 4 bytes, an IPv4 address */
	RK_DATE,	/* exactly 4 bytes, seconds since 1970 */
	RK_TAG_INT,	/* tag 0..0x1f, then a 3-byte integer (RFC 2868) */
	RK_TAG_STR,	/* optional tag (first byte <= 0x1f), then text */
	RK_HIDDEN,	/* User-Password: 16..128 bytes, a multiple of 16 */
	RK_SALTED,	/* MS-MPPE-*-Key: salt (high bit set) + 16n bytes */
	RK_VSA,		/* Vendor-Specific: walked by the decoder */
	RK_IPV6PREFIX,	/* reserved 0, length 0..128, the prefix's bytes */
};

/* A row: the attribute, its kind and value bounds, and flags. */
struct radius_dict {
	uint32_t	 vendor;	/* 0: a standard attribute */
	uint8_t		 type;
	enum radius_kind kind;
	uint8_t		 min;		/* value bytes */
	uint8_t		 max;
	uint8_t		 flags;
	const char	*name;
};
#define RD_ONCE		0x01	/* at most once in a packet */
#define RADIUS_DICT_CAP	128	/* rows at most: the decoder's duplicate bitmap */

/* The row for (vendor, type), or NULL if the attribute is not ours. */
const struct radius_dict *radius_dict_find(uint32_t vendor, uint8_t type);
/* Its index in the table (for duplicate bitmaps); < radius_dict_size(). */
size_t	radius_dict_index(const struct radius_dict *);
size_t	radius_dict_size(void);
/* Whether a vendor's VSAs use the RFC 2865 type-length-value format. */
bool	radius_dict_vendor_walked(uint32_t vendor);
/*
 * Check a value against its row: HP_OK, or RADIUS_E_DICT (length out of
 * bounds, a tag above 0x1f on a tagged integer, a salt without its high
 * bit, a hidden password not in 16-byte blocks).
 */
int	radius_dict_check(const struct radius_dict *, const uint8_t *v,
	    size_t len);

/* Whether a Code is one of the twelve the codec knows. */
bool	radius_code_known(unsigned int code);

/* Names for logs; never NULL. */
const char	*radius_attr_name(uint32_t vendor, uint8_t type);
const char	*radius_code_name(unsigned int code);

#endif /* HP_AUTH_RADIUS_DICT_H */
