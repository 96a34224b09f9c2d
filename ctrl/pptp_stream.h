/*
 * hpptpd: reassembly of a PPTP control connection's TCP byte stream into
 * whole messages, in a fixed buffer of one largest message.
 *
 * Reads may end anywhere: a message split at any byte, several messages
 * in one read, a read of one byte.  The header is judged as soon as its
 * bytes are here (a bad Length as soon as its two bytes are), never after
 * waiting for a body the Length invented.  The caller takes every
 * complete message out before reading the socket again.  An error is
 * sticky: the connection must be closed, and pptp_stream_reason() says
 * why.
 */
#ifndef HP_PPTP_STREAM_H
#define HP_PPTP_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "common/rd.h"
#include "ctrl/pptp_msg.h"

struct pptp_stream {
	uint8_t		buf[PPTP_MAX_LEN];	/* a message being collected */
	size_t		have;			/* bytes of it in buf */
	int		err;			/* HP_OK or the sticky error */
	struct pptp_hdr	bad;			/* the header that failed */
	size_t		bad_have;		/* header bytes seen then */
};

void	pptp_stream_init(struct pptp_stream *);

/*
 * Take bytes from in (consuming them) until one whole message is here.
 * HP_OK: *msg and *len point at it (inside in's bytes or the stream's
 * buffer), valid until the next call; call again for the next one.
 * HP_E_AGAIN: in is used up and no message is complete.
 * Anything else: the stream is broken (bad header); close.
 */
int	pptp_stream_next(struct pptp_stream *, struct rd *in,
	    const uint8_t **msg, size_t *len);

/* True if a message is partly collected (for an EOF log line). */
int	pptp_stream_partial(const struct pptp_stream *);

/*
 * Why the stream failed, for the log line ("bad length 9 for type
 * Start-Control-Connection-Request"); "ok" if it did not.
 */
const char *pptp_stream_reason(const struct pptp_stream *, char *, size_t);

#endif /* HP_PPTP_STREAM_H */
