/* hpptpd: common start-up of the three workers. */
#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"
#include "policy/policy.h"
#include "policy/worker.h"

static struct msg_chan *log_chan;

/* Worker log lines travel to master as MSG_LOG. */
static void
worker_log_sink(int prio, enum log_fac fac, const char *line)
{
	struct m_log m;
	size_t n;

	if (log_chan == NULL || log_chan->fd == -1)
		return;
	/*
	 * Peers can make lines: when master is behind, drop them rather
	 * than fill the queue the worker's own messages need (a full one
	 * is fatal to them).
	 */
	if (log_chan->qlen >= MSG_QUEUE_MAX / 2)
		return;
	memset(&m, 0, sizeof(m));
	m.prio = (uint8_t)prio;
	m.fac = (uint8_t)fac;
	n = strnlen(line, sizeof(m.text));
	/* a NUL-free copy: the validator refuses embedded NULs */
	memcpy(m.text, line, n);
	m.len = (uint16_t)n;
	(void)msg_send(log_chan, MSG_LOG, 0, &m, 4 + n, -1);
	/* a corked channel holds lines: an error's goes now (fatal exits) */
	if (prio <= LOG_ERR)
		(void)msg_flush(log_chan);
}

static long
num_arg(const char *s, long max, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v < 0 || v > max)
		fatalx("bad %s argument", what);
	return v;
}

/* What the profile says the worker keeps; the epoll fd is made here. */
static size_t
worker_keep(const struct worker_profile *w, int keep[2], int *ep)
{
	size_t n = 0;

	*ep = -1;
	if (w->keep & KEEP_CHAN)
		keep[n++] = WORKER_CHAN_FD;
	if (w->keep & KEEP_EPOLL) {
		if ((*ep = epoll_create1(EPOLL_CLOEXEC)) == -1)
			fatal("epoll_create1");
		keep[n++] = *ep;
	}
	return n;
}

int
worker_start(const struct worker_disp *d, int argc, char *argv[],
    struct msg_chan *chan)
{
	enum proc_id id = d->id;
	const struct worker_profile *w = policy_profile(id);
	struct sbx_user u;
	struct m_ready r;
	int ch, verbose = 0, haveu = 0, haveg = 0, flags, ep;
	int keep[2];
	size_t nkeep;
	pid_t pid = getpid();

	memset(&u, 0, sizeof(u));
	log_init(proc_name(id), 1, 0);
	while ((ch = getopt(argc, argv, "u:g:r:v:n:")) != -1) {
		switch (ch) {
		case 'u':
			u.uid = (uid_t)num_arg(optarg, INT_MAX, "-u");
			haveu = 1;
			break;
		case 'g':
			u.gid = (gid_t)num_arg(optarg, INT_MAX, "-g");
			haveg = 1;
			break;
		case 'r':
			if (strlen(optarg) >= sizeof(u.root) ||
			    optarg[0] != '/')
				fatalx("bad -r argument");
			strncpy(u.root, optarg, sizeof(u.root) - 1);
			break;
		case 'v':
			verbose = (int)num_arg(optarg, 9, "-v");
			break;
		case 'n':
			u.nofile = (unsigned)num_arg(optarg, 1 << 24, "-n");
			break;
		default:
			fatalx("usage: %s -u uid -g gid -r root [-v n] "
			    "[-n nofile]", argv[0]);
		}
	}
	if (!haveu || !haveg || u.root[0] == '\0')
		fatalx("usage: %s -u uid -g gid -r root [-v n] [-n nofile]",
		    argv[0]);
	if (fcntl(WORKER_CHAN_FD, F_GETFD) == -1)
		fatalx("no channel to master on fd %d", WORKER_CHAN_FD);
	flags = fcntl(WORKER_CHAN_FD, F_GETFL);
	if (flags == -1 ||
	    fcntl(WORKER_CHAN_FD, F_SETFL, flags | O_NONBLOCK) == -1)
		fatal("fcntl");
	msg_chan_init(chan, WORKER_CHAN_FD, id, P_MASTER);
	log_chan = chan;
	log_set_verbose(verbose);
	log_set_sink(worker_log_sink);
	if (!worker_disp_complete(d))
		fatalx("not starting");
	/* libsodium opens what it needs now, before the sandbox */
	if (sodium_init() < 0)
		fatalx("sodium_init failed");
	/* master's death must not leave us running */
	signal(SIGPIPE, SIG_IGN);
	if (w == NULL)
		fatalx("no profile for %s", proc_name(id));
	/*
	 * master names each gre data worker in argv[0] (hpptpd-gre1, ...):
	 * the name ps and /proc/PID/comm show, set while prctl is allowed.
	 */
	if (argv[0] != NULL && strchr(argv[0], '/') == NULL)
		(void)prctl(PR_SET_NAME, argv[0], 0, 0, 0);
	nkeep = worker_keep(w, keep, &ep);
	sandbox_enter(id, &u, keep, nkeep);
	memset(&r, 0, sizeof(r));
	r.proc = id;
	r.pid = (uint32_t)pid;
	if (msg_send(chan, MSG_READY, 0, &r, sizeof(r), -1) != HP_OK)
		fatalx("cannot reach master");
	log_debug("sandboxed: uid %u gid %u root %s", (unsigned int)u.uid,
	    (unsigned int)u.gid, u.root);
	return ep;
}

#ifdef HP_TEST_HOOKS
static void	worker_forge_audit(struct msg_chan *);
static void	worker_log_flood(struct msg_chan *);

