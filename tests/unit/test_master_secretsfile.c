/* hpptpd: which "@/path" secret files master agrees to open. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "master/secrets_file.h"

static void
test_path_allowed(void **state)
{
	const char *s = "/etc/ppp/chap-secrets";

	(void)state;
	assert_true(secrets_path_allowed(s, "/etc/ppp/alice.pw"));
	assert_true(secrets_path_allowed(s, "/etc/ppp/users/bob"));
	assert_false(secrets_path_allowed(s, "/etc/ssh/ssh_host_ed25519_key"));
	assert_false(secrets_path_allowed(s, "/etc/ppp/../shadow"));
	assert_false(secrets_path_allowed(s, "/etc/ppp/x/.."));
	assert_false(secrets_path_allowed(s, "/etc/ppp/./a"));
	assert_false(secrets_path_allowed(s, "/etc/ppp//a"));
	assert_false(secrets_path_allowed(s, "/etc/ppp/"));
	assert_false(secrets_path_allowed(s, "/etc/pppx/a"));
	assert_false(secrets_path_allowed(s, "etc/ppp/a"));
	assert_false(secrets_path_allowed("chap-secrets", "/a"));
	assert_false(secrets_path_allowed("/x", "/a/"));
	assert_true(secrets_path_allowed("/x", "/a"));
	assert_false(secrets_path_allowed("/x", "/.."));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_allowed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
