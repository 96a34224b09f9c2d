/*
 * Unit tests: PPTP control message decode/encode (ctrl/pptp_msg.c) and
 * stream reassembly (ctrl/pptp_stream.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "common/err.h"
#include "common/rd.h"
#include "ctrl/pptp_msg.h"
#include "ctrl/pptp_stream.h"

static const size_t sizes[PPTP_TYPE_MAX + 1] = {
	0, 156, 156, 16, 16, 16, 20, 168, 32, 220, 24, 28, 16, 148, 40, 24
};

/* A message of the given type with every field set to something distinct. */
static void
sample(unsigned int type, struct pptp_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->type = (enum pptp_type)type;
	switch (type) {
	case PPTP_SCCRQ:
		m->u.sccrq.version = PPTP_VERSION;
		m->u.sccrq.rsvd1 = 0x0102;
		m->u.sccrq.framing_caps = 1;
		m->u.sccrq.bearer_caps = 1;
		m->u.sccrq.max_channels = 0;
		m->u.sccrq.firmware = 2600;
		strcpy(m->u.sccrq.host, "client");
		strcpy(m->u.sccrq.vendor, "Microsoft Windows NT");
		break;
	case PPTP_SCCRP:
		m->u.sccrp.version = PPTP_VERSION;
		m->u.sccrp.result = 1;
		m->u.sccrp.error = 0;
		m->u.sccrp.framing_caps = 3;
		m->u.sccrp.bearer_caps = 3;
		m->u.sccrp.max_channels = 1;
		m->u.sccrp.firmware = 1;
		/* exactly 64 bytes: no NUL on the wire */
		memset(m->u.sccrp.host, 'h', PPTP_STR_LEN);
		strcpy(m->u.sccrp.vendor, "hpptpd");
		break;
	case PPTP_STOPCCRQ:
		m->u.stopccrq.reason = 3;
		m->u.stopccrq.rsvd1 = 7;
		m->u.stopccrq.rsvd2 = 0x0809;
		break;
	case PPTP_STOPCCRP:
		m->u.stopccrp.result = 1;
		m->u.stopccrp.error = 4;
		m->u.stopccrp.rsvd1 = 0x0506;
		break;
	case PPTP_ECHORQ:
		m->u.echorq.id = 0xdeadbeef;
		break;
	case PPTP_ECHORP:
		m->u.echorp.id = 0x01020304;
		m->u.echorp.result = 1;
		m->u.echorp.error = 2;
		m->u.echorp.rsvd1 = 3;
		break;
	case PPTP_OCRQ:
		m->u.ocrq.call_id = 0x4a3b;
		m->u.ocrq.serial = 31240;
		m->u.ocrq.min_bps = 300;
		m->u.ocrq.max_bps = 100000000;
		m->u.ocrq.bearer_type = 3;
		m->u.ocrq.framing_type = 3;
		m->u.ocrq.recv_window = 64;
		m->u.ocrq.proc_delay = 0;
		m->u.ocrq.phone_len = 4;
		m->u.ocrq.rsvd1 = 0;
		strcpy(m->u.ocrq.phone, "1234");
		strcpy(m->u.ocrq.subaddr, "sub");
		break;
	case PPTP_OCRP:
		m->u.ocrp.call_id = 0x1111;
		m->u.ocrp.peer_call_id = 0x2222;
		m->u.ocrp.result = 1;
		m->u.ocrp.error = 0;
		m->u.ocrp.cause = 0x3333;
		m->u.ocrp.connect_speed = 100000000;
		m->u.ocrp.recv_window = 64;
		m->u.ocrp.proc_delay = 5;
		m->u.ocrp.phys_channel = 0x44556677;
		break;
	case PPTP_ICRQ:
		m->u.icrq.call_id = 9;
		m->u.icrq.serial = 10;
		m->u.icrq.bearer_type = 1;
		m->u.icrq.phys_channel = 11;
		m->u.icrq.dialed_len = 3;
		m->u.icrq.dialing_len = 2;
		strcpy(m->u.icrq.dialed, "555");
		strcpy(m->u.icrq.dialing, "66");
		memset(m->u.icrq.subaddr, 's', PPTP_STR_LEN);
		break;
	case PPTP_ICRP:
		m->u.icrp.call_id = 1;
		m->u.icrp.peer_call_id = 2;
		m->u.icrp.result = 3;
		m->u.icrp.error = 4;
		m->u.icrp.recv_window = 5;
		m->u.icrp.proc_delay = 6;
		m->u.icrp.rsvd1 = 7;
		break;
	case PPTP_ICCN:
		m->u.iccn.peer_call_id = 1;
		m->u.iccn.rsvd1 = 2;
		m->u.iccn.connect_speed = 3;
		m->u.iccn.recv_window = 4;
		m->u.iccn.proc_delay = 5;
		m->u.iccn.framing_type = 6;
		break;
	case PPTP_CCRQ:
		m->u.ccrq.call_id = 0xabcd;
		m->u.ccrq.rsvd1 = 0;
		break;
	case PPTP_CDN:
		m->u.cdn.call_id = 0x1234;
		m->u.cdn.result = 4;
		m->u.cdn.error = 0;
		m->u.cdn.cause = 16;
		m->u.cdn.rsvd1 = 0;
		memset(m->u.cdn.stats, 'x', PPTP_STATS_LEN);
		break;
	case PPTP_WEN:
		m->u.wen.peer_call_id = 1;
		m->u.wen.rsvd1 = 2;
		m->u.wen.crc_errors = 3;
		m->u.wen.framing_errors = 4;
		m->u.wen.hw_overruns = 5;
		m->u.wen.buf_overruns = 6;
		m->u.wen.timeout_errors = 7;
		m->u.wen.align_errors = 8;
		break;
	case PPTP_SLI:
		m->u.sli.peer_call_id = 0x77;
		m->u.sli.rsvd1 = 0;
		m->u.sli.send_accm = 0xffffffff;
		m->u.sli.recv_accm = 0x000a0000;
		break;
	}
}

