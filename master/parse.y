/*
 * hpptpd: hpptpd.conf grammar (byacc).
 *
 * The shape follows OpenBSD's daemons (usr.sbin/npppd/npppd/parse.y):
 * a list of newline-terminated statements with an error rule so that
 * every error in the file is reported, macros, an include stack that
 * carries file:line, and a sorted keyword table searched with bsearch.
 * Differences on purpose: every number goes through conf_strtonum with
 * the real bounds of the setting it feeds, macro values may not
 * contain '$' (so expansion cannot loop), every string the lexer makes
 * is kept on one list freed when parsing ends (error paths cannot
 * leak), and a file that ends without a newline still ends its last
 * statement.
 *
 * The result goes into a caller-supplied struct hp_conf that starts
 * from conf_init(); the caller swaps it in only on success.
 */

%{
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/msg.h"
#include "common/rate.h"
#include "master/conf.h"
#include "master/pool6.h"

#define PARSE_MAXTOKEN		(CONF_POOL_MAX + 64)	/* longest token */
#define PARSE_MAXDEPTH		8	/* include nesting */
#define PARSE_MAXMACRO		64	/* macro name length */
#define PARSE_MAXMACROS		256	/* macros per parse */
#define PARSE_UNGETMAX		16
#define PARSE_PATHMAX		1024
#define PARSE_MAXDURATION_MS	(7ULL * 24 * 3600 * 1000)	/* one week */

struct file {
	TAILQ_ENTRY(file)	 entry;
	FILE			*stream;	/* NULL: in-memory buffer */
	const char		*buf;
	size_t			 len;
	size_t			 pos;
	char			*name;
	int			 lineno;
	int			 errors;
	int			 errline;	/* line of the last error */
	bool			 eof;		/* final newline delivered */
	int			 ungetbuf[PARSE_UNGETMAX];
	size_t			 ungetpos;
};

struct sym {
	TAILQ_ENTRY(sym)	 entry;
	char			*name;
	char			*value;
};

struct v4list {
	struct in_addr		 a[CONF_MAX_DNS];
	unsigned		 n;
};

struct tokstr {
	struct tokstr		*next;
	char			 s[];
};

typedef struct {
	union {
		char			*string;
		uint64_t		 ms;
		unsigned		 bits;
		int			 i;
		struct conf_listen	 addr;
		struct v4list		 v4;
		struct conf_rate	 rate;
	} v;
	int lineno;
} YYSTYPE;
#define YYSTYPE_IS_DECLARED 1

static TAILQ_HEAD(files, file)	 files = TAILQ_HEAD_INITIALIZER(files);
static TAILQ_HEAD(syms, sym)	 syms = TAILQ_HEAD_INITIALIZER(syms);
static struct file		*file, *topfile;
static struct tokstr		*tokstrs;
static const char		*parsebuf;	/* macro value being read */
static size_t			 parseindex;
static int			 nsyms;
static bool			 include_ok;
static bool			 allow_include_buffer;
static int			 errors;
static struct hp_conf		*conf;
static bool			 listen_default;	/* listen[] still built-in */
static char			 lasttok[48];	/* for "syntax error near" */
static char			 stmtword[48];	/* first word of the statement */
static bool			 stmtword_unknown;	/* not a keyword */
static int			 stmt_ntok, stmt_tok2;
static bool			 stmt_start = true;
static int			 pool_lineno;
static int			 static_lineno;
static int			 radius_pool_lineno;
static struct conf_at_rec	 at_rec[CA_N];	/* for conf_check_at */
static char			 pool_file[PARSE_PATHMAX];

#define YYERROR_DECL()	yyerror(const char *fmt, ...)
int		 yyparse(void);
static int	 yylex(void);
static int	 yylex_token(char *, size_t);
static void	 note_at(enum conf_at);
static int	 yyerror(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
static int	 kw_cmp(const void *, const void *);
static int	 lookup(const char *);
static int	 igetc(void);
static int	 lgetc(int);
static void	 lungetc(int);
static int	 findeol(void);
static struct file *pushfile(const char *, bool);
static struct file *pushbuffer(const char *, const char *, size_t);
static bool	 addbits(unsigned *, unsigned, unsigned, const char *);
static int	 popfile(void);
static void	 parse_cleanup(void);
static char	*tok_strdup(const char *);
static int	 symset(const char *, const char *);
static const char *symget(const char *);
static bool	 getnum(const char *, long long, long long, const char *,
		    long long *);
static bool	 getsecs(uint64_t, uint64_t, uint64_t, const char *,
		    uint32_t *);
static bool	 getaddr(const char *, struct conf_listen *);
static bool	 getv4(const char *, const char *, struct in_addr *);
static bool	 getprefix(const char *, const char *, struct conf_prefix *);
static bool	 getnamedpool(const char *, const char *);
static bool	 getpath(const char *, const char *, char *, size_t);
static bool	 getstr(const char *, const char *, char *, size_t);
static bool	 getrate(const char *, const char *, struct conf_rate *);
static bool	 adduserrate(const char *, const struct conf_rate *);
static bool	 getifname(const char *, const char *, char *);
static bool	 getdomain(const char *);
static bool	 getpool6(const char *, unsigned);
static bool	 setdns6(const char *, const char *, const char *);
static bool	 addroute6(const char *);
static int	 conf_parse_run(const char *);
static bool	 addradius(const char *, const char *);
static struct conf_radius rad_cur;	/* the radius server being read */
static bool	 adddae(const char *, const char *);
static struct conf_dae_client dae_cur;	/* the dae client being read */

%}

%token	ADDRESS ALLOW AUTH BURST CALLSPERCONN CHAP CHROOT CLIENTTOCLIENT
%token	CONNRATE CONTROL DEBUG DNS DOMAIN FAILURES GREREORDER GREWORKERS
%token	GROUPREADABLE
%token	HOOKTIMEOUT INCLUDE INFO INTERFACEID INTERVAL IPDOWN IPPARAM IPUP IPV6
%token	LCPECHO LISTEN
%token	LOCAL LOCKOUT LOGLEVEL LOGWTMP MAXCONN MAXCONNPERSOURCE MAXSESSIONS
%token	MAXSESSIONSPERUSER METRICS MPPE MRU MSCHAP MSCHAPV2 MTU NAT NO NONE ON
%token	PAP PERUSER
%token	POOL PORT PPPTIMEOUT PREFIXLENGTH DNS6 PUSHROUTE6 PPTPECHO PROXYARP PUSHROUTE RATELIMIT REQUIRE
%token	SCCRQTIMEOUT
%token	STATICADDRS
%token	SECRETS SERVERNAME STATEFUL TCPMSSADJUST TIME TIMEOUT TRACE TUN USER
%token	TUNOFFLOAD
%token	WINDOW WINS YES
%token	ACCTINTERIM ACCTPORT ACCTQUEUE ACCTTIMEOUT AUTHPORT AUTHSOURCE DEADTIME FILEKW
%token	NASIDENTIFIER NASIPADDRESS RADIUS REQUIREMA RETRIES SECRETFILE SERVER
%token	CLIENT DAE MULTIPLESESSIONS REQUIRETS
%token	ERROR
%token	<v.string>	STRING
%token	<v.string>	NUMBER
%token	<v.ms>		DURATION
%type	<v.ms>		duration
%type	<v.i>		yesno port mport loglevel
%type	<v.bits>	authmethod authlist authlistnl mppekey mppekeys
%type	<v.v4>		v4list
%type	<v.addr>	address
%type	<v.rate>	ratespec

%%

grammar		: /* empty */
		| grammar '\n'
		| grammar include '\n'
		| grammar varset '\n'
		| grammar main '\n'
		| grammar error '\n'		{ file->errors++; yyerrok; }
		;

include		: INCLUDE STRING		{
			struct file	*nfile;

			if (!include_ok) {
				yyerror("include is not allowed here");
				YYERROR;
			}
			if ((nfile = pushfile($2, true)) == NULL) {
				/* pushfile said why */
				YYERROR;
			}
			file = nfile;
			/*
			 * End the include statement from inside the new
			 * file; the newline must not count as a line.
			 */
			file->lineno = 0;
			lungetc('\n');
		}
		;

varset		: STRING '=' STRING		{
			if (symset($1, $3) == -1)
				YYERROR;
		}
		| STRING '=' NUMBER		{
			if (symset($1, $3) == -1)
				YYERROR;
		}
		;

yesno		: YES				{ $$ = 1; }
		| NO				{ $$ = 0; }
		;

optnl		: /* empty */
		| optnl '\n'
		;

duration	: NUMBER			{
			long long	 s;

			/* A bare number is seconds. */
			if (!getnum($1, 0, PARSE_MAXDURATION_MS / 1000,
			    "duration", &s))
				YYERROR;
			$$ = (uint64_t)s * 1000;
		}
		| DURATION			{ $$ = $1; }
		;

/* "10M/2M", "10M/2M burst 256k": down/up in bit/s, burst in bytes */
ratespec	: STRING			{
			if (!getrate($1, NULL, &$$))
				YYERROR;
		}
		| STRING BURST STRING		{
			if (!getrate($1, $3, &$$))
				YYERROR;
		}
		| STRING BURST NUMBER		{
			if (!getrate($1, $3, &$$))
				YYERROR;
		}
		;

port		: /* empty */			{ $$ = CONF_DEFAULT_PORT; }
		| PORT NUMBER			{
			long long	 p;

			if (!getnum($2, 1, 65535, "port", &p))
				YYERROR;
			$$ = (int)p;
		}
		;

mport		: /* empty */			{ $$ = CONF_METRICS_PORT; }
		| PORT NUMBER			{
			long long	 p;

			if (!getnum($2, 1, 65535, "port", &p))
				YYERROR;
			$$ = (int)p;
		}
		;

address		: STRING			{
			if (!getaddr($1, &$$))
				YYERROR;
		}
		;

authmethod	: PAP				{ $$ = CONF_AUTH_PAP; }
		| CHAP				{ $$ = CONF_AUTH_CHAP; }
		| MSCHAP			{ $$ = CONF_AUTH_MSCHAP; }
		| MSCHAPV2			{ $$ = CONF_AUTH_MSCHAPV2; }
		;

authlist	: authmethod			{ $$ = $1; }
		| authlist authmethod		{
			if (!addbits(&$$, $1, $2, "auth: method"))
				YYERROR;
		}
		;

authlistnl	: authmethod optnl		{ $$ = $1; }
		| authlistnl authmethod optnl	{
			if (!addbits(&$$, $1, $2, "auth: method"))
				YYERROR;
		}
		;

mppekey		: NUMBER			{
			if (strcmp($1, "40") == 0)
				$$ = CONF_MPPE_40;
			else if (strcmp($1, "56") == 0)
				$$ = CONF_MPPE_56;
			else if (strcmp($1, "128") == 0)
				$$ = CONF_MPPE_128;
			else {
				yyerror("mppe: key length %s is not 40, 56 or "
				    "128", $1);
				YYERROR;
			}
		}
		;

mppekeys	: mppekey			{ $$ = $1; }
		| mppekeys mppekey		{
			if (!addbits(&$$, $1, $2, "mppe: key length"))
				YYERROR;
		}
		;

loglevel	: INFO				{ $$ = 0; }
		| DEBUG				{ $$ = 1; }
		| TRACE				{ $$ = 2; }
		;

lcpechoopts	: lcpechoopt
		| lcpechoopts lcpechoopt
		;

lcpechoopt	: INTERVAL duration		{
			if (!getsecs($2, 0, 3600, "lcp-echo interval",
			    &conf->lcp_echo_interval_s))
				YYERROR;
		}
		| FAILURES NUMBER		{
			long long	 n;

			if (!getnum($2, 1, 100, "lcp-echo failures", &n))
				YYERROR;
			conf->lcp_echo_failure = (uint32_t)n;
		}
		;

radopts		: /* empty */			{
			memset(&rad_cur, 0, sizeof(rad_cur));
			rad_cur.auth_port = CONF_RADIUS_AUTH_PORT;
			rad_cur.acct_port = CONF_RADIUS_ACCT_PORT;
			rad_cur.timeout_ms = 3000;
			rad_cur.retries = 3;
			rad_cur.require_ma = true;
		}
		| radopts radopt
		;

radopt		: AUTHPORT NUMBER		{
			long long	 n;

			if (!getnum($2, 1, 65535, "radius auth-port", &n))
				YYERROR;
			rad_cur.auth_port = (uint16_t)n;
		}
		| ACCTPORT NUMBER		{
			long long	 n;

			if (!getnum($2, 1, 65535, "radius acct-port", &n))
				YYERROR;
			rad_cur.acct_port = (uint16_t)n;
		}
		| TIMEOUT duration		{
			if ($2 < 100 || $2 > 60000) {
				yyerror("radius timeout: %llums is out of "
				    "range (100ms..60s)", (unsigned long long)$2);
				YYERROR;
			}
			rad_cur.timeout_ms = (uint32_t)$2;
		}
		| RETRIES NUMBER		{
			long long	 n;

			if (!getnum($2, 1, 10, "radius retries", &n))
				YYERROR;
			rad_cur.retries = (uint32_t)n;
		}
		| REQUIREMA yesno		{ rad_cur.require_ma = $2; }
		;

daeopts		: /* empty */			{
			memset(&dae_cur, 0, sizeof(dae_cur));
			dae_cur.require_ma = true;
			dae_cur.require_ts = true;
			dae_cur.max_sessions = 1;
		}
		| daeopts daeopt
		;

daeopt		: REQUIREMA yesno		{ dae_cur.require_ma = $2; }
		| REQUIRETS yesno		{ dae_cur.require_ts = $2; }
		| MULTIPLESESSIONS NUMBER	{
			long long	 n;

			if (!getnum($2, 1, DAE_MULTI_MAX,
			    "radius dae client multiple-sessions", &n))
				YYERROR;
			dae_cur.max_sessions = (unsigned)n;
		}
		;

lockoutopts	: lockoutopt
		| lockoutopts lockoutopt
		;

lockoutopt	: FAILURES NUMBER		{
			long long	 n;

			/* 0 turns the lockout off, like "lockout no". */
			if (!getnum($2, 0, 1000, "lockout failures", &n))
				YYERROR;
			conf->lockout_failures = (uint32_t)n;
		}
		| WINDOW duration		{
			if (!getsecs($2, 1, 86400, "lockout window",
			    &conf->lockout_window_s))
				YYERROR;
		}
		| TIME duration			{
			if (!getsecs($2, 1, 86400, "lockout time",
			    &conf->lockout_time_s))
				YYERROR;
		}
		;

reorderopts	: reorderopt
		| reorderopts reorderopt
		;

reorderopt	: TIMEOUT duration		{
			if ($2 > GRE_REORDER_MS_MAX) {
				yyerror("gre-reorder timeout: %llums is too "
				    "large (0..5s)", (unsigned long long)$2);
				YYERROR;
			}
			conf->gre_reorder_ms = (uint32_t)$2;
		}
		| WINDOW NUMBER			{
			long long	 n;

			if (!getnum($2, 1, GRE_REORDER_WIN_MAX,
			    "gre-reorder window", &n))
				YYERROR;
			conf->gre_reorder_window = (uint32_t)n;
		}
		;

v4list		: STRING			{
			memset(&$$, 0, sizeof($$));
			if (!getv4("address", $1, &$$.a[0]))
				YYERROR;
			$$.n = 1;
		}
		| STRING STRING			{
			memset(&$$, 0, sizeof($$));
			if (!getv4("address", $1, &$$.a[0]) ||
			    !getv4("address", $2, &$$.a[1]))
				YYERROR;
			$$.n = 2;
		}
		;

main		: LISTEN ON address port	{
			struct conf_listen	*l;
			unsigned		 i;

			if (listen_default) {
				conf->nlisten = 0;
				memset(conf->listen, 0, sizeof(conf->listen));
				listen_default = false;
			}
			$3.port = (uint16_t)$4;
			for (i = 0; i < conf->nlisten; i++) {
				l = &conf->listen[i];
				if (l->af == $3.af && l->port == $3.port &&
				    memcmp(&l->addr, &$3.addr,
				    sizeof(l->addr)) == 0) {
					yyerror("listen on %s port %d: listed "
					    "twice", $3.af == AF_INET ? "IPv4"
					    : "IPv6", $4);
					YYERROR;
				}
			}
			if (conf->nlisten >= CONF_MAX_LISTEN) {
				yyerror("too many listen statements (at most "
				    "%d)", CONF_MAX_LISTEN);
				YYERROR;
			}
			conf->listen[conf->nlisten++] = $3;
		}
		| LOCAL ADDRESS STRING		{
			if (!getv4("local address", $3, &conf->local_addr))
				YYERROR;
			if (conf->local_addr.s_addr == htonl(INADDR_ANY)) {
				yyerror("local address: 0.0.0.0 is no address "
				    "for the tunnel");
				YYERROR;
			}
		}
		| POOL STRING			{
			if (*$2 == '\0') {
				yyerror("pool: empty");
				YYERROR;
			}
			if (!getstr("pool", $2, conf->pool,
			    sizeof(conf->pool)))
				YYERROR;
			pool_lineno = yylval.lineno;
			(void)conf_strcpy(pool_file, sizeof(pool_file),
			    file->name);
		}
		| POOL STRING STRING		{
			if (!getnamedpool($2, $3))
				YYERROR;
		}
		| STATICADDRS STRING		{
			if (*$2 == '\0') {
				yyerror("static-addresses: empty");
				YYERROR;
			}
			if (!getstr("static-addresses", $2,
			    conf->static_addrs, sizeof(conf->static_addrs)))
				YYERROR;
			static_lineno = yylval.lineno;
		}
		| AUTH authlist			{
			conf->auth = $2;
			note_at(CA_AUTH);
		}
		| AUTH '{' optnl authlistnl '}'	{
			conf->auth = $4;
			note_at(CA_AUTH);
		}
		| MPPE REQUIRE mppekeys		{
			conf->mppe = CONF_MPPE_REQUIRED;
			conf->mppe_keys = $3;
			note_at(CA_MPPE);
		}
		| MPPE ALLOW mppekeys		{
			conf->mppe = CONF_MPPE_OPTIONAL;
			conf->mppe_keys = $3;
			note_at(CA_MPPE);
		}
		| MPPE NO			{
			conf->mppe = CONF_MPPE_NONE;
			conf->mppe_keys = 0;
			conf->mppe_stateful = false;
		}
		| MPPE STATEFUL yesno		{ conf->mppe_stateful = $3; }
		| IPV6 yesno			{
			conf->ipv6 = $2;
			if (!conf->ipv6) {	/* no: the identifiers go too */
				memset(conf->ipv6_ifid_local, 0, 8);
				memset(conf->ipv6_ifid_remote, 0, 8);
				memset(&conf->ipv6_pool, 0,
				    sizeof(conf->ipv6_pool));
				conf->ipv6_pool_len = 0;
				conf->ipv6_prefix_len = 0;
			}
		}
		| IPV6 POOL STRING		{
			if (!getpool6($3, POOL6_SUBLEN))
				YYERROR;
		}
		| IPV6 POOL STRING PREFIXLENGTH NUMBER {
			long long	 n;

			if (!getnum($5, 1, 128, "ipv6 pool prefix-length",
			    &n) || !getpool6($3, (unsigned)n))
				YYERROR;
		}
		| IPV6 INTERFACEID STRING	{
			char	 err[128];

			if (conf_ifid_pair($3, conf->ipv6_ifid_local,
			    conf->ipv6_ifid_remote, err, sizeof(err)) == -1) {
				yyerror("ipv6 %s", err);
				YYERROR;
			}
			conf->ipv6 = true;
		}
		| DNS v4list			{
			memcpy(conf->dns, $2.a, sizeof(conf->dns));
			conf->ndns = $2.n;
		}
		| DNS6 STRING			{
			if (!setdns6($2, NULL, NULL))
				YYERROR;
		}
		| DNS6 STRING STRING		{
			if (!setdns6($2, $3, NULL))
				YYERROR;
		}
		| DNS6 STRING STRING STRING	{
			if (!setdns6($2, $3, $4))
				YYERROR;
		}
		| DNS6 NONE			{
			memset(conf->dns6, 0, sizeof(conf->dns6));
			conf->ndns6 = 0;
		}
		| PUSHROUTE6 STRING		{
			if (!addroute6($2))
				YYERROR;
		}
		| DNS NONE			{
			memset(conf->dns, 0, sizeof(conf->dns));
			conf->ndns = 0;
		}
		| WINS v4list			{
			memcpy(conf->wins, $2.a, sizeof(conf->wins));
			conf->nwins = $2.n;
		}
		| WINS NONE			{
			memset(conf->wins, 0, sizeof(conf->wins));
			conf->nwins = 0;
		}
		| PUSHROUTE STRING		{
			struct conf_prefix	 p;
			unsigned		 i;

			if (!getprefix("push-route", $2, &p))
				YYERROR;
			for (i = 0; i < conf->nroutes; i++) {
				if (conf->routes[i].addr.s_addr ==
				    p.addr.s_addr &&
				    conf->routes[i].len == p.len) {
					yyerror("push-route %s: listed twice",
					    $2);
					YYERROR;
				}
			}
			if (conf->nroutes >= CONF_MAX_ROUTES) {
				yyerror("too many push-route statements (at "
				    "most %d)", CONF_MAX_ROUTES);
				YYERROR;
			}
			conf->routes[conf->nroutes++] = p;
		}
		| DOMAIN STRING			{
			if (!getdomain($2))
				YYERROR;
		}
		| DOMAIN NONE			{ conf->domain[0] = '\0'; }
		| SECRETS STRING		{
			if (!getpath("secrets", $2, conf->secrets,
			    sizeof(conf->secrets)))
				YYERROR;
		}
		| SECRETS GROUPREADABLE yesno	{
			conf->secrets_group_readable = $3;
		}
		| SERVERNAME STRING		{
			if (*$2 == '\0') {
				yyerror("server-name: empty");
				YYERROR;
			}
			if (!getstr("server-name", $2, conf->server_name,
			    sizeof(conf->server_name)))
				YYERROR;
		}
		| TUN STRING			{
			if (!getifname("tun", $2, conf->tun_name))
				YYERROR;
		}
		| MTU NUMBER			{
			long long	 n;

			if (!getnum($2, 576, 1500, "mtu", &n))
				YYERROR;
			conf->mtu = (uint16_t)n;
		}
		| MRU NUMBER			{
			long long	 n;

			if (!getnum($2, 576, 1500, "mru", &n))
				YYERROR;
			conf->mru = (uint16_t)n;
		}
		| LCPECHO lcpechoopts
		| LCPECHO NO			{ conf->lcp_echo_interval_s = 0; }
		| TCPMSSADJUST yesno		{ conf->tcp_mss_adjust = $2; }
		| TUNOFFLOAD yesno		{ conf->tun_offload = $2; }
		| PROXYARP yesno		{ conf->proxyarp = $2; }
		| LOGWTMP yesno			{ conf->logwtmp = $2; }
		| CLIENTTOCLIENT yesno		{ conf->client_to_client = $2; }
		| RATELIMIT ratespec		{ conf->rate = $2; }
		| METRICS PERUSER yesno		{ conf->metrics_per_user = $3; }
		| METRICS LISTEN ON address mport {
			if (conf->metrics_listen_on) {
				yyerror("metrics listen: given twice");
				YYERROR;
			}
			conf->metrics_listen = $4;
			conf->metrics_listen.port = (uint16_t)$5;
			conf->metrics_listen_on = true;
		}
		| METRICS LISTEN NO		{
			conf->metrics_listen_on = false;
			memset(&conf->metrics_listen, 0,
			    sizeof(conf->metrics_listen));
		}
		| RATELIMIT NO			{
			memset(&conf->rate, 0, sizeof(conf->rate));
		}
		| RATELIMIT USER STRING ratespec {
			if (!adduserrate($3, &$4))
				YYERROR;
		}
		| IPPARAM yesno			{ conf->ipparam = $2; }
		| NAT ON STRING			{
			if (!getifname("nat on", $3, conf->nat_ifname))
				YYERROR;
			conf->nat = true;
			note_at(CA_NAT);
		}
		| NAT NO			{
			conf->nat = false;
			conf->nat_ifname[0] = '\0';
		}
		| IPUP STRING			{
			if (!getpath("ip-up", $2, conf->ip_up,
			    sizeof(conf->ip_up)))
				YYERROR;
		}
		| IPUP NONE			{ conf->ip_up[0] = '\0'; }
		| IPDOWN STRING			{
			if (!getpath("ip-down", $2, conf->ip_down,
			    sizeof(conf->ip_down)))
				YYERROR;
		}
		| IPDOWN NONE			{ conf->ip_down[0] = '\0'; }
		| HOOKTIMEOUT duration		{
			if (!getsecs($2, 1, 3600, "hook-timeout",
			    &conf->hook_timeout_s))
				YYERROR;
		}
		| MAXSESSIONS NUMBER		{
			long long	 n;

			if (!getnum($2, 1, CONF_NUM_MAX, "max-sessions", &n))
				YYERROR;
			conf->max_sessions = (uint32_t)n;
			note_at(CA_MAXSESS);
		}
		| MAXSESSIONSPERUSER NUMBER	{
			long long	 n;

			if (!getnum($2, 0, 65535, "max-sessions-per-user", &n))
				YYERROR;
			conf->max_sessions_per_user = (uint32_t)n;
			note_at(CA_MAXSESSUSER);
		}
		| MAXCONN NUMBER		{
			long long	 n;

			if (!getnum($2, 1, CONF_NUM_MAX, "max-connections", &n))
				YYERROR;
			conf->max_connections = (uint32_t)n;
			note_at(CA_MAXCONN);
		}
		| MAXCONNPERSOURCE NUMBER	{
			long long	 n;

			if (!getnum($2, 0, 65535, "max-connections-per-source",
			    &n))
				YYERROR;
			conf->max_conn_per_source = (uint32_t)n;
		}
		| CONNRATE NUMBER		{
			long long	 n;

			if (!getnum($2, 1, 100000, "connection-rate", &n))
				YYERROR;
			conf->conn_rate = (uint32_t)n;
			note_at(CA_CONNRATE);
		}
		| CONNRATE NUMBER BURST NUMBER	{
			long long	 n, b;

			if (!getnum($2, 1, 100000, "connection-rate", &n) ||
			    !getnum($4, 1, 1000000, "connection-rate burst",
			    &b))
				YYERROR;
			conf->conn_rate = (uint32_t)n;
			conf->conn_burst = (uint32_t)b;
			note_at(CA_CONNRATE);
		}
		| LOCKOUT lockoutopts		{ note_at(CA_LOCKOUT); }
		| LOCKOUT NO			{ conf->lockout_failures = 0; }
		| SCCRQTIMEOUT duration		{
			if (!getsecs($2, 1, 300, "sccrq-timeout",
			    &conf->sccrq_timeout_s))
				YYERROR;
		}
		| PPPTIMEOUT duration		{
			if (!getsecs($2, 5, 600, "ppp-timeout",
			    &conf->ppp_timeout_s))
				YYERROR;
		}
		| CALLSPERCONN NUMBER		{
			long long	 n;

			/*
			 * One call per control connection, as Poptop and the
			 * clients do: master binds a session to one call.
			 */
			if (!getnum($2, 1, 1, "calls-per-connection", &n))
				YYERROR;
			conf->calls_per_ctrl = (uint32_t)n;
		}
		| PPTPECHO INTERVAL duration	{
			if (!getsecs($3, 1, 3600, "pptp-echo interval",
			    &conf->pptp_echo_interval_s))
				YYERROR;
		}
		| PPTPECHO NO			{ conf->pptp_echo_interval_s = 0; }
		| GREREORDER reorderopts
		| GREREORDER NO			{ conf->gre_reorder_ms = 0; }
		| GREWORKERS NUMBER		{
			long long	 n;

			if (!getnum($2, 1, GRE_WORKERS_MAX, "gre-workers",
			    &n))
				YYERROR;
			conf->gre_workers = (uint32_t)n;
		}
		| CHROOT STRING			{
			if (!getpath("chroot", $2, conf->chroot_dir,
			    sizeof(conf->chroot_dir)))
				YYERROR;
		}
		| USER STRING			{
			if (*$2 == '\0') {
				yyerror("user: empty");
				YYERROR;
			}
			if (!getstr("user", $2, conf->user, sizeof(conf->user)))
				YYERROR;
		}
		| CONTROL STRING		{
			if (!getpath("control", $2, conf->control,
			    sizeof(conf->control)))
				YYERROR;
		}
		| RADIUS SERVER STRING SECRETFILE STRING radopts {
			if (!addradius($3, $5))
				YYERROR;
		}
		| RADIUS DAE CLIENT STRING SECRETFILE STRING daeopts {
			if (!adddae($4, $6))
				YYERROR;
		}
		| RADIUS DAE LISTEN STRING	{
			if (!getv4("radius dae listen", $4,
			    &conf->dae_listen))
				YYERROR;
		}
		| RADIUS DAE PORT NUMBER	{
			long long	 n;

			if (!getnum($4, 1, 65535, "radius dae port", &n))
				YYERROR;
			conf->dae_port = (uint16_t)n;
		}
		| RADIUS DAE WINDOW duration	{
			if (!getsecs($4, 1, DAE_WINDOW_MAX, "radius dae window",
			    &conf->dae_window_s))
				YYERROR;
		}
		| RADIUS NASIDENTIFIER STRING	{
			if (*$3 == '\0') {
				yyerror("radius nas-identifier: empty");
				YYERROR;
			}
			if (!getstr("radius nas-identifier", $3,
			    conf->radius_nas_id, sizeof(conf->radius_nas_id)))
				YYERROR;
		}
		| RADIUS POOL STRING		{
			if (*$3 == '\0') {
				yyerror("radius pool: empty");
				YYERROR;
			}
			if (!getstr("radius pool", $3, conf->radius_pool,
			    sizeof(conf->radius_pool)))
				YYERROR;
			radius_pool_lineno = yylval.lineno;
		}
		| RADIUS NASIPADDRESS STRING	{
			if (!getv4("radius nas-ip-address", $3,
			    &conf->radius_nas_ip))
				YYERROR;
			if (conf->radius_nas_ip.s_addr == htonl(INADDR_ANY)) {
				yyerror("radius nas-ip-address: 0.0.0.0 names "
				    "no box");
				YYERROR;
			}
		}
		| RADIUS DEADTIME duration	{
			if (!getsecs($3, 0, 3600, "radius deadtime",
			    &conf->radius_deadtime_s))
				YYERROR;
		}
		| RADIUS ACCTINTERIM duration	{
			/* RFC 2869 section 2.1: not below 60 s */
			if (!getsecs($3, 60, 86400, "radius acct-interim",
			    &conf->radius_interim_s))
				YYERROR;
		}
		| RADIUS ACCTINTERIM NO		{ conf->radius_interim_s = 0; }
		| RADIUS ACCTTIMEOUT duration	{
			/* accounting unanswered this long ends the sessions */
			if (!getsecs($3, 10, 86400, "radius acct-timeout",
			    &conf->radius_acct_timeout_s))
				YYERROR;
		}
		| RADIUS ACCTTIMEOUT NO		{ conf->radius_acct_timeout_s = 0; }
		| RADIUS ACCTQUEUE NUMBER	{
			long long	 n;

			if (!getnum($3, 1, 1000000, "radius acct-queue", &n))
				YYERROR;
			conf->radius_acct_queue = (uint32_t)n;
		}
		| AUTHSOURCE RADIUS		{ conf->auth_source = AS_RADIUS; }
		| AUTHSOURCE FILEKW		{ conf->auth_source = AS_FILE; }
		| AUTHSOURCE RADIUS FILEKW	{
			conf->auth_source = AS_RADIUS_FILE;
		}
		| LOGLEVEL loglevel		{ conf->verbose = $2; }
		| DEBUG				{ conf->verbose = 1; }
		;

%%

struct keywords {
	const char	*k_name;
	int		 k_val;
};

/*
 * Sorted by strcmp for bsearch; tests/unit/test_master_conf.c checks
 * the order and that no keyword appears twice.
 */
static const struct keywords keywords[] = {
	{ "acct-interim",		ACCTINTERIM },
	{ "acct-port",			ACCTPORT },
	{ "acct-queue",			ACCTQUEUE },
	{ "acct-timeout",		ACCTTIMEOUT },
	{ "address",			ADDRESS },
	{ "allow",			ALLOW },
	{ "auth",			AUTH },
	{ "auth-port",			AUTHPORT },
	{ "auth-source",		AUTHSOURCE },
	{ "burst",			BURST },
	{ "calls-per-connection",	CALLSPERCONN },
	{ "chap",			CHAP },
	{ "chroot",			CHROOT },
	{ "client",			CLIENT },
	{ "client-to-client",		CLIENTTOCLIENT },
	{ "connection-rate",		CONNRATE },
	{ "control",			CONTROL },
	{ "dae",			DAE },
	{ "deadtime",			DEADTIME },
	{ "debug",			DEBUG },
	{ "dns",			DNS },
	{ "dns6",			DNS6 },
	{ "domain",			DOMAIN },
	{ "failures",			FAILURES },
	{ "file",			FILEKW },
	{ "gre-reorder",		GREREORDER },
	{ "gre-workers",		GREWORKERS },
	{ "group-readable",		GROUPREADABLE },
	{ "hook-timeout",		HOOKTIMEOUT },
	{ "include",			INCLUDE },
	{ "info",			INFO },
	{ "interface-id",		INTERFACEID },
	{ "interval",			INTERVAL },
	{ "ip-down",			IPDOWN },
	{ "ip-up",			IPUP },
	{ "ipparam",			IPPARAM },
	{ "ipv6",			IPV6 },
	{ "lcp-echo",			LCPECHO },
	{ "listen",			LISTEN },
	{ "local",			LOCAL },
	{ "lockout",			LOCKOUT },
	{ "log-level",			LOGLEVEL },
	{ "logwtmp",			LOGWTMP },
	{ "max-connections",		MAXCONN },
	{ "max-connections-per-source",	MAXCONNPERSOURCE },
	{ "max-sessions",		MAXSESSIONS },
	{ "max-sessions-per-user",	MAXSESSIONSPERUSER },
	{ "metrics",			METRICS },
	{ "mppe",			MPPE },
	{ "mru",			MRU },
	{ "mschap",			MSCHAP },
	{ "mschap-v2",			MSCHAPV2 },
	{ "mtu",			MTU },
	{ "multiple-sessions",		MULTIPLESESSIONS },
	{ "nas-identifier",		NASIDENTIFIER },
	{ "nas-ip-address",		NASIPADDRESS },
	{ "nat",			NAT },
	{ "no",				NO },
	{ "none",			NONE },
	{ "on",				ON },
	{ "pap",			PAP },
	{ "per-user",			PERUSER },
	{ "pool",			POOL },
	{ "port",			PORT },
	{ "ppp-timeout",		PPPTIMEOUT },
	{ "pptp-echo",			PPTPECHO },
	{ "prefix-length",		PREFIXLENGTH },
	{ "proxyarp",			PROXYARP },
	{ "push-route",			PUSHROUTE },
	{ "push-route6",		PUSHROUTE6 },
	{ "radius",			RADIUS },
	{ "rate-limit",			RATELIMIT },
	{ "require",			REQUIRE },
	{ "require-event-timestamp",	REQUIRETS },
	{ "require-message-authenticator", REQUIREMA },
	{ "retries",			RETRIES },
	{ "sccrq-timeout",		SCCRQTIMEOUT },
	{ "secret-file",		SECRETFILE },
	{ "secrets",			SECRETS },
	{ "server",			SERVER },
	{ "server-name",		SERVERNAME },
	{ "stateful",			STATEFUL },
	{ "static-addresses",		STATICADDRS },
	{ "tcp-mss-adjust",		TCPMSSADJUST },
	{ "time",			TIME },
	{ "timeout",			TIMEOUT },
	{ "trace",			TRACE },
	{ "tun",			TUN },
	{ "tun-offload",		TUNOFFLOAD },
	{ "user",			USER },
	{ "window",			WINDOW },
	{ "wins",			WINS },
	{ "yes",			YES },
};

/* For the unit test of the table's order. */
size_t		 conf_keyword_count(void);
const char	*conf_keyword(size_t);

size_t
conf_keyword_count(void)
{
	return sizeof(keywords) / sizeof(keywords[0]);
}

const char *
conf_keyword(size_t i)
{
	if (i >= conf_keyword_count())
		return NULL;
	return keywords[i].k_name;
}

/* A radius server statement: rad_cur holds its options. */
static bool
addradius(const char *addr, const char *secret_file)
{
	struct conf_radius	*r;
	unsigned		 i;

	if (conf->nradius >= CONF_MAX_RADIUS) {
		yyerror("too many radius server statements (at most %d)",
		    CONF_MAX_RADIUS);
		return false;
	}
	r = &conf->radius[conf->nradius];
	*r = rad_cur;
	if (!getv4("radius server", addr, &r->addr) ||
	    !getpath("radius server secret-file", secret_file,
	    r->secret_file, sizeof(r->secret_file)))
		return false;
	for (i = 0; i < conf->nradius; i++)
		if (conf->radius[i].addr.s_addr == r->addr.s_addr &&
		    conf->radius[i].auth_port == r->auth_port) {
			yyerror("radius server %s: listed twice", addr);
			return false;
		}
	conf->nradius++;
	return true;
}

/* A radius dae client statement: dae_cur holds its options. */
static bool
adddae(const char *addr, const char *secret_file)
{
	struct conf_dae_client	*d;
	unsigned		 i;

	if (conf->ndae >= CONF_MAX_DAE) {
		yyerror("too many radius dae client statements (at most %d)",
		    CONF_MAX_DAE);
		return false;
	}
	d = &conf->dae[conf->ndae];
	*d = dae_cur;
	if (!getv4("radius dae client", addr, &d->addr) ||
	    !getpath("radius dae client secret-file", secret_file,
	    d->secret_file, sizeof(d->secret_file)))
		return false;
	if (d->addr.s_addr == htonl(INADDR_ANY)) {
		yyerror("radius dae client: 0.0.0.0 is no client");
		return false;
	}
	for (i = 0; i < conf->ndae; i++)
		if (conf->dae[i].addr.s_addr == d->addr.s_addr) {
			yyerror("radius dae client %s: listed twice", addr);
			return false;
		}
	conf->ndae++;
	return true;
}

static int
kw_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct keywords *)e)->k_name);
}

