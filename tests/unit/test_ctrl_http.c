/*
 * Unit tests: ctrl/http_req.c, the metrics scraper's request parser:
 * what real scrapers send is served, everything else gets its status,
 * and a head that has not ended yet is "more", never a verdict.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ctrl/http_req.h"

struct tcase {
	const char		*in;
	enum http_verdict	 want;
	int			 head;
};

static const struct tcase cases[] = {
	/* Prometheus 2.x, as it sends it */
	{ "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:9555\r\n"
	  "User-Agent: Prometheus/2.42.0\r\nAccept: application/"
	  "openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5\r\n"
	  "Accept-Encoding: gzip\r\n"
	  "X-Prometheus-Scrape-Timeout-Seconds: 10\r\n\r\n", HTTP_OK, 0 },
	{ "GET /metrics HTTP/1.0\r\n\r\n", HTTP_OK, 0 },
	{ "HEAD /metrics HTTP/1.1\r\n\r\n", HTTP_OK, 1 },
	{ "GET /metrics?name[]=x HTTP/1.1\r\n\r\n", HTTP_OK, 0 },
	{ "GET /metrics HTTP/1.0\n\n", HTTP_OK, 0 },	/* bare LF */
	{ "GET /metrics HTTP/1.1\r\nX-A:\t b\r\n\r\n", HTTP_OK, 0 },
	{ "GET /metricsX HTTP/1.1\r\n\r\n", HTTP_NOT_FOUND, 0 },
	{ "GET / HTTP/1.1\r\n\r\n", HTTP_NOT_FOUND, 0 },
	{ "GET /metric HTTP/1.1\r\n\r\n", HTTP_NOT_FOUND, 0 },
	{ "POST /metrics HTTP/1.1\r\n\r\n", HTTP_METHOD, 0 },
	{ "get /metrics HTTP/1.1\r\n\r\n", HTTP_METHOD, 0 },
	{ "GET /metrics HTTP/2.0\r\n\r\n", HTTP_BAD, 0 },
	{ "GET /metrics HTTP/1.1 \r\n\r\n", HTTP_BAD, 0 },
	{ "GET  /metrics HTTP/1.1\r\n\r\n", HTTP_BAD, 0 },
	{ "GET /metrics\r\n\r\n", HTTP_BAD, 0 },	/* HTTP/0.9 */
	{ "\r\n\r\n", HTTP_BAD, 0 },
	{ "GET /metrics HTTP/1.1\r\nno colon\r\n\r\n", HTTP_BAD, 0 },
	{ "GET /metrics HTTP/1.1\r\n: empty name\r\n\r\n", HTTP_BAD, 0 },
	{ "GET /metrics HTTP/1.1\r\nA B: c\r\n\r\n", HTTP_BAD, 0 },
	{ "GET /metrics HTTP/1.1\r\nA: \x01\r\n\r\n", HTTP_BAD, 0 },
	{ "GET /metrics HTTP/1.1\r\nA: \xc3\xa4\r\n\r\n", HTTP_BAD, 0 },
	/* not ended: more */
	{ "GET /metrics HTTP/1.1\r\nHost: x\r\n", HTTP_MORE, 0 },
	{ "GET /metrics HTTP/1.1", HTTP_MORE, 0 },
	{ "", HTTP_MORE, 0 },
};

static void
test_cases(void **st)
{
	struct http_req r;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tcase *c = &cases[i];
		size_t len = strlen(c->in);
		enum http_verdict v;

		v = http_req_parse((const uint8_t *)c->in, len, &r);
		if (v != c->want)
			fail_msg("case %zu (%s): verdict %d, want %d", i, c->in,
			    (int)v, (int)c->want);
		if (v == HTTP_OK) {
			assert_int_equal(r.head, c->head);
			assert_int_equal(r.used, len);
		}
	}
}

/* A NUL inside the request line (a C string would stop at it). */
static void
test_nul(void **st)
{
	static const uint8_t req[] = "GET /metrics\0 HTTP/1.1\r\n\r\n";
	struct http_req r;

	(void)st;
	assert_int_equal(http_req_parse(req, sizeof(req) - 1, &r), HTTP_BAD);
}

/* Pipelined bytes after the blank line are not ours to read. */
static void
test_used(void **st)
{
	static const char req[] = "GET /metrics HTTP/1.1\r\n\r\nGET /x";
	struct http_req r;

	(void)st;
	assert_int_equal(http_req_parse((const uint8_t *)req, strlen(req),
	    &r), HTTP_OK);
	assert_int_equal(r.used, strlen(req) - strlen("GET /x"));
}

/* No end within HTTP_REQ_MAX: 431, and not one byte read beyond it. */
static void
test_too_large(void **st)
{
	static uint8_t big[HTTP_REQ_MAX + 100];
	static const char line[] = "GET /metrics HTTP/1.1\r\n";
	struct http_req r;
	size_t i;

	(void)st;
	memcpy(big, line, sizeof(line) - 1);
	for (i = sizeof(line) - 1; i + 8 < sizeof(big); i += 8)
		memcpy(big + i, "X-A: b\r\n", 8);
	assert_int_equal(http_req_parse(big, HTTP_REQ_MAX - 1, &r), HTTP_MORE);
	assert_int_equal(http_req_parse(big, HTTP_REQ_MAX, &r),
	    HTTP_TOO_LARGE);
	assert_int_equal(http_req_parse(big, sizeof(big), &r),
	    HTTP_TOO_LARGE);
}

/* Every verdict has its status line. */
static void
test_status(void **st)
{
	const char *t;

	(void)st;
	assert_int_equal(http_status(HTTP_OK, &t), 200);
	assert_int_equal(http_status(HTTP_BAD, &t), 400);
	assert_string_equal(t, "Bad Request");
	assert_int_equal(http_status(HTTP_NOT_FOUND, &t), 404);
	assert_int_equal(http_status(HTTP_METHOD, &t), 405);
	assert_int_equal(http_status(HTTP_TOO_LARGE, &t), 431);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_used),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
