/*
 * hpptpd fuzz: the metrics scraper's HTTP request parser (ctrl/http_req.c)
 * on every prefix of the input, as the bytes would arrive: a prefix of
 * a complete head is never anything but "more", a verdict once given
 * stays the same for every longer input, and the consumed length is
 * within what was read.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctrl/http_req.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum http_verdict v, first = HTTP_MORE;
	struct http_req r;
	const char *text;
	size_t n;

	if (size > HTTP_REQ_MAX + 16)
		size = HTTP_REQ_MAX + 16;
	for (n = 0; n <= size; n++) {
		v = http_req_parse(data, n, &r);
		if (r.used > n)
			abort();
		if (first != HTTP_MORE && v != first)
			abort();		/* a verdict must not change */
		if (first == HTTP_MORE && v != HTTP_MORE)
			first = v;
		if (v == HTTP_OK && (r.used == 0 || r.head < 0 || r.head > 1))
			abort();
		if (v != HTTP_MORE && http_status(v, &text) < 200)
			abort();
		/* once decided, the rest is one check more (keep it fast) */
		if (first != HTTP_MORE && n + 1 < size) {
			if (http_req_parse(data, size, &r) != first)
				abort();
			break;
		}
	}
	return 0;
}
