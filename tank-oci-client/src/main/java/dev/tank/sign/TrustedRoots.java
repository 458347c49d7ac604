package dev.tank.sign;

import dev.sigstore.KeylessVerifier;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads Sigstore {@code trusted_root.json} files into sigstore-java verifiers. Building a verifier
 * parses every certificate and key of the root, so verifiers are kept per file content: the file is
 * re-read (it is a few kilobytes) on each use, and an edited file is parsed again.
 */
final class TrustedRoots {
  /** The public-good root is about 10 KB; anything near this limit is not a trusted root. */
  static final int MAX_BYTES = 1 << 20;
  private static final int MAX_CACHED = 32;
  private static final String HINT = "point trust.keyless[].trusted_root at a Sigstore trusted_root.json; see docs/keyless.md";
  private static final Map<Digest, KeylessVerifier> CACHE = new ConcurrentHashMap<>();

  private TrustedRoots() {}

  /** A verifier for the trusted root in {@code file}; KEY or IO errors name the file. */
  private static volatile KeylessVerifier publicGood;

  /**
   * A verifier for the Sigstore public-good instance, its trusted root fetched and checked through
   * sigstore-java's TUF client (online, once per process). Offline this fails with
   * {@code TANK-E-UNREACHABLE} and the hint to configure a trusted_root file.
   */
  static KeylessVerifier publicGood() {
    KeylessVerifier v = publicGood;
    if (v != null) {
      return v;
    }
    synchronized (TrustedRoots.class) {
      if (publicGood == null) {
        try {
          publicGood = KeylessVerifier.builder().sigstorePublicDefaults().build();
        } catch (Exception e) {
          throw new TankException(ErrorCode.UNREACHABLE,
              "cannot fetch the Sigstore public-good trusted root (TUF): " + e.getMessage(), "trust.keyless",
              "go online once, or download trusted_root.json and set trust.keyless[].trusted_root to its path (docs/keyless.md)",
              e);
        }
      }
      return publicGood;
    }
  }

  static KeylessVerifier verifier(Path file) {
    byte[] bytes = read(file);
    Digest key = Digest.sha256(bytes);
    KeylessVerifier cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    KeylessVerifier verifier = build(bytes, file);
    if (CACHE.size() >= MAX_CACHED) {
      CACHE.clear();
    }
    CACHE.put(key, verifier);
    return verifier;
  }

  private static byte[] read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw bad("trusted root is larger than " + MAX_BYTES + " bytes", file, null);
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new TankException(ErrorCode.KEY, "trusted root file not found", file.toString(), HINT, e);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read the trusted root: " + e.getMessage(), file.toString(),
          "check the file's permissions", e);
    }
  }

  private static KeylessVerifier build(byte[] bytes, Path file) {
    SigstoreTrustedRoot root;
    try {
      root = SigstoreTrustedRoot.from(new ByteArrayInputStream(bytes));
    } catch (SigstoreConfigurationException e) {
      throw bad("not a Sigstore trusted root: " + reason(e), file, e);
    } catch (RuntimeException e) {
      // The protobuf JSON reader and the URI/key parsers behind it throw unchecked exceptions too.
      throw bad("not a Sigstore trusted root: " + reason(e), file, e);
    }
    if (root.getCAs().isEmpty()) {
      throw bad("trusted root lists no certificate authorities (certificateAuthorities)", file, null);
    }
    if (root.getTLogs().isEmpty()) {
      throw bad("trusted root lists no transparency logs (tlogs)", file, null);
    }
    if (root.getCTLogs().isEmpty()) {
      throw bad("trusted root lists no certificate transparency logs (ctlogs)", file, null);
    }
    try {
      return KeylessVerifier.builder().trustedRootProvider(() -> root).build();
    } catch (GeneralSecurityException | SigstoreConfigurationException | RuntimeException e) {
      throw bad("trusted root holds a key or certificate Tank cannot use: " + reason(e), file, e);
    }
  }

  /** The innermost message: sigstore-java wraps the parser's reason in generic sentences. */
  static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  private static TankException bad(String what, Path file, Throwable cause) {
    return new TankException(ErrorCode.KEY, what, file.toString(), HINT, cause);
  }
}