static int
lookup(const char *s)
{
	const struct keywords	*p;

	p = bsearch(s, keywords, sizeof(keywords) / sizeof(keywords[0]),
	    sizeof(keywords[0]), kw_cmp);
	return p != NULL ? p->k_val : STRING;
}

/* Remember where a setting conf_check_at() may name was read. */
static void
note_at(enum conf_at k)
{
	(void)conf_strcpy(at_rec[k].file, sizeof(at_rec[k].file), file->name);
	at_rec[k].line = yylval.lineno;
}

static int
yyerror(const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[LOG_MAX_LINE + 1];
	int	 line = yylval.lineno;

	errors++;
	file->errors++;
	/*
	 * The lexer or an action has already said what is wrong with this
	 * line; the parser's generic "syntax error" that follows adds
	 * nothing.
	 */
	if (strcmp(fmt, "syntax error") == 0) {
		if (file->errline == line)
			return 0;
		file->errline = line;
		if (stmtword_unknown && stmt_tok2 != '=')
			log_warnx("%s:%d: unknown keyword '%s'", file->name,
			    line, stmtword);
		else
			log_warnx("%s:%d: syntax error near '%s'", file->name,
			    line, lasttok);
		return 0;
	}
	file->errline = line;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_warnx("%s:%d: %s", file->name, line, msg);
	return 0;
}

