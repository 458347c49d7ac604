package dev.tank.mediatypes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code skills.lock}: the exact closure a project installs. Entries are keyed
 * {@code @org/name@version} and written sorted, so the file diffs and merges well.
 */
@JsonPropertyOrder({"lockfileVersion", "skills", "resolved_permissions", "permission_budget_check"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Lockfile(
    int lockfileVersion,
    Map<String, Entry> skills,
    @JsonProperty("resolved_permissions") Permissions resolvedPermissions,
    @JsonProperty("permission_budget_check") String permissionBudgetCheck) {

  public static final String FILE_NAME = "skills.lock";
  public static final int VERSION = 1;
  /** The {@code signature} of an entry that no trusted signature verified. */
  public static final String NO_SIGNATURE = "none";

  public Lockfile {
    if (lockfileVersion != VERSION) {
      throw Fields.schema(
          "$.lockfileVersion", "unsupported lockfileVersion " + lockfileVersion,
          "this Tank reads lockfileVersion " + VERSION + "; upgrade Tank or delete the lock and reinstall");
    }
    skills = Fields.sortedCopy(skills);
    for (Map.Entry<String, Entry> e : skills.entrySet()) {
      String key = e.getKey();
      int at = key.lastIndexOf('@');
      if (at <= 0) {
        throw Fields.schema("$.skills['" + key + "']", "key must be '@org/name@version'", null);
      }
      Fields.skillName(key.substring(0, at), "$.skills['" + key + "']");
      SemverSyntax.check(key.substring(at + 1), "$.skills['" + key + "']");
      if (e.getValue() == null) {
        throw Fields.schema("$.skills['" + key + "']", "entry is null", null);
      }
    }
    if (resolvedPermissions == null) {
      resolvedPermissions = Permissions.NONE;
    }
    if (permissionBudgetCheck == null) {
      permissionBudgetCheck = "not-checked";
    }
  }

  public static Lockfile read(Path file) {
    return Json.read(file, Lockfile.class);
  }

  public byte[] toBytes() {
    return Json.writePretty(this);
  }

  /** One locked skill. */
  @JsonPropertyOrder({
    "resolved", "digest", "integrity", "signature", "audit_score", "permissions", "dependencies"
  })
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Entry(
      String resolved,
      String digest,
      String integrity,
      String signature,
      // Written as null when no audit report was found, so null must read back.
      @JsonProperty("audit_score") @JsonSetter(nulls = Nulls.SET) Double auditScore,
      Permissions permissions,
      Map<String, String> dependencies) {
    public Entry {
      Fields.require(resolved, "resolved");
      try {
        Digest.parse(Fields.require(digest, "digest"));
      } catch (TankException e) {
        throw Fields.schema("digest", e.what(), e.hint());
      }
      if (integrity == null || !integrity.matches("sha512-[A-Za-z0-9+/]{86}==")) {
        throw Fields.schema("integrity", "must be an SRI sha512 string ('sha512-' + base64)", null);
      }
      if (auditScore != null && (auditScore < 0 || auditScore > 10)) {
        throw Fields.schema("audit_score", "must be between 0 and 10", null);
      }
      if (permissions == null) {
        permissions = Permissions.NONE;
      }
      dependencies = Fields.dependencies(dependencies, "dependencies");
      if (signature == null) {
        signature = NO_SIGNATURE;
      }
    }
  }
}
