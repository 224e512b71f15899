/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the assembler annotations of <linux/linkage.h>. */
#ifndef _SMBSIGN_COMPAT_LINKAGE_H
#define _SMBSIGN_COMPAT_LINKAGE_H

#ifdef __ASSEMBLER__
/* '%' rather than '@': the form every target's assembler takes. */
#define SYM_FUNC_START(name)		\
	.globl name;			\
	.type name, %function;		\
	.p2align 4;			\
	name:
#define SYM_FUNC_END(name)		\
	.size name, . - name
#define RET	ret
	.section .note.GNU-stack, "", %progbits
	.text
#endif

#endif
