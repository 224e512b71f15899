// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the exported SMB API (kernel/smb_api.c over
 * crypto/smb2.c and crypto/kdf.c): signed PDUs from Windows and the
 * derived GMAC/HMAC ones, a PDU cut into kvecs at every offset of its
 * header and payload, payloads in ITER_KVEC and ITER_BVEC iterators (page
 * offsets, multi-page bvecs, an advanced iterator), compound chain
 * members, the GMAC nonce's server and CANCEL bits, every implementation,
 * SIMD unusable, the counters, one key signing from several threads and
 * from softirq context at once, the KDF vectors, and bad input refused
 * with -EINVAL. Buffers are allocated to their exact size, so KASAN reports
 * any read past them.
 *
 * Vectors: kunit/smb_vectors.h, generated from tests/vectors/ (NIST CAVP
 * SP800-108, Microsoft's published SMB 3.x key derivations and signed
 * PDUs, the derived PDUs; provenance in tests/vectors/README.md).
 */

#include <kunit/test.h>
#include <linux/bvec.h>
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <crypto/internal/simd.h>
#include <smbsign/smbsign.h>
#include "../kernel/internal.h"
#include "../kernel/stats.h"

#include "smb_vectors.h"

#define SMB_KUNIT_PAYLOAD	300

/* A copy of @len bytes of @src in a buffer of exactly that size. */
static u8 *smb_kunit_dup(struct kunit *test, const void *src, size_t len)
{
	u8 *p = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	memcpy(p, src, len);
	return p;
}

/* A key for @alg bound to implementation @impl (alg's choice for a moment). */
static struct smbsign_key *smb_kunit_key(struct kunit *test, unsigned int alg,
					 unsigned int impl, const u8 *k,
					 unsigned int klen)
{
	const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
	struct smbsign_alg *a = &smbsign_algs[mac - smbsign_macs];
	int saved = READ_ONCE(a->choice);
	struct smbsign_key *key;

	WRITE_ONCE(a->choice, impl);
	key = smbsign_key_alloc(alg, k, klen, GFP_KERNEL);
	WRITE_ONCE(a->choice, saved);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, key);
	return key;
}

/* A random PDU that parses: header, then @payload bytes. */
static u8 *smb_kunit_pdu(struct kunit *test, size_t payload, u16 command,
			 u32 flags)
{
	size_t len = SMBSIGN_SMB2_HDR_SIZE + payload;
	u8 *p = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	get_random_bytes(p, len);
	memcpy(p, "\xfeSMB\x40\x00", 6);
	p[12] = command;
	p[13] = command >> 8;
	p[16] = flags;
	p[17] = flags >> 8;
	p[18] = flags >> 16;
	p[19] = flags >> 24;
	memset(p + SMBSIGN_SMB2_NEXT_OFF, 0, 4);
	return p;
}

/* The core's signature of a flat PDU: what every other way must give. */
static void smb_kunit_reference(struct kunit *test, unsigned int alg,
				const u8 *k, unsigned int klen, const u8 *pdu,
				size_t len, u8 sig[16])
{
	const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
	struct smbsign_smb2_hdr hdr;
	void *key = kunit_kzalloc(test, mac->key_size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, key);
	KUNIT_ASSERT_EQ(test, mac->setkey(key, SMBSIGN_IMPL_GENERIC, k, klen), 0);
	KUNIT_ASSERT_GE(test, smbsign_smb2_sign_buf(mac, key, pdu, len, &hdr,
						    sig, NULL), 0);
}

