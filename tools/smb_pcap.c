// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign verify --pcap: every SMB2 PDU of every TCP port-445 stream in a
 * capture, checked with the SMB core the kernel API runs (crypto/smb2.c).
 *
 * The streams come reassembled from tools/pcap_tcp.c; here the Direct-TCP
 * framing (a zero byte and a 24-bit length before each message), compound
 * chains split by NextCommand, and per connection what decides the
 * signing algorithm: the dialect of the NEGOTIATE response and, for SMB
 * 3.1.1, its SMB2_SIGNING_CAPABILITIES context (AES-CMAC without one).
 * Keys come per session: --key SESSIONID=HEX is the signing key itself;
 * --session-key SESSIONID=HEX is the session key, from which the signing
 * key is derived when the session's setup completes (2.x: the session key
 * itself; 3.0, 3.0.2: the KDF; 3.1.1: the KDF over the preauth integrity
 * hash of the NEGOTIATE and SESSION_SETUP exchange, which must be in the
 * capture).
 *
 * Within a keyed session, once a signed PDU has been seen (in 3.x, once
 * the setup completed: that response is always signed), an unsigned one
 * is BAD (its signature stripped), except those MS-SMB2 lets go unsigned:
 * interim STATUS_PENDING responses (3.3.4.1.1). Oplock and lease break
 * notifications carry SessionId 0 and belong to no session. What is not an
 * SMB2 header or chain where one should be is NOT-SMB2 (an SMB1 header is
 * taken only before the NEGOTIATE response, compressed messages are not
 * read); a signed PDU naming a session without a key, on a connection that
 * carries a keyed one, is UNKNOWN-SESSION. Each makes the exit status 1.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>

#include <crypto/algapi.h>
#include <linux/string.h>
#include <smbsign/kdf.h>
#include <smbsign/mac.h>
#include <smbsign/smb2.h>
#include "cli.h"
#include "pcap_tcp.h"

#define SMB_PORT		445
#define SMB_MAX_MSG		(1u << 24)
#define STATUS_PENDING		0x00000103
#define STATUS_MORE_PROCESSING	0xc0000016
#define SMB2_NEGOTIATE		0x0000
#define SMB2_SESSION_SETUP	0x0001
#define CTX_SIGNING_CAPS	0x0008
#define MAX_SETUPS		8

/* A session named on the command line. */
struct pcap_session {
	u64 id;
	u8 raw[64];		/* the key as given */
	size_t raw_len;
	bool session_key;	/* --session-key: derive; else --key */
	bool have_key;		/* the signing key is known */
	u8 signing[64];		/* the signing key */
	size_t signing_len;
	void *mkey[SMBSIGN_SMB2_NR_ALGS];	/* set lazily per algorithm */
	u8 preauth[SMBSIGN_PREAUTH_HASH_SIZE];
	bool preauth_on;	/* a 3.1.1 setup is being hashed */
	bool signing_on;	/* a signed PDU of it was seen */
	const char *why_no_key;
	struct pcap_session *next;
};

/* A SESSION_SETUP request with SessionId 0, waiting for its response. */
struct pcap_setup {
	u64 message_id;
	u8 hash[SMBSIGN_PREAUTH_HASH_SIZE];
	bool used;
};

/* What a connection says about signing. */
struct pcap_conn {
	u16 dialect;		/* 0 until the NEGOTIATE response */
	int alg;		/* SigningAlgorithmId, -1: the dialect's */
	u8 preauth[SMBSIGN_PREAUTH_HASH_SIZE];
	u8 neg_request_hash[SMBSIGN_PREAUTH_HASH_SIZE];
	struct pcap_setup setups[MAX_SETUPS];
	bool keyed;		/* carries a keyed session */
	/* Sessions bound to this connection as another channel (3.x). */
	u64 bound[MAX_SETUPS];
	unsigned int nr_bound;
	u8 *buf[2];		/* Direct-TCP bytes not yet a whole message */
	size_t len[2], cap[2];
	bool broken[2];		/* not Direct-TCP: the rest is ignored */
};

