// SPDX-License-Identifier: GPL-2.0
/*
 * hmac(sha256) for the crypto API: a thin shash over crypto/hmac.c.
 *
 * The tfm context holds the key's inner and outer SHA-256 states (set
 * once, by the implementation selected at setkey), only read afterwards,
 * so one tfm serves any number of threads; all per-request state lives in
 * the desc. Any key length is valid, the empty key included.
 */

#include <linux/module.h>
#include <linux/string.h>
#include <crypto/internal/hash.h>
#include <smbsign/internal.h>
#include <smbsign/stats.h>

struct smbsign_hmac_tfm_ctx {
	struct smbsign_hmac_key key;
};

static int smbsign_hmac_shash_setkey(struct crypto_shash *tfm,
				     const u8 *in_key, unsigned int key_len)
{
	struct smbsign_hmac_tfm_ctx *ctx = crypto_shash_ctx(tfm);
	const struct smbsign_hmac_impl *impl = smbsign_hmac_active();

	/*
	 * cifs and ksmbd set the same session key before every message:
	 * computing its two states again would give the same context.
	 */
	if (!READ_ONCE(smbsign_key_cache) ||
	    !smbsign_hmac_key_matches(&ctx->key, impl, in_key, key_len))
		smbsign_hmac_setkey(&ctx->key, impl, in_key, key_len);
	return 0;
}

static int smbsign_hmac_shash_init(struct shash_desc *desc)
{
	struct smbsign_hmac_tfm_ctx *ctx = crypto_shash_ctx(desc->tfm);

	smbsign_hmac_init(&ctx->key, shash_desc_ctx(desc));
	return 0;
}

static int smbsign_hmac_shash_update(struct shash_desc *desc, const u8 *data,
				     unsigned int len)
{
	struct smbsign_hmac_tfm_ctx *ctx = crypto_shash_ctx(desc->tfm);

	smbsign_hmac_update(&ctx->key, shash_desc_ctx(desc), data, len);
	smbsign_count(SMBSIGN_ALG_HMAC, 0, len, ctx->key.impl->simd);
	return 0;
}

static int smbsign_hmac_shash_finup(struct shash_desc *desc, const u8 *data,
				    unsigned int len, u8 *out)
{
	struct smbsign_hmac_tfm_ctx *ctx = crypto_shash_ctx(desc->tfm);

	smbsign_hmac_finup(&ctx->key, shash_desc_ctx(desc), data, len, out);
	smbsign_count(SMBSIGN_ALG_HMAC, 1, len, ctx->key.impl->simd);
	return 0;
}

static int smbsign_hmac_shash_final(struct shash_desc *desc, u8 *out)
{
	return smbsign_hmac_shash_finup(desc, NULL, 0, out);
}

static int smbsign_hmac_shash_digest(struct shash_desc *desc, const u8 *data,
				     unsigned int len, u8 *out)
{
	smbsign_hmac_shash_init(desc);
	return smbsign_hmac_shash_finup(desc, data, len, out);
}

static int smbsign_hmac_shash_export(struct shash_desc *desc, void *out)
{
	memcpy(out, shash_desc_ctx(desc), sizeof(struct smbsign_hmac_state));
	return 0;
}

static int smbsign_hmac_shash_import(struct shash_desc *desc, const void *in)
{
	/* A state we could not have exported is refused, not trusted. */
	if (!smbsign_hmac_state_valid(in))
		return -EINVAL;
	memcpy(shash_desc_ctx(desc), in, sizeof(struct smbsign_hmac_state));
	return 0;
}

static void smbsign_hmac_shash_exit_tfm(struct crypto_shash *tfm)
{
	memzero_explicit(crypto_shash_ctx(tfm),
			 sizeof(struct smbsign_hmac_tfm_ctx));
}

static struct shash_alg smbsign_hmac_alg = {
	.digestsize	= SMBSIGN_HMAC_DIGEST_SIZE,
	.descsize	= sizeof(struct smbsign_hmac_state),
	.statesize	= sizeof(struct smbsign_hmac_state),
	.init		= smbsign_hmac_shash_init,
	.update		= smbsign_hmac_shash_update,
	.final		= smbsign_hmac_shash_final,
	.finup		= smbsign_hmac_shash_finup,
	.digest		= smbsign_hmac_shash_digest,
	.export		= smbsign_hmac_shash_export,
	.import		= smbsign_hmac_shash_import,
	.setkey		= smbsign_hmac_shash_setkey,
	.exit_tfm	= smbsign_hmac_shash_exit_tfm,
	.base		= {
		.cra_name		= "hmac(sha256)",
		.cra_driver_name	= SMBSIGN_HMAC_DRIVER,
		.cra_blocksize		= SMBSIGN_SHA256_BLOCK_SIZE,
		.cra_ctxsize		= sizeof(struct smbsign_hmac_tfm_ctx),
		.cra_module		= THIS_MODULE,
	},
};

int smbsign_hmac_register(int priority)
{
	smbsign_hmac_alg.base.cra_priority = priority;
	return crypto_register_shash(&smbsign_hmac_alg);
}

void smbsign_hmac_unregister(void)
{
	crypto_unregister_shash(&smbsign_hmac_alg);
}

MODULE_ALIAS_CRYPTO("hmac(sha256)");
MODULE_ALIAS_CRYPTO(SMBSIGN_HMAC_DRIVER);
