/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What smbsign's KUnit suites share: a transform of one of smbsign's
 * drivers with a request and a scratch buffer, and the test that many
 * threads can sign through one keyed transform at once.
 */
#ifndef _SMBSIGN_SHASH_KUNIT_H
#define _SMBSIGN_SHASH_KUNIT_H

#include <kunit/test.h>
#include <crypto/hash.h>

struct smbsign_kunit_ctx {
	struct crypto_shash *tfm;
	struct shash_desc *desc;	/* a request on tfm */
	u8 *buf;			/* scratch, as long as asked */
};

/*
 * A suite's init: @driver's transform and @buf_len bytes of scratch in
 * test->priv. @required: fail when the driver is not registered (gmac is
 * registered everywhere); otherwise skip (cmac and hmac need SIMD).
 */
int smbsign_kunit_tfm_init(struct kunit *test, const char *driver,
			   size_t buf_len, bool required);
void smbsign_kunit_tfm_exit(struct kunit *test);

/*
 * MAC number @n (0 <= n < ncases) of a set a suite defines over @buf,
 * written to @out through @desc.
 */
typedef void (*smbsign_kunit_mac_fn)(struct shash_desc *desc, const u8 *buf,
				     unsigned int n, u8 *out);

/*
 * With ctx->tfm keyed: computes the @ncases MACs once, then four threads
 * compute them again and again on that one transform, each with its own
 * request; expects every MAC to equal the first answer.
 */
void smbsign_kunit_concurrent(struct kunit *test, smbsign_kunit_mac_fn mac,
			      unsigned int ncases);
/* The set of cmac and hmac: MAC n is the digest of the first n bytes. */
void smbsign_kunit_digest(struct shash_desc *desc, const u8 *buf,
			  unsigned int n, u8 *out);

/*
 * With ctx->tfm keyed: for messages of @min_len to @max_len bytes (every
 * @step) cut anywhere, the state exported after the first part, imported
 * into a second request while the first is wrecked, finishes with the
 * one-shot MAC. Returns that second request, for a suite's own checks of
 * states that must be refused.
 */
struct shash_desc *smbsign_kunit_export_import(struct kunit *test,
					       size_t min_len, size_t max_len,
					       size_t step);

#endif /* _SMBSIGN_SHASH_KUNIT_H */
