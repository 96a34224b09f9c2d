/*
 * hpptpd master: what the Poptop reader's files share (poptop.c:
 * pptpd.conf, the order of reading, pppd's semantics at the end, the
 * printout; poptop_opts.c: the pppd option table and its handlers;
 * poptop_subr.c: messages, value checks, reading a file;
 * poptop_radius.c: radius.so's radiusclient.conf).
 */
#ifndef HP_MASTER_POPTOP_LOCAL_H
#define HP_MASTER_POPTOP_LOCAL_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/pppword.h"
#include "master/conf.h"

#define PT_WORD_MAX	1024	/* longest pppd word */
#define PT_MAX_DEPTH	4	/* pppd "file" nesting */
#define PT_PATH_MAX	1024
#define POPTOP_MAX_FILE	(1024 * 1024)	/* bytes per file read */

#define PT_GLOBAL_OPTIONS	"/etc/ppp/options"
#define PT_WARN_TAIL	32	/* room for " and N more" */

struct pt_state {
	struct hp_conf	*conf;
	char		*warn;
	size_t		 warnlen;
	bool		 warn_full;
	size_t		 warn_omitted;	/* names that did not fit */
	int		 errors;
	bool		 from_files;	/* may follow "file" */
	int		 depth;
	/* Where the current option came from, for messages. */
	const char	*name;
	int		 line;
	/* Accumulated pppd semantics, applied at the end. */
	unsigned	 allowed;	/* CONF_AUTH_*, minus refuse-* */
	unsigned	 wanted;	/* require-* */
	bool		 auth;
	bool		 nomppe;
	unsigned	 mppe_req;	/* require-mppe-* */
	unsigned	 mppe_off;	/* nomppe-40/-128 */
	bool		 mppe_req_any;
	unsigned	 ndns, nwins;
	bool		 have_local, have_remote, have_name;
	bool		 radius;	/* plugin radius.so */
	char		 radius_conf[PT_PATH_MAX];
};

/* poptop_subr.c */
/* "file:line: message", counted in st->errors. */
void	pt_error(struct pt_state *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Name an option hpptpd ignores in the one warning line. */
void	pt_warn(struct pt_state *, const char *what, const char *note);
/* A number in [min, max] (clamped with a warning), an IPv4 address, a
 * printable value; false after pt_error. */
bool	pt_num(struct pt_state *, const char *opt, const char *arg,
	    long long min, long long max, long long *out);
bool	pt_v4(struct pt_state *, const char *opt, const char *arg,
	    struct in_addr *);
bool	pt_printable(struct pt_state *, const char *opt, const char *s);
/* A whole regular file of at most POPTOP_MAX_FILE bytes; 0 or -1. */
int	pt_read_file(const char *path, char **bufp, size_t *lenp);

/* poptop_opts.c */
/* One pppd word as a C string: 1, 0 at the end, -1 too long, -2 an
 * open quote (see poptop_opts.c). */
int	pt_word(struct pw_rd *, char *out, size_t outlen, int *line);
/* Apply every option of one pppd option file; 0, or -1 on errors. */
int	pt_read_options(struct pt_state *, const char *name, const char *buf,
	    size_t len);

/* poptop_radius.c */
/*
 * "plugin radius.so": radiusclient.conf (its authserver, acctserver,
 * servers, radius_timeout, radius_retries, radius_deadtime and
 * nas-identifier) as radius server statements, auth-source radius
 * (poptop.c calls it).  0, or -1 with a log line.
 */
#define POPTOP_RADIUSCLIENT_CONF "/etc/radiusclient/radiusclient.conf"
int	poptop_radius(struct hp_conf *, const char *radiusclient_conf);

#endif /* HP_MASTER_POPTOP_LOCAL_H */
