/*
 * hpptpd ctrl worker: the parser of a metrics scraper's HTTP request.
 * A scraper sends one short request (Prometheus: "GET /metrics
 * HTTP/1.1" and a handful of headers); we need only its method and its
 * path, so everything else is checked for shape and then ignored.  The
 * whole head must arrive within HTTP_REQ_MAX bytes, every line must be
 * printable ASCII, and a header line must be "name: value".
 */
#include <stdbool.h>
#include <string.h>

#include "common/printable.h"
#include "ctrl/http_req.h"

#define METRICS_PATH	"/metrics"

/* The end of the line starting at p (the '\n'), or NULL. */
static const uint8_t *
line_end(const uint8_t *p, const uint8_t *end)
{
	return memchr(p, '\n', (size_t)(end - p));
}

/* Visible ASCII, space and tab only: no NUL, no other controls. */
static bool
printable(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!pr_isprint(p[i]) && p[i] != '\t')
			return false;
	return true;
}

/* A field name is a token (RFC 9110 5.1): no space, not empty. */
static bool
header_ok(const uint8_t *p, size_t n)
{
	const uint8_t *colon;
	size_t i;

	if (!printable(p, n) || (colon = memchr(p, ':', n)) == NULL ||
	    colon == p)
		return false;
	for (i = 0; i < (size_t)(colon - p); i++)
		if (p[i] == ' ' || p[i] == '\t')
			return false;
	return true;
}

/* "METHOD SP TARGET SP HTTP/1.x", n bytes without the line ending. */
static enum http_verdict
request_line(const uint8_t *p, size_t n, struct http_req *r)
{
	const uint8_t *sp1, *sp2;
	size_t mlen, tlen, vlen;

	if (!printable(p, n) || (sp1 = memchr(p, ' ', n)) == NULL)
		return HTTP_BAD;
	mlen = (size_t)(sp1 - p);
	if ((sp2 = memchr(sp1 + 1, ' ', n - mlen - 1)) == NULL)
		return HTTP_BAD;
	tlen = (size_t)(sp2 - sp1 - 1);
	vlen = n - mlen - tlen - 2;
	if (mlen == 0 || tlen == 0 || vlen != 8 ||
	    (memcmp(sp2 + 1, "HTTP/1.0", 8) != 0 &&
	    memcmp(sp2 + 1, "HTTP/1.1", 8) != 0))
		return HTTP_BAD;
	if (mlen == 3 && memcmp(p, "GET", 3) == 0)
		r->head = 0;
	else if (mlen == 4 && memcmp(p, "HEAD", 4) == 0)
		r->head = 1;
	else
		return HTTP_METHOD;
	/* the path, with or without a query (Prometheus may add one) */
	if (tlen < sizeof(METRICS_PATH) - 1 ||
	    memcmp(sp1 + 1, METRICS_PATH, sizeof(METRICS_PATH) - 1) != 0 ||
	    (tlen > sizeof(METRICS_PATH) - 1 &&
	    sp1[sizeof(METRICS_PATH)] != '?'))
		return HTTP_NOT_FOUND;
	return HTTP_OK;
}

enum http_verdict
http_req_parse(const uint8_t *buf, size_t len, struct http_req *r)
{
	const uint8_t *p = buf, *end, *nl;
	enum http_verdict v = HTTP_MORE;
	bool first = true;
	size_t n;

	memset(r, 0, sizeof(*r));
	if (len > HTTP_REQ_MAX)
		len = HTTP_REQ_MAX;
	end = buf + len;
	while ((nl = line_end(p, end)) != NULL) {
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')	/* CRLF; a bare LF too */
			n--;
		if (first) {
			if ((v = request_line(p, n, r)) == HTTP_BAD)
				return v;
			first = false;
		} else if (n == 0) {
			r->used = (size_t)(nl + 1 - buf);
			return v;
		} else if (!header_ok(p, n))
			return HTTP_BAD;
		p = nl + 1;
	}
	/* no blank line yet: more may come, unless the head is too long */
	return len >= HTTP_REQ_MAX ? HTTP_TOO_LARGE : HTTP_MORE;
}

unsigned int
http_status(enum http_verdict v, const char **text)
{
	switch (v) {
	case HTTP_OK:
		*text = "OK";
		return 200;
	case HTTP_NOT_FOUND:
		*text = "Not Found";
		return 404;
	case HTTP_METHOD:
		*text = "Method Not Allowed";
		return 405;
	case HTTP_TOO_LARGE:
		*text = "Request Header Fields Too Large";
		return 431;
	default:
		*text = "Bad Request";
		return 400;
	}
}