struct pcap_verify {
	struct tcp_reader reader;
	struct pcap_session *sessions;
	unsigned long ok, bad, unsigned_bad, unsigned_allowed, unsigned_early;
	unsigned long unknown, unknown_keyed, encrypted, not_smb2, smb1, lost;
	unsigned long no_key, compounds;
	bool print_keys;	/* --print-keys: each derived signing key */
};

static const char *const smb2_commands[] = {
	"NEGOTIATE", "SESSION_SETUP", "LOGOFF", "TREE_CONNECT",
	"TREE_DISCONNECT", "CREATE", "CLOSE", "FLUSH", "READ", "WRITE", "LOCK",
	"IOCTL", "CANCEL", "ECHO", "QUERY_DIRECTORY", "CHANGE_NOTIFY",
	"QUERY_INFO", "SET_INFO", "OPLOCK_BREAK",
};

static u16 le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 le32(const u8 *p)
{
	return le16(p) | (u32)le16(p + 2) << 16;
}

/* @h = SHA-512(@h || @msg): one step of the preauth integrity hash. */
static void preauth_step(u8 h[64], const u8 *msg, size_t len)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int n;

	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha512(), NULL) ||
	    !EVP_DigestUpdate(ctx, h, 64) || !EVP_DigestUpdate(ctx, msg, len) ||
	    !EVP_DigestFinal_ex(ctx, h, &n))
		die_usage("OpenSSL SHA-512 failed");
	EVP_MD_CTX_free(ctx);
}

static struct pcap_session *session_find(struct pcap_verify *v, u64 id)
{
	struct pcap_session *s;

	for (s = v->sessions; s; s = s->next)
		if (s->id == id)
			return s;
	return NULL;
}

/* Whether session @id is bound to @c as a further channel. */
static bool conn_bound(const struct pcap_conn *c, u64 id)
{
	unsigned int i;

	for (i = 0; i < c->nr_bound; i++)
		if (c->bound[i] == id)
			return true;
	return false;
}

/* The SigningAlgorithmId of @c: negotiated, or fixed by the dialect. */
static int conn_alg(const struct pcap_conn *c)
{
	if (c->alg >= 0)
		return c->alg;
	if (c->dialect >= 0x0300)
		return SMBSIGN_SMB2_AES_CMAC;
	if (c->dialect)
		return SMBSIGN_SMB2_HMAC_SHA256;
	return -1;
}

static void derive_key(struct pcap_verify *v, struct pcap_session *s,
		       const struct pcap_conn *c)
{
	unsigned int impl = smbsign_impls_widest(smbsign_macs[SMBSIGN_HMAC].impls);
	int err = 0;

	if (!s->session_key || s->have_key)
		return;
	if (s->raw_len < SMBSIGN_SIGNING_KEY_SIZE) {
		s->why_no_key = "the session key is shorter than 16 bytes";
		return;
	}
	if (c->dialect == 0x0311 && !s->preauth_on) {
		s->why_no_key = "3.1.1 needs the capture's NEGOTIATE and SESSION_SETUP";
		return;
	}
	if (c->dialect >= 0x0300) {
		err = c->dialect == 0x0311 ?
		      smbsign_kdf_smb311(impl, s->raw, s->raw_len, s->preauth,
					 s->signing) :
		      smbsign_kdf_smb30(impl, s->raw, s->raw_len, s->signing);
		s->signing_len = SMBSIGN_SIGNING_KEY_SIZE;
	} else if (c->dialect) {
		/* 2.0.2 and 2.1 sign with Session.SessionKey itself. */
		memcpy(s->signing, s->raw, SMBSIGN_SIGNING_KEY_SIZE);
		s->signing_len = SMBSIGN_SIGNING_KEY_SIZE;
	} else {
		s->why_no_key = "no NEGOTIATE response in the capture: dialect unknown";
		return;
	}
	s->have_key = !err;
	if (s->have_key && v->print_keys) {
		size_t i;

		printf("session 0x%016llx signing key ", (unsigned long long)s->id);
		for (i = 0; i < s->signing_len; i++)
			printf("%02x", s->signing[i]);
		printf(" (dialect %x.%x.%x)\n", c->dialect >> 8,
		       (c->dialect >> 4) & 15, c->dialect & 15);
	}
}

