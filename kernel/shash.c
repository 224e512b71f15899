// SPDX-License-Identifier: GPL-2.0
/*
 * The crypto API glue: one shash per algorithm, all written once over
 * struct smbsign_mac and registered from one array (the model: arm64's
 * aes-glue.c mac_algs[]).
 *
 * A tfm's context is the MAC's key, as setkey left it: bound to the
 * implementation selected when the key was set, with the canonical form the
 * generic fallback also runs from, behind the little a call needs to find
 * its MAC and counters without a lookup. After setkey the context is only
 * read, so one tfm serves any number of threads; all per-request state
 * lives in the desc, flat, so export and import copy it (import checks it
 * first). gmac(aes) is smbsign's own interface (Documentation/design.rst,
 * "Interfaces"): the first 12 bytes of the data are the nonce.
 */

#include <linux/module.h>
#include <linux/string.h>
#include <crypto/internal/hash.h>
#include "internal.h"
#include "stats.h"

/* The algorithms in the mask registered, in order, and how many. */
static struct shash_alg smbsign_shashes[SMBSIGN_NR_MACS];
static enum smbsign_mac_id smbsign_shash_ids[SMBSIGN_NR_MACS];
static unsigned int smbsign_nr_shashes;

struct smbsign_tfm_ctx {
	const struct smbsign_mac *mac;
	struct smbsign_stats __percpu *stats;
	enum smbsign_mac_id id;
	/* The MAC's key: struct smbsign_mac's key_size bytes. */
	u8 key[] __aligned(16);
};

static struct smbsign_tfm_ctx *smbsign_tfm_ctx(struct crypto_shash *tfm)
{
	return crypto_shash_ctx(tfm);
}

static int smbsign_shash_init_tfm(struct crypto_shash *tfm)
{
	struct smbsign_tfm_ctx *ctx = smbsign_tfm_ctx(tfm);
	unsigned int i = crypto_shash_alg(tfm) - smbsign_shashes;

	if (WARN_ON_ONCE(i >= smbsign_nr_shashes))
		return -EINVAL;
	ctx->id = smbsign_shash_ids[i];
	ctx->mac = &smbsign_macs[ctx->id];
	ctx->stats = smbsign_stats[ctx->id];
	return 0;
}

static void smbsign_shash_exit_tfm(struct crypto_shash *tfm)
{
	struct smbsign_tfm_ctx *ctx = smbsign_tfm_ctx(tfm);

	memzero_explicit(ctx->key, ctx->mac->key_size);
}

static int smbsign_shash_setkey(struct crypto_shash *tfm, const u8 *in_key,
				unsigned int key_len)
{
	struct smbsign_tfm_ctx *ctx = smbsign_tfm_ctx(tfm);
	unsigned int impl = smbsign_alg_impl(&smbsign_algs[ctx->id]);

	/*
	 * cifs and ksmbd set the same session key before every message:
	 * setting it again would give the same context.
	 */
	if (READ_ONCE(smbsign_key_cache) &&
	    ctx->mac->key_matches(ctx->key, impl, in_key, key_len))
		return 0;
	return ctx->mac->setkey(ctx->key, impl, in_key, key_len);
}

static int smbsign_shash_init(struct shash_desc *desc)
{
	struct smbsign_tfm_ctx *ctx = smbsign_tfm_ctx(desc->tfm);

	ctx->mac->init(ctx->key, shash_desc_ctx(desc));
	return 0;
}

/* Of @len more data bytes, those the bytes counter counts: the message. */
static u64 smbsign_shash_msg_bytes(const struct smbsign_mac *mac,
				   struct shash_desc *desc, unsigned int len)
{
	return mac->msg_bytes ? mac->msg_bytes(shash_desc_ctx(desc), len) : len;
}

static int smbsign_shash_update(struct shash_desc *desc, const u8 *data,
				unsigned int len)
{
	struct smbsign_tfm_ctx *ctx = smbsign_tfm_ctx(desc->tfm);
	u64 bytes = smbsign_shash_msg_bytes(ctx->mac, desc, len);
	int ret;

	ret = ctx->mac->update(ctx->key, shash_desc_ctx(desc), data, len);
	smbsign_count(ctx->stats, 0, bytes, ret);
	return 0;
}

