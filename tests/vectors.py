#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read the AES-CMAC, AES-GMAC and HMAC-SHA256 test vectors in tests/vectors/
(sources and licences in tests/vectors/README.md) and emit them in one
normalized form:

  --alg cmac (default)
    default         one line per case for the C runners (tests/cmac_kat.c):
                      cmac <source> <key> <msg or -> <tag> <P|F>
                      subkeys <source> <key> <K1> <K2>
                      rrep <source> <repetitions> <key length> <result>
    --kunit-header  the C header kunit/cmac_vectors.h (cases with messages of
                    at most 1 KiB: a kernel image is no place for 64 KiB ones)
  --alg gmac
    default         one line per case for tests/gmac_kat.c (12-byte nonce,
                    empty plaintext, the AAD is the authenticated message):
                      gmac <source> <key> <nonce> <aad or -> <tag> <P|F>
    --kunit-header  the C header kunit/gmac_vectors.h (AAD of at most 1 KiB)
  --alg hmac
    default         one line per case for tests/hmac_kat.c (a tag shorter than
                    32 bytes is a truncated one: compare that prefix; "-" is
                    an empty key or message):
                      hmac <source> <key or -> <msg or -> <tag> <P|F>
                      hmacrrep <source> <repetitions> <key length or -> <result>
                    (SymCrypt's chained random test; "-": a random key length
                    per MAC and an empty key for the last one)
    --kunit-header  the C header kunit/hmac_vectors.h (messages of at most
                    1 KiB)
  --alg smb
    default         one line per case for tests/smb_kat.c:
                      kdf <source> <KI> <fixed input> <KO>
                        (SP 800-108 counter mode, HMAC-SHA256, r=32, the
                        counter before the opaque fixed input)
                      smbkdf <source> <dialect> <session key> <preauth hash or -> <signing key>
                      pdu <source> <cmac|gmac|hmac> <signing key> <signed PDU>
    --kunit-header  the C header kunit/smb_vectors.h
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VEC = os.path.join(HERE, "vectors")


def rsp_records(path):
    """'Name = value' records separated by blank lines (NIST CAVP layout)."""
    rec = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("["):
                if rec:
                    yield rec
                    rec = {}
                continue
            name, _, value = line.partition("=")
            rec[name.strip()] = value.strip()
    if rec:
        yield rec


def nist(path, source, verify):
    for rec in rsp_records(path):
        if "Key" not in rec:
            continue
        msg = rec["Msg"] if int(rec["Mlen"]) else ""
        assert len(msg) == 2 * int(rec["Mlen"]), (path, rec["Count"])
        assert len(rec["Mac"]) == 2 * int(rec["Tlen"]), (path, rec["Count"])
        expect = rec["Result"][0] if verify else "P"
        assert expect in "PF"
        yield (f"{source}#{rec['Count']}", rec["Key"], msg, rec["Mac"], expect)


def symcrypt(path):
    """SymCrypt KAT: 'Name = hex', a trailing backslash continues the value."""
    n = 0
    rec, name, cont = {}, None, False
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if cont:
                rec[name] += line.rstrip("\\").strip()
                cont = line.endswith("\\")
                continue
            if not line or line.startswith("#") or line.startswith("["):
                if rec:
                    yield rec, n
                    n += 1
                    rec = {}
                continue
            name, _, value = line.partition("=")
            name = name.strip()
            value = value.strip()
            cont = value.endswith("\\")
            rec[name] = value.rstrip("\\").strip()
    if rec:
        yield rec, n


def symcrypt_rnd(path):
    for rec, n in symcrypt(path):
        if "Rnd" in rec:
            yield (f"symcrypt-aescmac-rnd#{n}", int(rec["Rrep"]),
                   int(rec["KeyLen"]), rec["Rnd"])


def symcrypt_cases(path):
    for rec, n in symcrypt(path):
        if "Rnd" in rec:
            # SymCrypt's chained random test: Rrep MACs whose keys, inputs
            # and output places come from SymCrypt's SHA-1 based test RNG,
            # then one MAC over the whole buffer (replayed by cmac_kat.c).
            continue
        for v in rec.values():
            if v.startswith('"') or v.startswith("repeat"):
                raise SystemExit(f"{path}: unsupported field form {v!r}")
        yield (f"symcrypt-aescmac#{n}", rec["Key"], rec["Msg"], rec["Mac"], "P")