/* Lexer. */

static int
igetc(void)
{
	int	c;

	if (file->stream != NULL)
		return getc(file->stream);
	if (file->pos >= file->len)
		return EOF;
	c = (unsigned char)file->buf[file->pos++];
	/* A NUL byte ends nothing; reject it as the character it is. */
	return c;
}

static int
lgetc(int quotec)
{
	int	c, next;

	if (parsebuf != NULL) {
		if (parsebuf[parseindex] != '\0')
			return (unsigned char)parsebuf[parseindex++];
		parsebuf = NULL;
		parseindex = 0;
	}
	if (file->ungetpos > 0)
		return file->ungetbuf[--file->ungetpos];

	if (quotec) {
		if ((c = igetc()) == EOF) {
			yyerror("reached end of file inside a quoted string");
			return EOF;
		}
		return c;
	}

	c = igetc();
	while (c == '\\') {
		next = igetc();
		if (next != '\n') {
			/* A backslash outside quotes stands for itself. */
			if (next != EOF)
				lungetc(next);
			break;
		}
		/* Backslash-newline continues the line. */
		yylval.lineno = file->lineno;
		file->lineno++;
		c = igetc();
	}
	while (c == EOF) {
		if (!file->eof) {
			/* End the last statement even without a newline. */
			file->eof = true;
			return '\n';
		}
		if (file == topfile || popfile() == EOF)
			return EOF;
		c = lgetc(0);
	}
	return c;
}