/* Windows-signed and derived PDUs verify under every implementation. */
static void smb_test_pdu_vectors(struct kunit *test)
{
	unsigned int i, j, checked = 0;

	for (i = 0; i < ARRAY_SIZE(smbsign_smb_pdu_vectors); i++) {
		const struct smbsign_smb_pdu_vector *v = &smbsign_smb_pdu_vectors[i];
		const struct smbsign_mac *mac = smbsign_smb2_mac(v->alg);
		const struct smbsign_impls *impls = mac->impls;

		for (j = 0; j < impls->nr_supp; j++) {
			struct smbsign_key *key;
			struct kvec kv;
			u8 sig[16], *pdu;

			key = smb_kunit_key(test, v->alg, impls->supp[j], v->key,
					    v->key_len);
			pdu = smb_kunit_dup(test, v->pdu, v->pdu_len);
			kv = (struct kvec){ pdu, v->pdu_len };
			KUNIT_EXPECT_EQ_MSG(test, smbsign_verify(key, &kv, 1, NULL), 0,
					    "%s/%s", impls->table[impls->supp[j]].name,
					    v->name);
			KUNIT_EXPECT_EQ(test, smbsign_sign(key, &kv, 1, NULL, sig), 0);
			KUNIT_EXPECT_MEMEQ_MSG(test, sig, v->pdu + 48, 16, "%s", v->name);
			/* The PDU was only read. */
			KUNIT_EXPECT_MEMEQ(test, pdu, v->pdu, v->pdu_len);
			pdu[48 + i % 16] ^= 0x10;
			KUNIT_EXPECT_EQ_MSG(test, smbsign_verify(key, &kv, 1, NULL),
					    -EBADMSG, "%s: signature changed", v->name);
			pdu[48 + i % 16] ^= 0x10;
			pdu[v->pdu_len - 1] ^= 0x01;
			KUNIT_EXPECT_EQ_MSG(test, smbsign_verify(key, &kv, 1, NULL),
					    -EBADMSG, "%s: payload changed", v->name);
			smbsign_key_free(key);
			checked++;
		}
		/* Under another key, or algorithm, the PDU does not verify. */
		if (v->key_len == 16) {
			struct smbsign_key *other;
			struct kvec kv = { (void *)v->pdu, v->pdu_len };
			u8 wrong[16];

			memcpy(wrong, v->key, 16);
			wrong[15] ^= 0x01;
			other = smbsign_key_alloc(v->alg, wrong, 16, GFP_KERNEL);
			KUNIT_ASSERT_NOT_ERR_OR_NULL(test, other);
			KUNIT_EXPECT_EQ(test, smbsign_verify(other, &kv, 1, NULL),
					-EBADMSG);
			smbsign_key_free(other);

			other = smbsign_key_alloc((v->alg + 1) % SMBSIGN_SMB2_NR_ALGS,
						  v->key, v->key_len, GFP_KERNEL);
			KUNIT_ASSERT_NOT_ERR_OR_NULL(test, other);
			KUNIT_EXPECT_EQ(test, smbsign_verify(other, &kv, 1, NULL),
					-EBADMSG);
			smbsign_key_free(other);
		}
	}
	KUNIT_EXPECT_GE(test, checked, 5);
}

/*
 * A PDU in two kvecs cut at every offset, and in three with the first cut
 * at every offset of the header: each kvec its own exact-size buffer.
 */
