package dev.tank.mediatypes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.type.MapType;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Strict, bounded JSON reading and canonical writing for every Tank document.
 *
 * <p>Reading rejects unknown fields, duplicate keys, trailing content, explicit {@code null}s,
 * scalar coercion (a number where a string belongs, {@code 1.5} where an integer belongs) and
 * oversized or deeply nested input, and turns every failure into a {@link TankException} that names
 * the JSON path. The records accept what the JSON Schemas under {@code schemas/} describe
 * ({@code SchemaAgreementTest} holds the two together).
 *
 * <p>Writing is canonical: fixed field order, map keys sorted, two-space indent, LF line ends and a
 * trailing newline, so the same value always gives the same bytes.
 */
public final class Json {
  /** Largest JSON document Tank reads (manifests, configs, lockfiles). */
  public static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

  /** Hint of errors that no record check explains (wrong type, null, not an object). */
  static final String SCHEMA_HINT = "see the JSON Schema in tank-mediatypes/src/main/resources/schemas/";

  private static final ObjectMapper MAPPER = newMapper();
  private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

  private Json() {}

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // ALLOW_COERCION_OF_SCALARS does not cover strings: without this, {"name": 5} reads as "5".
            .withCoercionConfig(
                LogicalType.Textual,
                c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(new SimpleModule("tank-no-nulls").setDeserializerModifier(new RejectNulls()))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // Free-form trees (trust, input schemas) too: equal values must give equal bytes.
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
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
    T value;
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      if (parser.nextToken() == null) {
        throw new TankException(ErrorCode.SYNTAX, "document is empty", source, "a Tank file is one JSON object");
      }
      value = MAPPER.readValue(parser, type);
      // Checked here rather than with FAIL_ON_TRAILING_TOKENS so that "{} {}" is a syntax error too.
      if (parser.nextToken() != null) {
        throw new TankException(
            ErrorCode.SYNTAX, "unexpected content after the JSON value", where(source, parser), "remove it");
      }
    } catch (IOException e) {
      throw translate(e, source);
    }
    if (value == null) {
      throw new TankException(ErrorCode.SCHEMA, "document is null", source, "a Tank file is one JSON object");
    }
    return value;
  }

  /** Reads and parses a file; a missing file is {@link ErrorCode#MISSING_FILE}. */
  public static <T> T read(Path file, Class<T> type) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_DOCUMENT_BYTES) {
        throw new TankException(
            ErrorCode.TOO_LARGE, "file is larger than " + MAX_DOCUMENT_BYTES + " bytes", file.toString(),
            "check that this is the right file");
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
    JsonProcessingException syntax = findSyntaxError(e);
    if (e instanceof JsonMappingException jme && (inner != null || syntax == null)) {
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
            "remove it; known fields here: " + new java.util.TreeSet<>(upe.getKnownPropertyIds().stream().map(String::valueOf).toList()),
            e);
      }
      return new TankException(
          ErrorCode.SCHEMA,
          firstLine(jme.getOriginalMessage()),
          source + " at " + path,
          SCHEMA_HINT,
          e);
    }
    if (syntax instanceof StreamConstraintsException limit) {
      return new TankException(
          ErrorCode.TOO_LARGE, "document is beyond Tank's limits: " + firstLine(limit.getOriginalMessage()),
          source, "check that this is the right file", e);
    }
    if (syntax != null) {
      String where = source;
      if (syntax.getLocation() != null) {
        where += " line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr();
      }
      if (syntax.getProcessor() instanceof JsonParser parser) {
        where += " at " + jsonPath(parser.getParsingContext());
      }
      return new TankException(
          ErrorCode.SYNTAX, "malformed JSON: " + firstLine(syntax.getOriginalMessage()), where, "fix the syntax", e);
    }
    return new TankException(ErrorCode.IO, "cannot read: " + e.getMessage(), source, null, e);
  }

  /**
   * A parser-level error (bad token, duplicate key, nesting too deep) in the cause chain. Databind
   * wraps those met inside a property in a mapping exception; they are still syntax errors.
   */
  private static JsonProcessingException findSyntaxError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof JsonProcessingException jpe && !(c instanceof DatabindException)) {
        return jpe;
      }
    }
    return null;
  }

  private static String where(String source, JsonParser parser) {
    var loc = parser.currentTokenLocation();
    return source + " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
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
        appendField(sb, ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** The JSON path where a streaming parser stopped, e.g. at a duplicate key: {@code $.skills['a']}. */
  static String jsonPath(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder sb = new StringBuilder("$");
    for (JsonStreamContext c : chain) {
      if (c.inObject() && c.getCurrentName() != null) {
        appendField(sb, c.getCurrentName());
      } else if (c.inArray() && c.hasCurrentIndex()) {
        sb.append('[').append(c.getCurrentIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static void appendField(StringBuilder sb, String f) {
    if (f.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
      sb.append('.').append(f);
    } else {
      sb.append("['").append(f.replace("'", "\\'")).append("']");
    }
  }

  /**
   * Makes an explicit JSON {@code null} an error while an absent field still reads as null.
   * Jackson's {@code Nulls.FAIL} cannot tell the two apart for record components, so every value
   * deserializer is wrapped instead. A component that Tank itself writes as null opts back in with
   * {@code @JsonSetter(nulls = Nulls.SET)}. Free-form {@code JsonNode} values (e.g. an input JSON
   * Schema) are not wrapped: nulls inside them are data.
   */
  private static final class RejectNulls extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
      return new NullRejecting(deserializer);
    }

    @Override
    public JsonDeserializer<?> modifyCollectionDeserializer(
        DeserializationConfig config, CollectionType type, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
      return new NullRejecting(deserializer);
    }

    @Override
    public JsonDeserializer<?> modifyMapDeserializer(
        DeserializationConfig config, MapType type, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
      return new NullRejecting(deserializer);
    }
  }

  private static final class NullRejecting extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    NullRejecting(JsonDeserializer<?> delegatee) {
      super(delegatee);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new NullRejecting(newDelegatee);
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws JsonMappingException {
      JsonDeserializer<?> contextual = super.createContextual(ctxt, property);
      if (property != null && property.getMetadata().getValueNulls() == Nulls.SET) {
        return ((NullRejecting) contextual)._delegatee;
      }
      return contextual;
    }

    @Override
    public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      return ctxt.reportInputMismatch(this, "null is not allowed here; leave the field out instead");
    }

    @Override
    public AccessPattern getNullAccessPattern() {
      return AccessPattern.DYNAMIC;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
      if (handledType() != null && handledType().isPrimitive()) {
        // Jackson's own message here names a DeserializationFeature; users need the field.
        return ctxt.reportInputMismatch(this, "required field is missing");
      }
      return _delegatee.getAbsentValue(ctxt);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
