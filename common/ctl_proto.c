/*
 * hpptpd: the control protocol's request parser (see ctl_proto.h).
 * Pure: no I/O, no logging, no allocation; hpptpctl checks its command
 * line with the same SID parser master uses on the request.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "common/ctl_proto.h"
#include "common/err.h"
#include "common/rate.h"

static bool	word_is(const uint8_t *, size_t, const char *);

const char *
ctl_cmd_name(enum ctl_cmd c)
{
	switch (c) {
	case CTL_NONE:		return "none";
	case CTL_LIST:		return "list";
	case CTL_SHOW:		return "show";
	case CTL_KICK:		return "kick";
	case CTL_LIMIT:		return "limit";
	case CTL_METRICS:	return "metrics";
	case CTL_STATS:		return "stats";
	case CTL_RELOAD:	return "reload";
	case CTL_NCMDS:		break;
	}
	return "unknown";
}

/* "0x" + 1..8 hex digits, or 1..10 decimal digits; 1..UINT32_MAX. */
int
ctl_parse_sid(const uint8_t *p, size_t n, uint32_t *sid)
{
	uint64_t v = 0;
	size_t i;

	*sid = 0;
	if (n > 2 && p[0] == '0' && p[1] == 'x') {
		if (n - 2 > 8)
			return HP_E_RANGE;
		for (i = 2; i < n; i++) {
			uint8_t c = p[i];

			if (c >= '0' && c <= '9')
				v = v << 4 | (uint64_t)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v = v << 4 | (uint64_t)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				v = v << 4 | (uint64_t)(c - 'A' + 10);
			else
				return HP_E_RANGE;
		}
	} else {
		if (n == 0 || n > 10)
			return HP_E_RANGE;
		for (i = 0; i < n; i++) {
			if (p[i] < '0' || p[i] > '9')
				return HP_E_RANGE;
			v = v * 10 + (uint64_t)(p[i] - '0');
		}
	}
	if (v == 0 || v > UINT32_MAX)
		return HP_E_RANGE;
	*sid = (uint32_t)v;
	return HP_OK;
}

static bool
word_is(const uint8_t *w, size_t n, const char *s)
{
	return strlen(s) == n && memcmp(w, s, n) == 0;
}

/* "limit SID DOWN/UP" */
static int
parse_limit(const uint8_t *const w[3], const size_t wl[3], size_t nw,
    struct ctl_req *req)
{
	struct rate_pair rp;
	int r;

	if (nw != 3)
		return HP_E_BADLEN;
	if ((r = ctl_parse_sid(w[1], wl[1], &req->sid)) != HP_OK)
		return r;
	if (rate_parse((const char *)w[2], wl[2], 1, &rp) != HP_OK) {
		req->sid = 0;
		return HP_E_RANGE;
	}
	req->cmd = CTL_LIMIT;
	req->down_bps = rp.down_bps;
	req->up_bps = rp.up_bps;
	return HP_OK;
}

int
ctl_parse_request(const uint8_t *buf, size_t len, struct ctl_req *req)
{
	const uint8_t *w[3];
	size_t wl[3], i, nw = 0, start;
	int r;

	memset(req, 0, sizeof(*req));
	if (len > CTL_REQ_MAX)
		return HP_E_LONG;
	if (len > 0 && buf[len - 1] == '\n')	/* one optional newline */
		len--;
	if (len == 0)
		return HP_E_SHORT;
	for (i = 0; i < len; i++)
		if (buf[i] < 0x20 || buf[i] > 0x7e)
			return HP_E_FORMAT;
	/* words separated by exactly one space; none leading or trailing */
	if (buf[0] == ' ' || buf[len - 1] == ' ')
		return HP_E_FORMAT;
	for (start = 0, i = 0; i <= len; i++) {
		if (i < len && buf[i] != ' ')
			continue;
		if (i == start)
			return HP_E_FORMAT;	/* two spaces in a row */
		if (nw == 3)
			return HP_E_BADLEN;
		w[nw] = buf + start;
		wl[nw++] = i - start;
		start = i + 1;
	}

	if (word_is(w[0], wl[0], "list") || word_is(w[0], wl[0], "stats") ||
	    word_is(w[0], wl[0], "reload") || word_is(w[0], wl[0], "metrics")) {
		if (nw != 1)
			return HP_E_BADLEN;
		req->cmd = w[0][0] == 'l' ? CTL_LIST :
		    w[0][0] == 's' ? CTL_STATS :
		    w[0][0] == 'm' ? CTL_METRICS : CTL_RELOAD;
		return HP_OK;
	}
	if (word_is(w[0], wl[0], "kick")) {
		if (nw != 2)
			return HP_E_BADLEN;
		if ((r = ctl_parse_sid(w[1], wl[1], &req->sid)) != HP_OK)
			return r;
		req->cmd = CTL_KICK;
		return HP_OK;
	}
	if (word_is(w[0], wl[0], "limit"))
		return parse_limit(w, wl, nw, req);
	if (word_is(w[0], wl[0], "show")) {
		if (nw == 1)
			return HP_E_BADLEN;
		if (word_is(w[1], wl[1], "sessions")) {
			if (nw != 2)
				return HP_E_BADLEN;
			req->cmd = CTL_LIST;
			return HP_OK;
		}
		if (word_is(w[1], wl[1], "session")) {
			if (nw != 3)
				return HP_E_BADLEN;
			r = ctl_parse_sid(w[2], wl[2], &req->sid);
		} else {
			if (nw != 2)
				return HP_E_BADLEN;
			r = ctl_parse_sid(w[1], wl[1], &req->sid);
		}
		if (r != HP_OK)
			return r;
		req->cmd = CTL_SHOW;
		return HP_OK;
	}
	return HP_E_FORMAT;
}