void
worker_test_hook(struct msg_chan *c, uint32_t what)
{
	uint8_t junk[64];
	struct m_log l;

	memset(junk, 0, sizeof(junk));
	memset(&l, 0, sizeof(l));
	switch (what) {
	case TH_SYSCALL:
		(void)socket(AF_INET, SOCK_STREAM, 0);	/* SIGSYS */
		break;
	case TH_WRONG_TYPE:
		(void)msg_send(c, MSG_CTRL_CONFIG, 0, junk, 0, -1);
		break;
	case TH_SHORT:
		(void)msg_send(c, MSG_READY, 0, junk, 4, -1);
		break;
	case TH_LONG:
		(void)msg_send(c, MSG_READY, 0, junk, 16, -1);
		break;
	case TH_RANGE:
		l.prio = 200;
		l.len = 1;
		l.text[0] = 'x';
		(void)msg_send(c, MSG_LOG, 0, &l, 5, -1);
		break;
	case TH_STDERR:
		worker_forge_audit(c);
		break;
	case TH_LOG_FLOOD:
		worker_log_flood(c);
		break;
	}
}

/*
 * A forged audit line, raw on fd 2 (which must lead nowhere) and as a
 * log message with controls, DEL and 8-bit bytes (which master must
 * escape and keep from looking like its own audit line).
 */
static void
worker_forge_audit(struct msg_chan *c)
{
	static const char forged[] = "event=session-up sid=0x1 "
	    "user=\"alice\" peer=192.0.2.1 ip=10.99.0.1 mppe=128\n";
	static const char bytes[] = " forged\x01\x1b[2J\x7f\xc3\xa4\xff";
	struct m_log l;
	size_t n = sizeof(forged) - 2;	/* without its newline */

	if (write(STDERR_FILENO, forged, sizeof(forged) - 1) == -1)
		log_debug("test hook: fd 2: %s", strerror(errno));
	memset(&l, 0, sizeof(l));
	l.prio = LOG_NOTICE;
	l.fac = LOGF_AUTH;
	memcpy(l.text, forged, n);
	memcpy(l.text + n, bytes, sizeof(bytes) - 1);
	l.len = (uint16_t)(n + sizeof(bytes) - 1);
	(void)msg_send(c, MSG_LOG, 0, &l, 4 + l.len, -1);
}

/* 100,000 lines as fast as master takes them (bounded spin when full). */
static void
worker_log_flood(struct msg_chan *c)
{
	struct m_log l;
	unsigned long spins = 0;
	unsigned int i = 0;
	int n;

	memset(&l, 0, sizeof(l));
	l.prio = LOG_WARNING;
	while (i < 100000 && spins < 200000000UL) {
		if (c->qlen >= MSG_QUEUE_MAX / 2) {
			(void)msg_flush(c);
			spins++;
			continue;
		}
		n = snprintf(l.text, sizeof(l.text), "flood line %u", i);
		l.len = (uint16_t)n;
		if (msg_send(c, MSG_LOG, 0, &l, 4 + l.len, -1) != HP_OK)
			break;
		i++;
	}
}
#endif

void
worker_dispatch(const struct worker_disp *d, void *w, struct msg *msg)
{
	const struct worker_handler *h;
	void *sess = NULL;

	h = msg->hdr.type < MSG_NTYPES ? &d->rows[msg->hdr.type] : NULL;
	if (h == NULL || h->fn == NULL) {
		log_warnx("unexpected %s from master",
		    msg_type_name(msg->hdr.type));
		_exit(2);
	}
	if ((h->flags & WH_SESSION) == 0 ||
	    (sess = d->session(w, msg->hdr.sid)) != NULL)
		h->fn(w, sess, msg);
	/* else: the session ended while the message was in flight */
	if (h->flags & WH_WIPE)
		sodium_memzero(msg->data, msg->hdr.len);
	if (sess != NULL && d->done != NULL)
		d->done(w, sess);
}

void
worker_recv(const struct worker_disp *d, void *w, struct msg_chan *chan,
    struct msg *msg)
{
	int r;

	/* until the socket was found empty (msg_recv_more()) */
	do {
		if ((r = msg_recv(chan, msg)) != HP_OK)
			break;
		worker_dispatch(d, w, msg);
		if (msg->fd != -1)
			close(msg->fd);
	} while (msg_recv_more(chan));
	if (r == HP_E_CLOSED)
		_exit(0);		/* master is gone */
	if (r != HP_OK && r != HP_E_AGAIN)
		worker_bad_msg(chan, r);
}

/* A row for each type master sends this worker, and no other. */
bool
worker_disp_complete(const struct worker_disp *d)
{
	const struct msg_spec *s;
	unsigned int t;
	bool want;

	for (t = 0; t < MSG_NTYPES; t++) {
		want = (s = msg_spec(t)) != NULL && s->from == P_MASTER &&
		    (s->to == d->id || s->to == P_ANY_WORKER);
		if (want != (d->rows[t].fn != NULL)) {
			log_warnx("%s: handler table and catalog disagree on "
			    "%s", proc_name(d->id), msg_type_name(t));
			return false;
		}
	}
	return true;
}

void
worker_on_test(void *w, void *sess, struct msg *msg)
{
#ifdef HP_TEST_HOOKS
	worker_test_hook(log_chan, ((const struct m_test_syscall *)
	    msg->data)->what);
#endif
}

void
worker_log_restore(void)
{
	log_set_sink(worker_log_sink);
}

void
worker_bad_msg(const struct msg_chan *c, int err)
{
	log_warnx("bad message from master: %s", hp_strerror(err));
	_exit(2);
}
