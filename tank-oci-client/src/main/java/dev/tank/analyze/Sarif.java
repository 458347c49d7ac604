package dev.tank.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link AnalysisReport} as a SARIF 2.1.0 log with one run: the rule catalogue as the
 * driver's rules (with {@code security-severity} for code-scanning tools), one result per finding,
 * file locations relative to the {@code SKILLROOT} base. Output is canonical JSON, so equal reports
 * give equal bytes.
 */
public final class Sarif {
  static final String VERSION = "2.1.0";
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String ROOT_ID = "SKILLROOT";

  private Sarif() {}

  /**
   * @param report the findings to write
   * @param rules the rules to describe, normally {@link Analyzer#rules()}; every finding's rule must be among them
   * @param toolVersion Tank's version, or null
   * @param skillRoot the skill folder as a {@code file:} URI, or null when the files have no place on disk
   */
  public static byte[] write(AnalysisReport report, List<Rule> rules, String toolVersion, URI skillRoot) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", VERSION);
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "tank");
    if (toolVersion != null) {
      driver.put("version", toolVersion);
    }
    ArrayNode rs = driver.putArray("rules");
    Map<String, Integer> index = new HashMap<>();
    for (Rule r : rules) {
      index.put(r.id(), index.size());
      ObjectNode n = rs.addObject();
      n.put("id", r.id());
      n.put("name", r.id());
      n.putObject("shortDescription").put("text", r.title());
      n.putObject("fullDescription").put("text", r.rationale());
      n.putObject("help").put("text", r.rationale());
      n.putObject("defaultConfiguration").put("level", level(r.severity()));
      ObjectNode props = n.putObject("properties");
      props.put("category", r.category());
      props.put("security-severity", securitySeverity(r.severity()));
      props.putArray("tags").add("security").add(r.category());
    }
    if (skillRoot != null) {
      String uri = skillRoot.toString();
      run.putObject("originalUriBaseIds").putObject(ROOT_ID).put("uri", uri.endsWith("/") ? uri : uri + "/");
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      Integer i = index.get(f.ruleId());
      if (i == null) {
        throw new IllegalArgumentException("finding of rule " + f.ruleId() + " has no rule in the list");
      }
      ObjectNode res = results.addObject();
      res.put("ruleId", f.ruleId());
      res.put("ruleIndex", i);
      res.put("level", level(f.severity()));
      res.putObject("message").put("text", f.message());
      ObjectNode loc = res.putArray("locations").addObject().putObject("physicalLocation");
      ObjectNode art = loc.putObject("artifactLocation");
      art.put("uri", relativeUri(f.file()));
      art.put("uriBaseId", ROOT_ID);
      if (f.line() > 0) {
        ObjectNode region = loc.putObject("region");
        region.put("startLine", f.line());
        region.putObject("snippet").put("text", f.evidence());
      }
      ObjectNode props = res.putObject("properties");
      props.put("severity", f.severity().id());
      props.put("category", f.category());
      props.put("evidence", f.evidence());
    }
    ObjectNode props = run.putObject("properties");
    props.put("verdict", report.verdict().id());
    props.put("filesScanned", report.filesScanned());
    props.put("bytesScanned", report.bytesScanned());
    return Json.writePretty(root);
  }

  /** SARIF levels: critical and high are errors, medium a warning, low and info notes. */
  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** The 0-10 score code-scanning tools read to rank results (9+ critical, 7+ high, 4+ medium). */
  static String securitySeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }

  private static String relativeUri(String path) {
    try {
      return new URI(null, null, path, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("file path cannot be a URI: " + path, e);
    }
  }
}