static void
lungetc(int c)
{
	if (c == EOF)
		return;
	if (parsebuf != NULL && parseindex > 0) {
		parseindex--;
		return;
	}
	if (file->ungetpos >= PARSE_UNGETMAX)
		fatalx("%s: lungetc overflow", __func__);	/* invariant */
	file->ungetbuf[file->ungetpos++] = c;
}

/* Skip the rest of the line after a lexical error. */
static int
findeol(void)
{
	int	c;

	parsebuf = NULL;
	parseindex = 0;
	for (;;) {
		c = lgetc(0);
		if (c == '\n') {
			/* Let the grammar's error rule see the newline. */
			lungetc(c);
			break;
		}
		if (c == EOF)
			break;
	}
	return ERROR;
}

static bool
word_char(int c)
{
	if (c == EOF || c > 0x7e)
		return false;
	return isalnum(c) || strchr("-_./:@,+%~", c) != NULL;
}

/*
 * "30s", "5m", "1h", "300ms", "2d": milliseconds in *ms.  Returns 1
 * for a duration, 0 if s is not shaped like one, -1 if it is but the
 * value is out of range.
 */
static int
parse_duration(const char *s, uint64_t *ms)
{
	const char	*u;
	const char	*errstr;
	char		 digits[24];
	uint64_t	 mult;
	long long	 v;
	size_t		 n;

	for (u = s; *u >= '0' && *u <= '9'; u++)
		;
	n = (size_t)(u - s);
	if (n == 0 || *u == '\0')
		return 0;
	if (strcmp(u, "ms") == 0)
		mult = 1;
	else if (strcmp(u, "s") == 0)
		mult = 1000;
	else if (strcmp(u, "m") == 0)
		mult = 60 * 1000;
	else if (strcmp(u, "h") == 0)
		mult = 3600 * 1000;
	else if (strcmp(u, "d") == 0)
		mult = 86400 * 1000;
	else
		return 0;
	if (n >= sizeof(digits))
		return -1;
	memcpy(digits, s, n);
	digits[n] = '\0';
	v = conf_strtonum(digits, 0, (long long)(PARSE_MAXDURATION_MS / mult),
	    &errstr);
	if (errstr != NULL)
		return -1;
	*ms = (uint64_t)v * mult;
	return 1;
}