static void smb_test_kvec_splits(struct kunit *test)
{
	static const u8 k[16] = "smbsign kvec key";
	size_t len = SMBSIGN_SMB2_HDR_SIZE + SMB_KUNIT_PAYLOAD, a, b;
	unsigned int alg;

	for (alg = 0; alg < SMBSIGN_SMB2_NR_ALGS; alg++) {
		u8 *pdu = smb_kunit_pdu(test, SMB_KUNIT_PAYLOAD, 8, 0);
		struct smbsign_key *key;
		u8 want[16], sig[16];

		smb_kunit_reference(test, alg, k, sizeof(k), pdu, len, want);
		key = smbsign_key_alloc(alg, k, sizeof(k), GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, key);
		for (a = 0; a <= len; a++) {
			u8 *p0 = smb_kunit_dup(test, pdu, a);
			u8 *p1 = smb_kunit_dup(test, pdu + a, len - a);
			struct kvec kv[2] = { { p0, a }, { p1, len - a } };

			KUNIT_ASSERT_EQ(test, smbsign_sign(key, kv, 2, NULL, sig), 0);
			KUNIT_ASSERT_MEMEQ_MSG(test, sig, want, 16, "alg %u, cut at %zu",
					       alg, a);
			kunit_kfree(test, p0);
			kunit_kfree(test, p1);
		}
		for (a = 0; a <= SMBSIGN_SMB2_HDR_SIZE; a++) {
			b = a + get_random_u32_below(len - a + 1);
			{
				u8 *p0 = smb_kunit_dup(test, pdu, a);
				u8 *p1 = smb_kunit_dup(test, pdu + a, b - a);
				u8 *p2 = smb_kunit_dup(test, pdu + b, len - b);
				struct kvec kv[4] = {
					{ p0, a }, { p1, b - a }, { NULL, 0 },
					{ p2, len - b },
				};

				KUNIT_ASSERT_EQ(test, smbsign_sign(key, kv, 4, NULL, sig), 0);
				KUNIT_ASSERT_MEMEQ_MSG(test, sig, want, 16,
						       "alg %u, cuts at %zu, %zu", alg, a, b);
			}
		}
		smbsign_key_free(key);
	}
}

/*
 * The payload after a header kvec in an ITER_BVEC over pages (at page
 * offsets, one bvec spanning two pages, the iterator advanced into it)
 * and in an ITER_KVEC; the iterator is not advanced by signing.
 */
static void smb_test_iters(struct kunit *test)
{
	static const u8 k[16] = "smbsign iter key";
	const size_t payload = 3 * PAGE_SIZE;
	struct page *pages = alloc_pages(GFP_KERNEL, 2);
	unsigned int alg;

	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (alg = 0; alg < SMBSIGN_SMB2_NR_ALGS; alg++) {
		u8 *pdu = smb_kunit_pdu(test, payload, 9, 1);
		u8 *data = page_address(pages);
		size_t len = SMBSIGN_SMB2_HDR_SIZE + payload, skip;
		struct smbsign_key *key;
		struct bio_vec bv[3];
		struct kvec hdr = { pdu, SMBSIGN_SMB2_HDR_SIZE }, kv[3];
		struct iov_iter it;
		u8 want[16], sig[16];

		/* The payload's bytes at offset 100 of the 4 pages. */
		memcpy(data + 100, pdu + SMBSIGN_SMB2_HDR_SIZE, payload);
		smb_kunit_reference(test, alg, k, sizeof(k), pdu, len, want);
		key = smbsign_key_alloc(alg, k, sizeof(k), GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, key);

		/* 1000 bytes, then 2 pages' worth across a page boundary, then the rest. */
		bvec_set_page(&bv[0], pages, 1000, 100);
		bvec_set_page(&bv[1], pages, 2 * PAGE_SIZE, 1100);
		bvec_set_page(&bv[2], pages, payload - 1000 - 2 * PAGE_SIZE,
			      1100 + 2 * PAGE_SIZE);
		iov_iter_bvec(&it, ITER_SOURCE, bv, 3, payload);
		KUNIT_EXPECT_EQ(test, smbsign_sign(key, &hdr, 1, &it, sig), 0);
		KUNIT_EXPECT_MEMEQ_MSG(test, sig, want, 16, "alg %u: bvec", alg);
		KUNIT_EXPECT_EQ(test, iov_iter_count(&it), payload);

		/* Advanced: the header kvec then carries the skipped bytes. */
		skip = 1000 + 7;
		iov_iter_bvec(&it, ITER_SOURCE, bv, 3, payload);
		iov_iter_advance(&it, skip);
		{
			u8 *head = smb_kunit_dup(test, pdu, SMBSIGN_SMB2_HDR_SIZE + skip);
			struct kvec hk = { head, SMBSIGN_SMB2_HDR_SIZE + skip };

			KUNIT_EXPECT_EQ(test, smbsign_verify(key, &hk, 1, &it), -EBADMSG);
			KUNIT_EXPECT_EQ(test, smbsign_sign(key, &hk, 1, &it, sig), 0);
			KUNIT_EXPECT_MEMEQ_MSG(test, sig, want, 16,
					       "alg %u: advanced bvec", alg);
			/* With the signature in place it verifies. */
			memcpy(head + SMBSIGN_SMB2_SIG_OFF, want, 16);
			KUNIT_EXPECT_EQ(test, smbsign_verify(key, &hk, 1, &it), 0);
		}

		/* ITER_KVEC: three pieces, the middle one empty. */
		kv[0] = (struct kvec){ data + 100, 5 };
		kv[1] = (struct kvec){ data, 0 };
		kv[2] = (struct kvec){ data + 105, payload - 5 };
		iov_iter_kvec(&it, ITER_SOURCE, kv, 3, payload);
		KUNIT_EXPECT_EQ(test, smbsign_sign(key, &hdr, 1, &it, sig), 0);
		KUNIT_EXPECT_MEMEQ_MSG(test, sig, want, 16, "alg %u: kvec iter", alg);

		/* An iterator that counts more than its segments hold: -EINVAL. */
		iov_iter_kvec(&it, ITER_SOURCE, kv, 3, payload);
		it.count += 1;
		KUNIT_EXPECT_EQ(test, smbsign_sign(key, &hdr, 1, &it, sig), -EINVAL);
		smbsign_key_free(key);
	}
	__free_pages(pages, 2);
}

