/*
 * hpptpd: PPTP control message decoder and encoder (RFC 2637 section 2).
 * Every byte goes through the bounded reader/writer of common/rd.h;
 * nothing is cast onto the wire bytes.  See pptp_msg.h for what is
 * checked and why.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/rd.h"
#include "ctrl/pptp_msg.h"

/* A reader with a sticky error, so field lists read as a list. */
struct dec {
	struct rd	r;
	int		err;
};

static uint8_t	dec_u8(struct dec *);
static uint16_t	dec_u16(struct dec *);
static uint32_t	dec_u32(struct dec *);
static void	dec_str(struct dec *, char *, size_t);
static void	enc_str(struct wr *, const char *, size_t);
static void	dec_body(struct dec *, struct pptp_msg *);
static void	enc_body(struct wr *, const struct pptp_msg *);

/* RFC 2637 section 2: the fixed size of each message, header included. */
static const uint16_t pptp_sizes[PPTP_TYPE_MAX + 1] = {
	[PPTP_SCCRQ]	= 156,
	[PPTP_SCCRP]	= 156,
	[PPTP_STOPCCRQ]	= 16,
	[PPTP_STOPCCRP]	= 16,
	[PPTP_ECHORQ]	= 16,
	[PPTP_ECHORP]	= 20,
	[PPTP_OCRQ]	= 168,
	[PPTP_OCRP]	= 32,
	[PPTP_ICRQ]	= 220,
	[PPTP_ICRP]	= 24,
	[PPTP_ICCN]	= 28,
	[PPTP_CCRQ]	= 16,
	[PPTP_CDN]	= 148,
	[PPTP_WEN]	= 40,
	[PPTP_SLI]	= 24,
};

size_t
pptp_msg_size(unsigned int type)
{
	if (type == 0 || type > PPTP_TYPE_MAX)
		return 0;
	return pptp_sizes[type];
}

int
pptp_msg_check_hdr(const uint8_t *buf, size_t len, struct pptp_hdr *h)
{
	struct rd r;
	size_t want;

	memset(h, 0, sizeof(*h));
	rd_init(&r, buf, len);
	if (rd_u16(&r, &h->length) != HP_OK)
		return HP_E_AGAIN;
	/* Judge the length before waiting for a byte more (Poptop CVE-2003-0213). */
	if (h->length < PPTP_HDR_LEN || h->length > PPTP_MAX_LEN) {
		/* Name the type in the log line if it is already here. */
		if (rd_u16(&r, &h->msg_type) == HP_OK &&
		    rd_u32(&r, &h->magic) == HP_OK)
			(void)rd_u16(&r, &h->type);
		return HP_E_BADLEN;
	}
	if (rd_u16(&r, &h->msg_type) != HP_OK ||
	    rd_u32(&r, &h->magic) != HP_OK ||
	    rd_u16(&r, &h->type) != HP_OK ||
	    rd_u16(&r, &h->rsvd0) != HP_OK)
		return HP_E_AGAIN;
	if (h->msg_type != PPTP_MSG_CONTROL || h->magic != PPTP_MAGIC)
		return HP_E_FORMAT;
	if ((want = pptp_msg_size(h->type)) == 0)
		return HP_E_TYPE;
	if (h->length != want)
		return HP_E_BADLEN;
	if (h->rsvd0 != 0)
		return HP_E_FIELD;
	return HP_OK;
}

int
pptp_msg_decode(const uint8_t *buf, size_t len, struct pptp_msg *m)
{
	struct pptp_hdr h;
	struct dec d;
	int e;

	memset(m, 0, sizeof(*m));
	if ((e = pptp_msg_check_hdr(buf, len, &h)) != HP_OK)
		return e == HP_E_AGAIN ? HP_E_SHORT : e;
	if (len < h.length)
		return HP_E_SHORT;
	if (len > h.length)
		return HP_E_LONG;
	rd_init(&d.r, buf, len);
	d.err = rd_skip(&d.r, PPTP_HDR_LEN);
	m->type = (enum pptp_type)h.type;
	dec_body(&d, m);
	if (d.err != HP_OK || d.r.left != 0) {
		/* Unreachable while the size table matches dec_body(). */
		memset(m, 0, sizeof(*m));
		return HP_E_FORMAT;
	}
	return HP_OK;
}

