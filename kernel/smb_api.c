// SPDX-License-Identifier: GPL-2.0
/*
 * The exported SMB API (include/smbsign/smbsign.h): key objects, and PDUs
 * given as kvecs plus an iov_iter walked into the SMB core
 * (crypto/smb2.c) without copying. Documentation/design.rst, "The SMB API".
 *
 * A key object is the MAC's key, set once, behind what a call needs to
 * find its MAC and counters; after allocation it is only read, so any
 * number of threads sign with it at once. Per-PDU state lives on the
 * stack (at most SMBSIGN_MAC_MAX_STATE bytes). The MAC cores own the SIMD
 * sections and fall back to generic code where SIMD is not usable, so a
 * call is safe in softirq context.
 */

#include <linux/bvec.h>
#include <linux/err.h>
#include <linux/highmem.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <crypto/algapi.h>
#include <smbsign/smbsign.h>
#include "internal.h"
#include "stats.h"

struct smbsign_key {
	const struct smbsign_mac *mac;
	struct smbsign_stats __percpu *stats;
	unsigned int alg;	/* SigningAlgorithmId */
	/* The MAC's key: struct smbsign_mac's key_size bytes. */
	u8 key[] __aligned(16);
};

/*
 * Page @n of a multi-page bvec. nth_page() where the kernel has it: with
 * SPARSEMEM without VMEMMAP the struct pages of one bvec need not be
 * contiguous in every kernel.
 */
#ifdef nth_page
#define smb_api_nth_page(page, n)	nth_page(page, n)
#else
#define smb_api_nth_page(page, n)	((page) + (n))
#endif

/* What a PDU's walk has done so far. */
struct smb_api_walk {
	const struct smbsign_key *key;
	void *state;
	int fell_back;
};

struct smbsign_key *smbsign_key_alloc(unsigned int alg, const u8 *key,
				      unsigned int key_len, gfp_t gfp)
{
	const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
	enum smbsign_mac_id id;
	struct smbsign_key *k;
	int err;

	if (!mac)
		return ERR_PTR(-EINVAL);
	id = mac - smbsign_macs;
	k = kzalloc(sizeof(*k) + mac->key_size, gfp);
	if (!k)
		return ERR_PTR(-ENOMEM);
	k->mac = mac;
	k->stats = smbsign_stats[id];
	k->alg = alg;
	err = mac->setkey(k->key, smbsign_alg_impl(&smbsign_algs[id]), key,
			  key_len);
	if (err) {
		kfree_sensitive(k);
		return ERR_PTR(err);
	}
	return k;
}
EXPORT_SYMBOL_GPL(smbsign_key_alloc);

void smbsign_key_free(struct smbsign_key *key)
{
	if (IS_ERR_OR_NULL(key))
		return;
	kfree_sensitive(key);
}
EXPORT_SYMBOL_GPL(smbsign_key_free);

unsigned int smbsign_key_alg(const struct smbsign_key *key)
{
	return key->alg;
}
EXPORT_SYMBOL_GPL(smbsign_key_alg);

static void smb_api_update(struct smb_api_walk *w, const void *data,
			   size_t len)
{
	if (len)
		w->fell_back |= w->key->mac->update(w->key->key, w->state,
						    data, len);
}

/* The header, gathered from the kvecs (which may hold less: -EINVAL). */
static int smb_api_gather_hdr(const struct kvec *vec, unsigned int nr_vec,
			      u8 raw[SMBSIGN_SMB2_HDR_SIZE])
{
	size_t have = 0;
	unsigned int i;

	for (i = 0; i < nr_vec && have < SMBSIGN_SMB2_HDR_SIZE; i++) {
		size_t n = min(vec[i].iov_len, SMBSIGN_SMB2_HDR_SIZE - have);

		memcpy(raw + have, vec[i].iov_base, n);
		have += n;
	}
	return have == SMBSIGN_SMB2_HDR_SIZE ? 0 : -EINVAL;
}