/* Compound chains: related and unrelated members, padded to 8 bytes. */
static void smb_test_compound(struct kunit *test)
{
	static const u8 k[16] = "smbsign compound";
	static const size_t body[] = { 41, 64, 7 };
	u8 *chain = kunit_kzalloc(test, 1024, GFP_KERNEL);
	size_t off = 0, member, total;
	struct smbsign_key *key;
	unsigned int i, alg, n = 0;

	KUNIT_ASSERT_NOT_NULL(test, chain);
	for (i = 0; i < ARRAY_SIZE(body); i++) {
		u8 *m = smb_kunit_pdu(test, body[i], 5 + i,
				      i ? SMBSIGN_SMB2_FLAGS_RELATED : 0);
		size_t len = SMBSIGN_SMB2_HDR_SIZE + body[i];
		size_t padded = i + 1 < ARRAY_SIZE(body) ? ALIGN(len, 8) : len;

		memcpy(chain + off, m, len);
		if (i + 1 < ARRAY_SIZE(body)) {
			chain[off + 20] = padded;
			chain[off + 21] = padded >> 8;
		}
		off += padded;
	}
	total = off;
	for (alg = 0; alg < SMBSIGN_SMB2_NR_ALGS; alg++) {
		key = smbsign_key_alloc(alg, k, sizeof(k), GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, key);
		for (off = 0; off < total; off += member) {
			u8 want[16], sig[16], *m;
			struct kvec kv;

			KUNIT_ASSERT_EQ(test, smbsign_smb2_member(chain + off, total - off,
								  &member, NULL), 0);
			m = smb_kunit_dup(test, chain + off, member);
			smb_kunit_reference(test, alg, k, sizeof(k), m, member, want);
			kv = (struct kvec){ m, member };
			KUNIT_EXPECT_EQ(test, smbsign_sign(key, &kv, 1, NULL, sig), 0);
			KUNIT_EXPECT_MEMEQ(test, sig, want, 16);
			memcpy(m + SMBSIGN_SMB2_SIG_OFF, sig, 16);
			KUNIT_EXPECT_EQ(test, smbsign_verify(key, &kv, 1, NULL), 0);
			/* A member is signed up to NextCommand, not beyond or short of it. */
			if (member < total - off) {
				kv.iov_len = member - 8;
				KUNIT_EXPECT_EQ(test, smbsign_sign(key, &kv, 1, NULL, sig),
						-EINVAL);
			}
			n++;
		}
		smbsign_key_free(key);
	}
	KUNIT_EXPECT_EQ(test, n, 3 * ARRAY_SIZE(body));
}