int
pptp_msg_encode(const struct pptp_msg *m, uint8_t *buf, size_t cap,
    size_t *outlen)
{
	struct wr w;
	size_t size;

	*outlen = 0;
	if ((size = pptp_msg_size(m->type)) == 0)
		return HP_E_TYPE;
	if (cap < size)
		return HP_E_LONG;
	wr_init(&w, buf, cap);
	wr_u16(&w, (uint16_t)size);
	wr_u16(&w, PPTP_MSG_CONTROL);
	wr_u32(&w, PPTP_MAGIC);
	wr_u16(&w, (uint16_t)m->type);
	wr_u16(&w, 0);				/* Reserved0 */
	enc_body(&w, m);
	if (w.err != HP_OK)
		return w.err;
	if (w.len != size)
		return HP_E_FORMAT;		/* table and body disagree: a bug */
	*outlen = w.len;
	return HP_OK;
}

static uint8_t
dec_u8(struct dec *d)
{
	uint8_t v = 0;

	if (d->err == HP_OK)
		d->err = rd_u8(&d->r, &v);
	return v;
}

static uint16_t
dec_u16(struct dec *d)
{
	uint16_t v = 0;

	if (d->err == HP_OK)
		d->err = rd_u16(&d->r, &v);
	return v;
}

static uint32_t
dec_u32(struct dec *d)
{
	uint32_t v = 0;

	if (d->err == HP_OK)
		d->err = rd_u32(&d->r, &v);
	return v;
}

/*
 * A fixed string field of n bytes into dst (n + 1 bytes): the value ends
 * at the first NUL or fills the field; what follows a NUL is ignored.
 */
static void
dec_str(struct dec *d, char *dst, size_t n)
{
	struct rd f;
	size_t i;

	memset(dst, 0, n + 1);
	if (d->err != HP_OK)
		return;
	if ((d->err = rd_sub(&d->r, n, &f)) != HP_OK)
		return;
	for (i = 0; i < n && f.p[i] != '\0'; i++)
		dst[i] = (char)f.p[i];
}

/* A string into a fixed field of n bytes, cut to n and NUL-padded. */
static void
enc_str(struct wr *w, const char *s, size_t n)
{
	size_t l = strnlen(s, n);

	wr_bytes(w, s, l);
	wr_zero(w, n - l);
}