static size_t
enc(unsigned int type, uint8_t *buf, size_t cap)
{
	struct pptp_msg m;
	size_t n = 0;

	sample(type, &m);
	assert_int_equal(pptp_msg_encode(&m, buf, cap, &n), HP_OK);
	return n;
}

static void
test_sizes(void **state)
{
	unsigned int t;

	assert_int_equal(pptp_msg_size(0), 0);
	assert_int_equal(pptp_msg_size(16), 0);
	assert_int_equal(pptp_msg_size(0xffff), 0);
	for (t = 1; t <= PPTP_TYPE_MAX; t++)
		assert_int_equal(pptp_msg_size(t), sizes[t]);
}

static void
test_roundtrip(void **state)
{
	uint8_t buf[PPTP_MAX_LEN + 8];
	struct pptp_msg in, out;
	unsigned int t;
	size_t n;

	for (t = 1; t <= PPTP_TYPE_MAX; t++) {
		sample(t, &in);
		n = 0;
		assert_int_equal(pptp_msg_encode(&in, buf, sizeof(buf), &n),
		    HP_OK);
		assert_int_equal(n, sizes[t]);
		assert_int_equal(buf[0] << 8 | buf[1], sizes[t]);
		assert_int_equal(buf[9], t);
		assert_int_equal(pptp_msg_decode(buf, n, &out), HP_OK);
		assert_memory_equal(&in, &out, sizeof(in));
		/* a buffer one byte short is refused, not overrun */
		assert_int_equal(pptp_msg_encode(&in, buf, n - 1, &n),
		    HP_E_LONG);
		assert_int_equal(n, 0);
	}
	in.type = (enum pptp_type)16;
	assert_int_equal(pptp_msg_encode(&in, buf, sizeof(buf), &n),
	    HP_E_TYPE);
}

