/*
 * Fuzz target: common/printable.c.  pr_escape of any input into any
 * buffer size (first byte) stays in bounds, writes printable bytes only
 * with no quote, never cuts an escape and decodes back to a prefix of
 * the input; msg="<escaped>" after an event is always a valid audit
 * line; pr_audit_line on the raw input must not fault, and what it
 * accepts has its event at the start.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/printable.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
unhex(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c - '0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out, *line;
	const char *ev;
	size_t dlen, used, i, o, k, evlen;

	if (size < 1)
		return 0;
	dlen = data[0];
	data++;
	size--;
	if ((out = malloc(dlen + 1)) == NULL)
		return 0;
	used = pr_escape(out, dlen, data, size);
	if (dlen == 0) {
		free(out);
		return 0;
	}
	if (used > size || strlen(out) >= dlen)
		abort();
	for (i = o = 0; out[o] != '\0'; i++) {
		unsigned char c = (unsigned char)out[o];

		if (!pr_isprint(c) || c == '"')
			abort();
		if (c == '\\') {
			if (out[o + 1] != 'x' || out[o + 2] == '\0' ||
			    out[o + 3] == '\0')
				abort();
			c = (unsigned char)(unhex(out[o + 2]) << 4 |
			    unhex(out[o + 3]));
			o += 4;
		} else
			o++;
		if (i >= used || c != data[i])
			abort();
	}
	if (i != used)
		abort();
	k = strlen(out);
	if ((line = malloc(k + 16)) != NULL) {
		memcpy(line, "event=x msg=\"", 13);
		memcpy(line + 13, out, k);
		line[13 + k] = '"';
		if (!pr_audit_line(line, k + 14, &ev, &evlen) || evlen != 1 ||
		    ev != line + 6)
			abort();
		free(line);
	}
	if (pr_audit_line((const char *)data, size, &ev, &evlen) &&
	    (size < 6 || memcmp(data, "event=", 6) != 0 ||
	    ev != (const char *)data + 6))
		abort();
	free(out);
	return 0;
}