/* Remember each token's text (sanitized, cut short) for errors. */
static int
yylex(void)
{
	char	buf[PARSE_MAXTOKEN] = "";	/* error paths leave no NUL */
	int	tok;

	tok = yylex_token(buf, sizeof(buf));
	if (tok == '\n')
		conf_strcpy(lasttok, sizeof(lasttok), "end of line");
	else if (tok == 0)
		conf_strcpy(lasttok, sizeof(lasttok), "end of file");
	else if (tok == '{' || tok == '}' || tok == '=') {
		lasttok[0] = (char)tok;
		lasttok[1] = '\0';
	} else
		log_sanitize(lasttok, sizeof(lasttok), buf, strlen(buf));
	if (stmt_start) {
		stmt_ntok = 0;
		stmt_tok2 = 0;
	}
	stmt_ntok++;
	if (stmt_ntok == 1) {
		conf_strcpy(stmtword, sizeof(stmtword), lasttok);
		stmtword_unknown = tok == STRING || tok == NUMBER ||
		    tok == DURATION;
	} else if (stmt_ntok == 2)
		stmt_tok2 = tok;
	stmt_start = tok == '\n';
	return tok;
}

static int
yylex_token(char *buf, size_t bufsize)
{
	char		*p;
	int		 quotec, c, next, token, r;
	const char	*val;
	bool		 digits;

top:
	p = buf;
	while ((c = lgetc(0)) == ' ' || c == '\t' || c == '\r')
		;
	yylval.lineno = file->lineno;
	if (c == '#')
		while ((c = lgetc(0)) != '\n' && c != EOF)
			;
	if (c == '$' && parsebuf == NULL) {
		while ((c = lgetc(0)) != EOF && (isalnum(c) || c == '_')) {
			if (p + 1 >= buf + PARSE_MAXMACRO) {
				*p = '\0';
				yyerror("macro name too long");
				return findeol();
			}
			*p++ = (char)c;
		}
		*p = '\0';
		lungetc(c);
		if (p == buf) {
			yyerror("'$' without a macro name");
			return findeol();
		}
		if ((val = symget(buf)) == NULL) {
			yyerror("macro '%s' not defined", buf);
			return findeol();
		}
		parsebuf = val;
		parseindex = 0;
		goto top;
	}

	switch (c) {
	case '\'':
	case '"':
		quotec = c;
		for (;;) {
			if ((c = lgetc(quotec)) == EOF)
				return 0;
			if (c == quotec)
				break;
			if (c == '\n') {
				lungetc(c);
				yyerror("unterminated quoted string");
				return findeol();
			}
			if (c == '\\') {
				if ((next = lgetc(quotec)) == EOF)
					return 0;
				if (next == quotec || next == '\\')
					c = next;
				else if (next == '\n') {
					file->lineno++;
					continue;
				} else
					lungetc(next);
			}
			if (c < 0x20 || c == 0x7f) {
				yyerror("control character in quoted string");
				return findeol();
			}
			if (p + 1 >= buf + bufsize) {
				yyerror("string too long");
				return findeol();
			}
			*p++ = (char)c;
		}
		*p = '\0';
		yylval.v.string = tok_strdup(buf);
		return STRING;
	}

	if (word_char(c)) {
		digits = true;
		do {
			if (p + 1 >= buf + bufsize) {
				yyerror("string too long");
				return findeol();
			}
			if (c < '0' || c > '9')
				digits = false;
			*p++ = (char)c;
		} while (word_char(c = lgetc(0)));
		lungetc(c);
		*p = '\0';
		if (digits) {
			yylval.v.string = tok_strdup(buf);
			return NUMBER;
		}
		if ((r = parse_duration(buf, &yylval.v.ms)) == 1)
			return DURATION;
		if (r == -1) {
			yyerror("duration %s out of range (at most 7d)", buf);
			return findeol();
		}
		if ((token = lookup(buf)) == STRING)
			yylval.v.string = tok_strdup(buf);
		return token;
	}
	if (c == '\n') {
		yylval.lineno = file->lineno;
		file->lineno++;
	}
	if (c == EOF)
		return 0;
	if (c == '=' || c == '{' || c == '}' || c == '\n')
		return c;
	yyerror("unexpected character '%s%c'", isprint(c) ? "" : "\\",
	    isprint(c) ? c : '?');
	return findeol();
}