/* NEGOTIATE response: the dialect, and 3.1.1's signing algorithm. */
static void negotiate_response(struct pcap_conn *c, const u8 *m, size_t len)
{
	size_t off, count, i;

	if (len < 64 + 64)
		return;
	c->dialect = le16(m + 64 + 4);
	c->alg = -1;
	if (c->dialect != 0x0311)
		return;
	count = le16(m + 64 + 6);
	off = le32(m + 64 + 60);
	for (i = 0; i < count && off + 8 <= len; i++) {
		size_t dlen = le16(m + off + 2);

		if (off + 8 + dlen > len)
			break;
		/* The server's context names the one algorithm it chose. */
		if (le16(m + off) == CTX_SIGNING_CAPS && dlen >= 4 &&
		    le16(m + off + 8) >= 1)
			c->alg = le16(m + off + 10);
		off += (8 + dlen + 7) & ~(size_t)7;
	}
}

/* The preauth integrity hash through NEGOTIATE and SESSION_SETUP. */
static void track_setup(struct pcap_verify *v, struct pcap_conn *c, int dir,
			const struct smbsign_smb2_hdr *h, const u8 *m,
			size_t len)
{
	u32 status = le32(h->raw + 8);
	struct pcap_session *s;
	unsigned int i;

	if (h->command == SMB2_NEGOTIATE) {
		/* Never signed and outside any session (MS-SMB2 3.3.5.4). */
		if ((h->flags & SMBSIGN_SMB2_FLAGS_SIGNED) || h->session_id)
			return;
		if (!dir) {
			memset(c->neg_request_hash, 0, 64);
			preauth_step(c->neg_request_hash, m, len);
		} else if (!status) {
			memcpy(c->preauth, c->neg_request_hash, 64);
			preauth_step(c->preauth, m, len);
			negotiate_response(c, m, len);
		}
		return;
	}
	if (h->command != SMB2_SESSION_SETUP)
		return;
	/*
	 * SMB2_SESSION_FLAG_BINDING: this connection becomes another channel
	 * of the session, which signs with its own Channel.SigningKey.
	 */
	if (!dir && len > 66 && (m[66] & 0x01) && h->session_id &&
	    c->nr_bound < MAX_SETUPS)
		c->bound[c->nr_bound++] = h->session_id;
	if (c->dialect != 0x0311)
		return;
	if (!dir && !h->session_id) {
		/* A new session: its hash starts from the connection's. */
		for (i = 0; i < MAX_SETUPS && c->setups[i].used; i++)
			;
		if (i == MAX_SETUPS)
			i = 0;
		c->setups[i].used = true;
		c->setups[i].message_id = h->message_id;
		memcpy(c->setups[i].hash, c->preauth, 64);
		preauth_step(c->setups[i].hash, m, len);
		return;
	}
	s = session_find(v, h->session_id);
	if (dir) {
		for (i = 0; i < MAX_SETUPS; i++) {
			if (!c->setups[i].used ||
			    c->setups[i].message_id != h->message_id)
				continue;
			c->setups[i].used = false;
			if (s && !s->have_key) {
				memcpy(s->preauth, c->setups[i].hash, 64);
				s->preauth_on = true;
			}
		}
		if (!s || !s->preauth_on || s->have_key)
			return;
		if (status == STATUS_MORE_PROCESSING)
			preauth_step(s->preauth, m, len);
		else if (!status)
			derive_key(v, s, c);	/* the final response: not hashed */
		return;
	}
	if (s && s->preauth_on && !s->have_key)
		preauth_step(s->preauth, m, len);
}

static void print_pdu(unsigned long frame, struct tcp_conn *tc, int dir,
		      const struct smbsign_smb2_hdr *h, int alg,
		      const char *verdict)
{
	printf("frame %lu conn %u %s %s MessageId %llu session 0x%016llx %s %s\n",
	       frame, tc->id, dir ? "S->C" : "C->S",
	       h->command < ARRAY_SIZE(smb2_commands) ? smb2_commands[h->command] : "?",
	       (unsigned long long)h->message_id,
	       (unsigned long long)h->session_id,
	       alg >= 0 ? smbsign_smb2_alg_name(alg) : "-", verdict);
}