static void
dec_body(struct dec *d, struct pptp_msg *m)
{
	switch (m->type) {
	case PPTP_SCCRQ: {
		struct pptp_sccrq *p = &m->u.sccrq;

		p->version = dec_u16(d);
		p->rsvd1 = dec_u16(d);
		p->framing_caps = dec_u32(d);
		p->bearer_caps = dec_u32(d);
		p->max_channels = dec_u16(d);
		p->firmware = dec_u16(d);
		dec_str(d, p->host, PPTP_STR_LEN);
		dec_str(d, p->vendor, PPTP_STR_LEN);
		break;
	}
	case PPTP_SCCRP: {
		struct pptp_sccrp *p = &m->u.sccrp;

		p->version = dec_u16(d);
		p->result = dec_u8(d);
		p->error = dec_u8(d);
		p->framing_caps = dec_u32(d);
		p->bearer_caps = dec_u32(d);
		p->max_channels = dec_u16(d);
		p->firmware = dec_u16(d);
		dec_str(d, p->host, PPTP_STR_LEN);
		dec_str(d, p->vendor, PPTP_STR_LEN);
		break;
	}
	case PPTP_STOPCCRQ:
		m->u.stopccrq.reason = dec_u8(d);
		m->u.stopccrq.rsvd1 = dec_u8(d);
		m->u.stopccrq.rsvd2 = dec_u16(d);
		break;
	case PPTP_STOPCCRP:
		m->u.stopccrp.result = dec_u8(d);
		m->u.stopccrp.error = dec_u8(d);
		m->u.stopccrp.rsvd1 = dec_u16(d);
		break;
	case PPTP_ECHORQ:
		m->u.echorq.id = dec_u32(d);
		break;
	case PPTP_ECHORP:
		m->u.echorp.id = dec_u32(d);
		m->u.echorp.result = dec_u8(d);
		m->u.echorp.error = dec_u8(d);
		m->u.echorp.rsvd1 = dec_u16(d);
		break;
	case PPTP_OCRQ: {
		struct pptp_ocrq *p = &m->u.ocrq;

		p->call_id = dec_u16(d);
		p->serial = dec_u16(d);
		p->min_bps = dec_u32(d);
		p->max_bps = dec_u32(d);
		p->bearer_type = dec_u32(d);
		p->framing_type = dec_u32(d);
		p->recv_window = dec_u16(d);
		p->proc_delay = dec_u16(d);
		p->phone_len = dec_u16(d);
		p->rsvd1 = dec_u16(d);
		dec_str(d, p->phone, PPTP_STR_LEN);
		dec_str(d, p->subaddr, PPTP_STR_LEN);
		break;
	}
	case PPTP_OCRP: {
		struct pptp_ocrp *p = &m->u.ocrp;

		p->call_id = dec_u16(d);
		p->peer_call_id = dec_u16(d);
		p->result = dec_u8(d);
		p->error = dec_u8(d);
		p->cause = dec_u16(d);
		p->connect_speed = dec_u32(d);
		p->recv_window = dec_u16(d);
		p->proc_delay = dec_u16(d);
		p->phys_channel = dec_u32(d);
		break;
	}
	case PPTP_ICRQ: {
		struct pptp_icrq *p = &m->u.icrq;

		p->call_id = dec_u16(d);
		p->serial = dec_u16(d);
		p->bearer_type = dec_u32(d);
		p->phys_channel = dec_u32(d);
		p->dialed_len = dec_u16(d);
		p->dialing_len = dec_u16(d);
		dec_str(d, p->dialed, PPTP_STR_LEN);
		dec_str(d, p->dialing, PPTP_STR_LEN);
		dec_str(d, p->subaddr, PPTP_STR_LEN);
		break;
	}
	case PPTP_ICRP: {
		struct pptp_icrp *p = &m->u.icrp;

		p->call_id = dec_u16(d);
		p->peer_call_id = dec_u16(d);
		p->result = dec_u8(d);
		p->error = dec_u8(d);
		p->recv_window = dec_u16(d);
		p->proc_delay = dec_u16(d);
		p->rsvd1 = dec_u16(d);
		break;
	}
	case PPTP_ICCN: {
		struct pptp_iccn *p = &m->u.iccn;

		p->peer_call_id = dec_u16(d);
		p->rsvd1 = dec_u16(d);
		p->connect_speed = dec_u32(d);
		p->recv_window = dec_u16(d);
		p->proc_delay = dec_u16(d);
		p->framing_type = dec_u32(d);
		break;
	}
	case PPTP_CCRQ:
		m->u.ccrq.call_id = dec_u16(d);
		m->u.ccrq.rsvd1 = dec_u16(d);
		break;
	case PPTP_CDN: {
		struct pptp_cdn *p = &m->u.cdn;

		p->call_id = dec_u16(d);
		p->result = dec_u8(d);
		p->error = dec_u8(d);
		p->cause = dec_u16(d);
		p->rsvd1 = dec_u16(d);
		dec_str(d, p->stats, PPTP_STATS_LEN);
		break;
	}
	case PPTP_WEN: {
		struct pptp_wen *p = &m->u.wen;

		p->peer_call_id = dec_u16(d);
		p->rsvd1 = dec_u16(d);
		p->crc_errors = dec_u32(d);
		p->framing_errors = dec_u32(d);
		p->hw_overruns = dec_u32(d);
		p->buf_overruns = dec_u32(d);
		p->timeout_errors = dec_u32(d);
		p->align_errors = dec_u32(d);
		break;
	}
	case PPTP_SLI:
		m->u.sli.peer_call_id = dec_u16(d);
		m->u.sli.rsvd1 = dec_u16(d);
		m->u.sli.send_accm = dec_u32(d);
		m->u.sli.recv_accm = dec_u32(d);
		break;
	default:
		d->err = HP_E_TYPE;
		break;
	}
}