/* Every string the lexer makes lives until parse_cleanup(). */
static char *
tok_strdup(const char *s)
{
	struct tokstr	*t;
	size_t		 n = strlen(s);

	if ((t = malloc(sizeof(*t) + n + 1)) == NULL)
		fatal("%s", __func__);
	memcpy(t->s, s, n + 1);
	t->next = tokstrs;
	tokstrs = t;
	return t->s;
}

static struct file *
file_new(const char *name)
{
	struct file	*nfile;

	if ((nfile = calloc(1, sizeof(*nfile))) == NULL)
		fatal("%s", __func__);
	if ((nfile->name = strdup(name)) == NULL)
		fatal("%s", __func__);
	nfile->lineno = 1;
	return nfile;
}

/*
 * Open name (relative names are taken relative to the directory of
 * the including file) and make it the current file.
 */
static struct file *
pushfile(const char *name, bool nested)
{
	struct file	*nfile, *f;
	char		 path[PARSE_PATHMAX];
	const char	*slash;
	int		 depth = 0;

	TAILQ_FOREACH(f, &files, entry)
		depth++;
	if (depth >= PARSE_MAXDEPTH) {
		yyerror("include %s: nested too deeply", name);
		return NULL;
	}
	if (nested && name[0] != '/' && file != NULL &&
	    (slash = strrchr(file->name, '/')) != NULL) {
		if (snprintf(path, sizeof(path), "%.*s/%s",
		    (int)(slash - file->name), file->name, name) >=
		    (int)sizeof(path)) {
			yyerror("include %s: path too long", name);
			return NULL;
		}
	} else if (conf_strcpy(path, sizeof(path), name) == false) {
		log_warnx("%s: path too long", name);
		return NULL;
	}
	nfile = file_new(path);
	if ((nfile->stream = fopen(path, "r")) == NULL) {
		if (nested)
			yyerror("include %s: %s", path, strerror(errno));
		else
			log_warnx("%s: %s", path, strerror(errno));
		free(nfile->name);
		free(nfile);
		return NULL;
	}
	TAILQ_INSERT_TAIL(&files, nfile, entry);
	return nfile;
}

static struct file *
pushbuffer(const char *name, const char *buf, size_t len)
{
	struct file	*nfile;

	nfile = file_new(name);
	nfile->buf = buf;
	nfile->len = len;
	TAILQ_INSERT_TAIL(&files, nfile, entry);
	return nfile;
}