/* Whether the member's signature verifies under @s's key for @alg. */
static bool verify_member(struct pcap_session *s, int alg, const u8 *m,
			  size_t len)
{
	const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
	struct smbsign_smb2_hdr h;
	u8 sig[16];

	if (!s->mkey[alg]) {
		s->mkey[alg] = calloc(1, mac->key_size);
		if (!s->mkey[alg])
			die_usage("out of memory");
		if (mac->setkey(s->mkey[alg], smbsign_impls_widest(mac->impls),
				s->signing, s->signing_len))
			return false;
	}
	if (smbsign_smb2_sign_buf(mac, s->mkey[alg], m, len, &h, sig, NULL) < 0)
		return false;
	return !crypto_memneq(sig, h.sig, sizeof(sig));
}

static void member(struct pcap_verify *v, struct tcp_conn *tc, int dir,
		   const u8 *m, size_t len, u64 *prev_sid, unsigned long frame)
{
	struct pcap_conn *c = tc->user;
	struct smbsign_smb2_hdr h;
	struct pcap_session *s;
	const char *why = NULL;
	bool is_signed;
	int alg;

	if (smbsign_smb2_parse(&h, m, len, &why)) {
		printf("frame %lu conn %u %s NOT-SMB2: %s\n", frame, tc->id,
		       dir ? "S->C" : "C->S", why);
		v->not_smb2++;
		return;
	}
	/* A related member without its own SessionId has the previous one's. */
	if ((h.flags & SMBSIGN_SMB2_FLAGS_RELATED) && h.session_id == ~0ULL)
		h.session_id = *prev_sid;
	*prev_sid = h.session_id;
	track_setup(v, c, dir, &h, m, len);
	is_signed = h.flags & SMBSIGN_SMB2_FLAGS_SIGNED;
	alg = conn_alg(c);
	s = h.session_id ? session_find(v, h.session_id) : NULL;
	if (!s) {
		if (!is_signed)
			return;
		if (!c->keyed) {
			v->unknown++;
			return;
		}
		print_pdu(frame, tc, dir, &h, alg, "UNKNOWN-SESSION");
		v->unknown_keyed++;
		return;
	}
	c->keyed = true;
	/* SMB 3.x signs the response that completes a session's setup. */
	if (dir && h.command == SMB2_SESSION_SETUP && !le32(h.raw + 8) &&
	    c->dialect >= 0x0300)
		s->signing_on = true;
	if (!is_signed) {
		if (!dir || le32(h.raw + 8) != STATUS_PENDING ||
		    !(h.flags & SMBSIGN_SMB2_FLAGS_ASYNC_COMMAND)) {
			if (s->signing_on) {
				print_pdu(frame, tc, dir, &h, alg, "BAD (unsigned)");
				v->unsigned_bad++;
			} else {
				print_pdu(frame, tc, dir, &h, alg, "unsigned (before signing)");
				v->unsigned_early++;
			}
			return;
		}
		print_pdu(frame, tc, dir, &h, alg, "unsigned (interim response)");
		v->unsigned_allowed++;
		return;
	}
	s->signing_on = true;
	derive_key(v, s, c);
	if (alg < 0 || alg >= SMBSIGN_SMB2_NR_ALGS || !s->have_key ||
	    conn_bound(c, s->id)) {
		char why_line[160];

		snprintf(why_line, sizeof(why_line), "NO-KEY (%s)",
			 conn_bound(c, s->id) ?
			 "a channel bound to the session: its own signing key is not given" :
			 alg < 0 ? "no NEGOTIATE response in the capture: algorithm unknown" :
			 alg >= SMBSIGN_SMB2_NR_ALGS ? "unknown signing algorithm" :
			 s->why_no_key ? s->why_no_key : "no key");
		print_pdu(frame, tc, dir, &h, -1, why_line);
		v->no_key++;
		return;
	}
	if (verify_member(s, alg, m, len)) {
		print_pdu(frame, tc, dir, &h, alg, "OK");
		v->ok++;
	} else {
		print_pdu(frame, tc, dir, &h, alg, "BAD");
		v->bad++;
	}
}