static void
enc_body(struct wr *w, const struct pptp_msg *m)
{
	switch (m->type) {
	case PPTP_SCCRQ: {
		const struct pptp_sccrq *p = &m->u.sccrq;

		wr_u16(w, p->version);
		wr_u16(w, p->rsvd1);
		wr_u32(w, p->framing_caps);
		wr_u32(w, p->bearer_caps);
		wr_u16(w, p->max_channels);
		wr_u16(w, p->firmware);
		enc_str(w, p->host, PPTP_STR_LEN);
		enc_str(w, p->vendor, PPTP_STR_LEN);
		break;
	}
	case PPTP_SCCRP: {
		const struct pptp_sccrp *p = &m->u.sccrp;

		wr_u16(w, p->version);
		wr_u8(w, p->result);
		wr_u8(w, p->error);
		wr_u32(w, p->framing_caps);
		wr_u32(w, p->bearer_caps);
		wr_u16(w, p->max_channels);
		wr_u16(w, p->firmware);
		enc_str(w, p->host, PPTP_STR_LEN);
		enc_str(w, p->vendor, PPTP_STR_LEN);
		break;
	}
	case PPTP_STOPCCRQ:
		wr_u8(w, m->u.stopccrq.reason);
		wr_u8(w, m->u.stopccrq.rsvd1);
		wr_u16(w, m->u.stopccrq.rsvd2);
		break;
	case PPTP_STOPCCRP:
		wr_u8(w, m->u.stopccrp.result);
		wr_u8(w, m->u.stopccrp.error);
		wr_u16(w, m->u.stopccrp.rsvd1);
		break;
	case PPTP_ECHORQ:
		wr_u32(w, m->u.echorq.id);
		break;
	case PPTP_ECHORP:
		wr_u32(w, m->u.echorp.id);
		wr_u8(w, m->u.echorp.result);
		wr_u8(w, m->u.echorp.error);
		wr_u16(w, m->u.echorp.rsvd1);
		break;
	case PPTP_OCRQ: {
		const struct pptp_ocrq *p = &m->u.ocrq;

		wr_u16(w, p->call_id);
		wr_u16(w, p->serial);
		wr_u32(w, p->min_bps);
		wr_u32(w, p->max_bps);
		wr_u32(w, p->bearer_type);
		wr_u32(w, p->framing_type);
		wr_u16(w, p->recv_window);
		wr_u16(w, p->proc_delay);
		wr_u16(w, p->phone_len);
		wr_u16(w, p->rsvd1);
		enc_str(w, p->phone, PPTP_STR_LEN);
		enc_str(w, p->subaddr, PPTP_STR_LEN);
		break;
	}
	case PPTP_OCRP: {
		const struct pptp_ocrp *p = &m->u.ocrp;

		wr_u16(w, p->call_id);
		wr_u16(w, p->peer_call_id);
		wr_u8(w, p->result);
		wr_u8(w, p->error);
		wr_u16(w, p->cause);
		wr_u32(w, p->connect_speed);
		wr_u16(w, p->recv_window);
		wr_u16(w, p->proc_delay);
		wr_u32(w, p->phys_channel);
		break;
	}
	case PPTP_ICRQ: {
		const struct pptp_icrq *p = &m->u.icrq;

		wr_u16(w, p->call_id);
		wr_u16(w, p->serial);
		wr_u32(w, p->bearer_type);
		wr_u32(w, p->phys_channel);
		wr_u16(w, p->dialed_len);
		wr_u16(w, p->dialing_len);
		enc_str(w, p->dialed, PPTP_STR_LEN);
		enc_str(w, p->dialing, PPTP_STR_LEN);
		enc_str(w, p->subaddr, PPTP_STR_LEN);
		break;
	}
	case PPTP_ICRP: {
		const struct pptp_icrp *p = &m->u.icrp;

		wr_u16(w, p->call_id);
		wr_u16(w, p->peer_call_id);
		wr_u8(w, p->result);
		wr_u8(w, p->error);
		wr_u16(w, p->recv_window);
		wr_u16(w, p->proc_delay);
		wr_u16(w, p->rsvd1);
		break;
	}
	case PPTP_ICCN: {
		const struct pptp_iccn *p = &m->u.iccn;

		wr_u16(w, p->peer_call_id);
		wr_u16(w, p->rsvd1);
		wr_u32(w, p->connect_speed);
		wr_u16(w, p->recv_window);
		wr_u16(w, p->proc_delay);
		wr_u32(w, p->framing_type);
		break;
	}
	case PPTP_CCRQ:
		wr_u16(w, m->u.ccrq.call_id);
		wr_u16(w, m->u.ccrq.rsvd1);
		break;
	case PPTP_CDN: {
		const struct pptp_cdn *p = &m->u.cdn;

		wr_u16(w, p->call_id);
		wr_u8(w, p->result);
		wr_u8(w, p->error);
		wr_u16(w, p->cause);
		wr_u16(w, p->rsvd1);
		enc_str(w, p->stats, PPTP_STATS_LEN);
		break;
	}
	case PPTP_WEN: {
		const struct pptp_wen *p = &m->u.wen;

		wr_u16(w, p->peer_call_id);
		wr_u16(w, p->rsvd1);
		wr_u32(w, p->crc_errors);
		wr_u32(w, p->framing_errors);
		wr_u32(w, p->hw_overruns);
		wr_u32(w, p->buf_overruns);
		wr_u32(w, p->timeout_errors);
		wr_u32(w, p->align_errors);
		break;
	}
	case PPTP_SLI:
		wr_u16(w, m->u.sli.peer_call_id);
		wr_u16(w, m->u.sli.rsvd1);
		wr_u32(w, m->u.sli.send_accm);
		wr_u32(w, m->u.sli.recv_accm);
		break;
	default:
		w->err = HP_E_TYPE;
		break;
	}
}

