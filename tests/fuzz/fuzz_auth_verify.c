/*
 * libFuzzer target: auth_verify with a small fixed secrets db; every
 * request field comes from the input.  Layout: method, chap_id, flags
 * (bit 0: server "pptpd" or "other"; bit 1: IPv6 peer), user_len,
 * chal_len, resp_len (2 bytes, big-endian), then user, chal, resp bytes
 * (short input leaves the rest zero).  Lengths are not clamped, so the
 * contract checks (HP_E_FIELD) are exercised too.
 */
#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "auth/lockout.h"
#include "auth/secrets.h"
#include "auth/verify.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char db_text[] =
    "User pptpd clientPass *\n"
    "hashuser pptpd nthash:44EBBA8D5312B8D611474411F56989AE 10.0.0.5\n"
    "papuser pptpd pw1 !10.0.0.9 10.0.0.0/24\n"
    "none pptpd pw2 -\n"
    "bad8 pptpd \\xff\n"
    "* other wild\n";

static struct secrets_db *db;

static void
discard(int prio, enum log_fac fac, const char *line)
{
	(void)prio;
	(void)fac;
	(void)line;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lockout_conf lc;
	struct lockout *lo;
	struct auth_req q;
	struct auth_res res;
	struct rd r;
	uint8_t method = 0, id = 0, flags = 0, ulen = 0, clen = 0;
	uint16_t rlen = 0;
	int i, ret;

	if (db == NULL) {
		log_init("fuzz", 1, 0);
		log_set_sink(discard);
		if (secrets_parse("fuzz", (const uint8_t *)db_text,
		    sizeof(db_text) - 1, NULL, NULL, &db, NULL) != HP_OK)
			abort();
	}
	rd_init(&r, data, size);
	(void)rd_u8(&r, &method);
	(void)rd_u8(&r, &id);
	(void)rd_u8(&r, &flags);
	(void)rd_u8(&r, &ulen);
	(void)rd_u8(&r, &clen);
	(void)rd_u16(&r, &rlen);

	memset(&q, 0, sizeof(q));
	q.method = method;
	q.chap_id = id;
	q.user_len = ulen;
	q.chal_len = clen;
	q.resp_len = rlen;
	if (flags & 1) {
		q.server_len = 5;
		memcpy(q.server, "other", 5);
	} else {
		q.server_len = 5;
		memcpy(q.server, "pptpd", 5);
	}
	q.peer.family = flags & 2 ? AF_INET6 : AF_INET;
	q.peer.addr[0] = 10;
	(void)rd_bytes(&r, q.user, ulen <= sizeof(q.user) ? ulen : 0);
	(void)rd_bytes(&r, q.chal, clen <= sizeof(q.chal) ? clen : 0);
	(void)rd_bytes(&r, q.resp, rlen <= sizeof(q.resp) ? rlen : 0);

	lockout_conf_default(&lc);
	lc.max_failures = 2;
	lc.capacity = 16;
	if ((lo = lockout_create(&lc)) == NULL)
		abort();
	for (i = 0; i < 3; i++) {
		ret = auth_verify(db, lo, &q, 1000 * (uint64_t)i, &res);
		if (ret != HP_OK && ret != HP_E_FIELD)
			__builtin_trap();
		if (res.message_len != strlen(res.message) ||
		    res.message_len > AUTH_MSG_MAX)
			__builtin_trap();
		if (res.ok && res.reason != AUTH_R_OK)
			__builtin_trap();
		if (!res.ok && res.have_keys)
			__builtin_trap();
		/* after two failures the third attempt must be locked out */
		if (i == 2 && ret == HP_OK && !res.ok &&
		    res.reason != AUTH_R_LOCKED_OUT)
			__builtin_trap();
		sodium_memzero(&res, sizeof(res));
	}
	lockout_destroy(lo);
	return 0;
}
