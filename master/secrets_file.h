/* hpptpd master: opening secrets files under the ownership rules. */
#ifndef HP_SECRETS_FILE_H
#define HP_SECRETS_FILE_H

#include <stdbool.h>

/*
 * Open a secrets file (chap-secrets or an "@/path" secret) read-only.
 * Refused, with a log line naming the file and its mode, unless it is
 * a regular file owned by root with no group or other permission bits
 * (group read allowed when group_readable).  Returns the fd or -1.
 */
int	secrets_open(const char *path, bool group_readable);
/* Whether "@/path" may be opened: under the secrets file's directory. */
bool	secrets_path_allowed(const char *secrets, const char *path);

#endif
