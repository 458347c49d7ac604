package dev.tank.sign;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305), output laid out as Go's {@code
 * secretbox.Seal}: 16-byte tag, then ciphertext. The first 32 bytes of the XSalsa20 key stream are
 * the one-time Poly1305 key; the message is encrypted with the stream from byte 32 on.
 */
final class SecretBox {
  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 24;
  static final int TAG_BYTES = 16;

  private SecretBox() {}

  static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
    XSalsa20Engine cipher = init(nonce, key);
    byte[] polyKey = new byte[32];
    cipher.processBytes(new byte[32], 0, 32, polyKey, 0);
    byte[] out = new byte[TAG_BYTES + message.length];
    cipher.processBytes(message, 0, message.length, out, TAG_BYTES);
    byte[] tag = mac(polyKey, out, TAG_BYTES, message.length);
    System.arraycopy(tag, 0, out, 0, TAG_BYTES);
    return out;
  }

  /** The message, or null when the box was not sealed with this key and nonce (or was altered). */
  static byte[] open(byte[] box, byte[] nonce, byte[] key) {
    if (box.length < TAG_BYTES) {
      return null;
    }
    XSalsa20Engine cipher = init(nonce, key);
    byte[] polyKey = new byte[32];
    cipher.processBytes(new byte[32], 0, 32, polyKey, 0);
    byte[] tag = mac(polyKey, box, TAG_BYTES, box.length - TAG_BYTES);
    if (!MessageDigest.isEqual(tag, Arrays.copyOf(box, TAG_BYTES))) {
      return null;
    }
    byte[] out = new byte[box.length - TAG_BYTES];
    cipher.processBytes(box, TAG_BYTES, out.length, out, 0);
    return out;
  }

  private static XSalsa20Engine init(byte[] nonce, byte[] key) {
    if (nonce.length != NONCE_BYTES || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("secretbox needs a 24-byte nonce and a 32-byte key");
    }
    XSalsa20Engine cipher = new XSalsa20Engine();
    cipher.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return cipher;
  }

  private static byte[] mac(byte[] polyKey, byte[] data, int off, int len) {
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(data, off, len);
    byte[] tag = new byte[TAG_BYTES];
    poly.doFinal(tag, 0);
    return tag;
  }
}
