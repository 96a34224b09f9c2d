/*
 * hpptpd ctrl worker: the request of a metrics scraper (HTTP/1.0 or
 * 1.1, RFC 9112), read by a pure parser: bytes in, a verdict out.
 */
#ifndef HP_CTRL_HTTP_REQ_H
#define HP_CTRL_HTTP_REQ_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_REQ_MAX	2048	/* request line and headers, all of it */

enum http_verdict {
	HTTP_MORE = 0,		/* no blank line yet: read on */
	HTTP_OK,		/* GET or HEAD of /metrics */
	HTTP_BAD,		/* 400: not a request we can read */
	HTTP_NOT_FOUND,		/* 404: another path */
	HTTP_METHOD,		/* 405: another method */
	HTTP_TOO_LARGE,		/* 431: no end within HTTP_REQ_MAX */
};

struct http_req {
	int		 head;		/* HEAD: the headers, no body */
	size_t		 used;		/* bytes up to the blank line */
};

/* Parse buf[0..len) (all that has come so far). */
enum http_verdict http_req_parse(const uint8_t *buf, size_t len,
	    struct http_req *);
/* The status line's code and text of a verdict other than HTTP_MORE. */
unsigned int	 http_status(enum http_verdict, const char **text);

#endif
