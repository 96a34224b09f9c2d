/*
 * hpptpd: PPTP control stream reassembly.  Bytes are copied into one
 * fixed buffer of PPTP_MAX_LEN: first the 12-byte header (judged as soon
 * as any of it arrives), then exactly the rest of that message.  Nothing
 * is ever read past the header's Length, so the buffer cannot overflow
 * and a message is never mixed with the next.
 */
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/rd.h"
#include "ctrl/pptp_msg.h"
#include "ctrl/pptp_stream.h"

static int	stream_fail(struct pptp_stream *, int, const struct pptp_hdr *);
static void	type_str(unsigned int, char *, size_t);

void
pptp_stream_init(struct pptp_stream *s)
{
	memset(s, 0, sizeof(*s));
	s->err = HP_OK;
}

int
pptp_stream_next(struct pptp_stream *s, struct rd *in, const uint8_t **msg,
    size_t *len)
{
	struct pptp_hdr h;
	size_t target, take;
	int e;

	*msg = NULL;
	*len = 0;
	if (s->err != HP_OK)
		return s->err;
	for (;;) {
		e = pptp_msg_check_hdr(s->buf, s->have, &h);
		if (e == HP_OK)
			target = h.length;	/* <= PPTP_MAX_LEN, checked */
		else if (e == HP_E_AGAIN)
			target = PPTP_HDR_LEN;
		else
			return stream_fail(s, e, &h);
		if (e == HP_OK && s->have == target) {
			*msg = s->buf;
			*len = s->have;
			s->have = 0;
			return HP_OK;
		}
		if (in->left == 0)
			return HP_E_AGAIN;
		/* Never more than this message's bytes: the next stays in in. */
		take = target - s->have;
		if (take > in->left)
			take = in->left;
		if (rd_bytes(in, s->buf + s->have, take) != HP_OK)
			return stream_fail(s, HP_E_SHORT, &h);	/* not reached */
		s->have += take;
	}
}

int
pptp_stream_partial(const struct pptp_stream *s)
{
	return s->have > 0;
}

static int
stream_fail(struct pptp_stream *s, int e, const struct pptp_hdr *h)
{
	s->err = e;
	s->bad = *h;
	s->bad_have = s->have;
	s->have = 0;
	return e;
}

static void
type_str(unsigned int type, char *buf, size_t len)
{
	if (pptp_msg_size(type) != 0)
		(void)snprintf(buf, len, "%s", pptp_type_name(type));
	else
		(void)snprintf(buf, len, "%u", type);
}

const char *
pptp_stream_reason(const struct pptp_stream *s, char *buf, size_t len)
{
	char t[48];

	type_str(s->bad.type, t, sizeof(t));
	switch (s->err) {
	case HP_OK:
		(void)snprintf(buf, len, "ok");
		break;
	case HP_E_BADLEN:
		/* The type is known only if its bytes had arrived. */
		if (s->bad_have >= 10)
			(void)snprintf(buf, len, "bad length %u for type %s",
			    s->bad.length, t);
		else
			(void)snprintf(buf, len, "bad length %u",
			    s->bad.length);
		break;
	case HP_E_FORMAT:
		if (s->bad.msg_type != PPTP_MSG_CONTROL)
			(void)snprintf(buf, len, "bad PPTP message type %u",
			    s->bad.msg_type);
		else
			(void)snprintf(buf, len, "bad magic cookie 0x%08x",
			    s->bad.magic);
		break;
	case HP_E_TYPE:
		(void)snprintf(buf, len,
		    "unknown control message type %u (length %u)",
		    s->bad.type, s->bad.length);
		break;
	case HP_E_FIELD:
		(void)snprintf(buf, len, "reserved0 0x%04x not zero in %s",
		    s->bad.rsvd0, t);
		break;
	default:
		(void)snprintf(buf, len, "%s", hp_strerror(s->err));
		break;
	}
	return buf;
}
