// SPDX-License-Identifier: GPL-2.0
/*
 * gmac(aes) for the crypto API: a thin shash over crypto/gmac.c.
 *
 * The kernel has no gmac(aes) (IPsec's GMAC is the rfc4543 AEAD), so the
 * interface is smbsign's own (DESIGN.md section 3): the key is the AES key,
 * the first 12 bytes of the data are the nonce and the rest is the message,
 * and the digest is the 16-byte GCM tag. The tfm context holds the key and
 * its tables, only read after setkey, so one tfm serves any number of
 * threads, each desc with its own nonce.
 */

#include <linux/module.h>
#include <linux/string.h>
#include <crypto/internal/hash.h>
#include <smbsign/internal.h>
#include <smbsign/stats.h>

struct smbsign_gmac_tfm_ctx {
	struct smbsign_gmac_key key;
};

static int smbsign_gmac_shash_setkey(struct crypto_shash *tfm,
				     const u8 *in_key, unsigned int key_len)
{
	struct smbsign_gmac_tfm_ctx *ctx = crypto_shash_ctx(tfm);
	const struct smbsign_gmac_impl *impl = smbsign_gmac_active();

	if (READ_ONCE(smbsign_key_cache) &&
	    smbsign_gmac_key_matches(&ctx->key, impl, in_key, key_len))
		return 0;
	return smbsign_gmac_setkey(&ctx->key, impl, in_key, key_len);
}

/* Of @len more bytes, those past the nonce: what the bytes counter counts. */
static u64 smbsign_gmac_msg_bytes(const struct smbsign_gmac_state *st,
				  unsigned int len)
{
	unsigned int nonce_left = SMBSIGN_GMAC_NONCE_SIZE - st->nonce_len;

	return len - min(len, nonce_left);
}

static int smbsign_gmac_shash_init(struct shash_desc *desc)
{
	smbsign_gmac_init(shash_desc_ctx(desc));
	return 0;
}

static int smbsign_gmac_shash_update(struct shash_desc *desc, const u8 *data,
				     unsigned int len)
{
	struct smbsign_gmac_tfm_ctx *ctx = crypto_shash_ctx(desc->tfm);

	u64 msg = smbsign_gmac_msg_bytes(shash_desc_ctx(desc), len);

	smbsign_gmac_update(&ctx->key, shash_desc_ctx(desc), data, len);
	smbsign_count(SMBSIGN_ALG_GMAC, 0, msg, ctx->key.impl->simd);
	return 0;
}

static int smbsign_gmac_shash_finup(struct shash_desc *desc, const u8 *data,
				    unsigned int len, u8 *out)
{
	struct smbsign_gmac_tfm_ctx *ctx = crypto_shash_ctx(desc->tfm);

	u64 msg = smbsign_gmac_msg_bytes(shash_desc_ctx(desc), len);
	int err;

	/* -EINVAL when the data did not even hold the 12-byte nonce. */
	err = smbsign_gmac_finup(&ctx->key, shash_desc_ctx(desc), data, len,
				 out);
	smbsign_count(SMBSIGN_ALG_GMAC, !err, msg, ctx->key.impl->simd);
	return err;
}

static int smbsign_gmac_shash_final(struct shash_desc *desc, u8 *out)
{
	return smbsign_gmac_shash_finup(desc, NULL, 0, out);
}

static int smbsign_gmac_shash_digest(struct shash_desc *desc, const u8 *data,
				     unsigned int len, u8 *out)
{
	smbsign_gmac_init(shash_desc_ctx(desc));
	return smbsign_gmac_shash_finup(desc, data, len, out);
}

static int smbsign_gmac_shash_export(struct shash_desc *desc, void *out)
{
	memcpy(out, shash_desc_ctx(desc), sizeof(struct smbsign_gmac_state));
	return 0;
}

static int smbsign_gmac_shash_import(struct shash_desc *desc, const void *in)
{
	/* A state we could not have exported is refused, not trusted. */
	if (!smbsign_gmac_state_valid(in))
		return -EINVAL;
	memcpy(shash_desc_ctx(desc), in, sizeof(struct smbsign_gmac_state));
	return 0;
}

static void smbsign_gmac_shash_exit_tfm(struct crypto_shash *tfm)
{
	memzero_explicit(crypto_shash_ctx(tfm),
			 sizeof(struct smbsign_gmac_tfm_ctx));
}

static struct shash_alg smbsign_gmac_alg = {
	.digestsize	= SMBSIGN_GMAC_DIGEST_SIZE,
	.descsize	= sizeof(struct smbsign_gmac_state),
	.statesize	= sizeof(struct smbsign_gmac_state),
	.init		= smbsign_gmac_shash_init,
	.update		= smbsign_gmac_shash_update,
	.final		= smbsign_gmac_shash_final,
	.finup		= smbsign_gmac_shash_finup,
	.digest		= smbsign_gmac_shash_digest,
	.export		= smbsign_gmac_shash_export,
	.import		= smbsign_gmac_shash_import,
	.setkey		= smbsign_gmac_shash_setkey,
	.exit_tfm	= smbsign_gmac_shash_exit_tfm,
	.base		= {
		.cra_name		= "gmac(aes)",
		.cra_driver_name	= SMBSIGN_GMAC_DRIVER,
		.cra_blocksize		= 1,
		.cra_ctxsize		= sizeof(struct smbsign_gmac_tfm_ctx),
		.cra_module		= THIS_MODULE,
	},
};

int smbsign_gmac_register(int priority)
{
	smbsign_gmac_alg.base.cra_priority = priority;
	return crypto_register_shash(&smbsign_gmac_alg);
}

void smbsign_gmac_unregister(void)
{
	crypto_unregister_shash(&smbsign_gmac_alg);
}

MODULE_ALIAS_CRYPTO("gmac(aes)");
MODULE_ALIAS_CRYPTO(SMBSIGN_GMAC_DRIVER);
