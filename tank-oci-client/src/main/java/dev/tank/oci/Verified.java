package dev.tank.oci;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Copies untrusted streams while counting and hashing them; the one place digests are checked. */
public final class Verified {
  private Verified() {}

  /**
   * Copies exactly {@code size} bytes from {@code in} to {@code out} and checks they hash to {@code
   * digest}. More bytes than {@code size} is TOO_LARGE, fewer is INTEGRITY (truncated), a different
   * hash is INTEGRITY. Reads at most {@code size + 1} bytes, so an endless body costs nothing.
   */
  public static void copy(InputStream in, OutputStream out, Digest digest, long size, String where) throws IOException {
    MessageDigest md = digest.newMessageDigest();
    byte[] buf = new byte[65536];
    long total = 0;
    while (true) {
      int want = (int) Math.min(buf.length, size + 1 - total);
      if (want <= 0) {
        break;
      }
      int n = in.read(buf, 0, want);
      if (n < 0) {
        break;
      }
      total += n;
      if (total > size) {
        throw new TankException(
            ErrorCode.TOO_LARGE, "content is larger than the " + size + " bytes its descriptor states", where,
            "the registry or a proxy is sending wrong data; do not trust this source");
      }
      md.update(buf, 0, n);
      out.write(buf, 0, n);
    }
    if (total < size) {
      throw new TankException(
          ErrorCode.INTEGRITY, "content is truncated: got " + total + " of " + size + " bytes", where,
          "retry; if it persists the registry or a proxy is damaging data");
    }
    if (!digest.matches(md.digest())) {
      throw new TankException(
          ErrorCode.INTEGRITY, "content does not match its digest " + digest, where,
          "the registry served different bytes than the digest names; do not use it");
    }
  }

  /** Reads a whole small document, at most {@code max} bytes; more is TOO_LARGE. */
  public static byte[] readBounded(InputStream in, long max, String where) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    long total = 0;
    for (int n; (n = in.read(buf, 0, (int) Math.min(buf.length, max + 1 - total))) > 0; ) {
      total += n;
      if (total > max) {
        throw new TankException(
            ErrorCode.TOO_LARGE, "response is larger than " + max + " bytes", where,
            "the registry or a proxy is sending too much; do not trust this source");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Checks that {@code bytes} hash to {@code expected}. */
  public static void check(byte[] bytes, Digest expected, String where) {
    if (!expected.matches(expected.newMessageDigest().digest(bytes))) {
      throw new TankException(
          ErrorCode.INTEGRITY, "content does not match its digest " + expected, where,
          "the registry served different bytes than the digest names; do not use it");
    }
  }
}