def all_cases():
    yield from nist(os.path.join(VEC, "nist_cavp", "CMACGenAES128.rsp"),
                    "nist-cmacgen-aes128", False)
    yield from nist(os.path.join(VEC, "nist_cavp",
                                 "CMACVerAES128_via_boringssl_cavp_aes128_cmac_tests.txt"),
                    "nist-cmacver-aes128", True)
    with open(os.path.join(VEC, "rfc4493_rfc4231_gcm_spec_vectors.json")) as f:
        spec = json.load(f)
    for ex in spec["aes128_cmac_rfc4493"]:
        yield (f"rfc4493-example{ex['example']}", ex["key"], ex["msg"], ex["mac"], "P")
    yield from symcrypt_cases(os.path.join(VEC, "symcrypt", "kat_mac_AesCmac_section.dat"))


def subkeys():
    with open(os.path.join(VEC, "rfc4493_rfc4231_gcm_spec_vectors.json")) as f:
        sk = json.load(f)["aes128_cmac_rfc4493_subkeys"]
    return ("rfc4493-subkeys", sk["key"], sk["K1"], sk["K2"])


def c_bytes(hexstr):
    b = bytes.fromhex(hexstr)
    if not b:
        return "NULL"
    body = ", ".join(f"0x{x:02x}" for x in b)
    return "(const u8[]){ " + body + " }"


def kunit_header(out):
    cases = [c for c in all_cases() if len(c[2]) <= 2048]
    out.write("/* SPDX-License-Identifier: GPL-2.0 */\n"
              "/*\n"
              " * Generated by tests/vectors.py --kunit-header from tests/vectors/\n"
              " * (NIST CAVP CMACGen/CMACVer AES-128, RFC 4493, SymCrypt; sources and\n"
              " * licences in tests/vectors/README.md). Do not edit: make check fails\n"
              " * when this file and the vectors disagree.\n"
              " */\n\n")
    out.write("struct smbsign_cmac_vector {\n"
              "\tconst char *name;\n"
              "\tconst u8 *key, *msg, *tag;\n"
              "\tunsigned int key_len, msg_len, tag_len;\n"
              "\tbool valid;\n"
              "};\n\n")
    out.write("static const struct smbsign_cmac_vector smbsign_cmac_vectors[] = {\n")
    for name, key, msg, tag, expect in cases:
        out.write("\t{\n")
        out.write(f'\t\t.name = "{name}",\n')
        out.write(f"\t\t.key = {c_bytes(key)},\n")
        out.write(f"\t\t.msg = {c_bytes(msg)},\n")
        out.write(f"\t\t.tag = {c_bytes(tag)},\n")
        out.write(f"\t\t.key_len = {len(key) // 2}, .msg_len = {len(msg) // 2},"
                  f" .tag_len = {len(tag) // 2},\n")
        out.write(f"\t\t.valid = {'true' if expect == 'P' else 'false'},\n")
        out.write("\t},\n")
    out.write("};\n")


