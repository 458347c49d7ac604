package dev.tank.mediatypes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Strict, bounded JSON reading and canonical writing for every Tank document.
 *
 * <p>Reading rejects unknown fields, duplicate keys, trailing content, scalar coercion and
 * oversized or deeply nested input, and turns every failure into a {@link TankException} that names
 * the JSON path. Writing is canonical: fixed field order, map keys sorted, two-space indent, LF
 * line ends and a trailing newline, so the same value always gives the same bytes.
 */
public final class Json {
  /** Largest JSON document Tank reads (manifests, configs, lockfiles). */
  public static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper MAPPER = newMapper();
  private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

  private Json() {}

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(1 << 20)
                .maxNumberLength(64)
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .build());
    return mapper;
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  /** The shared strict mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses {@code bytes} as {@code type}; {@code source} names the input in errors. */
  public static <T> T parse(byte[] bytes, Class<T> type, String source) {
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new TankException(
          ErrorCode.TOO_LARGE,
          "document is " + bytes.length + " bytes, more than Tank's limit of " + MAX_DOCUMENT_BYTES,
          source,
          "check that this is the right file");
    }
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      T value = MAPPER.readValue(parser, type);
      if (value == null) {
        throw new TankException(ErrorCode.SCHEMA, "document is empty or null", source, null);
      }
      return value;
    } catch (IOException e) {
      throw translate(e, source);
    } catch (TankException e) {
      throw e.at(source);
    }
  }

  /** Reads and parses a file; a missing file is {@link ErrorCode#MISSING_FILE}. */
  public static <T> T read(Path file, Class<T> type) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_DOCUMENT_BYTES) {
        throw new TankException(
            ErrorCode.TOO_LARGE, "file is larger than " + MAX_DOCUMENT_BYTES + " bytes", file.toString(), null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TankException(ErrorCode.MISSING_FILE, "file not found", file.toString(), null, e);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read file: " + e.getMessage(), file.toString(), null, e);
    }
    return parse(bytes, type, file.toString());
  }

  /** Canonical pretty form: fixed order, sorted map keys, LF line ends, trailing newline. */
  public static byte[] writePretty(Object value) {
    try {
      return (PRETTY.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass(), e);
    }
  }

  /** Canonical compact form (no whitespace), for blobs whose digest matters. */
  public static byte[] writeCompact(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass(), e);
    }
  }

  static TankException translate(IOException e, String source) {
    TankException inner = findTankException(e);
    if (e instanceof JsonMappingException jme) {
      String path = jsonPath(jme);
      if (inner != null) {
        String where = inner.where() == null ? path : join(path, inner.where());
        return new TankException(inner.code(), inner.what(), source + " at " + where, inner.hint(), e);
      }
      if (jme instanceof UnrecognizedPropertyException upe) {
        return new TankException(
            ErrorCode.SCHEMA,
            "unknown field '" + upe.getPropertyName() + "'",
            source + " at " + path,
            "remove it; known fields here: " + upe.getKnownPropertyIds(),
            e);
      }
      return new TankException(
          ErrorCode.SCHEMA,
          firstLine(jme.getOriginalMessage()),
          source + " at " + path,
          "see the JSON Schema in tank-mediatypes/src/main/resources/schemas/",
          e);
    }
    if (e instanceof JsonProcessingException jpe) {
      String where = source;
      if (jpe.getLocation() != null) {
        where += " line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
      }
      return new TankException(
          ErrorCode.SYNTAX, "malformed JSON: " + firstLine(jpe.getOriginalMessage()), where, "fix the syntax", e);
    }
    return new TankException(ErrorCode.IO, "cannot read: " + e.getMessage(), source, null, e);
  }

  private static String join(String path, String inner) {
    if (inner.startsWith("$")) {
      inner = inner.substring(1);
    }
    if (inner.startsWith(".") || inner.startsWith("[")) {
      return path + inner;
    }
    return path + "." + inner;
  }

  private static TankException findTankException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TankException te) {
        return te;
      }
    }
    return null;
  }

  /** Renders Jackson's reference chain as a JSON path: {@code $.skills['@org/x']} or {@code $.files[2].path}. */
  static String jsonPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder("$");
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        String f = ref.getFieldName();
        if (f.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
          sb.append('.').append(f);
        } else {
          sb.append("['").append(f).append("']");
        }
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
