/*
 * Fuzz target: Poptop's pptpd.conf and pppd option file readers
 * (master/poptop*.c).  The input is split at the first NUL byte into
 * the pptpd.conf text and the option file text.  A conversion that
 * succeeds must print to an hpptpd.conf that parses back to the same
 * settings (the migration path).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "master/conf.h"
#include "master/poptop.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
	static int	 init;
	struct hp_conf	 c, back;
	const uint8_t	*nul;
	const char	*opt = NULL;
	char		 warn[POPTOP_WARN_LEN], *text = NULL;
	size_t		 clen = size, olen = 0, len = 0;
	FILE		*fp;

	if (!init) {
		log_init("fuzz", 1, 0);
		log_set_sink(discard);
		init = 1;
	}
	if ((nul = memchr(data, '\0', size)) != NULL) {
		clen = (size_t)(nul - data);
		opt = (const char *)nul + 1;
		olen = size - clen - 1;
	}
	if (poptop_parse_buffers("pptpd.conf", (const char *)data, clen,
	    "options.pptpd", opt, olen, &c, warn, sizeof(warn)) != 0)
		return 0;
	if (strlen(warn) >= sizeof(warn))
		abort();
	if ((fp = open_memstream(&text, &len)) == NULL)
		return 0;
	poptop_print(fp, "pptpd.conf", &c, warn);
	fclose(fp);
	if (conf_parse_buffer("converted", text, len, &back) != 0 ||
	    conf_diff(&c, &back, NULL, NULL) != 0)
		abort();
	free(text);
	return 0;
}
