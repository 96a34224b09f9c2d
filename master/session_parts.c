/*
 * hpptpd master: the parts of a session that are allocated, not held
 * in its slot -- the sanitized user name at its length, and the ok
 * verdict from auth's answer until the keys -- and their release with
 * the session.  A slot of master's table was 1,424 bytes when these
 * (and the RADIUS parts, struct msess_radius) lived in it; a local
 * user's session now costs its slot, its name and nothing else.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "master/session_local.h"

/* Every session's name until auth names it: never freed, never written. */
static char	user_none[1];

void
ms_parts_init(struct msess *s)
{
	s->user = user_none;
}

int
ms_user_set(struct msess *s, const void *name, size_t len)
{
	char buf[AUTH_NAME_MAX + 1];
	char *u;

	log_sanitize(buf, sizeof(buf), name, len);
	if ((u = strdup(buf)) == NULL)
		return HP_E_NOMEM;
	if (s->user != user_none)
		free(s->user);
	s->user = u;
	return HP_OK;
}

int
ms_verdict_keep(struct msess *s, const char *msg, size_t len)
{
	ms_verdict_drop(s);
	if (len > AUTH_MSG_MAX || (s->verdict = malloc(len + 1)) == NULL)
		return HP_E_NOMEM;
	memcpy(s->verdict, msg, len);
	s->verdict_len = (uint8_t)len;
	return HP_OK;
}

void
ms_verdict_drop(struct msess *s)
{
	if (s->verdict == NULL)
		return;
	sodium_memzero(s->verdict, s->verdict_len);
	free(s->verdict);
	s->verdict = NULL;
	s->verdict_len = 0;
}

void
ms_parts_free(struct msess *s)
{
	ms_verdict_drop(s);
	if (s->user != user_none && s->user != NULL) {
		sodium_memzero(s->user, strlen(s->user));
		free(s->user);
	}
	s->user = user_none;
	if (s->rad != NULL) {
		sodium_memzero(s->rad, sizeof(*s->rad));
		free(s->rad);
		s->rad = NULL;
	}
	s->nframed_req = s->nframed = 0;
	s->acct_rec = false;
}
