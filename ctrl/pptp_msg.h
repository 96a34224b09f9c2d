/*
 * hpptpd: PPTP control messages (RFC 2637 section 2), decoded field by
 * field into host-order structs and encoded back.  Pure: no I/O, no
 * logging, no state, no allocation.
 *
 * What the decoder checks (everything else is the state machine's job):
 *  - Length equals the fixed size of the Control Message Type (so a
 *    Length of 10 or less, above 220, or shorter than the 12-byte header
 *    never passes), and equals the number of bytes handed in;
 *  - PPTP Message Type is 1 (control; 2 "management" is not defined);
 *  - Magic Cookie is 0x1A2B3C4D;
 *  - Control Message Type is one of the fifteen RFC 2637 types;
 *  - Reserved0 in the header is zero.
 *
 * Reserved fields, decided per field (Windows is the reference client):
 *  - header Reserved0: must be zero, else HP_E_FIELD.  It sits in the
 *    part every implementation shares and every known client (Windows,
 *    pptp-linux, MikroTik, Poptop, npppd) sends zero; a non-zero value
 *    means the framing is not what we think it is.
 *  - Reserved fields in message bodies (SCCRQ Reserved1, OCRQ Reserved1,
 *    CCRQ, SLI, WEN, ICCN, StopCCRQ/RP, Echo-Reply, ICRP, CDN): accepted
 *    whatever their value and kept in the struct.  They carry no meaning
 *    we act on, RFC 2637 section 2.x never says a receiver must check
 *    them, and old clients are known to leave garbage there; refusing
 *    would cost interoperability and buy no safety.  The caller may log
 *    them at debug level.
 *
 * Strings (host name, vendor, phone numbers, subaddress: 64 bytes; call
 * statistics: 128 bytes) are fixed fields: the value ends at the first
 * NUL or fills the field.  Decoded strings are always NUL-terminated
 * (one extra byte) and may hold any non-NUL byte: sanitize before
 * logging (log_sanitize()).  The *_len fields of OCRQ/ICRQ are kept as
 * sent and not trusted for anything.
 */
#ifndef HP_PPTP_MSG_H
#define HP_PPTP_MSG_H

#include <stddef.h>
#include <stdint.h>

#define PPTP_TCP_PORT		1723
#define PPTP_HDR_LEN		12	/* Length .. Reserved0 */
#define PPTP_MIN_LEN		16	/* smallest message (StopCCRQ...) */
#define PPTP_MAX_LEN		220	/* largest message (ICRQ) */
#define PPTP_MSG_CONTROL	1	/* PPTP Message Type */
#define PPTP_MSG_MGMT		2	/* defined by name only; rejected */
#define PPTP_MAGIC		0x1A2B3C4DU
#define PPTP_VERSION		0x0100	/* 1.0 */
#define PPTP_STR_LEN		64	/* host, vendor, phone, subaddress */
#define PPTP_STATS_LEN		128	/* CDN call statistics */

/* Framing and bearer capability bits (SCCRQ/SCCRP, OCRQ, ICCN). */
#define PPTP_FRAMING_ASYNC	0x1
#define PPTP_FRAMING_SYNC	0x2
#define PPTP_BEARER_ANALOG	0x1
#define PPTP_BEARER_DIGITAL	0x2

/* Control Message Types, RFC 2637 section 1.7. */
enum pptp_type {
	PPTP_SCCRQ	= 1,	/* Start-Control-Connection-Request */
	PPTP_SCCRP	= 2,	/* Start-Control-Connection-Reply */
	PPTP_STOPCCRQ	= 3,	/* Stop-Control-Connection-Request */
	PPTP_STOPCCRP	= 4,	/* Stop-Control-Connection-Reply */
	PPTP_ECHORQ	= 5,	/* Echo-Request */
	PPTP_ECHORP	= 6,	/* Echo-Reply */
	PPTP_OCRQ	= 7,	/* Outgoing-Call-Request */
	PPTP_OCRP	= 8,	/* Outgoing-Call-Reply */
	PPTP_ICRQ	= 9,	/* Incoming-Call-Request */
	PPTP_ICRP	= 10,	/* Incoming-Call-Reply */
	PPTP_ICCN	= 11,	/* Incoming-Call-Connected */
	PPTP_CCRQ	= 12,	/* Call-Clear-Request */
	PPTP_CDN	= 13,	/* Call-Disconnect-Notify */
	PPTP_WEN	= 14,	/* WAN-Error-Notify */
	PPTP_SLI	= 15,	/* Set-Link-Info */
};
#define PPTP_TYPE_MAX	15

