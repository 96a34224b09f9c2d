/* hpptpd: names for enum hp_err, for log lines. */
#include "common/err.h"

const char *
hp_strerror(int e)
{
	switch (e) {
	case HP_OK:		return "success";
	case HP_E_SHORT:	return "input too short";
	case HP_E_LONG:		return "input too long";
	case HP_E_BADLEN:	return "bad length field";
	case HP_E_RANGE:	return "value out of range";
	case HP_E_FORMAT:	return "malformed input";
	case HP_E_DUP:		return "duplicate";
	case HP_E_NOMEM:	return "out of memory or table full";
	case HP_E_SYS:		return "system error";
	case HP_E_FRAME:	return "bad message framing";
	case HP_E_TYPE:		return "unknown message type";
	case HP_E_PERM:		return "message not permitted";
	case HP_E_SIZE:		return "bad message size";
	case HP_E_FD:		return "bad file descriptor passing";
	case HP_E_FIELD:	return "bad message field";
	case HP_E_NOTFOUND:	return "not found";
	case HP_E_AUTH:		return "authentication failed";
	case HP_E_AGAIN:	return "try again";
	case HP_E_CLOSED:	return "peer closed";
	case HP_E_UNSUPP:	return "not supported";
	}
	return "unknown error";
}
