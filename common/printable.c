/* hpptpd: escaping untrusted text for logs (see printable.h). */
#include <stddef.h>
#include <string.h>

#include "common/printable.h"

size_t
pr_escape(char *dst, size_t dstlen, const void *src, size_t srclen)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = src;
	size_t i, o = 0;

	if (dstlen == 0)
		return 0;
	for (i = 0; i < srclen; i++) {
		unsigned char c = s[i];

		if (pr_isprint(c) && !pr_isquote(c)) {
			if (o + 1 >= dstlen)
				break;
			dst[o++] = (char)c;
			continue;
		}
		if (o + 4 >= dstlen)
			break;
		dst[o++] = '\\';
		dst[o++] = 'x';
		dst[o++] = hex[c >> 4];
		dst[o++] = hex[c & 0xf];
	}
	dst[o] = '\0';
	return i;
}

bool
pr_all_printable(const void *s, size_t n)
{
	const unsigned char *p = s;
	size_t i;

	for (i = 0; i < n; i++)
		if (!pr_isprint(p[i]))
			return false;
	return true;
}

static bool
key_char(unsigned char c, bool first)
{
	return (c >= 'a' && c <= 'z') ||
	    (!first && ((c >= '0' && c <= '9') || c == '_' || c == '-'));
}

/* One KEY=VALUE at s[*i]; *i moves past it. */
static bool
kv_token(const char *s, size_t n, size_t *i, size_t *k0, size_t *klen,
    size_t *v0, size_t *vlen)
{
	size_t p = *i;

	*k0 = p;
	while (p < n && key_char((unsigned char)s[p], p == *k0))
		p++;
	*klen = p - *k0;
	if (*klen == 0 || p >= n || s[p] != '=')
		return false;
	p++;
	*v0 = p;
	if (p < n && s[p] == '"') {
		p++;
		while (p < n && s[p] != '"' && pr_isprint((unsigned char)s[p]))
			p++;
		if (p >= n || s[p] != '"')
			return false;
		p++;
	} else {
		while (p < n && s[p] != ' ' && s[p] != '"' &&
		    pr_isprint((unsigned char)s[p]))
			p++;
		if (p == *v0)
			return false;
	}
	*vlen = p - *v0;
	*i = p;
	return true;
}

bool
pr_audit_line(const char *s, size_t n, const char **ev, size_t *evlen)
{
	size_t keys[PR_KV_MAX], klens[PR_KV_MAX];
	size_t i = 0, nk = 0, k0, klen, v0, vlen, j;

	while (i < n) {
		if (nk > 0) {
			if (s[i] != ' ')
				return false;
			i++;
		}
		if (nk == PR_KV_MAX ||
		    !kv_token(s, n, &i, &k0, &klen, &v0, &vlen))
			return false;
		for (j = 0; j < nk; j++)
			if (klens[j] == klen &&
			    memcmp(s + keys[j], s + k0, klen) == 0)
				return false;
		if (nk == 0) {
			if (klen != 5 || memcmp(s + k0, "event", 5) != 0)
				return false;
			*ev = s + v0;
			*evlen = vlen;
		}
		keys[nk] = k0;
		klens[nk] = klen;
		nk++;
	}
	return nk > 0;
}
