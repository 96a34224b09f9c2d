/*
 * hpptpd master: auth's load of the secrets file.  Master opens the
 * file (and the "@/path" files it names, within bounds) and hands auth
 * the fds; it never reads a secret itself.  The three messages of a
 * load name no session and are valid only while a load is open.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/log.h"
#include "master/master.h"
#include "master/pool.h"
#include "master/secrets_file.h"
#include "master/secrets_load.h"
#include "master/send.h"
#include "master/session_local.h"

/*
 * Hand auth a fresh fd of the secrets file.  One load at a time: auth
 * answers each with one MSG_SECRETS_LOADED, and master takes an answer
 * without a load open as a violation, so a reload that comes while a
 * load is open (two SIGHUPs, or SIGHUP and hpptpctl reload) is done
 * when that load's answer arrives.
 */
void
secrets_load_start(struct master *m)
{
	struct m_secrets s;
	int fd;

	if (m->secrets_loading) {
		m->secrets_again = true;
		return;
	}
	m->secrets_again = false;
	if ((fd = secrets_open(m->conf.secrets,
	    m->conf.secrets_group_readable)) == -1) {
		log_warnx("auth started without secrets: nobody can log in");
		return;
	}
	memset(&s, 0, sizeof(s));
	s.name_len = (uint16_t)msg_strcpy(s.name, sizeof(s.name),
	    m->conf.secrets);
	if (send_secrets(m, &s, fd) == HP_OK) {
		m->secrets_loading = true;
		pool_reserve_begin(m->pool);
	}
	close(fd);
}

void
secrets_load_on_file_req(struct master *m, const struct msg *msg)
{
	const struct m_secret_file_req *r = (const void *)msg->data;
	struct m_secret_file f;
	char path[sizeof(r->path) + 1];
	int fd;

	/* auth asks for "@/path" files only while it parses a load */
	if (!m->secrets_loading) {
		ms_violation(m, P_AUTH, msg, NULL, "file request outside a load");
		return;
	}
	memcpy(path, r->path, r->path_len);
	path[r->path_len] = '\0';
	memset(&f, 0, sizeof(f));
	memcpy(f.path, r->path, r->path_len);
	f.path_len = r->path_len;
	/*
	 * Only files beside the secrets file (e.g. /etc/ppp/...): a
	 * compromised auth must not get master to open any root file.
	 */
	if (!secrets_path_allowed(m->conf.secrets, path)) {
		log_warnx("secret file %s: refused: not in the directory of %s",
		    path, m->conf.secrets);
		fd = -1;
	} else
		fd = secrets_open(path, m->conf.secrets_group_readable);
	f.status = fd == -1 ? HP_E_NOTFOUND : HP_OK;
	(void)send_secret_file(m, &f, fd);
	if (fd != -1)
		close(fd);
}

/*
 * A static address of chap-secrets: reserve it for its user (only
 * while a load is in progress).  Reservations of an earlier load stay:
 * the pool can't forget one safely while its owner may be connected.
 */
void
secrets_load_on_static_addr(struct master *m, const struct msg *msg)
{
	const struct m_static_addr *a = (const void *)msg->data;
	char owner[AUTH_NAME_MAX + 1];
	struct in_addr in;
	int r;

	if (!m->secrets_loading) {
		ms_violation(m, P_AUTH, msg, NULL, "static address outside a load");
		return;
	}
	/* the same sanitized form the session's user name takes */
	log_sanitize(owner, sizeof(owner), a->name, a->name_len);
	in.s_addr = a->addr;
	if (!pool_contains(m->pool, in))
		return;		/* outside the pool: nothing to keep */
	if ((r = pool_reserve(m->pool, in, owner)) == HP_E_DUP)
		log_warnx("static address %s for \"%s\": already given to "
		    "\"%s\"; the first line keeps it", inet_ntoa(in), owner,
		    pool_reserved_for(m->pool, in));
	else if (r != HP_OK)
		log_warnx("static address %s for \"%s\": %s", inet_ntoa(in),
		    owner, hp_strerror(r));
}

void
secrets_load_on_loaded(struct master *m, const struct msg *msg)
{
	const struct m_secrets_loaded *l = (const void *)msg->data;

	if (!m->secrets_loading) {
		ms_violation(m, P_AUTH, msg, NULL, "load result without a load");
		return;
	}

	if (l->entries == 0 && !m->secrets_loaded)
		fatalx("%s: no valid entry; not starting", m->conf.secrets);
	if (l->entries == 0)
		log_warnx("%s: no valid entry; keeping the previous secrets",
		    m->conf.secrets);
	else
		log_info("%s: %u entries loaded, %u lines skipped",
		    m->conf.secrets, l->entries, l->errors);
	if (l->entries > 0) {
		m->secrets_entries = l->entries;
		/* statics the new file no longer has go back to the pool */
		pool_reserve_end(m->pool);
	}
	m->secrets_loaded = true;
	m->secrets_loading = false;
	if (m->secrets_again)
		secrets_load_start(m);
}