static int
popfile(void)
{
	struct file	*prev;

	if ((prev = TAILQ_PREV(file, files, entry)) != NULL)
		prev->errors += file->errors;
	TAILQ_REMOVE(&files, file, entry);
	if (file->stream != NULL)
		fclose(file->stream);
	free(file->name);
	free(file);
	file = prev;
	return file != NULL ? 0 : EOF;
}

static int
symset(const char *name, const char *value)
{
	struct sym	*s;
	const char	*p;

	if (!(isalpha((unsigned char)name[0]) || name[0] == '_')) {
		yyerror("macro name '%s' must start with a letter", name);
		return -1;
	}
	for (p = name; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && *p != '_') {
			yyerror("macro name '%s': only letters, digits and "
			    "'_'", name);
			return -1;
		}
	}
	if (strlen(name) >= PARSE_MAXMACRO) {
		yyerror("macro name too long");
		return -1;
	}
	if (strchr(value, '$') != NULL) {
		yyerror("macro '%s': value may not contain '$'", name);
		return -1;
	}
	TAILQ_FOREACH(s, &syms, entry) {
		if (strcmp(s->name, name) == 0) {
			/* Redefinition: the string lives until cleanup. */
			s->value = tok_strdup(value);
			return 0;
		}
	}
	if (nsyms >= PARSE_MAXMACROS) {
		yyerror("too many macros (at most %d)", PARSE_MAXMACROS);
		return -1;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL)
		fatal("%s", __func__);
	s->name = tok_strdup(name);
	s->value = tok_strdup(value);
	TAILQ_INSERT_TAIL(&syms, s, entry);
	nsyms++;
	return 0;
}

static const char *
symget(const char *name)
{
	struct sym	*s;

	TAILQ_FOREACH(s, &syms, entry)
		if (strcmp(s->name, name) == 0)
			return s->value;
	return NULL;
}

static void
parse_cleanup(void)
{
	struct tokstr	*t;
	struct sym	*s;

	while (file != NULL)
		(void)popfile();
	while ((s = TAILQ_FIRST(&syms)) != NULL) {
		TAILQ_REMOVE(&syms, s, entry);
		free(s);
	}
	while ((t = tokstrs) != NULL) {
		tokstrs = t->next;
		free(t);
	}
	nsyms = 0;
	parsebuf = NULL;
	parseindex = 0;
	topfile = NULL;
	conf = NULL;
}

/* Value checks used by the grammar's actions. */

static bool
addbits(unsigned *out, unsigned have, unsigned add, const char *what)
{
	if (have & add) {
		yyerror("%s listed twice", what);
		return false;
	}
	*out = have | add;
	return true;
}

static bool
getnum(const char *s, long long min, long long max, const char *what,
    long long *out)
{
	const char	*errstr;

	*out = conf_strtonum(s, min, max, &errstr);
	if (errstr != NULL) {
		yyerror("%s: %s is %s (%lld..%lld)", what, s, errstr, min, max);
		return false;
	}
	return true;
}

static bool
getsecs(uint64_t ms, uint64_t min, uint64_t max, const char *what,
    uint32_t *out)
{
	if (ms % 1000 != 0) {
		yyerror("%s: must be whole seconds", what);
		return false;
	}
	if (ms / 1000 < min || ms / 1000 > max) {
		yyerror("%s: %llus is out of range (%llus..%llus)", what,
		    (unsigned long long)(ms / 1000), (unsigned long long)min,
		    (unsigned long long)max);
		return false;
	}
	*out = (uint32_t)(ms / 1000);
	return true;
}

static bool
getaddr(const char *s, struct conf_listen *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, &a->addr.v4) == 1) {
		a->af = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, s, &a->addr.v6) == 1) {
		a->af = AF_INET6;
		return true;
	}
	yyerror("'%s' is not an IPv4 or IPv6 address", s);
	return false;
}

/* `ipv6 pool P/N prefix-length L`: a pool master/pool6.c can cut. */
static bool
getpool6(const char *s, unsigned sublen)
{
	struct in6_addr	 base;
	unsigned	 plen;
	char		 err[POOL6_ERRLEN];

	if (pool6_parse(s, sublen, &base, &plen, err, sizeof(err)) != HP_OK) {
		yyerror("ipv6 pool %s", err);
		return false;
	}
	conf->ipv6_pool = base;
	conf->ipv6_pool_len = (uint8_t)plen;
	conf->ipv6_prefix_len = (uint8_t)sublen;
	conf->ipv6 = true;
	return true;
}

/* `dns6 A [B [C]]`: unicast IPv6 addresses, each once. */
static bool
setdns6(const char *a, const char *b, const char *c)
{
	const char	*v[CONF_MAX_DNS6] = { a, b, c };
	struct in6_addr	 x[CONF_MAX_DNS6];
	unsigned	 i, j, n = 0;

	for (i = 0; i < CONF_MAX_DNS6 && v[i] != NULL; i++, n++) {
		if (inet_pton(AF_INET6, v[i], &x[i]) != 1) {
			yyerror("dns6: '%s' is not an IPv6 address", v[i]);
			return false;
		}
		if (IN6_IS_ADDR_UNSPECIFIED(&x[i]) ||
		    IN6_IS_ADDR_MULTICAST(&x[i]) ||
		    IN6_IS_ADDR_LOOPBACK(&x[i])) {
			yyerror("dns6: %s is no server address", v[i]);
			return false;
		}
		for (j = 0; j < i; j++)
			if (memcmp(&x[i], &x[j], sizeof(x[i])) == 0) {
				yyerror("dns6: %s listed twice", v[i]);
				return false;
			}
	}
	memset(conf->dns6, 0, sizeof(conf->dns6));
	memcpy(conf->dns6, x, n * sizeof(x[0]));
	conf->ndns6 = n;
	return true;
}

/* `push-route6 P/N`: a Route Information option (RFC 4191) in the RA. */
static bool
addroute6(const char *s)
{
	struct conf_prefix6	 p;
	char			 buf[INET6_ADDRSTRLEN], *end;
	const char		*slash;
	unsigned long		 n = 128;
	unsigned		 i, b;

	memset(&p, 0, sizeof(p));
	slash = strchr(s, '/');
	if ((slash != NULL ? (size_t)(slash - s) : strlen(s)) >= sizeof(buf)) {
		yyerror("push-route6 %s: not an IPv6 prefix", s);
		return false;
	}
	(void)conf_strcpy(buf, slash != NULL ? (size_t)(slash - s) + 1 :
	    sizeof(buf), s);
	if (inet_pton(AF_INET6, buf, &p.addr) != 1) {
		yyerror("push-route6 %s: not an IPv6 prefix", s);
		return false;
	}
	if (slash != NULL) {
		n = strtoul(slash + 1, &end, 10);
		if (slash[1] < '0' || slash[1] > '9' || *end != '\0' ||
		    n > 128) {
			yyerror("push-route6 %s: bad prefix length", s);
			return false;
		}
	}
	p.len = (uint8_t)n;
	for (b = p.len; b < 128; b++)
		if (p.addr.s6_addr[b / 8] & (0x80 >> (b % 8))) {
			yyerror("push-route6 %s: bits set beyond /%u", s,
			    p.len);
			return false;
		}
	for (i = 0; i < conf->nroutes6; i++)
		if (conf->routes6[i].len == p.len && memcmp(&p.addr,
		    &conf->routes6[i].addr, sizeof(p.addr)) == 0) {
			yyerror("push-route6 %s: listed twice", s);
			return false;
		}
	if (conf->nroutes6 >= CONF_MAX_ROUTES6) {
		yyerror("too many push-route6 statements (at most %d)",
		    CONF_MAX_ROUTES6);
		return false;
	}
	conf->routes6[conf->nroutes6++] = p;
	return true;
}

static bool
getv4(const char *what, const char *s, struct in_addr *in)
{
	struct in_addr	 a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		yyerror("%s: '%s' is not an IPv4 address", what, s);
		return false;
	}
	*in = a;
	return true;
}

