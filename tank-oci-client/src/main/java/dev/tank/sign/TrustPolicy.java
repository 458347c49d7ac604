package dev.tank.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A project's signature policy: {@code audit.require_signing} and the signers in {@code trust}.
 *
 * <pre>
 * "trust": {
 *   "keys":    [{"name": "acme-release", "public_key": "keys/acme.pub", "scopes": ["@acme"]}],
 *   "keyless": [{"identity": "release@acme.dev", "issuer": "https://accounts.google.com",
 *                "trusted_root": "trust/trusted_root.json", "scopes": ["@acme"]}]
 * }
 * </pre>
 *
 * <p>An entry without {@code scopes} applies to every skill; with them, only to skills of those
 * scopes ({@code "@acme"}), and it then also makes a signature mandatory for them. A signature is
 * required for a skill when {@code audit.require_signing} is true or a scoped entry names its scope.
 * Verification fails closed: when a signature is required, only one that verifies with an
 * applicable trusted key or identity and binds this skill's name and manifest digest is accepted.
 */
public final class TrustPolicy {
  /** A trusted public key. */
  public record TrustedKey(String name, PublicKey key, String fingerprint, List<String> scopes) {}

  /** A trusted keyless identity. */
  public record TrustedIdentity(KeylessPolicy policy, List<String> scopes) {}

  /** The signature that verified, and the label the lock records for it. */
  public record Verified(String label, Evidence evidence) {}

  public static final TrustPolicy NONE = new TrustPolicy(false, List.of(), List.of());

  private static final Set<String> KEY_FIELDS = Set.of("name", "public_key", "scopes");
  private static final Set<String> KEYLESS_FIELDS = Set.of("identity", "identity_regex", "issuer", "trusted_root", "scopes");

  private final boolean requireSigning;
  private final List<TrustedKey> keys;
  private final List<TrustedIdentity> identities;

  public TrustPolicy(boolean requireSigning, List<TrustedKey> keys, List<TrustedIdentity> identities) {
    this.requireSigning = requireSigning;
    this.keys = List.copyOf(keys);
    this.identities = List.copyOf(identities);
  }

  public List<TrustedKey> keys() {
    return keys;
  }

  public List<TrustedIdentity> identities() {
    return identities;
  }

  /** Reads the policy of {@code manifest}, resolving key and root files against {@code projectDir}. */
  public static TrustPolicy load(SkillsJson manifest, Path projectDir) {
    boolean require = manifest.audit() != null && Boolean.TRUE.equals(manifest.audit().requireSigning());
    JsonNode trust = manifest.trust();
    Path file = projectDir.resolve(SkillsJson.FILE_NAME);
    List<TrustedKey> keys = new ArrayList<>();
    List<TrustedIdentity> identities = new ArrayList<>();
    if (trust != null) {
      checkFields(trust, Set.of("keys", "keyless"), "$.trust", file);
      for (String list : List.of("keys", "keyless")) {
        if (trust.has(list) && !trust.get(list).isArray()) {
          throw schema(file, "$.trust." + list, "must be a list");
        }
      }
      JsonNode k = trust.path("keys");
      for (int i = 0; i < k.size(); i++) {
        keys.add(readKey(k.get(i), "$.trust.keys[" + i + "]", projectDir, file));
      }
      JsonNode kl = trust.path("keyless");
      for (int i = 0; i < kl.size(); i++) {
        identities.add(readIdentity(kl.get(i), "$.trust.keyless[" + i + "]", projectDir, file));
      }
    }
    if (require && keys.isEmpty() && identities.isEmpty()) {
      throw new TankException(ErrorCode.SCHEMA, "audit.require_signing is true but trust lists no keys or identities",
          file + " at $.trust", "add the publishers' keys under trust.keys or identities under trust.keyless");
    }
    return new TrustPolicy(require, keys, identities);
  }