/* Every truncation of every message fails, and the struct stays clear. */
static void
test_truncation(void **state)
{
	uint8_t buf[PPTP_MAX_LEN + 1];
	struct pptp_msg out, zero;
	unsigned int t;
	size_t n, i;
	int e;

	memset(&zero, 0, sizeof(zero));
	for (t = 1; t <= PPTP_TYPE_MAX; t++) {
		n = enc(t, buf, sizeof(buf));
		for (i = 0; i < n; i++) {
			memset(&out, 0xa5, sizeof(out));
			e = pptp_msg_decode(buf, i, &out);
			assert_int_equal(e, HP_E_SHORT);
			assert_memory_equal(&out, &zero, sizeof(out));
		}
		/* a trailing byte is not ignored either */
		buf[n] = 0;
		assert_int_equal(pptp_msg_decode(buf, n + 1, &out), HP_E_LONG);
	}
	assert_int_equal(pptp_msg_decode(NULL, 0, &out), HP_E_SHORT);
}

/* Byte layout checked against RFC 2637 offsets, not just our encoder. */
static void
test_wire_layout(void **state)
{
	uint8_t b[168];
	struct pptp_msg m;

	memset(b, 0, sizeof(b));
	b[0] = 0; b[1] = 168;			/* Length */
	b[3] = 1;				/* control message */
	b[4] = 0x1a; b[5] = 0x2b; b[6] = 0x3c; b[7] = 0x4d;
	b[9] = 7;				/* OCRQ */
	b[12] = 0x12; b[13] = 0x34;		/* Call ID */
	b[14] = 0x00; b[15] = 0x07;		/* Call Serial Number */
	b[16] = 0x00; b[17] = 0x00; b[18] = 0x01; b[19] = 0x2c;	/* min 300 */
	b[20] = 0x05; b[21] = 0xf5; b[22] = 0xe1; b[23] = 0x00;	/* 1e8 */
	b[27] = 3;				/* Bearer Type */
	b[31] = 3;				/* Framing Type */
	b[32] = 0; b[33] = 64;			/* Recv Window */
	b[34] = 0; b[35] = 0;			/* Processing Delay */
	b[36] = 0; b[37] = 3;			/* Phone Number Length */
	memcpy(b + 40, "123", 3);		/* Phone Number at 40 */
	memcpy(b + 104, "sub\0garbage", 11);	/* Subaddress at 104 */
	assert_int_equal(pptp_msg_decode(b, sizeof(b), &m), HP_OK);
	assert_int_equal(m.type, PPTP_OCRQ);
	assert_int_equal(m.u.ocrq.call_id, 0x1234);
	assert_int_equal(m.u.ocrq.serial, 7);
	assert_int_equal(m.u.ocrq.min_bps, 300);
	assert_int_equal(m.u.ocrq.max_bps, 100000000);
	assert_int_equal(m.u.ocrq.bearer_type, 3);
	assert_int_equal(m.u.ocrq.framing_type, 3);
	assert_int_equal(m.u.ocrq.recv_window, 64);
	assert_int_equal(m.u.ocrq.phone_len, 3);
	assert_string_equal(m.u.ocrq.phone, "123");
	assert_string_equal(m.u.ocrq.subaddr, "sub");	/* stops at NUL */

	/* SLI: Peer's Call ID at 12, Send ACCM at 16, Receive ACCM at 20. */
	memset(b, 0, 24);
	b[1] = 24; b[3] = 1;
	b[4] = 0x1a; b[5] = 0x2b; b[6] = 0x3c; b[7] = 0x4d;
	b[9] = 15;
	b[12] = 0xbe; b[13] = 0xef;
	b[16] = 0xff; b[17] = 0xff; b[18] = 0xff; b[19] = 0xff;
	b[20] = 0x00; b[21] = 0x00; b[22] = 0x00; b[23] = 0x00;
	assert_int_equal(pptp_msg_decode(b, 24, &m), HP_OK);
	assert_int_equal(m.u.sli.peer_call_id, 0xbeef);
	assert_int_equal(m.u.sli.send_accm, 0xffffffff);
	assert_int_equal(m.u.sli.recv_accm, 0);
}

