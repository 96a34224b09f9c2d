/*
 * hpptpd: sending and receiving catalog messages on a SOCK_SEQPACKET
 * socketpair, with fd passing (SCM_RIGHTS) only where the catalog says.
 */
#ifndef HP_MSG_IO_H
#define HP_MSG_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/msg.h"

#define MSG_QUEUE_MAX	4096	/* queued outgoing messages per channel */

struct msg_qent;
struct msg_rbatch;
struct msg_sbatch;

struct msg_chan {
	int		 fd;		/* socketpair end, nonblocking */
	enum proc_id	 self;		/* who we are */
	enum proc_id	 peer;		/* who is at the other end */
	struct msg_qent	*qhead;		/* outgoing queue (EAGAIN) */
	struct msg_qent	*qtail;
	unsigned int	 qlen;
	struct msg_rbatch *rb;		/* received, not yet taken */
	struct msg_sbatch *sb;		/* held while corked */
	bool		 corked;
};

/* A received, validated message.  The fd, if any, is owned by the caller. */
struct msg {
	struct msg_hdr	 hdr;
	int		 fd;		/* -1 if none */
	uint8_t		 data[MSG_MAX_PAYLOAD] __attribute__((aligned(8)));
};

void	msg_chan_init(struct msg_chan *, int fd, enum proc_id self,
	    enum proc_id peer);
/* Drop the queue (wiping it) and close the fd. */
void	msg_chan_close(struct msg_chan *);

/*
 * Send one message; `fd` is attached when >= 0 (not closed here).
 * On EAGAIN the message is queued (fd duplicated); returns HP_E_NOMEM
 * when the queue is full and HP_E_SYS / HP_E_CLOSED on other errors.
 */
int	msg_send(struct msg_chan *, uint16_t type, uint32_t sid,
	    const void *payload, size_t len, int fd);
/*
 * Corked, msg_send() holds messages without an fd (up to MSG_SBATCH;
 * a full batch goes at once) and one sendmmsg(2) sends them at
 * msg_uncork() or msg_flush(): an event loop corks while it handles a
 * wake-up and sends before it waits again, so the messages one
 * wake-up makes cost one system call, not one each.  A message with
 * an fd, or one sent uncorked, goes after those held, in order.
 * Errors of a held message show at the uncork or flush: HP_E_AGAIN
 * when some went to the queue (EAGAIN), else as msg_send's.
 */
#define MSG_SBATCH	16
void	msg_cork(struct msg_chan *);
int	msg_uncork(struct msg_chan *);
/*
 * Send what is held, then the queue; HP_OK when both are empty,
 * HP_E_AGAIN when more remains.  The cork stays as it is.
 */
int	msg_flush(struct msg_chan *);
/* Whether the queue (EAGAIN) is non-empty: the fd waits for EPOLLOUT. */
int	msg_pending(const struct msg_chan *);

/*
 * Receive and validate one message.  Returns HP_OK with *m filled,
 * HP_E_AGAIN when nothing is waiting, HP_E_CLOSED at EOF, or the
 * validation error (any fd received has then been closed).
 *
 * One recvmmsg(2) reads up to MSG_RBATCH messages; the others wait in
 * the channel and are taken, each validated as it is, by the next
 * calls, with no system call.  So a caller that stops before
 * HP_E_AGAIN must not wait for the fd to be readable while
 * msg_recv_more() is true: the messages it would wait for may already
 * be here.
 */
#define MSG_RBATCH	16
int	msg_recv(struct msg_chan *, struct msg *m);
/*
 * Whether another msg_recv() may find a message without waiting: one
 * is held from the last read, or that read filled the batch.  A loop
 * that stops when this is false saves the read that would only say
 * HP_E_AGAIN (the fd is level-triggered: what comes later wakes it).
 */
bool	msg_recv_more(const struct msg_chan *);
/* Whether a message is held from the last read (no wake-up brings it). */
bool	msg_recv_held(const struct msg_chan *);

/* Copy bytes into a length-prefixed fixed array (truncating). */
size_t	msg_strcpy(char *dst, size_t cap, const char *src);

#endif /* HP_MSG_IO_H */
