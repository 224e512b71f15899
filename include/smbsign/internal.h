/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the module's parts share inside smbsign.ko: the parameters that the
 * crypto API glue reads, and each algorithm's registration.
 */
#ifndef _SMBSIGN_INTERNAL_H
#define _SMBSIGN_INTERNAL_H

#include <linux/types.h>
#include <smbsign/cmac.h>
#include <smbsign/gmac.h>
#include <smbsign/hmac.h>

#define SMBSIGN_CMAC_DRIVER	"cmac-aes-smbsign"
#define SMBSIGN_GMAC_DRIVER	"gmac-aes-smbsign"
#define SMBSIGN_HMAC_DRIVER	"hmac-sha256-smbsign"

/* The algorithms the algs parameter names, one bit each. */
enum smbsign_alg {
	SMBSIGN_ALG_CMAC,
	SMBSIGN_ALG_GMAC,
	SMBSIGN_ALG_HMAC,
	SMBSIGN_NR_ALGS
};

/* key_cache: whether setkey may skip a key identical to the one it holds. */
extern bool smbsign_key_cache;

/* The implementations that keys set now are bound to (<alg>_impl). */
const struct smbsign_cmac_impl *smbsign_cmac_active(void);
const struct smbsign_gmac_impl *smbsign_gmac_active(void);
const struct smbsign_hmac_impl *smbsign_hmac_active(void);

int smbsign_cmac_register(int priority);
void smbsign_cmac_unregister(void);
int smbsign_gmac_register(int priority);
void smbsign_gmac_unregister(void);
int smbsign_hmac_register(int priority);
void smbsign_hmac_unregister(void);

#endif /* _SMBSIGN_INTERNAL_H */
