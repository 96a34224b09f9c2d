/*
 * hpptpd auth: RADIUS's numbers -- sizes, packet codes -- and the
 * codec's error codes with their names.  Below both the attribute table
 * (radius_dict.c, which also names the codes and errors) and the codec
 * (radius_msg.h), so the table needs nothing of the codec that uses it.
 */
#ifndef HP_AUTH_RADIUS_DEFS_H
#define HP_AUTH_RADIUS_DEFS_H

#define RADIUS_HDR_LEN		20	/* Code, Identifier, Length, Authenticator */
#define RADIUS_AUTH_LEN		16	/* an authenticator, MD5's output */
#define RADIUS_MAX_LEN		4096	/* RFC 2865 section 3 */
#define RADIUS_ATTR_MAX		253	/* value bytes of one attribute */
#define RADIUS_MAX_ATTRS	128	/* attributes we keep from one packet */
#define RADIUS_PW_MAX		128	/* User-Password, RFC 2865 section 5.2 */
#define RADIUS_MPPE_KEY_LEN	16	/* MS-MPPE-Send-Key / -Recv-Key */
#define RADIUS_MPPE_KEY_MAX	32	/* longest key we decrypt */
#define RADIUS_MS_CHAP2_RESP_LEN 50	/* Ident Flags PeerChal(16) Rsvd(8) NT(24) */
#define RADIUS_MS_CHAP_RESP_LEN	50	/* Ident Flags LM(24) NT(24) */
#define RADIUS_MS_CHAP2_SUCC_LEN 43	/* Ident + "S=" + 40 hex digits */

enum radius_code {
	RADIUS_ACCESS_REQUEST		= 1,
	RADIUS_ACCESS_ACCEPT		= 2,
	RADIUS_ACCESS_REJECT		= 3,
	RADIUS_ACCOUNTING_REQUEST	= 4,
	RADIUS_ACCOUNTING_RESPONSE	= 5,
	RADIUS_ACCESS_CHALLENGE		= 11,
	RADIUS_DISCONNECT_REQUEST	= 40,
	RADIUS_DISCONNECT_ACK		= 41,
	RADIUS_DISCONNECT_NAK		= 42,
	RADIUS_COA_REQUEST		= 43,
	RADIUS_COA_ACK			= 44,
	RADIUS_COA_NAK			= 45,
};

/*
 * The codec's own errors, each with a name for the log line that drops
 * a packet (radius_strerror()).  They sit below enum hp_err; the codec
 * returns HP_OK, one of these, or (rarely) an hp_err.
 */
enum radius_err {
	RADIUS_E_SHORT		= -100,	/* datagram below 20 bytes or Length */
	RADIUS_E_LENGTH		= -101,	/* Length field below 20 or above 4096 */
	RADIUS_E_TOOBIG		= -102,	/* datagram above 4096 bytes */
	RADIUS_E_CODE		= -103,	/* unknown Code, or not an answer to ours */
	RADIUS_E_ATTR_LEN	= -104,	/* attribute length 0 or 1, or header cut */
	RADIUS_E_ATTR_OVERRUN	= -105,	/* attribute runs past Length */
	RADIUS_E_VSA		= -106,	/* Vendor-Specific malformed */
	RADIUS_E_DICT		= -107,	/* value fails the dictionary */
	RADIUS_E_DUP		= -108,	/* once-only attribute repeated */
	RADIUS_E_TOO_MANY	= -109,	/* above RADIUS_MAX_ATTRS */
	RADIUS_E_ID		= -110,	/* Identifier is not the request's */
	RADIUS_E_RESP_AUTH	= -111,	/* Response Authenticator wrong */
	RADIUS_E_REQ_AUTH	= -112,	/* Request Authenticator wrong */
	RADIUS_E_MA_MISSING	= -113,	/* no Message-Authenticator */
	RADIUS_E_MA_NOT_FIRST	= -114,	/* Message-Authenticator not first */
	RADIUS_E_MA_DUP		= -115,	/* Message-Authenticator twice */
	RADIUS_E_MA_BAD		= -116,	/* Message-Authenticator wrong */
	RADIUS_E_MPPE_KEY	= -117,	/* MS-MPPE key: salt, length, padding */
	RADIUS_E_NOSPACE	= -118,	/* encoder: buffer or 4096 exceeded */
	RADIUS_E_ARG		= -119,	/* encoder: value the dictionary refuses */
	RADIUS_E_SECRET		= -120,	/* empty shared secret */
};
#define RADIUS_E_FIRST	RADIUS_E_SHORT
#define RADIUS_E_LAST	RADIUS_E_SECRET

/* A name for an error, for logs ("message-authenticator-missing"...). */
const char	*radius_strerror(int);

#endif /* HP_AUTH_RADIUS_DEFS_H */
