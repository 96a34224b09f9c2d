/*
 * Fuzz target: the hpptpd.conf parser (master/parse.y).  A file that
 * parses must print (conf_print) to text that parses back to the same
 * settings.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/log.h"
#include "master/conf.h"

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
	char		*text = NULL;
	size_t		 len = 0;
	FILE		*fp;

	if (!init) {
		log_init("fuzz", 1, 0);
		log_set_sink(discard);
		init = 1;
	}
	if (conf_parse_buffer("fuzz", (const char *)data, size, &c) != 0)
		return 0;
	if ((fp = open_memstream(&text, &len)) == NULL)
		return 0;
	conf_print(fp, &c);
	fclose(fp);
	if (conf_parse_buffer("printed", text, len, &back) != 0 ||
	    conf_diff(&c, &back, NULL, NULL) != 0)
		abort();
	free(text);
	return 0;
}
