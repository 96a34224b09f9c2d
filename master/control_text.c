/*
 * hpptpd master: the text of a reply to hpptpctl, appended line by line
 * to the client's fixed chunk buffer.  Below both producers of text,
 * the commands (control_cmd.c) and the metrics (control_metrics.c).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/ctl_proto.h"
#include "master/control_local.h"

#define CONTROL_LINE_MAX	512	/* one formatted output line */

void
control_out_init(struct control_text *t, struct control_client *c)
{
	c->buf[0] = CTL_R_DATA;
	t->p = (char *)c->buf + 1;
	t->cap = sizeof(c->buf) - 1;
	t->len = 0;
	t->full = false;
}

/* Append a whole line or nothing (then the buffer is full). */
void
control_out(struct control_text *t, const char *fmt, ...)
{
	char line[CONTROL_LINE_MAX];
	va_list ap;
	int n;

	if (t->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;	/* cut; the caller ends lines */
	if ((size_t)n > t->cap - t->len) {
		t->full = true;
		return;
	}
	memcpy(t->p + t->len, line, (size_t)n);
	t->len += (size_t)n;
}