/*
 * The GMAC nonce (MS-SMB2 3.1.4.1): MessageId || LE32 with bit 0 the
 * server flag, bit 1 a CANCEL; an async header changes nothing else.
 * Checked against the bare GMAC of nonce || PDU with the signature zeroed.
 */
static void smb_test_gmac_nonce(struct kunit *test)
{
	static const struct { u16 command; u32 flags; u8 role; } cases[] = {
		{ 8, 0, 0 },
		{ 8, SMBSIGN_SMB2_FLAGS_SERVER_TO_REDIR, 1 },
		{ SMBSIGN_SMB2_CANCEL, 0, 2 },
		{ SMBSIGN_SMB2_CANCEL, SMBSIGN_SMB2_FLAGS_ASYNC_COMMAND, 2 },
		{ 8, SMBSIGN_SMB2_FLAGS_SERVER_TO_REDIR | SMBSIGN_SMB2_FLAGS_ASYNC_COMMAND |
		     SMBSIGN_SMB2_FLAGS_SIGNED, 1 },
		{ 0x010c, SMBSIGN_SMB2_FLAGS_SERVER_TO_REDIR, 1 },
	};
	const struct smbsign_mac *gmac = smbsign_smb2_mac(SMBSIGN_SMB2_AES_GMAC);
	void *mkey = kunit_kzalloc(test, gmac->key_size, GFP_KERNEL);
	static const u8 k[16] = "smbsign gmac key";
	struct smbsign_key *key;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, mkey);
	KUNIT_ASSERT_EQ(test, gmac->setkey(mkey, 0, k, 16), 0);
	key = smbsign_key_alloc(SMBSIGN_SMB2_AES_GMAC, k, 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, key);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u8 *pdu = smb_kunit_pdu(test, 50, cases[i].command, cases[i].flags);
		u8 *data = kunit_kmalloc(test, 12 + 114, GFP_KERNEL);
		struct kvec kv = { pdu, 114 };
		u8 want[16], sig[16];

		KUNIT_ASSERT_NOT_NULL(test, data);
		memcpy(data, pdu + 24, 8);
		data[8] = cases[i].role;
		memset(data + 9, 0, 3);
		memcpy(data + 12, pdu, 114);
		memset(data + 12 + 48, 0, 16);
		KUNIT_ASSERT_GE(test, gmac->digest(mkey, data, 12 + 114, want), 0);
		KUNIT_EXPECT_EQ(test, smbsign_sign(key, &kv, 1, NULL, sig), 0);
		KUNIT_EXPECT_MEMEQ_MSG(test, sig, want, 16,
				       "command %#x flags %#x", cases[i].command,
				       cases[i].flags);
	}
	smbsign_key_free(key);
}

/*
 * With SIMD unusable the generic code signs the same, and the call counts
 * as one MAC of its bytes and, for a SIMD key, one fallback.
 */