static bool
getprefix(const char *what, const char *s, struct conf_prefix *p)
{
	char		 addr[INET_ADDRSTRLEN];
	const char	*slash, *errstr;
	long long	 len = 32;
	uint32_t	 mask;
	size_t		 n;

	memset(p, 0, sizeof(*p));
	if ((slash = strchr(s, '/')) != NULL) {
		len = conf_strtonum(slash + 1, 0, 32, &errstr);
		if (errstr != NULL) {
			yyerror("%s %s: prefix length %s", what, s, errstr);
			return false;
		}
		n = (size_t)(slash - s);
	} else
		n = strlen(s);
	if (n >= sizeof(addr)) {
		yyerror("%s %s: not an IPv4 prefix", what, s);
		return false;
	}
	memcpy(addr, s, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET, addr, &p->addr) != 1) {
		yyerror("%s %s: not an IPv4 prefix", what, s);
		return false;
	}
	mask = len == 0 ? 0 : htonl(0xffffffffU << (32 - len));
	if ((p->addr.s_addr & ~mask) != 0) {
		yyerror("%s %s: host bits set", what, s);
		return false;
	}
	p->len = (uint8_t)len;
	return true;
}

/*
 * `pool NAME PREFIX`: a name RADIUS Framed-Pool may give, [A-Za-z0-9._-]
 * up to CONF_POOL_NAME_MAX; at least a /16 (a named pool is searched
 * address by address when the config is checked).
 */
static bool
getnamedpool(const char *name, const char *s)
{
	struct conf_named_pool	*np;
	size_t			 i, n = strlen(name);

	if (n == 0 || n > CONF_POOL_NAME_MAX) {
		yyerror("pool %s: a name of 1 to %d characters", name,
		    CONF_POOL_NAME_MAX);
		return false;
	}
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '.' &&
		    name[i] != '_' && name[i] != '-') {
			yyerror("pool %s: a name has only letters, digits, "
			    "'.', '_' and '-'", name);
			return false;
		}
	for (i = 0; i < conf->nnamed_pools; i++)
		if (strcmp(conf->named_pools[i].name, name) == 0) {
			yyerror("pool %s: named twice", name);
			return false;
		}
	if (conf->nnamed_pools >= CONF_MAX_NAMED_POOLS) {
		yyerror("too many named pools (at most %d)",
		    CONF_MAX_NAMED_POOLS);
		return false;
	}
	np = &conf->named_pools[conf->nnamed_pools];
	if (!getprefix("pool", s, &np->p))
		return false;
	if (np->p.len < 16) {
		yyerror("pool %s %s: at most a /16", name, s);
		return false;
	}
	(void)conf_strcpy(np->name, sizeof(np->name), name);
	np->lineno = yylval.lineno;
	conf->nnamed_pools++;
	return true;
}

static bool
getstr(const char *what, const char *s, char *dst, size_t dstlen)
{
	if (!conf_strcpy(dst, dstlen, s)) {
		yyerror("%s: too long (at most %zu characters)", what,
		    dstlen - 1);
		return false;
	}
	return true;
}

static bool
getrate(const char *pair, const char *burst, struct conf_rate *r)
{
	struct rate_pair	 p;
	uint64_t		 b = 0;

	if (rate_parse(pair, strlen(pair), 1, &p) != HP_OK) {
		yyerror("rate-limit: '%s' is not DOWN/UP in bit/s (e.g. "
		    "10M/2M, 512k/-; at most 100G)", pair);
		return false;
	}
	if (burst != NULL && (rate_parse_one(burst, strlen(burst), 1, &b) !=
	    HP_OK || b > CONF_BURST_MAX)) {
		yyerror("rate-limit: burst '%s' is not a size in bytes (e.g. "
		    "256k, 2M; at most 1G)", burst);
		return false;
	}
	r->down_bps = p.down_bps;
	r->up_bps = p.up_bps;
	r->burst = b;
	return true;
}

static bool
adduserrate(const char *user, const struct conf_rate *r)
{
	struct conf_user_rate	*u;
	unsigned		 i;

	if (*user == '\0') {
		yyerror("rate-limit user: empty name");
		return false;
	}
	for (i = 0; i < conf->nuser_rates; i++)
		if (strcmp(conf->user_rates[i].user, user) == 0) {
			yyerror("rate-limit user \"%s\": given twice", user);
			return false;
		}
	if (conf->nuser_rates == CONF_MAX_USER_RATES) {
		yyerror("rate-limit user: more than %d users (use RADIUS "
		    "or a group default)", CONF_MAX_USER_RATES);
		return false;
	}
	u = &conf->user_rates[conf->nuser_rates];
	if (!getstr("rate-limit user", user, u->user, sizeof(u->user)))
		return false;
	u->rate = *r;
	conf->nuser_rates++;
	return true;
}

static bool
getpath(const char *what, const char *s, char *dst, size_t dstlen)
{
	if (s[0] != '/') {
		yyerror("%s: '%s' is not an absolute path", what, s);
		return false;
	}
	return getstr(what, s, dst, dstlen);
}

static bool
getifname(const char *what, const char *s, char *dst)
{
	const char	*p;

	if (*s == '\0' || strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
		yyerror("%s: '%s' is not an interface name", what, s);
		return false;
	}
	for (p = s; *p != '\0'; p++) {
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p) ||
		    !isprint((unsigned char)*p)) {
			yyerror("%s: '%s' is not an interface name", what, s);
			return false;
		}
	}
	return getstr(what, s, dst, CONF_IFNAME_MAX);
}

static bool
getdomain(const char *s)
{
	const char	*p;

	for (p = s; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.') {
			yyerror("domain: '%s' is not a domain name", s);
			return false;
		}
	}
	if (*s == '\0' || *s == '.' || strstr(s, "..") != NULL) {
		yyerror("domain: '%s' is not a domain name", s);
		return false;
	}
	return getstr("domain", s, conf->domain, sizeof(conf->domain));
}

/* Entry points. */

void
conf_parse_allow_include(bool on)
{
	allow_include_buffer = on;
}

/* Each named pool must select at least one address of the pool. */
static int
check_named_pools(const char *name)
{
	conf_named_pool_check_fn check = conf_get_named_pool_check();
	char		 err[128];
	unsigned	 i;
	int		 bad = 0;

	for (i = 0; check != NULL && i < conf->nnamed_pools; i++)
		if (check(conf->pool, conf->local_addr,
		    &conf->named_pools[i].p, err, sizeof(err)) != 0) {
			log_warnx("%s:%d: pool %s: %s", name,
			    conf->named_pools[i].lineno,
			    conf->named_pools[i].name, err);
			bad++;
		}
	return bad == 0 ? 0 : -1;
}

static int
conf_parse_run(const char *name)
{
	conf_pool_check_fn	 check = NULL;
	struct in_addr		 none = { INADDR_ANY };
	char			 err[128];
	int			 r;

	topfile = file;
	errors = 0;
	listen_default = true;
	pool_lineno = 0;
	static_lineno = 0;
	radius_pool_lineno = 0;
	pool_file[0] = '\0';
	memset(at_rec, 0, sizeof(at_rec));
	stmt_start = true;
	stmtword_unknown = false;
	(void)yyparse();
	if (errors == 0 && file != NULL && file->errors != 0)
		errors = file->errors;
	if (errors == 0 && (check = conf_get_pool_check()) != NULL) {
		r = check(conf->pool, conf->local_addr, err, sizeof(err));
		if (r != 0) {
			if (pool_lineno != 0)
				log_warnx("%s:%d: pool: %s", pool_file,
				    pool_lineno, err);
			else
				log_warnx("%s: pool: %s", name, err);
			errors++;
		}
	}
	if (errors == 0 && check != NULL && conf->radius_pool[0] != '\0' &&
	    check(conf->radius_pool, none, err, sizeof(err)) != 0) {
		log_warnx("%s:%d: radius pool: %s", name, radius_pool_lineno,
		    err);
		errors++;
	}
	if (errors == 0 && check_named_pools(name) != 0)
		errors++;
	if (errors == 0 && check != NULL && conf->static_addrs[0] != '\0' &&
	    check(conf->static_addrs, none, err, sizeof(err)) != 0) {
		log_warnx("%s:%d: static-addresses: %s", name, static_lineno,
		    err);
		errors++;
	}
	if (errors == 0 && conf_check_at(conf, name, at_rec) != 0)
		errors++;
	parse_cleanup();
	return errors == 0 ? 0 : -1;
}

int
conf_parse_file(const char *path, struct hp_conf *c)
{
	conf_init(c);
	conf = c;
	include_ok = true;
	file = NULL;
	if ((file = pushfile(path, false)) == NULL) {
		parse_cleanup();
		return -1;
	}
	return conf_parse_run(path);
}

int
conf_parse_buffer(const char *name, const char *buf, size_t len,
    struct hp_conf *c)
{
	conf_init(c);
	conf = c;
	include_ok = allow_include_buffer;
	file = NULL;
	file = pushbuffer(name, buf, len);
	return conf_parse_run(name);
}
