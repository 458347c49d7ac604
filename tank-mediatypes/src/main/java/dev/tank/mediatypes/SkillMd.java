package dev.tank.mediatypes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the YAML frontmatter of a {@code SKILL.md}: the text between a first line {@code ---} and
 * the next line {@code ---}. Bounded: frontmatter above 64 KiB, YAML aliases and deep nesting are
 * rejected before they can cost memory.
 */
public final class SkillMd {
  public static final String FILE_NAME = "SKILL.md";
  public static final int MAX_FRONTMATTER_CHARS = 64 * 1024;

  private static final ObjectMapper YAML = newYaml();
  private static final String FIELDS_HINT =
      "allowed fields: name, description, license, compatibility, metadata (strings only), allowed-tools";

  private SkillMd() {}

  private static ObjectMapper newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(16);
    options.setCodePointLimit(MAX_FRONTMATTER_CHARS * 2);
    YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
    factory.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    return YAMLMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
  }

  /** Parses the frontmatter of {@code text}; {@code source} names the file in errors. */
  public static Frontmatter parse(String text, String source) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    body = body.replace("\r\n", "\n");
    if (!body.startsWith("---\n")) {
      throw new TankException(
          ErrorCode.SKILL_INVALID,
          "SKILL.md does not start with YAML frontmatter",
          source + " line 1",
          "begin the file with a line '---', then 'name:' and 'description:', then a line '---'");
    }
    int end = body.indexOf("\n---", 3);
    while (end >= 0) {
      int after = end + 4;
      if (after == body.length() || body.charAt(after) == '\n') {
        break;
      }
      end = body.indexOf("\n---", after);
    }
    if (end < 0) {
      throw new TankException(
          ErrorCode.SKILL_INVALID, "frontmatter is not closed", source, "add a line '---' after the last field");
    }
    String yaml = body.substring(4, end + 1);
    if (yaml.length() > MAX_FRONTMATTER_CHARS) {
      throw new TankException(
          ErrorCode.SKILL_INVALID,
          "frontmatter is larger than " + MAX_FRONTMATTER_CHARS + " characters",
          source,
          "keep the frontmatter short; put details in the body");
    }
    if (yaml.isBlank()) {
      throw new TankException(
          ErrorCode.SKILL_INVALID, "frontmatter is empty", source, "add 'name:' and 'description:' fields");
    }
    try {
      rejectAliases(yaml);
      Frontmatter fm = YAML.readValue(yaml, Frontmatter.class);
      if (fm == null) {
        throw new TankException(ErrorCode.SKILL_INVALID, "frontmatter is empty", source,
            "give SKILL.md at least a name and a description between the --- lines");
      }
      return fm;
    } catch (UnrecognizedPropertyException e) {
      throw new TankException(
          ErrorCode.SKILL_INVALID,
          "unknown frontmatter field '" + e.getPropertyName() + "'",
          source + " frontmatter." + e.getPropertyName(),
          FIELDS_HINT + "; put anything else under 'metadata:'",
          e);
    } catch (IOException e) {
      TankException t = Json.translate(e, source + " frontmatter");
      ErrorCode code = t.code() == ErrorCode.SCHEMA || t.code() == ErrorCode.SYNTAX ? ErrorCode.SKILL_INVALID : t.code();
      // Json's hint points at the JSON Schemas, which do not cover SKILL.md.
      String hint = Json.SCHEMA_HINT.equals(t.hint()) ? FIELDS_HINT : t.hint();
      throw new TankException(code, t.what().replace("malformed JSON", "malformed YAML"), t.where(), hint, e);
    } catch (TankException e) {
      throw e.at(source + " frontmatter");
    } catch (RuntimeException e) {
      // SnakeYAML limit violations surface as its own unchecked exceptions.
      throw new TankException(
          ErrorCode.SKILL_INVALID, "frontmatter is not valid YAML: " + e.getMessage(), source, "fix the YAML", e);
    }
  }

  /**
   * Jackson's YAML parser does not expand an alias ({@code *a}): it reads it as the string "a",
   * which would silently give a field the wrong value. Frontmatter has no use for aliases, so any
   * alias is an error; this also makes "billion laughs" documents fail at their first alias.
   */
  private static void rejectAliases(String yaml) throws IOException {
    try (JsonParser parser = YAML.createParser(yaml)) {
      while (parser.nextToken() != null) {
        if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
          throw new TankException(
              ErrorCode.SKILL_INVALID,
              "YAML alias '*" + parser.getText() + "' is not allowed in frontmatter",
              "line " + parser.currentTokenLocation().getLineNr(),
              "write the value out in full");
        }
      }
    }
  }
}
