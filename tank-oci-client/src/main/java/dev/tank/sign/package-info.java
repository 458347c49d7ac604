/**
 * Signing keys in cosign's formats: ECDSA P-256 key pairs, the private key encrypted as cosign does
 * (scrypt key derivation + NaCl secretbox around PKCS#8, PEM {@code ENCRYPTED SIGSTORE PRIVATE KEY})
 * and the public key as PKIX PEM. Crypto primitives come from BouncyCastle.
 */
package dev.tank.sign;