static void smb_test_simd_unusable_and_counters(struct kunit *test)
{
	static const u8 k[16] = "smbsign simd key";
	unsigned int alg;

	for (alg = 0; alg < SMBSIGN_SMB2_NR_ALGS; alg++) {
		const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
		enum smbsign_mac_id id = mac - smbsign_macs;
		unsigned int widest = smbsign_impls_widest(mac->impls);
		size_t len = SMBSIGN_SMB2_HDR_SIZE + 1000;
		u8 *pdu = smb_kunit_pdu(test, 1000, 8, 0);
		struct kvec kv = { pdu, len };
		u64 ops, bytes, fallbacks;
		struct smbsign_key *key;
		u8 want[16], sig[16];

		smb_kunit_reference(test, alg, k, sizeof(k), pdu, len, want);
		key = smb_kunit_key(test, alg, widest, k, sizeof(k));
		ops = smbsign_stats_read(id, offsetof(struct smbsign_stats, ops));
		bytes = smbsign_stats_read(id, offsetof(struct smbsign_stats, bytes));
		fallbacks = smbsign_stats_read(id,
					       offsetof(struct smbsign_stats, fallbacks));
		KUNIT_EXPECT_EQ(test, smbsign_sign(key, &kv, 1, NULL, sig), 0);
		KUNIT_EXPECT_MEMEQ(test, sig, want, 16);
#ifdef CONFIG_CRYPTO_SELFTESTS_FULL
		preempt_disable();
		__this_cpu_write(crypto_simd_disabled_for_test, true);
		memset(sig, 0, sizeof(sig));
		KUNIT_EXPECT_EQ(test, smbsign_sign(key, &kv, 1, NULL, sig), 0);
		__this_cpu_write(crypto_simd_disabled_for_test, false);
		preempt_enable();
		KUNIT_EXPECT_MEMEQ_MSG(test, sig, want, 16, "alg %u: SIMD unusable", alg);
		fallbacks += mac->impls->table[widest].simd;
		ops++;
		bytes += len;
#endif
		KUNIT_EXPECT_EQ(test, smbsign_stats_read(id, offsetof(struct smbsign_stats, ops)),
				ops + 1);
		KUNIT_EXPECT_EQ(test, smbsign_stats_read(id, offsetof(struct smbsign_stats, bytes)),
				bytes + len);
		KUNIT_EXPECT_EQ(test, smbsign_stats_read(id, offsetof(struct smbsign_stats,
								      fallbacks)),
				fallbacks);
		smbsign_key_free(key);
	}
}

#define SMB_RACE_THREADS	4
#define SMB_RACE_ROUNDS		2000

/* One key, several signers at once: threads, and a soft hrtimer. */
struct smb_race {
	struct smbsign_key *key;
	struct kvec kv;
	u8 want[16];
	struct hrtimer timer;
	unsigned int timer_runs, timer_bad, timer_in_softirq;
	bool stop;
};

struct smb_race_thread {
	struct smb_race *race;
	unsigned int bad;
	struct completion done;
};

static bool smb_race_sign_ok(struct smb_race *r)
{
	u8 sig[16];

	return !smbsign_sign(r->key, &r->kv, 1, NULL, sig) &&
	       !memcmp(sig, r->want, sizeof(sig));
}

static int smb_race_signer(void *arg)
{
	struct smb_race_thread *t = arg;
	unsigned int i;

	for (i = 0; i < SMB_RACE_ROUNDS; i++) {
		t->bad += !smb_race_sign_ok(t->race);
		/* Even on one CPU (UML) the others get turns in between. */
		if (i % 100 == 99)
			schedule_timeout_uninterruptible(1);
	}
	complete(&t->done);
	return 0;
}

/* HRTIMER_MODE_REL_SOFT: this runs in softirq context, every 200 us. */
static enum hrtimer_restart smb_race_timer(struct hrtimer *h)
{
	struct smb_race *r = container_of(h, struct smb_race, timer);