static void
test_bad_inputs(void **state)
{
	uint8_t buf[PPTP_MAX_LEN + 4], b2[PPTP_MAX_LEN + 4];
	struct pptp_msg m;
	struct pptp_hdr h;
	unsigned int l, t;
	size_t n;

	/* Length <= 10, > 220, below the header, not the type's size */
	n = enc(PPTP_SCCRQ, buf, sizeof(buf));
	for (l = 0; l <= 0xffff; l++) {
		int want = (l == 156) ? HP_OK : HP_E_BADLEN;

		buf[0] = (uint8_t)(l >> 8);
		buf[1] = (uint8_t)l;
		assert_int_equal(pptp_msg_check_hdr(buf, n, &h), want);
		if (l != 156)
			assert_int_equal(pptp_msg_decode(buf, n, &m),
			    HP_E_BADLEN);
	}
	/* a bad length is known from two bytes, without waiting */
	buf[0] = 0; buf[1] = 9;
	assert_int_equal(pptp_msg_check_hdr(buf, 2, &h), HP_E_BADLEN);
	assert_int_equal(h.length, 9);
	buf[1] = 221;
	assert_int_equal(pptp_msg_check_hdr(buf, 2, &h), HP_E_BADLEN);
	assert_int_equal(pptp_msg_check_hdr(buf, 1, &h), HP_E_AGAIN);
	buf[1] = 156;
	assert_int_equal(pptp_msg_check_hdr(buf, 11, &h), HP_E_AGAIN);
	assert_int_equal(pptp_msg_check_hdr(buf, 12, &h), HP_OK);

	/* every type with every other type's size */
	for (t = 1; t <= PPTP_TYPE_MAX; t++) {
		unsigned int u;

		n = enc(t, buf, sizeof(buf));
		for (u = 1; u <= PPTP_TYPE_MAX; u++) {
			if (sizes[u] == sizes[t])
				continue;
			memcpy(b2, buf, n);
			b2[9] = (uint8_t)u;
			assert_int_equal(pptp_msg_decode(b2, n, &m),
			    HP_E_BADLEN);
		}
	}

	/* bad magic cookie, each byte */
	n = enc(PPTP_ECHORQ, buf, sizeof(buf));
	for (l = 4; l < 8; l++) {
		memcpy(b2, buf, n);
		b2[l] ^= 0x01;
		assert_int_equal(pptp_msg_decode(b2, n, &m), HP_E_FORMAT);
	}
	/* PPTP message type 2 (management) and 0 */
	memcpy(b2, buf, n);
	b2[3] = 2;
	assert_int_equal(pptp_msg_decode(b2, n, &m), HP_E_FORMAT);
	b2[3] = 0;
	assert_int_equal(pptp_msg_decode(b2, n, &m), HP_E_FORMAT);
	/* unknown control types 0, 16, 0x0101 */
	memcpy(b2, buf, n);
	b2[9] = 0;
	assert_int_equal(pptp_msg_decode(b2, n, &m), HP_E_TYPE);
	b2[9] = 16;
	assert_int_equal(pptp_msg_decode(b2, n, &m), HP_E_TYPE);
	b2[8] = 1; b2[9] = 1;
	assert_int_equal(pptp_msg_decode(b2, n, &m), HP_E_TYPE);
	/* unknown type with length 0: the length is refused first */
	memset(b2, 0, 12);
	b2[3] = 1;
	b2[4] = 0x1a; b2[5] = 0x2b; b2[6] = 0x3c; b2[7] = 0x4d;
	b2[9] = 99;
	assert_int_equal(pptp_msg_decode(b2, 12, &m), HP_E_BADLEN);
	/* header Reserved0 must be zero */
	memcpy(b2, buf, n);
	b2[11] = 1;
	assert_int_equal(pptp_msg_decode(b2, n, &m), HP_E_FIELD);
	/* body reserved fields are accepted (see pptp_msg.h) */
	n = enc(PPTP_SLI, buf, sizeof(buf));
	buf[14] = 0xff;
	assert_int_equal(pptp_msg_decode(buf, n, &m), HP_OK);
	assert_int_equal(m.u.sli.rsvd1, 0xff00);
}