static const char *const pptp_type_names[PPTP_TYPE_MAX + 1] = {
	[PPTP_SCCRQ]	= "Start-Control-Connection-Request",
	[PPTP_SCCRP]	= "Start-Control-Connection-Reply",
	[PPTP_STOPCCRQ]	= "Stop-Control-Connection-Request",
	[PPTP_STOPCCRP]	= "Stop-Control-Connection-Reply",
	[PPTP_ECHORQ]	= "Echo-Request",
	[PPTP_ECHORP]	= "Echo-Reply",
	[PPTP_OCRQ]	= "Outgoing-Call-Request",
	[PPTP_OCRP]	= "Outgoing-Call-Reply",
	[PPTP_ICRQ]	= "Incoming-Call-Request",
	[PPTP_ICRP]	= "Incoming-Call-Reply",
	[PPTP_ICCN]	= "Incoming-Call-Connected",
	[PPTP_CCRQ]	= "Call-Clear-Request",
	[PPTP_CDN]	= "Call-Disconnect-Notify",
	[PPTP_WEN]	= "WAN-Error-Notify",
	[PPTP_SLI]	= "Set-Link-Info",
};

static const char *const pptp_type_shorts[PPTP_TYPE_MAX + 1] = {
	[PPTP_SCCRQ]	= "SCCRQ",
	[PPTP_SCCRP]	= "SCCRP",
	[PPTP_STOPCCRQ]	= "StopCCRQ",
	[PPTP_STOPCCRP]	= "StopCCRP",
	[PPTP_ECHORQ]	= "EchoRQ",
	[PPTP_ECHORP]	= "EchoRP",
	[PPTP_OCRQ]	= "OCRQ",
	[PPTP_OCRP]	= "OCRP",
	[PPTP_ICRQ]	= "ICRQ",
	[PPTP_ICRP]	= "ICRP",
	[PPTP_ICCN]	= "ICCN",
	[PPTP_CCRQ]	= "CCRQ",
	[PPTP_CDN]	= "CDN",
	[PPTP_WEN]	= "WEN",
	[PPTP_SLI]	= "SLI",
};

