/* hpptpd: error codes shared by every process. */
#ifndef HP_ERR_H
#define HP_ERR_H

/* Functions return HP_OK or a negative hp_err; hp_strerror() names it. */
enum hp_err {
	HP_OK		= 0,
	HP_E_SHORT	= -1,	/* input shorter than the format requires */
	HP_E_LONG	= -2,	/* input longer than allowed */
	HP_E_BADLEN	= -3,	/* a length field disagrees with the data */
	HP_E_RANGE	= -4,	/* a field is out of its allowed range */
	HP_E_FORMAT	= -5,	/* malformed in some other way */
	HP_E_DUP	= -6,	/* duplicate option or entry */
	HP_E_NOMEM	= -7,	/* allocation failed or table full */
	HP_E_SYS	= -8,	/* system call failed; see errno */
	HP_E_FRAME	= -9,	/* IPC framing error */
	HP_E_TYPE	= -10,	/* unknown message type */
	HP_E_PERM	= -11,	/* message not permitted from this peer now */
	HP_E_SIZE	= -12,	/* message payload has the wrong size */
	HP_E_FD		= -13,	/* fd missing, or present where none belongs */
	HP_E_FIELD	= -14,	/* a message field failed its check */
	HP_E_NOTFOUND	= -15,	/* no such entry */
	HP_E_AUTH	= -16,	/* authentication failed */
	HP_E_AGAIN	= -17,	/* nothing more to do now */
	HP_E_CLOSED	= -18,	/* peer closed */
	HP_E_UNSUPP	= -19,	/* valid but not supported */
};

const char	*hp_strerror(int);

#endif /* HP_ERR_H */