/* General Error Codes (RFC 2637 section 2.16), the Error Code field. */
enum pptp_error {
	PPTP_ERR_NONE		= 0,
	PPTP_ERR_NOT_CONNECTED	= 1,	/* no control connection yet */
	PPTP_ERR_BAD_FORMAT	= 2,	/* length or magic cookie wrong */
	PPTP_ERR_BAD_VALUE	= 3,	/* field out of range / reserved != 0 */
	PPTP_ERR_NO_RESOURCE	= 4,	/* insufficient resources now */
	PPTP_ERR_BAD_CALLID	= 5,	/* call ID invalid in this context */
	PPTP_ERR_PAC_ERROR	= 6,	/* vendor-specific PAC error */
};

/* Result codes; each reply type has its own list. */
enum pptp_sccrp_result {
	PPTP_SCCRP_OK		= 1,	/* successful channel establishment */
	PPTP_SCCRP_GENERAL	= 2,	/* general error, see Error Code */
	PPTP_SCCRP_EXISTS	= 3,	/* command channel already exists */
	PPTP_SCCRP_NOT_AUTH	= 4,	/* requester not authorized */
	PPTP_SCCRP_VERSION	= 5,	/* protocol version not supported */
};
enum pptp_stop_reason {			/* StopCCRQ Reason */
	PPTP_STOP_NONE		= 1,	/* general request to clear */
	PPTP_STOP_PROTOCOL	= 2,	/* can't support peer's version */
	PPTP_STOP_LOCAL		= 3,	/* requester is being shut down */
};
enum pptp_stopccrp_result {
	PPTP_STOPCCRP_OK	= 1,
	PPTP_STOPCCRP_GENERAL	= 2,
};
enum pptp_echorp_result {
	PPTP_ECHORP_OK		= 1,
	PPTP_ECHORP_GENERAL	= 2,
};
enum pptp_ocrp_result {
	PPTP_OCRP_CONNECTED	= 1,
	PPTP_OCRP_GENERAL	= 2,
	PPTP_OCRP_NO_CARRIER	= 3,
	PPTP_OCRP_BUSY		= 4,
	PPTP_OCRP_NO_DIALTONE	= 5,
	PPTP_OCRP_TIMEOUT	= 6,
	PPTP_OCRP_DO_NOT_ACCEPT	= 7,	/* administratively prohibited */
};
enum pptp_icrp_result {
	PPTP_ICRP_CONNECT	= 1,
	PPTP_ICRP_GENERAL	= 2,
	PPTP_ICRP_DO_NOT_ACCEPT	= 3,
};
enum pptp_cdn_result {
	PPTP_CDN_LOST_CARRIER	= 1,
	PPTP_CDN_GENERAL	= 2,
	PPTP_CDN_ADMIN_SHUTDOWN	= 3,
	PPTP_CDN_REQUEST	= 4,	/* answer to a Call-Clear-Request */
};

struct pptp_sccrq {
	uint16_t	version;
	uint16_t	rsvd1;
	uint32_t	framing_caps;
	uint32_t	bearer_caps;
	uint16_t	max_channels;
	uint16_t	firmware;
	char		host[PPTP_STR_LEN + 1];
	char		vendor[PPTP_STR_LEN + 1];
};

struct pptp_sccrp {
	uint16_t	version;
	uint8_t		result;
	uint8_t		error;
	uint32_t	framing_caps;
	uint32_t	bearer_caps;
	uint16_t	max_channels;
	uint16_t	firmware;
	char		host[PPTP_STR_LEN + 1];
	char		vendor[PPTP_STR_LEN + 1];
};

struct pptp_stopccrq {
	uint8_t		reason;
	uint8_t		rsvd1;
	uint16_t	rsvd2;
};

struct pptp_stopccrp {
	uint8_t		result;
	uint8_t		error;
	uint16_t	rsvd1;
};

struct pptp_echorq {
	uint32_t	id;
};

struct pptp_echorp {
	uint32_t	id;
	uint8_t		result;
	uint8_t		error;
	uint16_t	rsvd1;
};

struct pptp_ocrq {
	uint16_t	call_id;
	uint16_t	serial;
	uint32_t	min_bps;
	uint32_t	max_bps;
	uint32_t	bearer_type;
	uint32_t	framing_type;
	uint16_t	recv_window;
	uint16_t	proc_delay;
	uint16_t	phone_len;
	uint16_t	rsvd1;
	char		phone[PPTP_STR_LEN + 1];
	char		subaddr[PPTP_STR_LEN + 1];
};

struct pptp_ocrp {
	uint16_t	call_id;
	uint16_t	peer_call_id;
	uint8_t		result;
	uint8_t		error;
	uint16_t	cause;
	uint32_t	connect_speed;
	uint16_t	recv_window;
	uint16_t	proc_delay;
	uint32_t	phys_channel;
};

