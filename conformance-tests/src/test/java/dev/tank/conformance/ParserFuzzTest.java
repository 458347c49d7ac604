package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillMd;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.pack.Packer;
import dev.tank.pack.SkillFolder;
import dev.tank.testing.SkillFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzes Tank's document readers — {@code skills.json} ({@link SkillsJson}), {@code skills.lock}
 * ({@link Lockfile}) and the skill config blob ({@link SkillConfig}), all through {@link Json#parse},
 * skill manifests with the config embedded in them, and the YAML frontmatter of {@code SKILL.md}
 * ({@link SkillMd#parse}) — with random bytes and text,
 * byte-level mutations of valid and invalid fixtures (with tokens that tend to break JSON and YAML
 * readers), and structural mutations (a node replaced, removed or added) of valid JSON documents.
 * Property: each input parses, or fails with a {@code TankException} that has a code and a message;
 * nothing else, no hang (each call is bounded by {@link Fuzz#CALL_TIMEOUT}), no {@link
 * OutOfMemoryError}. A JSON document that parses must also survive Tank's canonical writer: written,
 * read again and written again, it gives the same bytes.
 *
 * <p>Tries per property come from {@code jqwik.tries.default} ({@code junit-platform.properties} of
 * this module: a few thousand). For a long run: {@code mvn -pl conformance-tests -am verify
 * -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=200000}; a
 * failure prints the seed, and {@code -Djqwik.seed=SEED} repeats it.
 */
class ParserFuzzTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** Every field name Tank's documents know, so structural mutations reach the record checks. */
  static final List<String> FIELD_NAMES = List.of("name", "version", "description", "skills", "permissions", "interface",
      "audit", "registries", "trust", "agents", "schemaVersion", "license", "dependencies", "frontmatter", "files", "path",
      "size", "mode", "sha256", "lockfileVersion", "resolved", "digest", "integrity", "signature", "audit_score",
      "resolved_permissions", "permission_budget_check", "min_score", "require_signing", "keys", "keyless", "public_key",
      "network", "outbound", "max_requests_per_minute", "filesystem", "read", "write", "subprocess", "secrets",
      "capabilities", "entrypoints", "input", "output", "allowed-tools", "compatibility", "metadata", "default", "@acme",
      "@acme/x", "identity", "issuer", "commands", "env");

  /** A valid config blob as Tank's packer writes it, richer than the fixtures' minimal one. */
  static byte[] packedConfig() {
    try {
      Path dir = Files.createTempDirectory("tank-fuzz-skill");
      Path skill = SkillFixtures.skill(dir, "fuzzed", "1.2.3-rc.1", Map.of("@acme/dep", "^1.0.0 || ~2.1"));
      Files.writeString(skill.resolve("SKILL.md"), "---\nname: fuzzed\ndescription: A skill to fuzz.\nlicense: MIT\n"
          + "compatibility: any\nmetadata:\n  owner: acme\nallowed-tools: Bash Read\n---\n\n# fuzzed\n");
      byte[] config = Packer.pack(SkillFolder.load(skill), "1.2.3-rc.1").configBytes();
      dev.tank.testing.TestFiles.deleteTree(dir);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  enum Doc {
    SKILLS_JSON("skills-json", SkillsJson.class),
    SKILLS_LOCK("skills-lock", Lockfile.class),
    SKILL_CONFIG("skill-config", SkillConfig.class);

    final String fixtures;
    final Class<?> type;

    Doc(String fixtures, Class<?> type) {
      this.fixtures = fixtures;
      this.type = type;
    }

    private List<byte[]> valid;
    private List<byte[]> validAndInvalid;

    /** Read once: generating a try must not touch the disk. */
    synchronized List<byte[]> valid() {
      if (valid == null) {
        List<byte[]> out = new ArrayList<>(Fuzz.validFixtures(fixtures));
        if (this == SKILL_CONFIG) {
          out.add(packedConfig());
        }
        valid = List.copyOf(out);
      }
      return valid;
    }

    synchronized List<byte[]> validAndInvalid() {
      if (validAndInvalid == null) {
        List<byte[]> out = new ArrayList<>(valid());
        out.addAll(Fuzz.invalidFixtures(fixtures));
        validAndInvalid = List.copyOf(out);
      }
      return validAndInvalid;
    }
  }

  /**
   * Parses {@code input} as {@code doc}. A value that parses must have a canonical form that Tank
   * reads back and that is a fixed point: written again it gives the same bytes. (Value equality is
   * too strict: "absent parts mean nothing", so an empty list may be written as an absent field.)
   */
  static void check(Doc doc, byte[] input) {
    Object value = Fuzz.onlyTankErrors(doc.type.getSimpleName(), input, () -> Json.parse(input, doc.type, doc.fixtures));
    if (value != null) {
      byte[] written = Fuzz.onlyTankErrors("Json.writePretty", input, () -> Json.writePretty(value));
      Object again = Fuzz.onlyTankErrors(doc.type.getSimpleName() + " (re-reading Tank's own output)", written,
          () -> Json.parse(written, doc.type, doc.fixtures));
      assertThat(again).as("%s accepted %s but rejects its canonical form %s", doc, Fuzz.show(input), Fuzz.show(written))
          .isNotNull();
      assertThat(new String(Json.writePretty(again), java.nio.charset.StandardCharsets.UTF_8))
          .as("%s: the canonical form of %s is not stable", doc, Fuzz.show(input))
          .isEqualTo(new String(written, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Property
  void randomBytes(@ForAll("docs") Doc doc, @ForAll("randomBytes") byte[] input) {
    check(doc, input);
  }

  @Property
  void mutatedFixtures(@ForAll("mutatedDocs") Tuple.Tuple2<Doc, byte[]> input) {
    check(input.get1(), input.get2());
  }

  @Property
  void structurallyMutatedDocuments(@ForAll("structurallyMutatedDocs") Tuple.Tuple2<Doc, byte[]> input) {
    check(input.get1(), input.get2());
  }

  @Provide
  Arbitrary<Doc> docs() {
    return Arbitraries.of(Doc.class);
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.oneOf(Fuzz.randomBytes(),
        // Random text made of JSON's own characters gets further than random bytes.
        Arbitraries.strings().withChars("{}[]\":,0123456789.-+eE truefalsn\\u").ofMaxLength(200)
            .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Doc, byte[]>> mutatedDocs() {
    return Arbitraries.oneOf(java.util.Arrays.stream(Doc.values())
        .map(d -> Fuzz.mutated(d.validAndInvalid(), Fuzz.JSON_TOKENS).map(b -> Tuple.of(d, b))).toList());
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Doc, byte[]>> structurallyMutatedDocs() {
    return Arbitraries.oneOf(java.util.Arrays.stream(Doc.values())
        .map(d -> structurallyMutated(d.valid()).map(b -> Tuple.of(d, b))).toList());
  }

  // --- skill manifests, with the config embedded in the config descriptor ---

  /** A manifest as Tank's packer writes it (the config inside, base64), and its config on its own. */
  static List<byte[]> packedManifests() {
    try {
      Path dir = Files.createTempDirectory("tank-fuzz-manifest");
      Path skill = SkillFixtures.skill(dir, "fuzzed", "1.2.3", Map.of("@acme/dep", "^1.0.0"));
      byte[] manifest = Packer.pack(SkillFolder.load(skill), "1.2.3").manifestBytes();
      dev.tank.testing.TestFiles.deleteTree(dir);
      return List.of(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final List<byte[]> MANIFEST_TOKENS = Fuzz.utf8("\"data\":", "\"data\":\"e30=\",", "=", "==", "+", "/", "_", "-",
      "\"size\":0,", "\"size\":-1,", "\"size\":9999999999,", "\"digest\":\"sha256:\",", "\"digest\":\"sha512:00\",",
      "\"mediaType\":\"\",", "\"config\":null,", "\"layers\":[],", "\"schemaVersion\":1,");

  /** Only Tank errors from reading a manifest off a registry and the config it carries inside. */
  @Property
  void skillManifestWithEmbeddedConfig(@ForAll("manifests") byte[] input) {
    Fuzz.onlyTankErrors("OciManifest.parse + embedded config", input, () -> {
      dev.tank.oci.OciManifest m = dev.tank.oci.OciManifest.parse(input, "fuzzed manifest");
      return m.config().embedded("fuzzed manifest").map(b -> Json.parse(b, SkillConfig.class, "embedded config"));
    });
  }

  @Provide
  Arbitrary<byte[]> manifests() {
    List<byte[]> tokens = new ArrayList<>(MANIFEST_TOKENS);
    tokens.addAll(Fuzz.JSON_TOKENS);
    return Fuzz.mutated(packedManifests(), tokens);
  }

  // --- SKILL.md frontmatter ---

  static final List<byte[]> SKILL_MDS = Fuzz.utf8(
      "---\nname: x\ndescription: A skill.\n---\n\n# x\n",
      "---\nname: pdf-tools\ndescription: >\n  Extract text. Use when\n  the user mentions PDFs.\nlicense: MIT\n"
          + "compatibility: \"Needs poppler\"\nmetadata:\n  author: acme\n  version: '1.2'\nallowed-tools: Bash(git:*) Read\n---\nBody\n",
      "\uFEFF---\r\nname: 'quoted'\r\ndescription: |\r\n  multi\r\n  line\r\n---\r\n",
      "---\n{name: flow, description: \"in flow style\", metadata: {a: b}}\n---\n");
  static final List<byte[]> YAML_TOKENS = Fuzz.utf8("&a ", "*a", "<<: *a\n", "!!binary ", "!!python/object/apply:os.system ['id'] ",
      "!!java.net.URL [\"http://x\"] ", "!<tag:yaml.org,2002:str> ", "---\n", "...\n", "? ", "- ", "{", "}", "[", "]", "'", "\"",
      "\\x00", "\t", "\u0000", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "[".repeat(100), "{a: ".repeat(40), "\n  ", ": ", "#",
      "|", ">", "name: ", "description: ", "metadata:\n  k: v\n", "allowed-tools: ", "license: ", "x".repeat(70_000), "\r\n",
      "\n---\n", "~", "null", "0x1F", "1e999", ".inf", "2001-12-14t21:59:43.10-05:00");

  @Property
  void skillMdFrontmatter(@ForAll("skillMds") String text) {
    Fuzz.onlyTankErrors("SkillMd.parse", text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        () -> SkillMd.parse(text, "SKILL.md"));
  }

  @Provide
  Arbitrary<String> skillMds() {
    return Arbitraries.oneOf(
        Fuzz.mutated(SKILL_MDS, YAML_TOKENS).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)),
        // Past the opening line, so the YAML reader gets the random part.
        Arbitraries.strings().withChars("abcnmde:-'\"|>&*!?{}[],# \n\t%@`\\").ofMaxLength(200).map(y -> "---\n" + y + "\n---\n"),
        Arbitraries.strings().ofMaxLength(300).map(y -> "---\n" + y + "\n---\n"),
        Arbitraries.strings().ofMaxLength(300));
  }

  // --- structural mutations ---

  /** One edit of a JSON tree: at the node with index {@code target} (pre-order, modulo the count). */
  record TreeEdit(int op, int target, String field, JsonNode value) {
    void applyTo(JsonNode root) {
      List<JsonNode> nodes = new ArrayList<>();
      List<JsonNode> parents = new ArrayList<>();
      collect(root, null, nodes, parents);
      int i = Math.floorMod(target, nodes.size());
      JsonNode node = nodes.get(i);
      JsonNode parent = parents.get(i);
      switch (op) {
        case 0 -> replace(parent, node, value);
        case 1 -> remove(parent, node);
        default -> {
          if (node instanceof ObjectNode o) {
            o.set(field, value);
          } else if (node instanceof ArrayNode a) {
            a.add(value);
          } else {
            replace(parent, node, value);
          }
        }
      }
    }

    private static void collect(JsonNode n, JsonNode parent, List<JsonNode> nodes, List<JsonNode> parents) {
      nodes.add(n);
      parents.add(parent);
      n.elements().forEachRemaining(c -> collect(c, n, nodes, parents));
    }

    private static void replace(JsonNode parent, JsonNode node, JsonNode value) {
      if (parent instanceof ObjectNode o) {
        o.fieldNames().forEachRemaining(f -> {
          if (o.get(f) == node) {
            o.set(f, value);
          }
        });
      } else if (parent instanceof ArrayNode a) {
        for (int k = 0; k < a.size(); k++) {
          if (a.get(k) == node) {
            a.set(k, value);
          }
        }
      }
    }

    private static void remove(JsonNode parent, JsonNode node) {
      if (parent instanceof ObjectNode o) {
        List<String> gone = new ArrayList<>();
        o.fieldNames().forEachRemaining(f -> {
          if (o.get(f) == node) {
            gone.add(f);
          }
        });
        o.remove(gone);
      } else if (parent instanceof ArrayNode a) {
        for (int k = a.size() - 1; k >= 0; k--) {
          if (a.get(k) == node) {
            a.remove(k);
          }
        }
      }
    }
  }

  static Arbitrary<byte[]> structurallyMutated(List<byte[]> seeds) {
    Arbitrary<TreeEdit> edit = Combinators.combine(
        Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 10_000),
        fieldName(),
        jsonValue()).as(TreeEdit::new);
    return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMinSize(1).ofMaxSize(4)).as((seed, edits) -> {
      try {
        JsonNode root = PLAIN.readTree(seed);
        for (TreeEdit e : edits) {
          e.applyTo(root);
        }
        return PLAIN.writeValueAsBytes(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static Arbitrary<String> fieldName() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(FIELD_NAMES)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(12)),
        Tuple.of(1, Arbitraries.of("@org/name@1.0.0", "@acme/x@1.0.0-rc.1+build", "x@1", "", "$", "..", "A", "@ACME/X")));
  }

  static Arbitrary<String> interestingString() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("", " ", "1.0.0", "^1.0.0", "1.0.0-rc.1+build.5", "*", "x", "latest", ">=1 <2 || 3.x",
            "@acme/x", "@acme/x@1.0.0", "acme", "sha256:" + "a".repeat(64), "sha256:" + "A".repeat(64), "sha512:" + "0".repeat(128),
            "sha512-" + "A".repeat(86) + "==", "none", "pass", "not-checked", "accepted-expansion", "0644", "0755", "0777",
            "https://ghcr.io/acme/skills", "http://127.0.0.1:1/x", "oci-layout:/tmp/x", "../../etc/passwd", "/abs", "a\u0000b",
            "\uD83D\uDE00", "claude", "codex", "*.example.com", "**", "~", "$HOME", "api.example.com:443", "10.0.0.0/8",
            Digest.sha256(new byte[0]).toString())),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(40)),
        Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(60).ofMaxLength(2000)));
  }

  static Arbitrary<JsonNode> jsonValue() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.just(f.nullNode()),
        Arbitraries.of(true, false).map(f::booleanNode),
        Arbitraries.integers().map(f::numberNode),
        Arbitraries.of(0L, -1L, 1L, 10L, 11L, 256L, Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1).map(f::numberNode),
        Arbitraries.of(new BigInteger("123456789012345678901234567890"), BigInteger.TWO.pow(200).negate()).map(f::numberNode),
        Arbitraries.of(0.5, -0.0, 1e308, Double.MIN_VALUE, 3.0).map(f::numberNode),
        Arbitraries.of(new BigDecimal("1e-400"), new BigDecimal("1.0")).map(f::numberNode),
        interestingString().map(f::textNode));
    // Two levels of containers; built once (jqwik's recursive() rebuilds its arbitraries on every try).
    Arbitrary<JsonNode> level1 = Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, container(leaf)));
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(2, container(leaf)), Tuple.of(1, container(level1)));
  }

  private static Arbitrary<JsonNode> container(Arbitrary<JsonNode> items) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Arbitraries.oneOf(
        items.list().ofMaxSize(4).map(values -> {
          ArrayNode a = f.arrayNode();
          values.forEach(a::add);
          return a;
        }),
        Combinators.combine(fieldName().list().ofMaxSize(4), items.list().ofMaxSize(4)).as((names, values) -> {
          ObjectNode o = f.objectNode();
          for (int i = 0; i < Math.min(names.size(), values.size()); i++) {
            o.set(names.get(i), values.get(i));
          }
          return o;
        }));
  }
}