	r->timer_in_softirq += !!in_serving_softirq();
	r->timer_bad += !smb_race_sign_ok(r);
	r->timer_runs++;
	if (READ_ONCE(r->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(h, us_to_ktime(200));
	return HRTIMER_RESTART;
}

static void smb_test_concurrent_softirq(struct kunit *test)
{
	static const u8 k[16] = "smbsign race key";
	struct smb_race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct smb_race_thread *t;
	unsigned int i, started, bad = 0;
	u8 *pdu;

	t = kunit_kcalloc(test, SMB_RACE_THREADS, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, t);
	pdu = smb_kunit_pdu(test, 3000, 8, SMBSIGN_SMB2_FLAGS_SERVER_TO_REDIR);
	r->kv = (struct kvec){ pdu, SMBSIGN_SMB2_HDR_SIZE + 3000 };
	smb_kunit_reference(test, SMBSIGN_SMB2_AES_GMAC, k, sizeof(k), pdu,
			    r->kv.iov_len, r->want);
	r->key = smbsign_key_alloc(SMBSIGN_SMB2_AES_GMAC, k, sizeof(k),
				   GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r->key);

	hrtimer_setup(&r->timer, smb_race_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_SOFT);
	hrtimer_start(&r->timer, us_to_ktime(100), HRTIMER_MODE_REL_SOFT);
	for (started = 0; started < SMB_RACE_THREADS; started++) {
		t[started].race = r;
		init_completion(&t[started].done);
		if (IS_ERR(kthread_run(smb_race_signer, &t[started],
				       "smbsign-smb%u", started)))
			break;
	}
	/* Every thread started is waited for: they use the test's memory. */
	for (i = 0; i < started; i++) {
		wait_for_completion(&t[i].done);
		bad += t[i].bad;
	}
	WRITE_ONCE(r->stop, true);
	hrtimer_cancel(&r->timer);
	smbsign_key_free(r->key);

	KUNIT_EXPECT_EQ(test, started, SMB_RACE_THREADS);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_GT(test, r->timer_runs, 0);
	KUNIT_EXPECT_EQ(test, r->timer_in_softirq, r->timer_runs);
	KUNIT_EXPECT_EQ(test, r->timer_bad, 0);
	kunit_info(test, "%u PDUs signed by %u threads, %u in softirq context",
		   started * SMB_RACE_ROUNDS, started, r->timer_runs);
}

/* Bad input: -EINVAL, nothing written, nothing read past a buffer. */
static void smb_test_bad_input(struct kunit *test)
{
	static const u8 k[16] = "smbsign bad keys";
	u8 *pdu = smb_kunit_pdu(test, 36, 8, 0), sig[16], zero[16] = { 0 };
	struct smbsign_key *key;
	struct iov_iter it;
	struct kvec kv[2];
	size_t len;

	KUNIT_EXPECT_EQ(test, PTR_ERR(smbsign_key_alloc(3, k, 16, GFP_KERNEL)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(smbsign_key_alloc(SMBSIGN_SMB2_AES_CMAC, k, 15,
							GFP_KERNEL)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(smbsign_key_alloc(SMBSIGN_SMB2_AES_GMAC, k, 0,
							GFP_KERNEL)), -EINVAL);
	smbsign_key_free(NULL);
	smbsign_key_free(ERR_PTR(-EINVAL));
	key = smbsign_key_alloc(SMBSIGN_SMB2_AES_CMAC, k, 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, key);
	KUNIT_EXPECT_EQ(test, smbsign_key_alg(key), SMBSIGN_SMB2_AES_CMAC);

	/* Every length short of a header, in two exact-size pieces. */
	for (len = 0; len < SMBSIGN_SMB2_HDR_SIZE; len++) {
		u8 *a = smb_kunit_dup(test, pdu, len / 2);
		u8 *b = smb_kunit_dup(test, pdu + len / 2, len - len / 2);

		kv[0] = (struct kvec){ a, len / 2 };
		kv[1] = (struct kvec){ b, len - len / 2 };
		memset(sig, 0, sizeof(sig));
		KUNIT_EXPECT_EQ(test, smbsign_sign(key, kv, 2, NULL, sig), -EINVAL);
		KUNIT_EXPECT_EQ(test, smbsign_verify(key, kv, 2, NULL), -EINVAL);
		KUNIT_EXPECT_MEMEQ(test, sig, zero, 16);
	}
	kv[0] = (struct kvec){ pdu, 100 };
	pdu[0] = 0xfd;			/* a transform header */
	KUNIT_EXPECT_EQ(test, smbsign_sign(key, kv, 1, NULL, sig), -EINVAL);
	pdu[0] = 0xff;			/* SMB1 */
	KUNIT_EXPECT_EQ(test, smbsign_verify(key, kv, 1, NULL), -EINVAL);
	pdu[0] = 0xfe;
	pdu[4] = 65;			/* StructureSize */
	KUNIT_EXPECT_EQ(test, smbsign_sign(key, kv, 1, NULL, sig), -EINVAL);
	pdu[4] = 64;
	pdu[20] = 104;			/* NextCommand past the PDU */
	KUNIT_EXPECT_EQ(test, smbsign_sign(key, kv, 1, NULL, sig), -EINVAL);
	pdu[20] = 100;			/* its length, not a multiple of 8 */
	KUNIT_EXPECT_EQ(test, smbsign_sign(key, kv, 1, NULL, sig), -EINVAL);
	pdu[20] = 96;			/* short of it */
	KUNIT_EXPECT_EQ(test, smbsign_sign(key, kv, 1, NULL, sig), -EINVAL);
	pdu[20] = 0;
	KUNIT_EXPECT_EQ(test, smbsign_sign(key, kv, 1, NULL, sig), 0);

	/* A user-backed iterator is refused before it is touched. */
	iov_iter_ubuf(&it, ITER_SOURCE, (void __user *)0x1000, 10);
	KUNIT_EXPECT_EQ(test, smbsign_sign(key, kv, 1, &it, sig), -EINVAL);
	smbsign_key_free(key);
}

/* The KDF: NIST's vectors per implementation, Microsoft's through the API. */
static void smb_test_kdf(struct kunit *test)
{
	const struct smbsign_impls *impls = smbsign_macs[SMBSIGN_HMAC].impls;
	u8 out[SMBSIGN_KDF_MAX_OUT], key[16];
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(smbsign_kdf_vectors); i++) {
		const struct smbsign_kdf_vector *v = &smbsign_kdf_vectors[i];

		for (j = 0; j < impls->nr_supp; j++) {
			int err;

			memset(out, 0, v->ko_len);
			err = smbsign_kdf_ctr_hmac_sha256(impls->supp[j], v->ki,
							  v->ki_len, v->fixed,
							  v->fixed_len, out,
							  v->ko_len);
			KUNIT_EXPECT_EQ(test, err, 0);
			KUNIT_EXPECT_MEMEQ_MSG(test, out, v->ko, v->ko_len, "%s/%s",
					       impls->table[impls->supp[j]].name, v->name);
		}
	}
	for (i = 0; i < ARRAY_SIZE(smbsign_smb_kdf_vectors); i++) {
		const struct smbsign_smb_kdf_vector *v = &smbsign_smb_kdf_vectors[i];

		int err;

		memset(key, 0, sizeof(key));
		if (v->v311)
			err = smbsign_smb311_signing_key(v->session_key, 16,
							 v->preauth_hash, key);
		else
			err = smbsign_smb30_signing_key(v->session_key, 16, key);
		KUNIT_EXPECT_EQ(test, err, 0);
		KUNIT_EXPECT_MEMEQ_MSG(test, key, v->signing_key, 16, "%s", v->name);
		KUNIT_EXPECT_EQ(test, smbsign_smb30_signing_key(v->session_key, 15, key),
				-EINVAL);
	}
	KUNIT_EXPECT_EQ(test, smbsign_smb3_kdf(key, 16, key, 1, key, 1, out, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, smbsign_smb3_kdf(key, 16, key, 1, key, 1, out,
					       SMBSIGN_KDF_MAX_OUT + 1), -EINVAL);
	KUNIT_EXPECT_GE(test, ARRAY_SIZE(smbsign_kdf_vectors), 40);
	KUNIT_EXPECT_GE(test, ARRAY_SIZE(smbsign_smb_kdf_vectors), 4);
}

static struct kunit_case smb_test_cases[] = {
	KUNIT_CASE(smb_test_pdu_vectors),
	KUNIT_CASE(smb_test_kvec_splits),
	KUNIT_CASE(smb_test_iters),
	KUNIT_CASE(smb_test_compound),
	KUNIT_CASE(smb_test_gmac_nonce),
	KUNIT_CASE(smb_test_simd_unusable_and_counters),
	KUNIT_CASE(smb_test_concurrent_softirq),
	KUNIT_CASE(smb_test_bad_input),
	KUNIT_CASE(smb_test_kdf),
	{}
};

static struct kunit_suite smb_test_suite = {
	.name = "smbsign-smb-api",
	.test_cases = smb_test_cases,
};

kunit_test_suite(smb_test_suite);
