/*
 * hpptpd master: login records (pppd's and Poptop's `logwtmp`).
 *
 * One USER_PROCESS record at session up and one DEAD_PROCESS record
 * with the same line at session down, in wtmp (what `last` reads) and
 * in utmp (what `who` reads), as login(1) writes them.  `last` pairs a
 * logout with the login by line, so each live session needs its own
 * line: use "pptp<unit>" with a unit number unique among live sessions
 * (ut_id is the line's last four characters, as login and init do, so
 * units below 10000 give distinct ids).
 * Files are opened per call and never created: if wtmp or utmp does
 * not exist, nothing is written there (login(1) behaves the same).
 */
#ifndef HP_MASTER_WTMP_H
#define HP_MASTER_WTMP_H

#include <sys/socket.h>

/*
 * Files to write; NULL restores the default (_PATH_WTMP, _PATH_UTMP),
 * "" writes none.  Tests point these at temporary files.
 */
int	wtmp_set_files(const char *wtmp_path, const char *utmp_path);

/* line: e.g. "pptp3"; host: the peer address as text; peer optional. */
int	wtmp_login(const char *line, const char *user, const char *host,
	    const struct sockaddr *peer);
int	wtmp_logout(const char *line);

#endif /* HP_MASTER_WTMP_H */
