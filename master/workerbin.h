/* hpptpd master: only exec a worker binary that only root can change. */
#ifndef HP_MASTER_WORKERBIN_H
#define HP_MASTER_WORKERBIN_H

#include <stddef.h>

/*
 * 0 when path (symlinks resolved) is a regular file owned by root and
 * not group- or other-writable, in a directory with the same
 * properties; else -1 with the reason in why.
 */
int	workerbin_check(const char *path, char *why, size_t whylen);
/* The same for dir/bin, logging the refusal. */
int	workerbin_ok(const char *dir, const char *bin);

#endif