def gcm_rsp_records(path):
    """NIST CAVP GCM: records as rsp_records(), each with its section's
    [Name = value] parameters (Keylen, IVlen, PTlen, AADlen, Taglen)."""
    section, rec = {}, {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                name, _, value = line.strip("[]").partition("=")
                section[name.strip()] = value.strip()
            if not line or line.startswith("#") or line.startswith("["):
                if rec:
                    yield dict(section), rec
                    rec = {}
                continue
            name, _, value = line.partition("=")
            rec[name.strip()] = value.strip()
    if rec:
        yield dict(section), rec


def nist_gmac(path):
    """gcmEncryptExtIV: encrypt cases, so every tag is a correct one (P).
    Count restarts in each section: the name carries AADlen and Taglen."""
    for sec, rec in gcm_rsp_records(path):
        if "Key" not in rec:
            continue
        assert sec["IVlen"] == "96" and sec["PTlen"] == "0", (path, sec)
        assert sec["Keylen"] == "128" and len(rec["Key"]) == 32, (path, sec)
        assert not rec["PT"] and not rec["CT"], (path, sec, rec["Count"])
        assert len(rec["IV"]) == 24, (path, sec, rec["Count"])
        assert len(rec["AAD"]) == int(sec["AADlen"]) // 4, (path, sec, rec["Count"])
        assert len(rec["Tag"]) == int(sec["Taglen"]) // 4, (path, sec, rec["Count"])
        yield (f"nist-gcm128-aad{sec['AADlen']}-tag{sec['Taglen']}#{rec['Count']}",
               rec["Key"], rec["IV"], rec["AAD"], rec["Tag"], "P")


def symcrypt_gmac(path):
    """SymCrypt [AesGcm]: only the cases that are GMAC as smbsign offers it,
    empty plaintext and a 96-bit nonce (the others encrypt, or have nonces
    of other lengths, which GHASH into J0). The chained random test (rnd)
    encrypts, so it is not replayed."""
    for rec, n in symcrypt(path):
        if "Key" not in rec:
            continue
        for v in rec.values():
            if v.startswith("repeat") or (v.startswith('"') and v != '""'):
                raise SystemExit(f"{path}: unsupported field form {v!r}")
        rec = {k: "" if v == '""' else v for k, v in rec.items()}
        if rec["Plaintext"] or len(rec["Nonce"]) != 24:
            continue
        assert not rec["Ciphertext"], (path, n)
        yield (f"symcrypt-aesgcm#{n}", rec["Key"], rec["Nonce"], rec["AuthData"],
               rec["Tag"], "P")


def gmac_cases():
    yield from nist_gmac(os.path.join(VEC, "nist_cavp",
                                      "gcmEncryptExtIV128_PTlen0_IVlen96_GMAC_subset.rsp"))
    with open(os.path.join(VEC, "rfc4493_rfc4231_gcm_spec_vectors.json")) as f:
        spec = json.load(f)
    # Of McGrew-Viega's AES-128 cases only test case 1 has an empty plaintext.
    for tc in spec["aes128_gcm_mcgrew_viega"]:
        if not tc["pt"] and len(tc["iv"]) == 24:
            yield (f"gcm-spec-case{tc['test_case']}", tc["key"], tc["iv"], tc["aad"],
                   tc["tag"], "P")
    yield from symcrypt_gmac(os.path.join(VEC, "symcrypt", "kat_authenc_AesGcm_section.dat"))
    # Derived, not published: real SMB2 PDUs with the signature field zeroed,
    # tags computed by two independent implementations (see README.md).
    with open(os.path.join(VEC, "smb", "DERIVED_not_published_smb_gmac_hmac_vectors.json")) as f:
        smb = json.load(f)["vectors"]
    for n, v in enumerate(smb):
        if v["alg"] != "AES-128-GMAC":
            continue
        msg = v["msg_signature_zeroed"].lower()
        assert len(msg) == 2 * v["msg_len"] and len(v["nonce"]) == 24, (n, v["name"])
        yield (f"smb-derived#{n}", v["key"].lower(), v["nonce"].lower(), msg,
               v["tag"].lower(), "P")


def gmac_kunit_header(out):
    cases = [c for c in gmac_cases() if len(c[3]) <= 2048]
    out.write("/* SPDX-License-Identifier: GPL-2.0 */\n"
              "/*\n"
              " * Generated by tests/vectors.py --alg gmac --kunit-header from\n"
              " * tests/vectors/ (NIST CAVP gcmEncryptExtIV128 with PTlen 0 and IVlen 96,\n"
              " * McGrew-Viega GCM test case 1, SymCrypt [AesGcm], SMB2 messages with\n"
              " * derived tags; sources and licences in tests/vectors/README.md). Do not\n"
              " * edit: make check fails when this file and the vectors disagree.\n"
              " */\n\n")
    out.write("struct smbsign_gmac_vector {\n"
              "\tconst char *name;\n"
              "\tconst u8 *key, *nonce, *aad, *tag;\n"
              "\tunsigned int key_len, aad_len, tag_len;\n"
              "\tbool valid;\n"
              "};\n\n")
    out.write("static const struct smbsign_gmac_vector smbsign_gmac_vectors[] = {\n")
    for name, key, nonce, aad, tag, expect in cases:
        out.write("\t{\n")
        out.write(f'\t\t.name = "{name}",\n')
        out.write(f"\t\t.key = {c_bytes(key)},\n")
        out.write(f"\t\t.nonce = {c_bytes(nonce)},\n")
        out.write(f"\t\t.aad = {c_bytes(aad)},\n")
        out.write(f"\t\t.tag = {c_bytes(tag)},\n")
        out.write(f"\t\t.key_len = {len(key) // 2}, .aad_len = {len(aad) // 2},"
                  f" .tag_len = {len(tag) // 2},\n")
        out.write(f"\t\t.valid = {'true' if expect == 'P' else 'false'},\n")
        out.write("\t},\n")
    out.write("};\n")


def symcrypt_field(path, n, v):
    """A SymCrypt KAT data field as hex: hex digits, or a double-quoted ASCII
    string without a terminating zero (FORMAT_header.txt); repeat() is not
    used by the sections copied here."""
    if v.startswith('"'):
        assert len(v) >= 2 and v.endswith('"'), (path, n, v)
        return v[1:-1].encode("ascii").hex()
    if v.startswith("repeat"):
        raise SystemExit(f"{path}: unsupported field form {v!r}")
    bytes.fromhex(v)
    return v.lower()


def symcrypt_hmac(path):
    """SymCrypt [HmacSha256]: the KATs (Count is ignored, as SymCrypt does)."""
    for rec, n in symcrypt(path):
        if "Rnd" in rec:
            continue
        key = symcrypt_field(path, n, rec["Key"])
        msg = symcrypt_field(path, n, rec["Msg"])
        mac = symcrypt_field(path, n, rec["Mac"])
        assert set(rec) <= {"Count", "Klen", "Tlen", "Key", "Msg", "Mac"}, (path, n, rec)
        assert "Klen" not in rec or int(rec["Klen"]) == len(key) // 2, (path, n)
        assert int(rec.get("Tlen", "32")) == 32 and len(mac) == 64, (path, n)
        yield (f"symcrypt-hmacsha256#{n}", key, msg, mac, "P")


def symcrypt_hmac_rnd(path):
    """SymCrypt's testMacRandom() records (unittest/lib/testMac.cpp): Rrep
    MACs chained through a 256-byte buffer (4 SHA-256 blocks) with keys,
    inputs and output places from SymCrypt's SHA-1 based test RNG seeded with
    "HmacSha256"; without KeyLen every key length is random (0..255 bytes)
    and the final MAC, over the whole buffer, has an empty key. Replayed by
    hmac_kat.c."""
    for rec, n in symcrypt(path):
        if "Rnd" not in rec:
            continue
        assert set(rec) <= {"Rrep", "KeyLen", "Rnd"}, (path, n, rec)
        rnd = symcrypt_field(path, n, rec["Rnd"])
        assert len(rnd) == 64, (path, n)
        yield (f"symcrypt-hmacsha256-rnd#{n}", int(rec["Rrep"]),
               rec.get("KeyLen", "-"), rnd)


def nist_hmac(path):
    """NIST CAVP HMACVS [L=32] (HMAC-SHA-256): MAC generation cases, every
    tag correct (P), truncated to Tlen bytes (a prefix of the full tag)."""
    n = 0
    for rec in rsp_records(path):
        if "Key" not in rec:
            continue
        assert len(rec["Key"]) == 2 * int(rec["Klen"]), (path, rec["Count"])
        assert len(rec["Mac"]) == 2 * int(rec["Tlen"]), (path, rec["Count"])
        assert 0 < int(rec["Tlen"]) <= 32, (path, rec["Count"])
        n += 1
        yield (f"nist-hmac-sha256#{rec['Count']}", rec["Key"].lower(), rec["Msg"].lower(),
               rec["Mac"].lower(), "P")
    assert n, path


def hmac_cases():
    yield from nist_hmac(os.path.join(VEC, "nist_cavp", "HMAC_L32_SHA256_subset.rsp"))
    with open(os.path.join(VEC, "rfc4493_rfc4231_gcm_spec_vectors.json")) as f:
        spec = json.load(f)
    # RFC 4231 section 4: case 5's tag is truncated to 128 bits, cases 6 and
    # 7 have 131-byte keys (hashed first).
    for tc in spec["hmac_sha256_rfc4231"]:
        yield (f"rfc4231-case{tc['test_case']}", tc["key"].lower(), tc["data"].lower(),
               tc["hmac_sha256"].lower(), "P")
    yield from symcrypt_hmac(os.path.join(VEC, "symcrypt", "kat_mac_HmacSha256_section.dat"))
    # Derived, not published: an SMB2 PDU with the signature field zeroed,
    # signed as SMB 2.x would (see README.md); the signature is the first 16
    # bytes of the full tag, which is what is checked here.
    with open(os.path.join(VEC, "smb", "DERIVED_not_published_smb_gmac_hmac_vectors.json")) as f:
        smb = json.load(f)["vectors"]
    for n, v in enumerate(smb):
        if not v["alg"].startswith("HMAC-SHA256"):
            continue
        msg = v["msg_signature_zeroed"].lower()
        full = v["full_hmac"].lower()
        assert len(msg) == 2 * v["msg_len"] and full.startswith(v["tag"].lower()), (n, v["name"])
        yield (f"smb-derived#{n}", v["key"].lower(), msg, full, "P")


def hmac_kunit_header(out):
    cases = [c for c in hmac_cases() if len(c[2]) <= 2048]
    out.write("/* SPDX-License-Identifier: GPL-2.0 */\n"
              "/*\n"
              " * Generated by tests/vectors.py --alg hmac --kunit-header from\n"
              " * tests/vectors/ (NIST CAVP HMACVS [L=32], RFC 4231, SymCrypt\n"
              " * [HmacSha256], an SMB2 message with a derived tag; sources and licences\n"
              " * in tests/vectors/README.md). A tag shorter than 32 bytes is truncated:\n"
              " * compare that prefix. Do not edit: make check fails when this file and\n"
              " * the vectors disagree.\n"
              " */\n\n")
    out.write("struct smbsign_hmac_vector {\n"
              "\tconst char *name;\n"
              "\tconst u8 *key, *msg, *tag;\n"
              "\tunsigned int key_len, msg_len, tag_len;\n"
              "\tbool valid;\n"
              "};\n\n")
    out.write("static const struct smbsign_hmac_vector smbsign_hmac_vectors[] = {\n")
    for name, key, msg, tag, expect in cases:
        out.write("\t{\n")
        out.write(f'\t\t.name = "{name}",\n')
        out.write(f"\t\t.key = {c_bytes(key)},\n")
        out.write(f"\t\t.msg = {c_bytes(msg)},\n")
        out.write(f"\t\t.tag = {c_bytes(tag)},\n")
        out.write(f"\t\t.key_len = {len(key) // 2}, .msg_len = {len(msg) // 2},"
                  f" .tag_len = {len(tag) // 2},\n")
        out.write(f"\t\t.valid = {'true' if expect == 'P' else 'false'},\n")
        out.write("\t},\n")
    out.write("};\n")


def nist_kdf(path):
    """NIST CAVP SP800-108 counter mode, HMAC-SHA256, counter before the
    fixed input, r=32: KI, the opaque FixedInputData, KO of L bits."""
    n = 0
    for rec in rsp_records(path):
        if "KI" not in rec:
            continue
        assert int(rec["L"]) % 8 == 0 and len(rec["KO"]) == int(rec["L"]) // 4, (path, rec["COUNT"])
        assert len(rec["FixedInputData"]) == 2 * int(rec["FixedInputDataByteLen"]), (path, rec["COUNT"])
        n += 1
        yield (f"nist-kdfctr-hmac-sha256-L{rec['L']}#{rec['COUNT']}", rec["KI"].lower(),
               rec["FixedInputData"].lower(), rec["KO"].lower())
    assert n, path


def smb_kdf_cases():
    """Microsoft's published SMB 3.0 and 3.1.1 signing key derivations."""
    with open(os.path.join(VEC, "smb", "ms_blog_smb3_keys_and_signed_pdus.json")) as f:
        blog = json.load(f)
    for n, v in enumerate(blog["kdf"]):
        assert v["dialect"] in ("3.0", "3.1.1") and ("preauth_hash" in v) == (v["dialect"] == "3.1.1")
        yield (f"ms-blog-smb{v['dialect']}#{n}", v["dialect"], v["session_key"].lower(),
               v.get("preauth_hash", "").lower(), v["signing_key"].lower())


def kdf_cases():
    yield from nist_kdf(os.path.join(VEC, "nist_cavp",
                                     "KDFCTR_HMAC_SHA256_BEFORE_FIXED_RLEN32_subset.txt"))


def smb_pdu_cases():
    """Signed SMB2 PDUs: as Windows signed them (Microsoft's blog), and the
    real PDUs of the derived vectors with their signature put in place (the
    CANCEL-bit case is a nonce check on a PDU that is no CANCEL: left to the
    GMAC tests)."""
    with open(os.path.join(VEC, "smb", "ms_blog_smb3_keys_and_signed_pdus.json")) as f:
        blog = json.load(f)
    for n, v in enumerate(blog["signed_pdus"]):
        yield (f"ms-blog-windows-signed#{n}", v["alg"], v["signing_key"].lower(), v["pdu"].lower())
    with open(os.path.join(VEC, "smb", "DERIVED_not_published_smb_gmac_hmac_vectors.json")) as f:
        smb = json.load(f)["vectors"]
    for n, v in enumerate(smb):
        msg = bytes.fromhex(v["msg_signature_zeroed"])
        nonce = v.get("nonce", "")
        alg = "gmac" if "GMAC" in v["alg"] else "hmac"
        assert len(msg) == v["msg_len"] and msg[48:64] == bytes(16), (n, v["name"])
        if alg == "gmac":
            role = (msg[16] & 1) | (msg[12] == 0x0c and msg[13] == 0) << 1
            if bytes.fromhex(nonce) != msg[24:32] + bytes([role, 0, 0, 0]):
                continue
        pdu = msg[:48] + bytes.fromhex(v["tag"]) + msg[64:]
        yield (f"smb-derived#{n}", alg, v["key"].lower(), pdu.hex())


def smb_kunit_header(out):
    out.write("/* SPDX-License-Identifier: GPL-2.0 */\n"
              "/*\n"
              " * Generated by tests/vectors.py --alg smb --kunit-header from\n"
              " * tests/vectors/ (NIST CAVP SP800-108 counter mode, HMAC-SHA256, r=32,\n"
              " * counter before the fixed input; Microsoft's published SMB 3.0 and\n"
              " * 3.1.1 signing key derivations and Windows-signed PDUs; the derived\n"
              " * GMAC and HMAC PDUs; sources in tests/vectors/README.md).\n"
              " * Do not edit: make check fails when this file and the vectors disagree.\n"
              " */\n\n")
    out.write("struct smbsign_kdf_vector {\n"
              "\tconst char *name;\n"
              "\tconst u8 *ki, *fixed, *ko;\n"
              "\tunsigned int ki_len, fixed_len, ko_len;\n"
              "};\n\n")
    out.write("static const struct smbsign_kdf_vector smbsign_kdf_vectors[] = {\n")
    for name, ki, fixed, ko in kdf_cases():
        out.write("\t{\n")
        out.write(f'\t\t.name = "{name}",\n')
        out.write(f"\t\t.ki = {c_bytes(ki)},\n")
        out.write(f"\t\t.fixed = {c_bytes(fixed)},\n")
        out.write(f"\t\t.ko = {c_bytes(ko)},\n")
        out.write(f"\t\t.ki_len = {len(ki) // 2}, .fixed_len = {len(fixed) // 2},"
                  f" .ko_len = {len(ko) // 2},\n")
        out.write("\t},\n")
    out.write("};\n\n")
    out.write("struct smbsign_smb_kdf_vector {\n"
              "\tconst char *name;\n"
              "\tbool v311;\n"
              "\tconst u8 *session_key, *preauth_hash, *signing_key;\n"
              "};\n\n")
    out.write("static const struct smbsign_smb_kdf_vector smbsign_smb_kdf_vectors[] = {\n")
    for name, dialect, sk, hash_, key in smb_kdf_cases():
        out.write("\t{\n")
        out.write(f'\t\t.name = "{name}",\n')
        out.write(f"\t\t.v311 = {'true' if dialect == '3.1.1' else 'false'},\n")
        out.write(f"\t\t.session_key = {c_bytes(sk)},\n")
        out.write(f"\t\t.preauth_hash = {c_bytes(hash_) if hash_ else 'NULL'},\n")
        out.write(f"\t\t.signing_key = {c_bytes(key)},\n")
        out.write("\t},\n")
    out.write("};\n\n")
    out.write("struct smbsign_smb_pdu_vector {\n"
              "\tconst char *name;\n"
              "\tunsigned int alg;\t/* MS-SMB2 SigningAlgorithmId */\n"
              "\tconst u8 *key, *pdu;\n"
              "\tunsigned int key_len, pdu_len;\n"
              "};\n\n")
    ids = {"hmac": 0, "cmac": 1, "gmac": 2}
    out.write("static const struct smbsign_smb_pdu_vector smbsign_smb_pdu_vectors[] = {\n")
    for name, alg, key, pdu in smb_pdu_cases():
        out.write("\t{\n")
        out.write(f'\t\t.name = "{name}",\n')
        out.write(f"\t\t.alg = {ids[alg]},\n")
        out.write(f"\t\t.key = {c_bytes(key)},\n")
        out.write(f"\t\t.pdu = {c_bytes(pdu)},\n")
        out.write(f"\t\t.key_len = {len(key) // 2}, .pdu_len = {len(pdu) // 2},\n")
        out.write("\t},\n")
    out.write("};\n")


def main():
    ap = argparse.ArgumentParser(description="Normalized test vectors.")
    ap.add_argument("--alg", choices=("cmac", "gmac", "hmac", "smb"), default="cmac")
    ap.add_argument("--kunit-header", action="store_true")
    args = ap.parse_args()
    if args.alg == "smb":
        if args.kunit_header:
            smb_kunit_header(sys.stdout)
            return
        for name, ki, fixed, ko in kdf_cases():
            print("kdf", name, ki, fixed, ko)
        for name, dialect, sk, hash_, key in smb_kdf_cases():
            print("smbkdf", name, dialect, sk, hash_ or "-", key)
        for name, alg, key, pdu in smb_pdu_cases():
            print("pdu", name, alg, key, pdu)
        return
    if args.alg == "hmac":
        if args.kunit_header:
            hmac_kunit_header(sys.stdout)
            return
        for name, key, msg, tag, expect in hmac_cases():
            print("hmac", name, key or "-", msg or "-", tag, expect)
        for name, rrep, keylen, rnd in symcrypt_hmac_rnd(
                os.path.join(VEC, "symcrypt", "kat_mac_HmacSha256_section.dat")):
            print("hmacrrep", name, rrep, keylen, rnd)
        return
    if args.alg == "gmac":
        if args.kunit_header:
            gmac_kunit_header(sys.stdout)
            return
        for name, key, nonce, aad, tag, expect in gmac_cases():
            print("gmac", name, key, nonce, aad or "-", tag, expect)
        return
    if args.kunit_header:
        kunit_header(sys.stdout)
        return
    for name, key, msg, tag, expect in all_cases():
        print("cmac", name, key, msg or "-", tag, expect)
    print("subkeys", *subkeys())
    for name, rrep, keylen, rnd in symcrypt_rnd(
            os.path.join(VEC, "symcrypt", "kat_mac_AesCmac_section.dat")):
        print("rrep", name, rrep, keylen, rnd)


if __name__ == "__main__":
    main()
