package dev.tank.mediatypes;

import static dev.tank.mediatypes.ErrorCode.INVALID_NAME;
import static dev.tank.mediatypes.ErrorCode.INVALID_VERSION;
import static dev.tank.mediatypes.ErrorCode.SCHEMA;
import static dev.tank.mediatypes.ErrorCode.SKILL_INVALID;
import static dev.tank.mediatypes.ErrorCode.SYNTAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas under {@code schemas/} and the Java records must accept and reject exactly the
 * same documents. Each fixture under {@code fixtures/<kind>/invalid/} breaks one rule; the table
 * {@link #INVALID} says which error code and JSON path the Java side reports and where the schema
 * side must find the fault.
 */
class SchemaAgreementTest {

  /** The three documents with a schema: fixture folder, schema file, record type. */
  enum Kind {
    SKILLS_JSON("skills-json", "skills.schema.json", SkillsJson.class),
    SKILLS_LOCK("skills-lock", "skills-lock.schema.json", Lockfile.class),
    SKILL_CONFIG("skill-config", "skill-config.schema.json", SkillConfig.class);

    final String folder;
    final String schemaFile;
    final Class<?> type;

    Kind(String folder, String schemaFile, Class<?> type) {
      this.folder = folder;
      this.schemaFile = schemaFile;
      this.type = type;
    }

    static Kind of(String fixture) {
      for (Kind k : values()) {
        if (fixture.startsWith(k.folder + "/")) {
          return k;
        }
      }
      throw new IllegalArgumentException(fixture);
    }
  }

  /**
   * What an invalid fixture must produce. {@code javaPath}: text the Java message must contain
   * (a JSON path, or a line for syntax errors). {@code schemaPointer}: JSON pointer at or under
   * which the schema validator must report an error; {@link #NOT_JSON} when the text is not
   * well-formed JSON, {@link #SCHEMA_BLIND} when the rule is one JSON Schema cannot express
   * (duplicate keys, unique paths), so the schema must accept the document.
   */
  record Expect(ErrorCode code, String javaPath, String schemaPointer) {}

  private static final String NOT_JSON = "<not JSON>";
  private static final String SCHEMA_BLIND = "<schema cannot see>";

  private static final String PDF_LOCK = "$.skills['@acme/pdf-tools@1.2.0']";
  private static final String PDF_PTR = "/skills/@acme~1pdf-tools@1.2.0";

  private static final Map<String, Expect> INVALID =
      Map.ofEntries(
          // skills.json
          e("skills-json/invalid/unknown-top-level-field.json", SCHEMA, "$.homepage", ""),
          e("skills-json/invalid/unknown-nested-field.json", SCHEMA, "$.permissions.network.proxy", "/permissions/network"),
          e("skills-json/invalid/unknown-audit-field.json", SCHEMA, "$.audit.max_score", "/audit"),
          e("skills-json/invalid/name-wrong-type.json", SCHEMA, "$.name", "/name"),
          e("skills-json/invalid/name-uppercase.json", INVALID_NAME, "$.name", "/name"),
          e("skills-json/invalid/name-double-hyphen.json", INVALID_NAME, "$.name", "/name"),
          e("skills-json/invalid/name-part-65-chars.json", INVALID_NAME, "$.name", "/name"),
          e("skills-json/invalid/version-leading-zero.json", INVALID_VERSION, "$.version", "/version"),
          e("skills-json/invalid/version-v-prefix.json", INVALID_VERSION, "$.version", "/version"),
          e("skills-json/invalid/skills-bad-name.json", INVALID_NAME, "$.skills['@acme/PDF']", "/skills"),
          e("skills-json/invalid/skills-range-blank.json", SCHEMA, "$.skills['pdf-tools']", "/skills/pdf-tools"),
          e("skills-json/invalid/skills-range-number.json", SCHEMA, "$.skills.pdf-tools", "/skills/pdf-tools"),
          e("skills-json/invalid/agent-unknown.json", SCHEMA, "$.agents[1]", "/agents/1"),
          e("skills-json/invalid/registry-key-unscoped.json", SCHEMA, "$.registries['acme']", "/registries"),
          e("skills-json/invalid/registry-value-empty.json", SCHEMA, "$.registries['default']", "/registries/default"),
          e("skills-json/invalid/min-score-11.json", SCHEMA, "$.audit.min_score", "/audit/min_score"),
          e("skills-json/invalid/min-score-string.json", SCHEMA, "$.audit.min_score", "/audit/min_score"),
          e("skills-json/invalid/require-signing-string.json", SCHEMA, "$.audit.require_signing", "/audit/require_signing"),
          e("skills-json/invalid/subprocess-yes.json", SCHEMA, "$.permissions.subprocess", "/permissions/subprocess"),
          e("skills-json/invalid/subprocess-empty-command.json", SCHEMA, "$.permissions.subprocess", "/permissions/subprocess"),
          e("skills-json/invalid/max-requests-negative.json", SCHEMA,
              "$.permissions.network.max_requests_per_minute", "/permissions/network/max_requests_per_minute"),
          e("skills-json/invalid/max-requests-fraction.json", SCHEMA,
              "$.permissions.network.max_requests_per_minute", "/permissions/network/max_requests_per_minute"),
          e("skills-json/invalid/outbound-not-array.json", SCHEMA, "$.permissions.network.outbound", "/permissions/network/outbound"),
          e("skills-json/invalid/capability-unknown.json", SCHEMA,
              "$.permissions.capabilities[1]", "/permissions/capabilities/1"),
          e("skills-json/invalid/capabilities-not-array.json", SCHEMA,
              "$.permissions.capabilities", "/permissions/capabilities"),
          e("skills-json/invalid/trust-not-object.json", SCHEMA, "$.trust", "/trust"),
          e("skills-json/invalid/entrypoint-input-not-object.json", SCHEMA,
              "$.interface.entrypoints.extract.input", "/interface/entrypoints/extract/input"),
          e("skills-json/invalid/entrypoint-unknown-field.json", SCHEMA,
              "$.interface.entrypoints.extract.output", "/interface/entrypoints/extract"),
          e("skills-json/invalid/explicit-null.json", SCHEMA, "$.description", "/description"),
          e("skills-json/invalid/agents-null-item.json", SCHEMA, "$.agents[0]", "/agents/0"),
          e("skills-json/invalid/not-an-object.json", SCHEMA, "at $", ""),
          e("skills-json/invalid/duplicate-key.json", SYNTAX, "$.name", SCHEMA_BLIND),
          e("skills-json/invalid/duplicate-nested-key.json", SYNTAX, "$.skills.pdf-tools", SCHEMA_BLIND),
          e("skills-json/invalid/trailing-garbage.json", SYNTAX, "line 4", NOT_JSON),
          e("skills-json/invalid/trailing-second-object.json", SYNTAX, "line 4", NOT_JSON),
          e("skills-json/invalid/truncated.json", SYNTAX, "line 3", NOT_JSON),
          e("skills-json/invalid/comment.json", SYNTAX, "line 2", NOT_JSON),
          // skills.lock
          e("skills-lock/invalid/unknown-top-level-field.json", SCHEMA, "$.generatedBy", ""),
          e("skills-lock/invalid/missing-lockfile-version.json", SCHEMA, "$.lockfileVersion", ""),
          e("skills-lock/invalid/lockfile-version-2.json", SCHEMA, "$.lockfileVersion", "/lockfileVersion"),
          e("skills-lock/invalid/lockfile-version-fraction.json", SCHEMA, "$.lockfileVersion", "/lockfileVersion"),
          e("skills-lock/invalid/lockfile-version-string.json", SCHEMA, "$.lockfileVersion", "/lockfileVersion"),
          e("skills-lock/invalid/key-without-version.json", SCHEMA, "$.skills['@acme/pdf-tools']", "/skills"),
          e("skills-lock/invalid/key-bad-version.json", INVALID_VERSION, "$.skills['@acme/pdf-tools@1.2']", "/skills"),
          e("skills-lock/invalid/key-bad-name.json", INVALID_NAME, "$.skills['@acme/PDF-tools@1.2.0']", "/skills"),
          e("skills-lock/invalid/entry-unknown-field.json", SCHEMA, PDF_LOCK + ".tarball", PDF_PTR),
          e("skills-lock/invalid/entry-missing-digest.json", SCHEMA, PDF_LOCK + ".digest", PDF_PTR),
          e("skills-lock/invalid/digest-uppercase-hex.json", SCHEMA, PDF_LOCK + ".digest", PDF_PTR + "/digest"),
          e("skills-lock/invalid/digest-sha1.json", SCHEMA, PDF_LOCK + ".digest", PDF_PTR + "/digest"),
          e("skills-lock/invalid/integrity-sha256.json", SCHEMA, PDF_LOCK + ".integrity", PDF_PTR + "/integrity"),
          e("skills-lock/invalid/integrity-short.json", SCHEMA, PDF_LOCK + ".integrity", PDF_PTR + "/integrity"),
          e("skills-lock/invalid/audit-score-11.json", SCHEMA, PDF_LOCK + ".audit_score", PDF_PTR + "/audit_score"),
          e("skills-lock/invalid/resolved-empty.json", SCHEMA, PDF_LOCK + ".resolved", PDF_PTR + "/resolved"),
          e("skills-lock/invalid/dependency-bad-name.json", INVALID_NAME,
              PDF_LOCK + ".dependencies['Git-Helper']", PDF_PTR + "/dependencies"),
          e("skills-lock/invalid/entry-null.json", SCHEMA, PDF_LOCK, PDF_PTR),
          e("skills-lock/invalid/capability-secret-name.json", SCHEMA,
              "$.resolved_permissions.capabilities[0]", "/resolved_permissions/capabilities/0"),
          e("skills-lock/invalid/resolved-permissions-unknown-field.json", SCHEMA,
              "$.resolved_permissions.shell", "/resolved_permissions"),
          e("skills-lock/invalid/duplicate-entry.json", SYNTAX, "$.skills['git-helper@0.3.1']", SCHEMA_BLIND),
          // skill config blob
          e("skill-config/invalid/unknown-top-level-field.json", SCHEMA, "$.readme", ""),
          e("skill-config/invalid/schema-version-2.json", SCHEMA, "$.schemaVersion", "/schemaVersion"),
          e("skill-config/invalid/missing-frontmatter.json", SCHEMA, "$.frontmatter", ""),
          e("skill-config/invalid/missing-name.json", SCHEMA, "$.name", ""),
          e("skill-config/invalid/name-leading-hyphen.json", INVALID_NAME, "$.name", "/name"),
          e("skill-config/invalid/name-scope-only.json", INVALID_NAME, "$.name", "/name"),
          e("skill-config/invalid/version-partial.json", INVALID_VERSION, "$.version", "/version"),
          e("skill-config/invalid/frontmatter-unknown-field.json", SCHEMA, "$.frontmatter.author", "/frontmatter"),
          // The frontmatter record is shared with SKILL.md parsing, hence its own code.
          e("skill-config/invalid/frontmatter-name-uppercase.json", SKILL_INVALID, "$.frontmatter.name", "/frontmatter/name"),
          e("skill-config/invalid/frontmatter-description-1025.json", SKILL_INVALID,
              "$.frontmatter.description", "/frontmatter/description"),
          e("skill-config/invalid/frontmatter-compatibility-501.json", SKILL_INVALID,
              "$.frontmatter.compatibility", "/frontmatter/compatibility"),
          e("skill-config/invalid/frontmatter-metadata-number.json", SCHEMA,
              "$.frontmatter.metadata.version", "/frontmatter/metadata/version"),
          e("skill-config/invalid/file-mode-0777.json", SCHEMA, "$.files[0].mode", "/files/0/mode"),
          e("skill-config/invalid/file-mode-number.json", SCHEMA, "$.files[0].mode", "/files/0/mode"),
          e("skill-config/invalid/file-sha256-uppercase.json", SCHEMA, "$.files[0].sha256", "/files/0/sha256"),
          e("skill-config/invalid/file-size-negative.json", SCHEMA, "$.files[0].size", "/files/0/size"),
          e("skill-config/invalid/file-missing-size.json", SCHEMA, "$.files[0].size", "/files/0"),
          e("skill-config/invalid/file-empty-path.json", SCHEMA, "$.files[0].path", "/files/0/path"),
          e("skill-config/invalid/file-unknown-field.json", SCHEMA, "$.files[0].uid", "/files/0"),
          e("skill-config/invalid/duplicate-file-path.json", SCHEMA, "$.files[1].path", SCHEMA_BLIND),
          e("skill-config/invalid/dependency-range-empty.json", SCHEMA,
              "$.dependencies['git-helper']", "/dependencies/git-helper"),
          e("skill-config/invalid/permissions-subprocess-yes.json", SCHEMA,
              "$.permissions.subprocess", "/permissions/subprocess"),
          e("skill-config/invalid/permissions-capability-command-path.json", SCHEMA,
              "$.permissions.capabilities[0]", "/permissions/capabilities/0"));

  private static Map.Entry<String, Expect> e(String fixture, ErrorCode code, String javaPath, String pointer) {
    return Map.entry(fixture, new Expect(code, javaPath, pointer));
  }

  /** Reads fixtures for the schema side: trailing content is an error, duplicate keys are not. */
  private static final ObjectMapper PLAIN =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private static final Map<Kind, JsonSchema> SCHEMAS = new EnumMap<>(Kind.class);

  static synchronized JsonSchema schema(Kind kind) {
    return SCHEMAS.computeIfAbsent(
        kind, k -> FACTORY.getSchema(SchemaLocation.of("classpath:schemas/" + k.schemaFile), CONFIG));
  }

  static Path fixtures() {
    try {
      return Path.of(SchemaAgreementTest.class.getResource("/fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> fixtureNames(String validity) {
    List<String> names = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      try (Stream<Path> files = Files.list(fixtures().resolve(kind.folder).resolve(validity))) {
        files.map(p -> kind.folder + "/" + validity + "/" + p.getFileName()).sorted().forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names.stream();
  }

  static Stream<String> validFixtures() {
    return fixtureNames("valid");
  }

  static Stream<String> invalidFixtures() {
    return fixtureNames("invalid");
  }

  static byte[] bytes(String fixture) throws IOException {
    return Files.readAllBytes(fixtures().resolve(fixture));
  }

  static Set<ValidationMessage> schemaErrors(String fixture) throws IOException {
    return schema(Kind.of(fixture)).validate(PLAIN.readTree(bytes(fixture)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void validFixtureIsAcceptedByTheSchemaAndTheRecord(String fixture) throws IOException {
    assertThat(schemaErrors(fixture)).as("schema errors").isEmpty();
    Kind kind = Kind.of(fixture);
    Object value = Json.parse(bytes(fixture), kind.type, fixture);
    assertThat(value).isInstanceOf(kind.type);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void whatTankWritesValidatesAndReadsBackEqual(String fixture) throws IOException {
    Kind kind = Kind.of(fixture);
    Object value = Json.parse(bytes(fixture), kind.type, fixture);
    byte[] written = Json.writePretty(value);
    assertThat(schema(kind).validate(PLAIN.readTree(written))).as("schema errors in written form").isEmpty();
    assertThat(Json.parse(written, kind.type, "rewritten " + fixture)).isEqualTo(value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void invalidFixtureIsRejectedByTheSchemaAndTheRecord(String fixture) throws IOException {
    Expect expect = INVALID.get(fixture);
    assertThat(expect).as("expectation for " + fixture + " in SchemaAgreementTest.INVALID").isNotNull();
    Kind kind = Kind.of(fixture);
    byte[] bytes = bytes(fixture);

    assertThatThrownBy(() -> Json.parse(bytes, kind.type, fixture))
        .isInstanceOfSatisfying(
            TankException.class,
            e -> {
              assertThat(e.code()).as(e.getMessage()).isEqualTo(expect.code());
              assertThat(e.getMessage()).contains(fixture).contains(expect.javaPath());
            });

    switch (expect.schemaPointer()) {
      case NOT_JSON -> assertThatThrownBy(() -> PLAIN.readTree(bytes)).isInstanceOf(IOException.class);
      case SCHEMA_BLIND -> assertThat(schemaErrors(fixture)).as("a rule JSON Schema cannot express").isEmpty();
      default -> {
        Set<ValidationMessage> errors = schemaErrors(fixture);
        assertThat(errors).as("schema errors").isNotEmpty();
        assertThat(errors)
            .as("some schema error at or under '%s'", expect.schemaPointer())
            .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).startsWith(expect.schemaPointer()));
      }
    }
  }

  @Test
  void everyExpectationHasAFixture() {
    Set<String> files = invalidFixtures().collect(Collectors.toCollection(TreeSet::new));
    assertThat(files).containsAll(INVALID.keySet());
  }

  @Test
  void theCorpusIsLargeEnough() {
    assertThat(validFixtures().count()).isGreaterThanOrEqualTo(12);
    assertThat(invalidFixtures().count()).isGreaterThanOrEqualTo(25);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void schemaIsValidDraft202012(Kind kind) throws IOException {
    JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);
    assertThat(meta.validate(schemaNode(kind))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyPropertyHasADescription(Kind kind) throws IOException {
    List<String> missing = new ArrayList<>();
    collectUndescribed(schemaNode(kind), "", missing);
    assertThat(missing).isEmpty();
  }

  /** The shared definitions are copied into each schema (each file stands alone); they must not drift. */
  @Test
  void sharedDefinitionsAreTheSameInEverySchema() throws IOException {
    JsonNode reference = schemaNode(Kind.SKILLS_JSON).get("$defs");
    for (Kind kind : Kind.values()) {
      JsonNode defs = schemaNode(kind).get("$defs");
      for (Map.Entry<String, JsonNode> def : defs.properties()) {
        String name = def.getKey();
        if (reference.has(name)) {
          assertThat(defs.get(name)).as(kind.schemaFile + " $defs/" + name).isEqualTo(reference.get(name));
        }
      }
      assertThat(defs.has("permissions")).as(kind.schemaFile + " defines permissions").isTrue();
    }
  }

  @Test
  void schemaIdsNameTheirFiles() throws IOException {
    for (Kind kind : Kind.values()) {
      assertThat(schemaNode(kind).get("$id").asText()).isEqualTo("https://tank.dev/schemas/" + kind.schemaFile);
    }
  }

  /**
   * The name, version, lock-key and registry-key patterns of the schemas against the Java checks,
   * on strings built from the pieces that matter at the edges (hyphens, scopes, 64/65 characters,
   * leading zeros, pre-release and build parts). Seeded, so a failure reproduces.
   */
  @Test
  void identifierPatternsAgreeWithTheJavaChecksOnAGeneratedCorpus() {
    Random random = new Random(20260101);
    String entry = "{\"resolved\": \"r\", \"digest\": \"sha256:" + "0".repeat(64) + "\", \"integrity\": \"sha512-"
        + "A".repeat(86) + "==\"}";
    List<String> disagreements = new ArrayList<>();
    int[] accepted = new int[5];
    for (int i = 0; i < 1500; i++) {
      String part = part(random);
      String name = (random.nextBoolean() ? "@" + part(random) + "/" : "") + part;
      String version = version(random);
      String junk = pick(random, "", " ", "@", "/", "A", "-", "@@", "a/b", "a@b", "\u00e9", "\t") + pick(random, "", part, version);
      String[] names = {name, junk, part};
      String[] versions = {version, junk};
      String[] registryKeys = {"@" + part, "default", part, junk};
      String[] lockKeys = {name + "@" + version, junk, name, name + "@" + junk};
      accepted[0] += agree(disagreements, Kind.SKILLS_JSON, "{\"name\": %s}", pick(random, names));
      accepted[1] += agree(disagreements, Kind.SKILLS_JSON, "{\"version\": %s}", pick(random, versions));
      accepted[2] += agree(disagreements, Kind.SKILLS_JSON, "{\"registries\": {%s: \"r\"}}", pick(random, registryKeys));
      accepted[3] += agree(
          disagreements, Kind.SKILLS_LOCK, "{\"lockfileVersion\": 1, \"skills\": {%s: " + entry + "}}", pick(random, lockKeys));
      accepted[4] += agree(disagreements, Kind.SKILL_CONFIG,
          "{\"schemaVersion\": 1, \"name\": \"a\", \"version\": \"1.0.0\", \"frontmatter\": {\"name\": %s, \"description\": \"d\"}}",
          pick(random, names));
    }
    assertThat(disagreements).isEmpty();
    // Name, version, registry key, lock key, frontmatter name: each sees plenty of both outcomes.
    for (int n : accepted) {
      assertThat(n).as("accepted per kind: %s", Arrays.toString(accepted)).isBetween(40, 1460);
    }
  }

  /** The capability grammar of the schemas against {@link Permissions#CAPABILITY}, on edge cases. */
  @Test
  void capabilityPatternAgreesWithTheJavaCheck() {
    String[] capabilities = {
      "network:outbound", "filesystem:read", "filesystem:write", "subprocess", "subprocess:git",
      "subprocess:clang-format", "subprocess:g++", "subprocess:python3.12", "subprocess:_x", "secrets:GITHUB_TOKEN",
      "secrets:_X1", "secrets:a", "network", "network:", "network:outbound:443", "network:inbound", "filesystem",
      "filesystem:execute", "subprocess:", "subprocess:-rf", "subprocess:/bin/sh", "subprocess:git status",
      "subprocess:.hidden", "secrets:", "secrets:1TOKEN", "secrets:GITHUB-TOKEN", "secrets:A B", "Network:outbound",
      " subprocess", "subprocess ", "subprocess\n", "", "secrets:\u00c9"
    };
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    for (String capability : capabilities) {
      accepted += agree(disagreements, Kind.SKILLS_JSON, "{\"permissions\": {\"capabilities\": [%s]}}", capability);
    }
    assertThat(disagreements).isEmpty();
    assertThat(accepted).isEqualTo(12);
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** A name part: usually valid, sometimes with a bad hyphen, an upper-case letter or 64/65 characters. */
  private static String part(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> "a".repeat(63 + random.nextInt(3));
      case 1 -> pick(random, "-a", "a-", "a--b", "A", "a_b", "a.b", "");
      default -> pick(random, "a", "z9", "0", "pdf-tools", "a1-b2-c3");
    };
  }

  /** A version: usually strict semver, sometimes with a leading zero, a missing part or a bad suffix. */
  private static String version(Random random) {
    String core = pick(random, "0", "1", "10", "1", "01") + "." + pick(random, "0", "2", "2", "00") + "." + pick(random, "0", "3", "3", "");
    String pre = pick(random, "", "", "", "-rc.1", "-0", "-00", "-0a", "-a..b", "-", "-alpha-1");
    String build = pick(random, "", "", "", "+b.7", "+01", "+", "+a+b");
    return core + pre + build + (random.nextInt(20) == 0 ? "0".repeat(120) : "");
  }

  /** Records a disagreement; returns 1 when both sides accepted. */
  private static int agree(List<String> disagreements, Kind kind, String template, String value) {
    String json = String.format(template, PLAIN.getNodeFactory().textNode(value));
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    boolean java;
    try {
      Json.parse(bytes, kind.type, "corpus");
      java = true;
    } catch (TankException e) {
      java = false;
    }
    boolean schema;
    try {
      schema = schema(kind).validate(PLAIN.readTree(bytes)).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (java != schema) {
      disagreements.add(kind + " java=" + java + " schema=" + schema + ": " + json);
    }
    return java ? 1 : 0;
  }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  static JsonNode schemaNode(Kind kind) throws IOException {
    try (InputStream in = SchemaAgreementTest.class.getResourceAsStream("/schemas/" + kind.schemaFile)) {
      return PLAIN.readTree(in);
    }
  }

  private static void collectUndescribed(JsonNode node, String at, List<String> missing) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUndescribed(node.get(i), at + "/" + i, missing);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode properties = node.get("properties");
    if (properties != null && properties.isObject()) {
      for (Map.Entry<String, JsonNode> p : properties.properties()) {
        if (!p.getValue().has("description")) {
          missing.add(at + "/properties/" + p.getKey());
        }
      }
    }
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      if (!f.getKey().equals("examples")) {
        collectUndescribed(f.getValue(), at + "/" + f.getKey(), missing);
      }
    }
  }
}