/* One Direct-TCP message: an SMB2 chain, or something counted apart. */
static void message(struct pcap_verify *v, struct tcp_conn *tc, int dir,
		    const u8 *m, size_t len, unsigned long frame)
{
	u64 prev_sid = 0;
	size_t off = 0, mlen, members = 0;
	const char *why;

	struct pcap_conn *c = tc->user;

	if (len >= 4 && m[0] == 0xfd && !memcmp(m + 1, "SMB", 3)) {
		v->encrypted++;
		return;
	}
	/* SMB1 opens a connection (a multi-protocol NEGOTIATE), never later. */
	if (len >= 4 && m[0] == 0xff && !memcmp(m + 1, "SMB", 3) && !c->dialect) {
		v->smb1++;
		return;
	}
	if (len >= 4 && m[0] == 0xfc && !memcmp(m + 1, "SMB", 3)) {
		printf("frame %lu conn %u %s NOT-SMB2: a compression transform header (not read here)\n",
		       frame, tc->id, dir ? "S->C" : "C->S");
		v->not_smb2++;
		return;
	}
	while (off < len) {
		if (smbsign_smb2_member(m + off, len - off, &mlen, &why)) {
			printf("frame %lu conn %u %s NOT-SMB2: %s\n", frame, tc->id,
			       dir ? "S->C" : "C->S", why);
			v->not_smb2++;
			return;
		}
		member(v, tc, dir, m + off, mlen, &prev_sid, frame);
		off += mlen;
		members++;
	}
	if (members > 1)
		v->compounds++;
}

static void stream_data(struct tcp_reader *r, struct tcp_conn *tc, int dir,
			const u8 *p, size_t len, unsigned long frame)
{
	struct pcap_verify *v = (struct pcap_verify *)r;
	struct pcap_conn *c = tc->user;
	size_t off = 0;

	if (!c) {
		c = tc->user = calloc(1, sizeof(*c));
		if (!c)
			die_usage("out of memory");
		c->alg = -1;
	}
	if (c->broken[dir])
		return;
	if (c->len[dir] + len > c->cap[dir]) {
		size_t cap = c->cap[dir] ? c->cap[dir] : 65536;

		while (cap < c->len[dir] + len)
			cap *= 2;
		c->buf[dir] = realloc(c->buf[dir], cap);
		if (!c->buf[dir])
			die_usage("out of memory");
		c->cap[dir] = cap;
	}
	memcpy(c->buf[dir] + c->len[dir], p, len);
	c->len[dir] += len;
	while (c->len[dir] - off >= 4) {
		const u8 *b = c->buf[dir] + off;
		size_t mlen = (size_t)b[1] << 16 | b[2] << 8 | b[3];

		if (b[0]) {
			printf("frame %lu conn %u %s NOT-SMB2: not Direct-TCP framing (byte %#x); the rest of this direction is ignored\n",
			       frame, tc->id, dir ? "S->C" : "C->S", b[0]);
			v->not_smb2++;
			c->broken[dir] = true;
			return;
		}
		if (c->len[dir] - off - 4 < mlen)
			break;
		message(v, tc, dir, b + 4, mlen, frame);
		off += 4 + mlen;
	}
	memmove(c->buf[dir], c->buf[dir] + off, c->len[dir] - off);
	c->len[dir] -= off;
}

static void stream_lost(struct tcp_reader *r, struct tcp_conn *tc, int dir,
			unsigned long frame, const char *why)
{
	struct pcap_verify *v = (struct pcap_verify *)r;

	printf("frame %lu conn %u %s: %s; the rest of this direction is ignored\n",
	       frame, tc->id, dir ? "S->C" : "C->S", why);
	v->lost++;
}