static void
test_strings(void **state)
{
	uint8_t buf[PPTP_MAX_LEN];
	struct pptp_msg m;
	size_t n;

	/* full 64-byte host name without NUL */
	n = enc(PPTP_SCCRQ, buf, sizeof(buf));
	memset(buf + 28, 'A', 64);
	assert_int_equal(pptp_msg_decode(buf, n, &m), HP_OK);
	assert_int_equal(strlen(m.u.sccrq.host), 64);
	assert_string_equal(m.u.sccrq.vendor, "Microsoft Windows NT");
	/* control bytes survive decoding (sanitized only when logged) */
	buf[28] = '\n';
	buf[29] = 0x80;
	buf[30] = '\0';
	assert_int_equal(pptp_msg_decode(buf, n, &m), HP_OK);
	assert_int_equal(strlen(m.u.sccrq.host), 2);
	/* encoder cuts an over-long string to its field */
	sample(PPTP_SCCRQ, &m);
	memset(m.u.sccrq.host, 'B', sizeof(m.u.sccrq.host));
	assert_int_equal(pptp_msg_encode(&m, buf, sizeof(buf), &n), HP_OK);
	assert_int_equal(buf[28 + 63], 'B');
	assert_int_equal(buf[28 + 64], 'M');	/* vendor starts intact */
}

static void
test_names(void **state)
{
	assert_string_equal(pptp_type_name(PPTP_SCCRQ),
	    "Start-Control-Connection-Request");
	assert_string_equal(pptp_type_name(PPTP_SLI), "Set-Link-Info");
	assert_string_equal(pptp_type_name(0), "unknown");
	assert_string_equal(pptp_type_name(16), "unknown");
	assert_string_equal(pptp_type_short(PPTP_OCRQ), "OCRQ");
	assert_string_equal(pptp_error_name(PPTP_ERR_NOT_CONNECTED),
	    "not-connected");
	assert_string_equal(pptp_error_name(7), "unknown");
	assert_string_equal(pptp_result_name(PPTP_OCRP, 7), "do-not-accept");
	assert_string_equal(pptp_result_name(PPTP_CDN, 4), "request");
	assert_string_equal(pptp_result_name(PPTP_SCCRP, 5), "bad-version");
	assert_string_equal(pptp_result_name(PPTP_SCCRP, 0), "unknown");
	assert_string_equal(pptp_result_name(PPTP_SCCRQ, 1), "unknown");
	assert_string_equal(pptp_stop_reason_name(3), "local-shutdown");
}

/* ---- stream ---- */

/* A Windows-like sequence: SCCRQ OCRQ SLI EchoRQ CCRQ StopCCRQ. */
static size_t
sequence(uint8_t *buf, size_t cap, size_t *ends, size_t *nmsg)
{
	static const unsigned int types[] = { PPTP_SCCRQ, PPTP_OCRQ,
	    PPTP_SLI, PPTP_ECHORQ, PPTP_CCRQ, PPTP_STOPCCRQ, PPTP_ICRQ };
	size_t i, off = 0;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		off += enc(types[i], buf + off, cap - off);
		ends[i] = off;
	}
	*nmsg = i;
	return off;
}

static void
test_stream_split(void **state)
{
	uint8_t buf[1024];
	size_t ends[16], nmsg, total, cut, cut2, got;
	struct pptp_stream s;
	struct rd in;
	const uint8_t *msg;
	size_t len, off;
	struct pptp_msg m;
	int e;

	total = sequence(buf, sizeof(buf), ends, &nmsg);
	/* two reads, split at every byte; and three reads at many pairs */
	for (cut = 0; cut <= total; cut++) {
		for (cut2 = cut; cut2 <= total;
		    cut2 += (cut2 == total ? 1 : 1 + (cut % 7))) {
			size_t parts[3][2] = { { 0, cut }, { cut, cut2 },
			    { cut2, total } };
			size_t p;

			pptp_stream_init(&s);
			got = 0;
			off = 0;
			for (p = 0; p < 3; p++) {
				rd_init(&in, buf + parts[p][0],
				    parts[p][1] - parts[p][0]);
				while ((e = pptp_stream_next(&s, &in, &msg,
				    &len)) == HP_OK) {
					assert_true(got < nmsg);
					assert_int_equal(off + len, ends[got]);
					assert_memory_equal(msg, buf + off,
					    len);
					assert_int_equal(pptp_msg_decode(msg,
					    len, &m), HP_OK);
					off += len;
					got++;
				}
				assert_int_equal(e, HP_E_AGAIN);
				assert_int_equal(in.left, 0);
			}
			assert_int_equal(got, nmsg);
			assert_false(pptp_stream_partial(&s));
		}
	}
	/* one byte per read */
	pptp_stream_init(&s);
	got = 0;
	for (off = 0; off < total; off++) {
		rd_init(&in, buf + off, 1);
		while (pptp_stream_next(&s, &in, &msg, &len) == HP_OK) {
			assert_int_equal(off + 1, ends[got]);
			got++;
		}
		/* partial exactly when not at a message boundary */
		assert_int_equal(pptp_stream_partial(&s),
		    got == 0 || off + 1 != ends[got - 1]);
	}
	assert_int_equal(got, nmsg);
	assert_false(pptp_stream_partial(&s));
}

