package dev.tank.mediatypes;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An OCI content digest ({@code sha256:<64 hex>} or {@code sha512:<128 hex>}), validated at parse.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    if ("sha256".equals(algorithm)) {
      if (hex == null || !SHA256.matcher(hex).matches()) {
        throw invalid(algorithm + ":" + hex);
      }
    } else if ("sha512".equals(algorithm)) {
      if (hex == null || !SHA512.matcher(hex).matches()) {
        throw invalid(algorithm + ":" + hex);
      }
    } else {
      throw invalid(algorithm + ":" + hex);
    }
  }

  private static TankException invalid(String text) {
    return new TankException(
        ErrorCode.SCHEMA,
        "not a valid digest: '" + text + "'",
        null,
        "a digest is 'sha256:' followed by 64 lowercase hex digits");
  }

  /** Parses {@code sha256:<hex>}; throws {@link TankException} with code SCHEMA otherwise. */
  public static Digest parse(String text) {
    if (text == null) {
      throw invalid("null");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw invalid(text);
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  public static Digest sha256(byte[] data) {
    return new Digest("sha256", HexFormat.of().formatHex(messageDigest("SHA-256").digest(data)));
  }

  public static Digest sha256(InputStream in) throws IOException {
    MessageDigest md = messageDigest("SHA-256");
    byte[] buf = new byte[65536];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
  }

  /** A fresh {@link MessageDigest} for this digest's algorithm. */
  public MessageDigest newMessageDigest() {
    return messageDigest("sha256".equals(algorithm) ? "SHA-256" : "SHA-512");
  }

  /** True when {@code raw} (a finished digest of this algorithm) equals this digest. */
  public boolean matches(byte[] raw) {
    return MessageDigest.isEqual(HexFormat.of().parseHex(hex), raw);
  }

  public static MessageDigest messageDigest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " missing from the JDK", e);
    }
  }

  /** Subresource-integrity form of a SHA-512 over {@code raw}: {@code sha512-<base64>}. */
  public static String sri512(byte[] raw) {
    return "sha512-" + Base64.getEncoder().encodeToString(raw);
  }

  /** The raw digest bytes. */
  public byte[] bytes() {
    return java.util.HexFormat.of().parseHex(hex);
  }

  /** The tag of the OCI 1.1 referrers fallback index for this subject: {@code sha256-<hex>}. */
  public String fallbackTag() {
    return algorithm + "-" + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
