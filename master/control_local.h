/*
 * hpptpd master: types shared by the control module's files
 * (control.c: socket, clients, deadlines; control_cmd.c: what each
 * command answers).  Everything is bounded: at most CONTROL_MAX_CLIENTS
 * connections, one request of at most CTL_REQ_MAX bytes each, replies
 * in datagrams of at most CTL_CHUNK_MAX bytes from a fixed buffer in
 * the client's slot.
 */
#ifndef HP_MASTER_CONTROL_LOCAL_H
#define HP_MASTER_CONTROL_LOCAL_H

#include <sys/types.h>
#include <sys/un.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/ctl_proto.h"

#define CONTROL_MAX_CLIENTS	4	/* connections at once */
#define CONTROL_END_MAX		128	/* text of the final record */

struct master;

/* A client connection: read one request, send the reply, close. */
enum control_state {
	CC_FREE = 0,
	CC_READ,	/* waiting for the request */
	CC_SEND,	/* sending the reply */
};

struct control_client {
	enum control_state	 state;
	int		 fd;
	pid_t		 pid;		/* from SO_PEERCRED, for logs */
	uint64_t	 deadline;
	uint32_t	 epev;		/* events registered with epoll */
	struct ctl_req	 req;
	bool		 listing;	/* CTL_LIST rows still to produce */
	bool		 metrics;	/* CTL_METRICS families to produce */
	uint32_t	 family;	/* next metrics family */
	bool		 header_done;
	uint32_t	 cursor;	/* next session slot to list */
	bool		 end_sent;
	uint8_t		 end_kind;	/* CTL_R_OK or CTL_R_ERR */
	char		 end_text[CONTROL_END_MAX];
	size_t		 len;		/* datagram waiting in buf; 0: none */
	uint8_t		 buf[CTL_CHUNK_MAX];
};

struct control {
	int		 fd;
	int		 timer_fd;
	bool		 timer_armed;
	bool		 created;	/* we bound path: unlink it at end */
	char		 path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	unsigned int	 nclients;
	struct control_client c[CONTROL_MAX_CLIENTS];
};

/* Text appended to a client's reply chunk; sticky truncation. */
struct control_text {
	char		*p;
	size_t		 cap;
	size_t		 len;
	bool		 full;
};

/* control_text.c */
/* Start a CTL_R_DATA chunk in c->buf. */
void	control_out_init(struct control_text *, struct control_client *);
/* Append a whole line or nothing (then t->full). */
void	control_out(struct control_text *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* control_cmd.c */
/* Execute a parsed request; its output comes from control_produce. */
void	control_run(struct master *, struct control_client *);
/*
 * Fill c->buf with the next datagram: list rows, then the end record.
 * False when the reply is complete.
 */
bool	control_produce(struct master *, struct control_client *);
/* control_metrics.c: the next chunk of metrics; false when done. */
bool	control_metrics_produce(struct master *, struct control_client *,
	    struct control_text *);
/* Set the final record (CTL_R_OK or CTL_R_ERR) and its text. */
void	control_end(struct control_client *, uint8_t, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

#endif /* HP_MASTER_CONTROL_LOCAL_H */