static void
test_stream_bad(void **state)
{
	uint8_t buf[512];
	struct pptp_stream s;
	struct rd in;
	const uint8_t *msg;
	size_t len, n;
	char why[128];

	/* bad length 9 with the type present: named in the reason */
	n = enc(PPTP_SCCRQ, buf, sizeof(buf));
	buf[0] = 0;
	buf[1] = 9;
	pptp_stream_init(&s);
	rd_init(&in, buf, n);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_BADLEN);
	assert_null(msg);
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)),
	    "bad length 9 for type Start-Control-Connection-Request");
	/* sticky */
	rd_init(&in, buf, n);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_BADLEN);

	/* bad length refused from its two bytes alone, no waiting */
	pptp_stream_init(&s);
	rd_init(&in, buf, 2);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_BADLEN);
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)),
	    "bad length 9");
	buf[0] = 0x10;
	buf[1] = 0x00;
	pptp_stream_init(&s);
	rd_init(&in, buf, 1);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_AGAIN);
	rd_init(&in, buf + 1, 1);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_BADLEN);
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)),
	    "bad length 4096");

	/* zero length unknown type (wedged accel-ppp): refused, not looped */
	memset(buf, 0, 12);
	buf[3] = 1;
	buf[4] = 0x1a; buf[5] = 0x2b; buf[6] = 0x3c; buf[7] = 0x4d;
	buf[9] = 42;
	pptp_stream_init(&s);
	rd_init(&in, buf, 12);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_BADLEN);
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)),
	    "bad length 0 for type 42");

	/* fixed size of another type: refused after the header only */
	n = enc(PPTP_ECHORQ, buf, sizeof(buf));
	buf[1] = 20;
	pptp_stream_init(&s);
	rd_init(&in, buf, 12);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_BADLEN);
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)),
	    "bad length 20 for type Echo-Request");

	/* bad cookie after a good message: the good one is delivered */
	n = enc(PPTP_ECHORQ, buf, sizeof(buf));
	n += enc(PPTP_ECHORQ, buf + n, sizeof(buf) - n);
	buf[16 + 7] = 0;
	pptp_stream_init(&s);
	rd_init(&in, buf, n);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_OK);
	assert_int_equal(len, 16);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_FORMAT);
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)),
	    "bad magic cookie 0x1a2b3c00");

	/* unknown type with a plausible length */
	n = enc(PPTP_ECHORQ, buf, sizeof(buf));
	buf[9] = 16;
	pptp_stream_init(&s);
	rd_init(&in, buf, n);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_TYPE);
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)),
	    "unknown control message type 16 (length 16)");
	/* management message */
	n = enc(PPTP_ECHORQ, buf, sizeof(buf));
	buf[3] = 2;
	pptp_stream_init(&s);
	rd_init(&in, buf, n);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_FORMAT);
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)),
	    "bad PPTP message type 2");
	/* partial message at EOF */
	n = enc(PPTP_SCCRQ, buf, sizeof(buf));
	pptp_stream_init(&s);
	rd_init(&in, buf, 100);
	assert_int_equal(pptp_stream_next(&s, &in, &msg, &len), HP_E_AGAIN);
	assert_true(pptp_stream_partial(&s));
	assert_string_equal(pptp_stream_reason(&s, why, sizeof(why)), "ok");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_wire_layout),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_stream_split),
		cmocka_unit_test(test_stream_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
