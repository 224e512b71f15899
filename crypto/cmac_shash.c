// SPDX-License-Identifier: GPL-2.0
/*
 * cmac(aes) for the crypto API: a thin shash over crypto/cmac.c.
 *
 * The tfm context holds the key as smbsign_cmac_setkey() left it: bound to
 * the implementation selected when the key was set, with the canonical
 * round keys that the generic fallback also runs from. After setkey the
 * context is only read, so one tfm serves any number of threads; all
 * per-request state lives in the desc.
 */

#include <linux/module.h>
#include <linux/string.h>
#include <crypto/internal/hash.h>
#include <smbsign/internal.h>
#include <smbsign/stats.h>

struct smbsign_cmac_tfm_ctx {
	struct smbsign_cmac_key key;
};

static int smbsign_cmac_shash_setkey(struct crypto_shash *tfm,
				     const u8 *in_key, unsigned int key_len)
{
	struct smbsign_cmac_tfm_ctx *ctx = crypto_shash_ctx(tfm);
	const struct smbsign_cmac_impl *impl = smbsign_cmac_active();

	/*
	 * cifs and ksmbd set the same session key before every message:
	 * expanding it again would give the same context.
	 */
	if (READ_ONCE(smbsign_key_cache) &&
	    smbsign_cmac_key_matches(&ctx->key, impl, in_key, key_len))
		return 0;
	return smbsign_cmac_setkey(&ctx->key, impl, in_key, key_len);
}

static int smbsign_cmac_shash_init(struct shash_desc *desc)
{
	smbsign_cmac_init(shash_desc_ctx(desc));
	return 0;
}

static int smbsign_cmac_shash_update(struct shash_desc *desc, const u8 *data,
				     unsigned int len)
{
	struct smbsign_cmac_tfm_ctx *ctx = crypto_shash_ctx(desc->tfm);

	smbsign_cmac_update(&ctx->key, shash_desc_ctx(desc), data, len);
	smbsign_count(SMBSIGN_ALG_CMAC, 0, len, ctx->key.impl->simd);
	return 0;
}

static int smbsign_cmac_shash_finup(struct shash_desc *desc, const u8 *data,
				    unsigned int len, u8 *out)
{
	struct smbsign_cmac_tfm_ctx *ctx = crypto_shash_ctx(desc->tfm);

	smbsign_cmac_finup(&ctx->key, shash_desc_ctx(desc), data, len, out);
	smbsign_count(SMBSIGN_ALG_CMAC, 1, len, ctx->key.impl->simd);
	return 0;
}

static int smbsign_cmac_shash_final(struct shash_desc *desc, u8 *out)
{
	return smbsign_cmac_shash_finup(desc, NULL, 0, out);
}

static int smbsign_cmac_shash_digest(struct shash_desc *desc, const u8 *data,
				     unsigned int len, u8 *out)
{
	smbsign_cmac_init(shash_desc_ctx(desc));
	return smbsign_cmac_shash_finup(desc, data, len, out);
}

static int smbsign_cmac_shash_export(struct shash_desc *desc, void *out)
{
	memcpy(out, shash_desc_ctx(desc), sizeof(struct smbsign_cmac_state));
	return 0;
}

static int smbsign_cmac_shash_import(struct shash_desc *desc, const void *in)
{
	struct smbsign_cmac_state *st = shash_desc_ctx(desc);
	const struct smbsign_cmac_state *from = in;

	/* A state we could not have exported is refused, not trusted. */
	if (from->buf_len > sizeof(from->buf))
		return -EINVAL;
	memcpy(st, from, sizeof(*st));
	return 0;
}

static void smbsign_cmac_shash_exit_tfm(struct crypto_shash *tfm)
{
	memzero_explicit(crypto_shash_ctx(tfm),
			 sizeof(struct smbsign_cmac_tfm_ctx));
}

static struct shash_alg smbsign_cmac_alg = {
	.digestsize	= SMBSIGN_CMAC_DIGEST_SIZE,
	.descsize	= sizeof(struct smbsign_cmac_state),
	.statesize	= sizeof(struct smbsign_cmac_state),
	.init		= smbsign_cmac_shash_init,
	.update		= smbsign_cmac_shash_update,
	.final		= smbsign_cmac_shash_final,
	.finup		= smbsign_cmac_shash_finup,
	.digest		= smbsign_cmac_shash_digest,
	.export		= smbsign_cmac_shash_export,
	.import		= smbsign_cmac_shash_import,
	.setkey		= smbsign_cmac_shash_setkey,
	.exit_tfm	= smbsign_cmac_shash_exit_tfm,
	.base		= {
		.cra_name		= "cmac(aes)",
		.cra_driver_name	= SMBSIGN_CMAC_DRIVER,
		.cra_blocksize		= SMBSIGN_AES_BLOCK_SIZE,
		.cra_ctxsize		= sizeof(struct smbsign_cmac_tfm_ctx),
		.cra_module		= THIS_MODULE,
	},
};

int smbsign_cmac_register(int priority)
{
	smbsign_cmac_alg.base.cra_priority = priority;
	return crypto_register_shash(&smbsign_cmac_alg);
}

void smbsign_cmac_unregister(void)
{
	crypto_unregister_shash(&smbsign_cmac_alg);
}

MODULE_ALIAS_CRYPTO("cmac(aes)");
MODULE_ALIAS_CRYPTO(SMBSIGN_CMAC_DRIVER);