const char *
pptp_type_name(unsigned int type)
{
	if (type == 0 || type > PPTP_TYPE_MAX)
		return "unknown";
	return pptp_type_names[type];
}

const char *
pptp_type_short(unsigned int type)
{
	if (type == 0 || type > PPTP_TYPE_MAX)
		return "unknown";
	return pptp_type_shorts[type];
}

const char *
pptp_error_name(unsigned int error)
{
	static const char *const names[] = {
		[PPTP_ERR_NONE]		= "none",
		[PPTP_ERR_NOT_CONNECTED] = "not-connected",
		[PPTP_ERR_BAD_FORMAT]	= "bad-format",
		[PPTP_ERR_BAD_VALUE]	= "bad-value",
		[PPTP_ERR_NO_RESOURCE]	= "no-resource",
		[PPTP_ERR_BAD_CALLID]	= "bad-call-id",
		[PPTP_ERR_PAC_ERROR]	= "pac-error",
	};

	if (error >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[error];
}

const char *
pptp_result_name(unsigned int type, unsigned int result)
{
	static const char *const sccrp[] = { NULL, "ok", "general-error",
	    "channel-exists", "not-authorized", "bad-version" };
	static const char *const okgen[] = { NULL, "ok", "general-error" };
	static const char *const ocrp[] = { NULL, "connected", "general-error",
	    "no-carrier", "busy", "no-dial-tone", "time-out",
	    "do-not-accept" };
	static const char *const icrp[] = { NULL, "connect", "general-error",
	    "do-not-accept" };
	static const char *const cdn[] = { NULL, "lost-carrier",
	    "general-error", "admin-shutdown", "request" };
	const char *const *t;
	size_t n;

	switch (type) {
	case PPTP_SCCRP:
		t = sccrp;
		n = sizeof(sccrp) / sizeof(sccrp[0]);
		break;
	case PPTP_STOPCCRP:
	case PPTP_ECHORP:
		t = okgen;
		n = sizeof(okgen) / sizeof(okgen[0]);
		break;
	case PPTP_OCRP:
		t = ocrp;
		n = sizeof(ocrp) / sizeof(ocrp[0]);
		break;
	case PPTP_ICRP:
		t = icrp;
		n = sizeof(icrp) / sizeof(icrp[0]);
		break;
	case PPTP_CDN:
		t = cdn;
		n = sizeof(cdn) / sizeof(cdn[0]);
		break;
	default:
		return "unknown";
	}
	if (result >= n || t[result] == NULL)
		return "unknown";
	return t[result];
}

const char *
pptp_stop_reason_name(unsigned int reason)
{
	switch (reason) {
	case PPTP_STOP_NONE:
		return "none";
	case PPTP_STOP_PROTOCOL:
		return "stop-protocol";
	case PPTP_STOP_LOCAL:
		return "local-shutdown";
	default:
		return "unknown";
	}
}
