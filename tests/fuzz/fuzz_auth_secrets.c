/* libFuzzer target: the chap-secrets parser, its lookup and address checks. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "auth/secrets.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
discard(int prio, enum log_fac fac, const char *line)
{
	(void)prio;
	(void)fac;
	(void)line;
}

/* "@/path" files: a few fixed answers chosen by the path's last byte. */
static int
read_cb(void *arg, const char *path, uint8_t *buf, size_t cap, size_t *len)
{
	static const char *files[] = {
		"secret\n", "  # c\n\"quoted secret\" x\n",
		"nthash:0123456789abcdef0123456789ABCDEF", "", "@/nested",
		"\"open", "a\\x41\\101\\\n",
	};
	size_t n = strlen(path), i;
	const char *c;

	(void)arg;
	if (n == 0)
		return HP_E_NOTFOUND;
	i = (unsigned char)path[n - 1] % 8;
	if (i == 7)
		return HP_E_SYS;
	c = files[i];
	if (strlen(c) > cap)
		return HP_E_LONG;
	memcpy(buf, c, strlen(c));
	*len = strlen(c);
	return HP_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	struct secrets_db *db = NULL;
	struct secrets_stats st;
	const struct secret_entry *e;
	uint32_t a;

	if (!init) {
		log_init("fuzz", 1, 0);
		log_set_sink(discard);
		init = 1;
	}
	if (secrets_parse("fuzz", data, size, read_cb, NULL, &db, &st) !=
	    HP_OK)
		return 0;
	if (st.valid != secrets_count(db))
		__builtin_trap();
	e = secrets_lookup(db, "user", 4, "pptpd", 5);
	if (e == NULL)
		e = secrets_lookup(db, "*", 1, "*", 1);
	if (e != NULL) {
		if (e->client[e->client_len] != '\0' ||
		    e->server[e->server_len] != '\0' ||
		    e->client_len > SECRETS_NAME_MAX ||
		    (e->kind == SECRET_PLAIN && e->secret_len == 0))
			__builtin_trap();
		(void)secrets_addr_allowed(&e->addrs, 0x0a000001);
		(void)secrets_static_addr(&e->addrs, &a);
	}
	secrets_free(db);
	return 0;
}