  private static TrustedKey readKey(JsonNode n, String path, Path projectDir, Path file) {
    checkFields(n, KEY_FIELDS, path, file);
    String ref = text(n, "public_key", path, file, true);
    String pem;
    String source;
    if (ref.contains("-----BEGIN")) {
      pem = ref;
      source = file + " at " + path + ".public_key";
    } else {
      Path p = projectDir.resolve(ref);
      source = p.toString();
      try {
        pem = Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new TankException(ErrorCode.KEY, "cannot read the public key: " + e.getMessage(), p + " (" + file + " at " + path + ")",
            "fix the path in public_key (relative to the project) or add the key file", e);
      }
    }
    PublicKey key = CosignKeys.readPublicKey(pem, source);
    String name = n.has("name") ? text(n, "name", path, file, true) : ref.contains("-----BEGIN") ? "inline" : ref;
    return new TrustedKey(name, key, CosignKeys.fingerprint(key), scopes(n, path, file));
  }

  private static TrustedIdentity readIdentity(JsonNode n, String path, Path projectDir, Path file) {
    checkFields(n, KEYLESS_FIELDS, path, file);
    String identity = n.has("identity") ? text(n, "identity", path, file, true) : null;
    String regex = n.has("identity_regex") ? text(n, "identity_regex", path, file, true) : null;
    if ((identity == null) == (regex == null)) {
      throw schema(file, path, "needs exactly one of identity or identity_regex");
    }
    if (regex != null) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw schema(file, path + ".identity_regex", "is not a valid regular expression: " + e.getDescription());
      }
    }
    String issuer = text(n, "issuer", path, file, true);
    Path root = n.has("trusted_root") ? projectDir.resolve(text(n, "trusted_root", path, file, true)) : null;
    return new TrustedIdentity(new KeylessPolicy(identity, regex, issuer, root), scopes(n, path, file));
  }

  private static List<String> scopes(JsonNode n, String path, Path file) {
    if (!n.has("scopes")) {
      return List.of();
    }
    JsonNode s = n.get("scopes");
    if (!s.isArray() || s.isEmpty()) {
      throw schema(file, path + ".scopes", "must be a non-empty list of scopes like \"@acme\"");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : s) {
      if (!x.isTextual() || !x.asText().matches("@[a-z0-9][a-z0-9-]*")) {
        throw schema(file, path + ".scopes", "holds '" + x.asText() + "'; scopes look like \"@acme\"");
      }
      out.add(x.asText());
    }
    return out;
  }

  private static void checkFields(JsonNode n, Set<String> allowed, String path, Path file) {
    if (n == null || !n.isObject()) {
      throw schema(file, path, "must be an object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw schema(file, path + "." + f, "is not a known field (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static String text(JsonNode n, String field, String path, Path file, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw schema(file, path + "." + field, required ? "must be a non-empty string" : "must be a string");
    }
    return v.asText();
  }

  private static TankException schema(Path file, String path, String what) {
    return new TankException(ErrorCode.SCHEMA, path + " " + what, file + " at " + path,
        "see docs/signing.md for the trust section's shape");
  }

  private static boolean applies(List<String> scopes, SkillName name) {
    return scopes.isEmpty() || (name.scopeKey() != null && scopes.contains(name.scopeKey()));
  }

  /** Whether {@code name} must carry a signature this policy accepts. */
  public boolean requires(SkillName name) {
    if (requireSigning) {
      return true;
    }
    return keys.stream().anyMatch(k -> !k.scopes().isEmpty() && applies(k.scopes(), name))
        || identities.stream().anyMatch(k -> !k.scopes().isEmpty() && applies(k.scopes(), name));
  }

  /** Whether there is anything to verify against at all. */
  public boolean isEmpty() {
    return keys.isEmpty() && identities.isEmpty();
  }

  /**
   * The first signature in {@code evidence} that verifies for skill {@code name} with manifest
   * {@code digest} ({@code manifestBytes}) under this policy; what was wrong with the others is
   * added to {@code problems}.
   */
  public Optional<Verified> check(SkillName name, Digest digest, byte[] manifestBytes, List<Evidence> evidence, List<String> problems) {
    List<TrustedKey> applicableKeys = keys.stream().filter(k -> applies(k.scopes(), name)).toList();
    List<TrustedIdentity> applicableIds = identities.stream().filter(k -> applies(k.scopes(), name)).toList();
    for (Evidence e : evidence) {
      try {
        Optional<Verified> v = e.kind() == Evidence.Kind.SIMPLE_SIGNING
            ? checkSimple(name, digest, e, applicableKeys, problems)
            : checkBundle(digest, manifestBytes, e, applicableKeys, applicableIds, problems);
        if (v.isPresent()) {
          return v;
        }
      } catch (TankException x) {
        problems.add(x.what() + " (" + e.source() + ")");
      }
    }
    return Optional.empty();
  }

  private static Optional<Verified> checkSimple(
      SkillName name, Digest digest, Evidence e, List<TrustedKey> keys, List<String> problems) {
    SimpleSigning.Payload p = SimpleSigning.parse(e.payload(), e.source());
    if (!p.manifestDigest().equals(digest)) {
      problems.add("a signature covers " + p.manifestDigest() + ", not this manifest (" + e.source() + ")");
      return Optional.empty();
    }
    if (!SimpleSigning.namesRepository(p.dockerReference(), name.repositoryPath())) {
      problems.add("a signature names '" + p.dockerReference() + "', not " + name + " (" + e.source() + ")");
      return Optional.empty();
    }
    for (TrustedKey k : keys) {
      if (CosignKeys.verify(k.key(), e.payload(), e.signature())) {
        return Optional.of(new Verified("key " + k.name() + " " + k.fingerprint(), e));
      }
    }
    problems.add("a cosign signature does not verify with any trusted key (" + e.source() + ")");
    return Optional.empty();
  }

  private static Optional<Verified> checkBundle(Digest digest, byte[] manifestBytes, Evidence e,
      List<TrustedKey> keys, List<TrustedIdentity> ids, List<String> problems) {
    KeyBundle.Parsed b = KeyBundle.parse(e.bundle(), e.source());
    if (!b.messageDigest().equals(digest)) {
      problems.add("a Sigstore bundle signs " + b.messageDigest() + ", not this manifest (" + e.source() + ")");
      return Optional.empty();
    }
    if (!b.keyless()) {
      for (TrustedKey k : keys) {
        if (CosignKeys.verify(k.key(), manifestBytes, b.signature())) {
          return Optional.of(new Verified("key " + k.name() + " " + k.fingerprint(), e));
        }
      }
      problems.add("a Sigstore bundle does not verify with any trusted key (" + e.source() + ")");
      return Optional.empty();
    }
    if (ids.isEmpty()) {
      problems.add("a keyless Sigstore bundle was found but trust.keyless lists no identity for this skill (" + e.source() + ")");
      return Optional.empty();
    }
    for (TrustedIdentity id : ids) {
      try {
        KeylessIdentity who = KeylessVerification.verify(e.bundle(), digest, id.policy());
        return Optional.of(new Verified("keyless " + who.subject() + " " + who.issuer(), e));
      } catch (TankException x) {
        problems.add(x.what() + " (" + e.source() + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * Like {@link #check}, but fails with {@link ErrorCode#SIGNATURE} when nothing verifies.
   * {@code key} ({@code @org/name@version}) and {@code where} go into the message.
   */
  public Verified require(SkillName name, String key, Digest digest, byte[] manifestBytes, List<Evidence> evidence, String where) {
    return require(name, key, digest, manifestBytes, evidence, List.of(), where);
  }

  /** Like {@link #require(SkillName, String, Digest, byte[], List, String)}, adding {@code found} problems. */
  public Verified require(SkillName name, String key, Digest digest, byte[] manifestBytes, List<Evidence> evidence,
      List<String> foundProblems, String where) {
    List<String> problems = new ArrayList<>(foundProblems);
    Optional<Verified> v = check(name, digest, manifestBytes, evidence, problems);
    if (v.isPresent()) {
      return v.get();
    }
    String why = evidence.isEmpty() && problems.isEmpty()
        ? "it carries no signature (none under " + SignatureStore.signatureTag(digest) + " or among its referrers)"
        : String.join("; ", problems);
    throw new TankException(ErrorCode.SIGNATURE, key + " is not signed by a key or identity this project trusts: " + why,
        where + " " + digest,
        evidence.isEmpty()
            ? "ask the publisher to sign it ('tank sign " + key + " --key KEY'), or relax audit.require_signing/trust in skills.json"
            : "check trust.keys / trust.keyless in skills.json against the publisher's key or identity; do not install it otherwise");
  }
}