/* SESSIONID=HEX: the session id in hex (0x...) or decimal. */
static void add_session(struct pcap_verify *v, const char *arg,
			bool session_key)
{
	const char *opt = session_key ? "--session-key" : "--key";
	const char *eq = strchr(arg, '=');
	struct pcap_session *s;
	char *end;

	if (!eq)
		die_usage("%s %s: expected SESSIONID=HEX", opt, arg);
	s = calloc(1, sizeof(*s));
	if (!s)
		die_usage("out of memory");
	s->id = strtoull(arg, &end, 0);
	if (end != eq || end == arg || !s->id)
		die_usage("%s %s: the session id is not a non-zero number", opt, arg);
	if (session_find(v, s->id))
		die_usage("%s %s: session 0x%llx has a key already", opt, arg,
			  (unsigned long long)s->id);
	s->raw_len = parse_hex(opt, eq + 1, s->raw, sizeof(s->raw));
	if (!s->raw_len)
		die_usage("%s %s: an empty key", opt, arg);
	s->session_key = session_key;
	if (!session_key) {
		memcpy(s->signing, s->raw, s->raw_len);
		s->signing_len = s->raw_len;
		s->have_key = true;
	}
	s->next = v->sessions;
	v->sessions = s;
}

static void free_all(struct pcap_verify *v)
{
	struct tcp_conn *tc;
	unsigned int a;

	for (tc = v->reader.conns; tc; tc = tc->next) {
		struct pcap_conn *c = tc->user;

		if (c) {
			free(c->buf[0]);
			free(c->buf[1]);
			free(c);
		}
	}
	tcp_reader_free(&v->reader);
	while (v->sessions) {
		struct pcap_session *s = v->sessions;

		for (a = 0; a < SMBSIGN_SMB2_NR_ALGS; a++) {
			if (s->mkey[a])
				memzero_explicit(s->mkey[a],
						 smbsign_smb2_mac(a)->key_size);
			free(s->mkey[a]);
		}
		v->sessions = s->next;
		memzero_explicit(s, sizeof(*s));
		free(s);
	}
}

int cmd_verify_pcap(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pcap", required_argument, NULL, 'p' },
		{ "key", required_argument, NULL, 'k' },
		{ "session-key", required_argument, NULL, 's' },
		{ "print-keys", no_argument, NULL, 'P' },
		{ 0 }
	};
	struct pcap_verify v = {
		.reader = { .port = SMB_PORT, .data = stream_data,
			    .lost = stream_lost },
	};
	const char *path = NULL;
	char err[512];
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			path = optarg;
			break;
		case 'k':
			add_session(&v, optarg, false);
			break;
		case 's':
			add_session(&v, optarg, true);
			break;
		case 'P':
			v.print_keys = true;
			break;
		default:
			die_bad_option(argv);
		}
	}
	if (optind != argc)
		die_usage("verify: unexpected argument '%s'", argv[optind]);
	if (!path)
		die_usage("verify --pcap: a capture file is required");
	if (!v.sessions)
		die_usage("verify --pcap: give at least one --key or --session-key SESSIONID=HEX");
	if (tcp_read_capture(&v.reader, path, err, sizeof(err)))
		die_usage("%s", err);
	printf("summary: %lu signed PDUs OK, %lu BAD, %lu unsigned where signing was on, %lu without a usable key\n",
	       v.ok, v.bad, v.unsigned_bad, v.no_key);
	printf("  %lu unsigned as allowed (interim responses), %lu unsigned before signing began\n",
	       v.unsigned_allowed, v.unsigned_early);
	printf("  %lu signed PDUs of sessions without a key (%lu on connections of keyed sessions)\n",
	       v.unknown + v.unknown_keyed, v.unknown_keyed);
	printf("  %lu encrypted, %lu SMB1, %lu not SMB2; %lu compound chains; %lu stream directions with bytes missing\n",
	       v.encrypted, v.smb1, v.not_smb2, v.compounds, v.lost);
	printf("  %lu TCP port-%u packets in %u connections, %lu packets in all\n",
	       v.reader.tcp_frames, SMB_PORT, v.reader.nr_conns, v.reader.frames);
	free_all(&v);
	return v.bad || v.unsigned_bad || v.unknown_keyed || v.not_smb2 ||
	       v.no_key ? 1 : 0;
}