/* The kvecs' bytes after the header. */
static void smb_api_update_kvecs(struct smb_api_walk *w,
				 const struct kvec *vec, unsigned int nr_vec)
{
	size_t skip = SMBSIGN_SMB2_HDR_SIZE;
	unsigned int i;

	for (i = 0; i < nr_vec; i++) {
		size_t n = min(vec[i].iov_len, skip);

		smb_api_update(w, vec[i].iov_base + n, vec[i].iov_len - n);
		skip -= n;
	}
}

/* @count bytes of kvecs @vec, the first @skip bytes in left out. */
static int smb_api_update_kvec_iter(struct smb_api_walk *w,
				    const struct kvec *vec, unsigned long nr,
				    size_t skip, size_t count)
{
	unsigned long i;

	for (i = 0; i < nr && count; i++) {
		size_t n;

		if (skip >= vec[i].iov_len) {
			skip -= vec[i].iov_len;
			continue;
		}
		n = min(vec[i].iov_len - skip, count);
		smb_api_update(w, vec[i].iov_base + skip, n);
		count -= n;
		skip = 0;
	}
	return count ? -EINVAL : 0;
}

/* The same over pages: each mapped in turn, one page at a time. */
static int smb_api_update_bvec_iter(struct smb_api_walk *w,
				    const struct bio_vec *bv, unsigned long nr,
				    size_t skip, size_t count)
{
	unsigned long i;

	for (i = 0; i < nr && count; i++) {
		size_t off, len;

		if (skip >= bv[i].bv_len) {
			skip -= bv[i].bv_len;
			continue;
		}
		off = bv[i].bv_offset + skip;
		len = min_t(size_t, bv[i].bv_len - skip, count);
		count -= len;
		skip = 0;
		while (len) {
			struct page *page = smb_api_nth_page(bv[i].bv_page,
							     off / PAGE_SIZE);
			size_t in = offset_in_page(off);
			size_t n = min_t(size_t, len, PAGE_SIZE - in);
			const u8 *p = kmap_local_page(page);

			smb_api_update(w, p + in, n);
			kunmap_local(p);
			off += n;
			len -= n;
		}
	}
	return count ? -EINVAL : 0;
}

/* Any other kernel-backed iterator (folio queues, xarrays): a bounce buffer. */
static int smb_api_update_copy(struct smb_api_walk *w, struct iov_iter *it)
{
	u8 buf[256];
	int err = 0;

	while (iov_iter_count(it)) {
		size_t n = copy_from_iter(buf, min(iov_iter_count(it), sizeof(buf)),
					  it);

		if (!n) {
			err = -EFAULT;
			break;
		}
		smb_api_update(w, buf, n);
	}
	memzero_explicit(buf, sizeof(buf));
	return err;
}

static int smb_api_update_iter(struct smb_api_walk *w,
			       const struct iov_iter *payload)
{
	struct iov_iter it;

	if (!payload || !iov_iter_count(payload))
		return 0;
	/* Walked on a copy: the caller's iterator is not advanced. */
	it = *payload;
	if (iov_iter_is_kvec(&it))
		return smb_api_update_kvec_iter(w, it.kvec, it.nr_segs,
						it.iov_offset,
						iov_iter_count(&it));
	if (iov_iter_is_bvec(&it))
		return smb_api_update_bvec_iter(w, it.bvec, it.nr_segs,
						it.iov_offset,
						iov_iter_count(&it));
	/* User memory may fault: not from softirq, not for a signer. */
	if (user_backed_iter(&it))
		return -EINVAL;
	return smb_api_update_copy(w, &it);
}

