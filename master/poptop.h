/*
 * hpptpd: Poptop compatibility.  Reads pptpd.conf and the pppd option
 * file it names ("option /etc/ppp/options.pptpd") into a struct
 * hp_conf, so that "hpptpd -P /etc/pptpd.conf" runs from a Poptop
 * installation unmodified and "hpptpd -P /etc/pptpd.conf -n" prints
 * the equivalent hpptpd.conf (poptop_print).
 *
 * Errors (a bad address or number, a refused option such as delegate)
 * are logged as "file:line: message" and make the call fail.  Options
 * that hpptpd accepts but does not implement are never dropped
 * silently: their names (with file:line) are collected into one
 * warning line in the caller's buffer, for the caller to log once at
 * start.
 */
#ifndef HP_MASTER_POPTOP_H
#define HP_MASTER_POPTOP_H

#include <stddef.h>
#include <stdio.h>

#include "master/conf.h"

#define POPTOP_DEFAULT_CONF	"/etc/pptpd.conf"
#define POPTOP_WARN_LEN		4096	/* suggested warnings buffer */

/*
 * Read pptpd_conf_path and its option file (and any pppd "file" it
 * includes).  conf starts from conf_init() with Poptop's own defaults
 * (no DNS/WINS, no proxyarp, /etc/ppp/ip-up and ip-down).  warnings
 * gets "" or one line.  Returns 0, or -1 after logging every error.
 */
int	poptop_load(const char *pptpd_conf_path, struct hp_conf *conf,
	    char *warnings, size_t warnlen);

/*
 * The same from memory (tests, fuzzing): the pptpd.conf text and the
 * option file text (opt may be NULL: no option file).  The "option"
 * line's path is ignored in favour of opt; pppd's "file" option is not
 * followed (it is listed in the warning).
 */
int	poptop_parse_buffers(const char *conf_name, const char *confbuf,
	    size_t conflen, const char *opt_name, const char *optbuf,
	    size_t optlen, struct hp_conf *conf, char *warnings,
	    size_t warnlen);

/*
 * Print the converted configuration: a comment naming the source and
 * the options not carried over, then conf_print().
 */
void	poptop_print(FILE *, const char *source, const struct hp_conf *,
	    const char *warnings);

#endif /* HP_MASTER_POPTOP_H */
