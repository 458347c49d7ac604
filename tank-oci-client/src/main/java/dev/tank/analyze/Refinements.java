package dev.tank.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Permissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The judgement calls of the line rules that an expression cannot make alone: negated sentences,
 * placeholders, address ranges, and the declared-versus-observed comparisons against the skill's
 * {@link Permissions}. Host and path reasoning is deliberately simple and local; the permissions
 * package enforces the real thing at run time.
 */
final class Refinements {
  private Refinements() {}

  private static final Pattern NEGATION = Pattern.compile("(?i)\\b(?:never|not|no|don't|dont|do\\s+not|must\\s+not|n't)\\b|n't\\b");
  private static final Pattern DIRECT_NEGATION = Pattern.compile("(?i)(?:\\bnever|\\bnot|\\bno|n't)\\s+(?:\\w+\\s+)?$");
  private static final Pattern PREREQUISITE_WORDS = Pattern.compile("(?i)\\b(?:prerequisites?|pre-requisites?|requirements?"
      + "|required|requires|before\\s+(?:using|you\\s+use|running|you\\s+run|proceeding|continuing|starting|you\\s+start"
      + "|installing|you\\s+install)|(?:must|need\\s+to|needs\\s+to|have\\s+to)\\s+(?:first\\s+)?(?:install|run|download"
      + "|execute)|first,?\\s+(?:install|run|download|execute))\\b");
  private static final Pattern USES_KEY = Pattern.compile("(?:\\s-i|\\s-f|IdentityFile|ssh-add[^\\n]{0,40}?)\\s*=?\\s*[\"']?"
      + "[\\w~/$.{}-]{0,40}$");
  private static final Pattern SSH_DIR_SETUP = Pattern.compile("(?:mkdir\\s+(?:-p\\s+)?|chmod\\s+(?:-R\\s+)?0?7[0-7]{2}\\s+)"
      + "[\"']?[\\w~/$.{}-]{0,40}$");
  private static final Pattern DEFINITION = Pattern.compile("\\b(?:def|function|fn|func|sub|async|fun)\\s+$");
  private static final Pattern KEY_BODY = Pattern.compile("[A-Za-z0-9+/=]{40}");
  private static final Pattern BARE_JS_SPAWN = Pattern.compile("(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)\\s*\\(");
  private static final Pattern LOCAL_ONLY = Pattern.compile("AF_UNIX|\\blocalhost\\b|\\b127\\.0\\.0\\.1\\b|\\[::1\\]");
  private static final Pattern WORD = Pattern.compile("[A-Za-z][\\w.-]*");
  private static final Pattern SHELL_EVAL = Pattern.compile("\\beval\\s+[\"']?\\$");
  private static final Set<String> PUBLIC_SSH_FILES = Set.of(
      "known_hosts", "known_hosts.old", "config", "authorized_keys", "authorized_keys2", "environment", "rc");
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)your|example|sample|changeme|change_me|placeholder|dummy|"
      + "redacted|xxxx|\\*\\*\\*|\\.\\.\\.|<|>|\\$|\\{|\\}|%|fake|test|todo|secret_here|insert|replace|none|null|undefined|"
      + "password|passwd|token|getpass|os\\.environ|process\\.env|env\\(");

  private static final Pattern DOWNLOAD_PIPELINE = Pattern.compile(
      "(?i)\\b(?:curl|wget)\\b([^|\\n]{0,400}+)(?:\\|(?<!\\|\\|)(?!\\|)[^|\\n]{0,120}+){0,3}+$");
  private static final Pattern URLISH = Pattern.compile("(?i)://|\\$|\\b[\\w-]+\\.[a-z]{2,}\\b");
  private static final Pattern DECODER_PIPELINE = Pattern.compile("(?i)(?:\\bbase64\\s+(?:-[\\w-]+\\s+){0,3}?"
      + LineChecks.DECODE_FLAG + "|\\bopenssl\\s+(?:enc\\s+)?(?:-\\w+\\s+){0,4}-?(?:base64|a)\\s+-d\\b|\\bxxd\\s+-r(?:\\s+-p)?\\b"
      + "|\\bcertutil(?:\\.exe)?\\s+-decode\\b)[^|\\n]{0,200}+(?:\\|(?<!\\|\\|)(?!\\|)[^|\\n]{0,120}+){0,3}+$");
  private static final Pattern RUNS_SUBSTITUTION = Pattern.compile("(?i)(?:(?:\\b(?:(?:ba|z|k|da|a)?sh|source|python[0-9.]{0,4}"
      + "|perl|ruby|node)\\s+(?:-\\S{1,20}\\s+){0,3}|(?:^|[\\s;&|(])\\.\\s+)<\\("
      + "|\\b(?:(?:ba|z|k|da|a)?sh|python[0-9.]{0,4}|perl|ruby|node|php|pwsh|powershell)\\s+(?:-[a-zA-Z]{1,20}\\s+){0,3}"
      + "-[ce]\\s+[\"']?\\s*(?:\\$\\(|`)|\\beval\\s+[\"']?\\s*(?:\\$\\(|`)"
      + "|\\bsource\\s+(?:/dev/stdin|-)\\s*<<<\\s*[\"']?\\$\\()$");
  private static final Pattern SUBSTITUTION_CONTEXT = Pattern.compile(
      "(?i)\\beval\\b|\\b(?:ba|z|da|k)?sh\\s+-c\\b|\\bsource\\b|<\\(");
  static final Pattern SECRET_NAME = Pattern.compile(
      "(?i)(?:^|_)(?:token|secret|secrets|password|passwd|pass|passphrase|api_?key|apikey|private_?key|access_?key"
          + "|credentials?|auth|cookie|bearer|pat|signing_?key|client_?secret|webhook(?:_url)?)(?:$|_)");
  private static final Set<String> NOT_SECRETS = Set.of("SSH_AUTH_SOCK", "GPG_AGENT_INFO", "SESSION_MANAGER",
      "XDG_SESSION_ID", "XDG_SESSION_TYPE", "XDG_SESSION_CLASS", "XDG_SESSION_DESKTOP", "DBUS_SESSION_BUS_ADDRESS");

  // ---------------------------------------------------------------- prompt injection

  /** "without telling the user" is only an instruction to hide when the sentence is not negated. */
  static boolean secrecyNotNegated(Candidate c, MatchResult m) {
    String matched = m.group().toLowerCase(Locale.ROOT);
    if (!matched.startsWith("without")) {
      return true;
    }
    return notNegated(c, m);
  }

  /** Subdivision flags (England, Scotland, Wales) are U+1F3F4, tag letters and U+E007F CANCEL TAG: legitimate emoji. */
  static boolean notEmojiTagSequence(Candidate c, MatchResult m) {
    String g = m.group();
    boolean cancelEnd = g.codePointBefore(g.length()) == 0xE007F;
    boolean flagBefore = m.start() >= 2 && c.text.codePointBefore(m.start()) == 0x1F3F4;
    return !(cancelEnd && flagBefore && g.codePointCount(0, g.length()) <= 8);
  }

  /** The sentence holding the match has no negation before it ("never run X without asking the user"). */
  static boolean notNegated(Candidate c, MatchResult m) {
    String before = c.before(m, 160);
    int sentence = Math.max(Math.max(before.lastIndexOf(". "), before.lastIndexOf("! ")), before.lastIndexOf("? "));
    return !NEGATION.matcher(before.substring(sentence + 1)).find();
  }

  /** The match is not directly negated ("never share your recovery phrase", "do not ever paste it"). */
  static boolean notDirectlyNegated(Candidate c, MatchResult m) {
    return !DIRECT_NEGATION.matcher(c.before(m, 40)).find();
  }

  /** The ASCII text hidden in tag characters, so the finding shows what was smuggled. */
  static String hiddenTagText(Candidate c, MatchResult m) {
    StringBuilder sb = new StringBuilder();
    String s = m.group();
    for (int i = 0; i < s.length() && sb.length() < 120; ) {
      int cp = s.codePointAt(i);
      if (cp >= 0xE0020 && cp <= 0xE007E) {
        sb.append((char) (cp - 0xE0000));
      }
      i += Character.charCount(cp);
    }
    return Catalog.UNICODE_TAGS.title() + (sb.length() == 0 ? "" : ": hidden text \"" + sb + "\"");
  }

  /**
   * A zero-width character is out of place unless it is a leading byte-order mark, or a joiner or
   * non-joiner between two non-ASCII characters (emoji sequences, Persian, Indic scripts).
   */
  static boolean zeroWidthOutOfPlace(Candidate c, MatchResult m) {
    char z = m.group().charAt(0);
    if (z == '\uFEFF' && c.line == 0 && m.start() == 0) {
      return false;
    }
    if (z == '\u200C' || z == '\u200D') {
      int s = m.start();
      boolean before = s > 0 && c.text.charAt(s - 1) > 0x7f;
      boolean after = s + 1 < c.text.length() && c.text.charAt(s + 1) > 0x7f;
      return !(before && after);
    }
    return true;
  }

  /** A tag inside a Markdown code span (`<system>`) is being talked about, not used. */
  static boolean notInCodeSpan(Candidate c, MatchResult m) {
    long ticks = c.text.substring(0, m.start()).chars().filter(ch -> ch == '`').count();
    return ticks % 2 == 0 || c.text.indexOf('`', m.end()) < 0;
  }

  // ---------------------------------------------------------------- download and execute

  /** A download counts as a 'prerequisite' when its line, the three lines above or its section heading say so. */
  static boolean underPrerequisite(Candidate c, MatchResult m) {
    if (PREREQUISITE_WORDS.matcher(c.text).find() || PREREQUISITE_WORDS.matcher(c.headingAbove(60)).find()) {
      return true;
    }
    for (int l = c.line - 1; l >= 0 && l >= c.line - 3; l--) {
      if (PREREQUISITE_WORDS.matcher(c.lineAt(l)).find()) {
        return true;
      }
    }
    return false;
  }

  /** A pipe into a runner is pipe-to-shell when a download with a URL (or variable) feeds the pipeline. */
  static boolean downloadFeedsPipe(Candidate c, MatchResult m) {
    String before = c.before(m, 700);
    java.util.regex.Matcher d = DOWNLOAD_PIPELINE.matcher(before);
    if (d.find() && URLISH.matcher(d.group(1)).find()) {
      c.anchor = m.start() - before.length() + d.start();
      return true;
    }
    return false;
  }

  /** A pipe into a runner is decode-and-exec when a decoder feeds the pipeline. */
  static boolean decoderFeedsPipe(Candidate c, MatchResult m) {
    String before = c.before(m, 700);
    java.util.regex.Matcher d = DECODER_PIPELINE.matcher(before);
    if (d.find()) {
      c.anchor = m.start() - before.length() + d.start();
      return true;
    }
    return false;
  }

  /** {@code base64 -d} inside eval, sh -c, source or a process substitution. */
  static boolean decoderInSubstitution(Candidate c, MatchResult m) {
    return SUBSTITUTION_CONTEXT.matcher(c.before(m, 2000)).find();
  }

  /** A $(curl ...), `curl ...` or <(curl ...) that a shell, eval, source or interpreter -c runs. */
  static boolean substitutionIsRun(Candidate c, MatchResult m) {
    String opener = m.group().startsWith("`") ? "`" : m.group().substring(0, 2);
    String before = c.before(m, 160);
    java.util.regex.Matcher r = RUNS_SUBSTITUTION.matcher(before + opener);
    if (r.find()) {
      c.anchor = m.start() - before.length() + r.start();
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- credential access

  /** Private keys and the whole folder count; public keys, known_hosts, config and using a key with ssh -i do not. */
  static boolean sshPrivate(Candidate c, MatchResult m) {
    String name = m.group(1) != null ? m.group(1) : m.group(2);
    if (name != null && !name.isEmpty()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".pub") || PUBLIC_SSH_FILES.contains(n)) {
        return false;
      }
    }
    String before = c.before(m, 60);
    if (USES_KEY.matcher(before).find()) {
      return false;
    }
    return (name != null && !name.isEmpty()) || !SSH_DIR_SETUP.matcher(before).find();
  }

  /** .gitignore and friends name .env to keep it out, not to read it. */
  static boolean notAnIgnoreFile(Candidate c, MatchResult m) {
    return !c.fileName().endsWith("ignore");
  }

  // ---------------------------------------------------------------- exfiltration

  /** Only public addresses: loopback, private, link-local, CGNAT, documentation and multicast ranges are fine. */
  static boolean publicAddress(Candidate c, MatchResult m) {
    long ip;
    if (m.group(1) != null) {
      String[] parts = m.group(1).split("\\.");
      ip = 0;
      for (String p : parts) {
        int v = Integer.parseInt(p);
        if (v > 255) {
          return false;
        }
        ip = ip << 8 | v;
      }
    } else {
      String g = m.group(2).toLowerCase(Locale.ROOT);
      ip = g.startsWith("0x") ? Long.parseLong(g.substring(2), 16) : Long.parseLong(g);
      if (ip > 0xFFFFFFFFL) {
        return false;
      }
    }
    int a = (int) (ip >>> 24);
    int b = (int) (ip >>> 16 & 0xff);
    int c3 = (int) (ip >>> 8 & 0xff);
    return !(a == 0 || a == 10 || a == 127 || a >= 224 || (a == 169 && b == 254) || (a == 172 && b >= 16 && b <= 31)
        || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127)
        || (a == 192 && b == 0 && c3 == 2) || (a == 198 && b == 51 && c3 == 100) || (a == 203 && b == 0 && c3 == 113)
        || (a == 198 && (b == 18 || b == 19)));
  }

  // ---------------------------------------------------------------- obfuscation

  /** Char codes count when they decode to mostly printable text (binary test vectors do not). */
  static boolean decodesToText(Candidate c, MatchResult m) {
    return Decoding.charCodes(m) != null;
  }

  /** exec() is Python's; definitions of a method named eval are not calls. */
  static boolean dynamicEval(Candidate c, MatchResult m) {
    String g = m.group();
    if (DEFINITION.matcher(c.before(m, 16)).find()) {
      return false;
    }
    if (g.startsWith("exec")) {
      return c.lang == Lang.PYTHON;
    }
    if (SHELL_EVAL.matcher(g).find()) {
      return c.lang == Lang.SHELL || c.lang == Lang.OTHER_CODE;
    }
    return true;
  }

  // ---------------------------------------------------------------- hardcoded secrets

  /** A BEGIN line followed by key material, not by a placeholder such as "...". */
  static boolean keyBodyFollows(Candidate c, MatchResult m) {
    if (m.group().startsWith("PuTTY")) {
      return true;
    }
    String rest = c.text.substring(m.end()).strip();
    String next = rest.isEmpty() ? c.lineAt(c.line + 1).strip() : rest;
    if (next.startsWith("Proc-Type:") || next.startsWith("Comment:")) {
      next = c.lineAt(c.line + 2).strip().isEmpty() ? c.lineAt(c.line + 3).strip() : c.lineAt(c.line + 2).strip();
    }
    return KEY_BODY.matcher(next).lookingAt();
  }

  /** AWS publishes example keys (ending in EXAMPLE) for documentation. */
  static boolean notExampleKey(Candidate c, MatchResult m) {
    String g = m.group(1) != null ? m.group(1) : m.group();
    return !g.contains("EXAMPLE") && !placeholderLike(g);
  }

  static boolean notPlaceholderToken(Candidate c, MatchResult m) {
    return !placeholderLike(m.group());
  }

  /** A literal value that is neither a placeholder nor a lookup, with enough variety to be a real secret. */
  static boolean realSecretValue(Candidate c, MatchResult m) {
    String v = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    if (v == null || PLACEHOLDER.matcher(v).find() || placeholderLike(v)) {
      return false;
    }
    boolean letter = false;
    boolean digitOrSymbol = false;
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      letter |= Character.isLetter(ch);
      digitOrSymbol |= !Character.isLetter(ch);
    }
    return letter && digitOrSymbol && v.chars().distinct().count() >= 6;
  }

  /** Runs of one character, "xxxx" and "1234..." sequences are placeholders, not secrets. */
  static boolean placeholderLike(String token) {
    String t = token.toLowerCase(Locale.ROOT);
    if (t.contains("xxxx") || t.contains("example") || t.contains("0000000") || t.contains("1234567")
        || t.contains("abcdef") || t.contains("placeholder") || t.contains("your")) {
      return true;
    }
    return token.chars().distinct().count() < 8;
  }

  // ---------------------------------------------------------------- declared versus observed

  /** Local sockets (AF_UNIX) and loopback addresses are not the network. */
  static boolean noNetworkDeclared(Candidate c, MatchResult m) {
    return outbound(c.declared).isEmpty() && !LOCAL_ONLY.matcher(c.text).find();
  }

  static String networkMessage(Candidate c, MatchResult m) {
    java.util.regex.Matcher w = WORD.matcher(m.group());
    return "uses the network (" + (w.find() ? w.group() : m.group().strip()) + ") but permissions.network.outbound "
        + "declares no host";
  }

  /** With hosts declared, a named host must be covered by one of them (loopback is always fine). */
  static boolean hostNotDeclared(Candidate c, MatchResult m) {
    List<String> allowed = outbound(c.declared);
    if (allowed.isEmpty()) {
      return false;
    }
    String before = c.before(m, 200);
    if (before.contains("#") || before.contains("//") || before.strip().startsWith("*")) {
      return false;
    }
    String host = host(m.group(1));
    return !host.isEmpty() && !loopback(host) && !covered(host, allowed);
  }

  static String hostMessage(Candidate c, MatchResult m) {
    return "contacts " + host(m.group(1)) + ", which permissions.network.outbound does not cover";
  }

  /** Lower case, without brackets, user info or a trailing dot. */
  static String host(String raw) {
    String h = raw.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  static boolean loopback(String host) {
    return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("::1")
        || host.equals("0.0.0.0");
  }

  /**
   * Whether {@code host} is covered by a declared entry: {@code *} covers all, {@code *.example.com}
   * covers names under example.com (not example.com itself), anything else covers exactly itself.
   * Entries may carry a scheme, port or path, which are ignored here.
   */
  static boolean covered(String host, List<String> allowed) {
    for (String entry : allowed) {
      String e = entry.toLowerCase(Locale.ROOT).strip();
      int scheme = e.indexOf("://");
      if (scheme >= 0) {
        e = e.substring(scheme + 3);
      }
      int cut = e.length();
      for (char ch : new char[] {'/', '?', '#'}) {
        int i = e.indexOf(ch);
        if (i >= 0) {
          cut = Math.min(cut, i);
        }
      }
      e = e.substring(0, cut);
      int colon = e.lastIndexOf(':');
      if (colon > 0 && e.indexOf(':') == colon) {
        e = e.substring(0, colon);
      }
      if (e.equals("*") || e.equals(host) || (e.startsWith("*.") && host.endsWith(e.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> outbound(Permissions p) {
    return p == null || p.network() == null || p.network().outbound() == null ? List.of() : p.network().outbound();
  }

  /** The name of a secret-looking environment variable read here that permissions.secrets.required lacks. */
  static boolean secretNotDeclared(Candidate c, MatchResult m) {
    int g = firstGroup(m);
    if (g < 0) {
      return false;
    }
    boolean shellVariable = m.group().startsWith("$") && !m.group().regionMatches(true, 0, "$env:", 0, 5);
    if (shellVariable && c.lang != Lang.SHELL) {
      return false;
    }
    String name = m.group(g);
    if (!SECRET_NAME.matcher(name).find() || NOT_SECRETS.contains(name)) {
      return false;
    }
    Permissions p = c.declared;
    List<String> declared = p == null || p.secrets() == null ? List.of() : p.secrets().required();
    return !declared.contains(name);
  }

  static String secretMessage(Candidate c, MatchResult m) {
    return "reads the secret environment variable " + m.group(firstGroup(m))
        + ", which permissions.secrets.required does not declare";
  }

  /** Starting processes from Python, JavaScript, PowerShell and others; the command must be declared when listed. */
  static boolean subprocessNotDeclared(Candidate c, MatchResult m) {
    String g = m.group();
    if (c.lang == Lang.SHELL || c.lang == Lang.BATCH) {
      return false;
    }
    boolean bareJs = BARE_JS_SPAWN.matcher(g).lookingAt();
    if (bareJs && c.lang != Lang.JAVASCRIPT) {
      return false;
    }
    if (bareJs && c.before(m, 1).equals(".")) {
      return false;
    }
    JsonNode sp = c.declared == null ? null : c.declared.subprocess();
    if (sp == null || (sp.isBoolean() && !sp.asBoolean())) {
      return true;
    }
    if (sp.isBoolean()) {
      return false;
    }
    String cmd = command(m);
    if (cmd == null) {
      return false;
    }
    for (JsonNode n : sp) {
      if (n.asText().equals(cmd)) {
        return false;
      }
    }
    return true;
  }

  static String subprocessMessage(Candidate c, MatchResult m) {
    JsonNode sp = c.declared == null ? null : c.declared.subprocess();
    String cmd = command(m);
    if (sp == null || !sp.isArray()) {
      return "starts a process" + (cmd == null ? "" : " (" + cmd + ")") + " but permissions.subprocess is not declared";
    }
    return "runs '" + cmd + "', which permissions.subprocess does not list";
  }

  private static String command(MatchResult m) {
    int g = firstGroup(m);
    if (g < 0) {
      return null;
    }
    String cmd = m.group(g);
    return cmd.substring(cmd.lastIndexOf('/') + 1);
  }

  /** Home-folder paths need a declared filesystem glob outside the project (starting with ~, $HOME or /). */
  static boolean outsideNotDeclared(Candidate c, MatchResult m) {
    for (String glob : concat(globs(c, true), globs(c, false))) {
      if (glob.startsWith("~") || glob.startsWith("/") || glob.startsWith("$HOME")) {
        return false;
      }
    }
    return true;
  }

  static String outsideMessage(Candidate c, MatchResult m) {
    return "reaches into the home folder (" + m.group().strip() + ") but no filesystem glob outside the project is "
        + "declared";
  }

  /** Writing, moving or deleting files needs a declared write glob. */
  static boolean writeNotDeclared(Candidate c, MatchResult m) {
    return globs(c, false).isEmpty();
  }

  static String writeMessage(Candidate c, MatchResult m) {
    return "writes files (" + m.group().strip() + ") but permissions.filesystem.write is not declared";
  }

  private static List<String> globs(Candidate c, boolean read) {
    Permissions.Filesystem fs = c.declared == null ? null : c.declared.filesystem();
    return fs == null ? List.of() : read ? fs.read() : fs.write();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static int firstGroup(MatchResult m) {
    for (int i = 1; i <= m.groupCount(); i++) {
      if (m.group(i) != null) {
        return i;
      }
    }
    return -1;
  }
}