/* The PDU's signature into @sig; its header into @hdr. */
static int smb_api_sign(const struct smbsign_key *key, const struct kvec *vec,
			unsigned int nr_vec, const struct iov_iter *payload,
			struct smbsign_smb2_hdr *hdr, u8 sig[SMBSIGN_SIGNATURE_SIZE])
{
	u8 state[SMBSIGN_MAC_MAX_STATE] __aligned(16);
	u8 raw[SMBSIGN_SMB2_HDR_SIZE];
	struct smb_api_walk w = { .key = key, .state = state };
	size_t len = payload ? iov_iter_count(payload) : 0;
	unsigned int i;
	int err;

	for (i = 0; i < nr_vec; i++)
		len += vec[i].iov_len;
	err = smb_api_gather_hdr(vec, nr_vec, raw);
	if (!err)
		err = smbsign_smb2_parse(hdr, raw, len, NULL);
	if (err)
		return err;
	w.fell_back = smbsign_smb2_start(key->mac, key->key, state, hdr);
	smb_api_update_kvecs(&w, vec, nr_vec);
	err = smb_api_update_iter(&w, payload);
	/* Finished either way: the state is wiped, nothing half-done stays. */
	w.fell_back |= smbsign_smb2_finish(key->mac, key->key, state, sig);
	if (err) {
		memzero_explicit(sig, SMBSIGN_SIGNATURE_SIZE);
		return err;
	}
	smbsign_count(key->stats, 1, len, w.fell_back);
	return 0;
}

int smbsign_sign(const struct smbsign_key *key, const struct kvec *vec,
		 unsigned int nr_vec, const struct iov_iter *payload,
		 u8 sig[SMBSIGN_SIGNATURE_SIZE])
{
	struct smbsign_smb2_hdr hdr;

	return smb_api_sign(key, vec, nr_vec, payload, &hdr, sig);
}
EXPORT_SYMBOL_GPL(smbsign_sign);

int smbsign_verify(const struct smbsign_key *key, const struct kvec *vec,
		   unsigned int nr_vec, const struct iov_iter *payload)
{
	struct smbsign_smb2_hdr hdr;
	u8 sig[SMBSIGN_SIGNATURE_SIZE];
	int err;

	err = smb_api_sign(key, vec, nr_vec, payload, &hdr, sig);
	if (err)
		return err;
	err = crypto_memneq(sig, hdr.sig, sizeof(sig)) ? -EBADMSG : 0;
	memzero_explicit(sig, sizeof(sig));
	return err;
}
EXPORT_SYMBOL_GPL(smbsign_verify);

/* The KDF runs on HMAC's implementation of the moment, like a new key. */
static unsigned int smb_api_hmac_impl(void)
{
	return smbsign_alg_impl(&smbsign_algs[SMBSIGN_HMAC]);
}

int smbsign_smb3_kdf(const u8 *ki, unsigned int ki_len, const u8 *label,
		     unsigned int label_len, const u8 *context,
		     unsigned int context_len, u8 *out, unsigned int out_len)
{
	return smbsign_kdf_smb3(smb_api_hmac_impl(), ki, ki_len, label,
				label_len, context, context_len, out, out_len);
}
EXPORT_SYMBOL_GPL(smbsign_smb3_kdf);

int smbsign_smb30_signing_key(const u8 *session_key,
			      unsigned int session_key_len,
			      u8 out[SMBSIGN_SIGNING_KEY_SIZE])
{
	return smbsign_kdf_smb30(smb_api_hmac_impl(), session_key,
				 session_key_len, out);
}
EXPORT_SYMBOL_GPL(smbsign_smb30_signing_key);

int smbsign_smb311_signing_key(const u8 *session_key,
			       unsigned int session_key_len,
			       const u8 preauth_hash[SMBSIGN_PREAUTH_HASH_SIZE],
			       u8 out[SMBSIGN_SIGNING_KEY_SIZE])
{
	return smbsign_kdf_smb311(smb_api_hmac_impl(), session_key,
				  session_key_len, preauth_hash, out);
}
EXPORT_SYMBOL_GPL(smbsign_smb311_signing_key);