struct pptp_icrq {
	uint16_t	call_id;
	uint16_t	serial;
	uint32_t	bearer_type;
	uint32_t	phys_channel;
	uint16_t	dialed_len;
	uint16_t	dialing_len;
	char		dialed[PPTP_STR_LEN + 1];
	char		dialing[PPTP_STR_LEN + 1];
	char		subaddr[PPTP_STR_LEN + 1];
};

struct pptp_icrp {
	uint16_t	call_id;
	uint16_t	peer_call_id;
	uint8_t		result;
	uint8_t		error;
	uint16_t	recv_window;
	uint16_t	proc_delay;
	uint16_t	rsvd1;
};

struct pptp_iccn {
	uint16_t	peer_call_id;
	uint16_t	rsvd1;
	uint32_t	connect_speed;
	uint16_t	recv_window;
	uint16_t	proc_delay;
	uint32_t	framing_type;
};

struct pptp_ccrq {
	uint16_t	call_id;	/* the PNS's (sender's) call ID */
	uint16_t	rsvd1;
};

struct pptp_cdn {
	uint16_t	call_id;	/* the PAC's (sender's) call ID */
	uint8_t		result;
	uint8_t		error;
	uint16_t	cause;
	uint16_t	rsvd1;
	char		stats[PPTP_STATS_LEN + 1];
};

struct pptp_wen {
	uint16_t	peer_call_id;
	uint16_t	rsvd1;
	uint32_t	crc_errors;
	uint32_t	framing_errors;
	uint32_t	hw_overruns;
	uint32_t	buf_overruns;
	uint32_t	timeout_errors;
	uint32_t	align_errors;
};

struct pptp_sli {
	uint16_t	peer_call_id;	/* the receiver's (PAC's) call ID */
	uint16_t	rsvd1;
	uint32_t	send_accm;
	uint32_t	recv_accm;
};

/* A decoded message: the type says which member of u is valid. */
struct pptp_msg {
	enum pptp_type	type;
	union {
		struct pptp_sccrq	sccrq;
		struct pptp_sccrp	sccrp;
		struct pptp_stopccrq	stopccrq;
		struct pptp_stopccrp	stopccrp;
		struct pptp_echorq	echorq;
		struct pptp_echorp	echorp;
		struct pptp_ocrq	ocrq;
		struct pptp_ocrp	ocrp;
		struct pptp_icrq	icrq;
		struct pptp_icrp	icrp;
		struct pptp_iccn	iccn;
		struct pptp_ccrq	ccrq;
		struct pptp_cdn		cdn;
		struct pptp_wen		wen;
		struct pptp_sli		sli;
	} u;
};

/* What the 12-byte header says, once it passed pptp_msg_check_hdr(). */
struct pptp_hdr {
	uint16_t	length;
	uint16_t	msg_type;	/* PPTP Message Type (1) */
	uint32_t	magic;
	uint16_t	type;		/* Control Message Type */
	uint16_t	rsvd0;
};

/* Fixed size of a control message type, 0 if the type is unknown. */
size_t	pptp_msg_size(unsigned int type);

/*
 * Check a message's first bytes before the rest has arrived.  With fewer
 * than 2 bytes: HP_E_AGAIN.  With the Length field: HP_E_BADLEN at once
 * if it is below the header or above PPTP_MAX_LEN.  Fewer than
 * PPTP_HDR_LEN bytes otherwise: HP_E_AGAIN.  With the whole header:
 * HP_E_FORMAT (PPTP Message Type not 1, or bad magic cookie), HP_E_TYPE
 * (unknown Control Message Type), HP_E_BADLEN (Length is not the fixed
 * size of the type), HP_E_FIELD (Reserved0 not zero), or HP_OK.
 * h is filled with whatever could be read (zeroed first), also on error,
 * so the caller can say why.
 */
int	pptp_msg_check_hdr(const uint8_t *, size_t, struct pptp_hdr *h);

/*
 * Decode exactly one whole message of len bytes.  Errors as
 * pptp_msg_check_hdr(), plus HP_E_SHORT when fewer bytes than the header
 * or the Length field says, HP_E_LONG when more.  m is zeroed first.
 */
int	pptp_msg_decode(const uint8_t *, size_t len, struct pptp_msg *m);

/*
 * Encode m into buf (cap bytes).  Strings longer than their field are
 * cut to it.  Returns HP_OK and the length in *outlen, HP_E_TYPE for an
 * unknown type, HP_E_LONG if cap is too small.
 */
int	pptp_msg_encode(const struct pptp_msg *m, uint8_t *buf, size_t cap,
	    size_t *outlen);

/* Names for logs; never NULL. */
const char	*pptp_type_name(unsigned int type);
const char	*pptp_type_short(unsigned int type);	/* "SCCRQ" */
const char	*pptp_error_name(unsigned int error);
const char	*pptp_result_name(unsigned int type, unsigned int result);
const char	*pptp_stop_reason_name(unsigned int reason);

#endif /* HP_PPTP_MSG_H */
