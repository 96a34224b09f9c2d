/*
 * hpptpd: the capabilities master keeps once set-up is done.  It stays
 * uid 0 (so root-owned files stay its own) but holds only these.
 */
#include <linux/capability.h>

#include <cap-ng.h>

#include "common/log.h"
#include "policy/policy.h"

const int master_caps[] = {
	CAP_KILL,		/* SIGKILL a misbehaving worker (uid _hpptpd) */
	CAP_NET_ADMIN,		/* routes, addresses, proxy ARP, nftables */
	CAP_SETUID,		/* workers drop to _hpptpd after exec */
	CAP_SETGID,
	CAP_SYS_CHROOT,		/* workers chroot after exec */
};
const size_t master_ncaps = sizeof(master_caps) / sizeof(master_caps[0]);
const char *const master_cap_why[] = {
	"kill a worker that broke the protocol (it runs as another uid)",
	"routes, addresses, proxy ARP and NAT over netlink",
	"workers setresuid to the unprivileged user",
	"workers setresgid and setgroups",
	"workers chroot to the empty directory",
};

int
master_drop_caps(void)
{
	size_t i;

	capng_clear(CAPNG_SELECT_BOTH);
	for (i = 0; i < master_ncaps; i++)
		if (capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED |
		    CAPNG_INHERITABLE | CAPNG_BOUNDING_SET,
		    (unsigned int)master_caps[i]) != 0)
			return -1;
	if (capng_apply(CAPNG_SELECT_BOTH) != 0)
		return -1;
	return 0;
}