static int smbsign_shash_finup(struct shash_desc *desc, const u8 *data,
			       unsigned int len, u8 *out)
{
	struct smbsign_tfm_ctx *ctx = smbsign_tfm_ctx(desc->tfm);
	u64 bytes = smbsign_shash_msg_bytes(ctx->mac, desc, len);
	int ret;

	/* -EINVAL when gmac's data did not even hold the 12-byte nonce. */
	ret = ctx->mac->finup(ctx->key, shash_desc_ctx(desc), data, len, out);
	if (ret < 0)
		return ret;
	smbsign_count(ctx->stats, 1, bytes, ret);
	return 0;
}

static int smbsign_shash_final(struct shash_desc *desc, u8 *out)
{
	return smbsign_shash_finup(desc, NULL, 0, out);
}

/* The whole message at once, the path of most SMB messages: no state. */
static int smbsign_shash_digest(struct shash_desc *desc, const u8 *data,
				unsigned int len, u8 *out)
{
	struct smbsign_tfm_ctx *ctx = smbsign_tfm_ctx(desc->tfm);
	int ret;

	ret = ctx->mac->digest(ctx->key, data, len, out);
	if (ret < 0)
		return ret;
	/* A digest that succeeded had the whole nonce. */
	smbsign_count(ctx->stats, 1, len - ctx->mac->nonce_size, ret);
	return 0;
}

static int smbsign_shash_export(struct shash_desc *desc, void *out)
{
	memcpy(out, shash_desc_ctx(desc), crypto_shash_statesize(desc->tfm));
	return 0;
}

/* A state we could not have exported is refused, not trusted. */
static int smbsign_shash_import(struct shash_desc *desc, const void *in)
{
	struct smbsign_tfm_ctx *ctx = smbsign_tfm_ctx(desc->tfm);

	return ctx->mac->import(shash_desc_ctx(desc), in);
}

/* The shash of algorithm @id, at @priority. */
static void smbsign_shash_fill(struct shash_alg *shash, enum smbsign_mac_id id,
			       int priority)
{
	const struct smbsign_alg *alg = &smbsign_algs[id];
	const struct smbsign_mac *mac = alg->mac;

	*shash = (struct shash_alg){
		.digestsize	= mac->digest_size,
		.descsize	= mac->state_size,
		.statesize	= mac->state_size,
		.init		= smbsign_shash_init,
		.update		= smbsign_shash_update,
		.final		= smbsign_shash_final,
		.finup		= smbsign_shash_finup,
		.digest		= smbsign_shash_digest,
		.export		= smbsign_shash_export,
		.import		= smbsign_shash_import,
		.setkey		= smbsign_shash_setkey,
		.init_tfm	= smbsign_shash_init_tfm,
		.exit_tfm	= smbsign_shash_exit_tfm,
		.base		= {
			.cra_priority		= priority,
			.cra_blocksize		= mac->block_size,
			.cra_ctxsize		= sizeof(struct smbsign_tfm_ctx) +
						  mac->key_size,
			.cra_module		= THIS_MODULE,
		},
	};
	strscpy(shash->base.cra_name, alg->crypto_name, CRYPTO_MAX_ALG_NAME);
	strscpy(shash->base.cra_driver_name, alg->driver, CRYPTO_MAX_ALG_NAME);
}

int smbsign_shash_register(unsigned long mask, int priority)
{
	unsigned int n = 0;
	int i, err;

	for (i = 0; i < SMBSIGN_NR_MACS; i++) {
		if (!(mask & BIT(i)))
			continue;
		smbsign_shash_ids[n] = i;
		smbsign_shash_fill(&smbsign_shashes[n++], i, priority);
	}
	if (!n)
		return 0;
	/* All or nothing: on failure none stays registered. */
	smbsign_nr_shashes = n;
	err = crypto_register_shashes(smbsign_shashes, n);
	if (err)
		smbsign_nr_shashes = 0;
	return err;
}

void smbsign_shash_unregister(void)
{
	if (smbsign_nr_shashes)
		crypto_unregister_shashes(smbsign_shashes, smbsign_nr_shashes);
	smbsign_nr_shashes = 0;
}

MODULE_ALIAS_CRYPTO("cmac(aes)");
MODULE_ALIAS_CRYPTO(SMBSIGN_CMAC_DRIVER);
MODULE_ALIAS_CRYPTO("gmac(aes)");
MODULE_ALIAS_CRYPTO(SMBSIGN_GMAC_DRIVER);
MODULE_ALIAS_CRYPTO("hmac(sha256)");
MODULE_ALIAS_CRYPTO(SMBSIGN_HMAC_DRIVER);
