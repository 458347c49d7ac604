package dev.tank.resolve;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.SemverException;

/**
 * An npm version range, e.g. {@code ^1.2.0}, {@code ~1.2}, {@code 1.x}, {@code >=1.0.0 <2.0.0},
 * {@code 1.2.3 - 2.3.4} or {@code ^1.0.0 || ^2.0.0}.
 *
 * <p>The meaning is exactly that of npm's {@code semver} package (node-semver 7) with default
 * options ({@code loose: false}, {@code includePrerelease: false}): a prerelease version satisfies
 * a range only if one comparator of the matching {@code ||} branch names a prerelease of the same
 * {@code major.minor.patch}. The parser is a line-by-line port of node-semver's {@code Range} and
 * {@code Comparator} desugaring ({@code replaceCaret}, {@code replaceTilde}, {@code replaceXRange},
 * {@code hyphenReplace}, {@code replaceStars}, with the same regular expressions), because semver4j
 * 6.0.0's own ranges disagree with npm ({@code ^0.0}, {@code x}, {@code ^1.2.3 ~1.2.5}, {@code
 * 1.2.3 x}, and it accepts {@code latest} and every other invalid text as a range). The port was
 * checked against node-semver 7.8.6 on the test table and on 128,000 random ranges.
 *
 * <p>Tank has no dist-tags: {@code latest}, {@code next} and the like are rejected, as npm's range
 * parser rejects them. Deliberate differences from npm, both for absurd input only: a range longer
 * than {@value #MAX_LENGTH} characters and numbers above {@value Integer#MAX_VALUE} are rejected.
 *
 * <p>Instances are immutable and thread-safe. Equality is that of the original text.
 */
public final class VersionRange {
  /** Bounds the work done on untrusted text; npm sets no limit. */
  static final int MAX_LENGTH = 1024;

  private static final String HINT = "npm range syntax, e.g. ^1.2.0, ~1.2, 1.x, >=1.0.0 <2.0.0";
  private static final String DIST_TAG_HINT =
      "Tank has no dist-tags such as 'latest'; use a version range (" + HINT + "), or * for any";

  // ---- Regular expressions, built exactly as node-semver's internal/re.js builds them. ----
  // They are written in JavaScript syntax, made "safe" as re.js does (bounded repetition), then
  // compiled with JavaScript's meaning of \s and $ (see js()).
  private static final String LETTERDASHNUMBER = "[a-zA-Z0-9-]";
  private static final String NUMERICIDENTIFIER = "0|[1-9]\\d*";
  private static final String NUMERICIDENTIFIERLOOSE = "\\d+";
  private static final String NONNUMERICIDENTIFIER = "\\d*[a-zA-Z-]" + LETTERDASHNUMBER + "*";
  private static final String MAINVERSION =
      "(" + NUMERICIDENTIFIER + ")\\.(" + NUMERICIDENTIFIER + ")\\.(" + NUMERICIDENTIFIER + ")";
  private static final String MAINVERSIONLOOSE =
      "(" + NUMERICIDENTIFIERLOOSE + ")\\.(" + NUMERICIDENTIFIERLOOSE + ")\\.("
          + NUMERICIDENTIFIERLOOSE + ")";
  private static final String PRERELEASEIDENTIFIER =
      "(?:" + NONNUMERICIDENTIFIER + "|" + NUMERICIDENTIFIER + ")";
  private static final String PRERELEASEIDENTIFIERLOOSE =
      "(?:" + NONNUMERICIDENTIFIER + "|" + NUMERICIDENTIFIERLOOSE + ")";
  private static final String PRERELEASE =
      "(?:-(" + PRERELEASEIDENTIFIER + "(?:\\." + PRERELEASEIDENTIFIER + ")*))";
  private static final String PRERELEASELOOSE =
      "(?:-?(" + PRERELEASEIDENTIFIERLOOSE + "(?:\\." + PRERELEASEIDENTIFIERLOOSE + ")*))";
  private static final String BUILDIDENTIFIER = LETTERDASHNUMBER + "+";
  private static final String BUILD =
      "(?:\\+(" + BUILDIDENTIFIER + "(?:\\." + BUILDIDENTIFIER + ")*))";
  private static final String FULLPLAIN = "v?" + MAINVERSION + PRERELEASE + "?" + BUILD + "?";
  private static final String LOOSEPLAIN =
      "[v=\\s]*" + MAINVERSIONLOOSE + PRERELEASELOOSE + "?" + BUILD + "?";
  private static final String GTLT = "((?:<|>)?=?)";
  private static final String XRANGEIDENTIFIER = NUMERICIDENTIFIER + "|x|X|\\*";
  private static final String XRANGEPLAIN =
      "[v=\\s]*(" + XRANGEIDENTIFIER + ")(?:\\.(" + XRANGEIDENTIFIER + ")(?:\\.("
          + XRANGEIDENTIFIER + ")(?:" + PRERELEASE + ")?" + BUILD + "?)?)?";

  private static final Pattern BUILD_RE = js(BUILD);
  /** Unlike the others, range.js strips build metadata with the unbounded expression. */
  private static final Pattern BUILDSTRIP = jsUnsafe(BUILD);
  private static final Pattern XRANGE = js("^" + GTLT + "\\s*" + XRANGEPLAIN + "$");
  private static final Pattern TILDETRIM = js("(\\s*)(?:~>?)\\s+");
  private static final Pattern TILDE = js("^(?:~>?)" + XRANGEPLAIN + "$");
  private static final Pattern CARETTRIM = js("(\\s*)(?:\\^)\\s+");
  private static final Pattern CARET = js("^(?:\\^)" + XRANGEPLAIN + "$");
  private static final Pattern COMPARATOR = js("^" + GTLT + "\\s*(" + FULLPLAIN + ")$|^$");
  private static final Pattern COMPARATORTRIM =
      js("(\\s*)" + GTLT + "\\s*(" + LOOSEPLAIN + "|" + XRANGEPLAIN + ")");
  private static final Pattern HYPHENRANGE =
      js("^\\s*(" + XRANGEPLAIN + ")\\s+-\\s+(" + XRANGEPLAIN + ")\\s*$");
  private static final Pattern STAR = js("(<|>)?=?\\s*\\*");
  private static final Pattern GTE0 = js("^\\s*>=\\s*0\\.0\\.0\\s*$");

  /** JavaScript's {@code \s} (and what {@code String.prototype.trim} removes). */
  private static final String JS_SPACE =
      "[\\t\\n\\x0B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]";
  /** The same set for {@link #isJsSpace}, less the block U+2000..U+200A tested there. */
  private static final String JS_SPACE_CHARS =
      "\t\n\u000B\f\r \u00A0\u1680\u2028\u2029\u202F\u205F\u3000\uFEFF";
  private static final Pattern SPACES = Pattern.compile(JS_SPACE + "+");
  private static final Pattern DIST_TAG = Pattern.compile("[A-Za-z][A-Za-z._-]*");

  private final String text;
  /** The {@code ||} branches; a version must pass every comparator of one branch. */
  private final List<List<Comparator>> branches;

  private VersionRange(String text, List<List<Comparator>> branches) {
    this.text = text;
    this.branches = branches;
  }

  /**
   * Parses an npm range. The empty text and {@code *} mean any release.
   *
   * @throws TankException {@link ErrorCode#INVALID_RANGE} naming {@code text} if it is not a range
   */
  /** Parsed ranges by text: a graph repeats a handful of range strings on thousands of edges. */
  private static final java.util.concurrent.ConcurrentHashMap<String, VersionRange> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_CACHED = 4096;

  public static VersionRange parse(String text) {
    Objects.requireNonNull(text, "text");
    VersionRange cached = PARSED.get(text);
    if (cached != null) {
      return cached;
    }
    VersionRange parsed = parseUncached(text);
    if (PARSED.size() >= MAX_CACHED) {
      PARSED.clear();
    }
    PARSED.put(text, parsed);
    return parsed;
  }

  private static VersionRange parseUncached(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new TankException(
          ErrorCode.INVALID_RANGE,
          "a version range is longer than " + MAX_LENGTH + " characters",
          text,
          HINT);
    }
    try {
      return new VersionRange(text, parseBranches(text));
    } catch (InvalidRange e) {
      throw invalid(text, e.getMessage());
    }
  }

  /** True if {@code version} is in this range, by npm's rules (prereleases only if named). */
  public boolean satisfies(Version version) {
    Objects.requireNonNull(version, "version");
    for (List<Comparator> branch : branches) {
      if (testBranch(branch, version)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The highest version in {@code versions} that satisfies this range, in one pass. Among versions
   * that differ only in build metadata the one with the greatest build text wins (npm would take
   * whichever comes first), so the answer does not depend on the order of {@code versions}.
   */
  public Optional<Version> maxSatisfying(Collection<Version> versions) {
    Version best = null;
    for (Version v : versions) {
      // The cheap comparison first: most candidates lose there without testing the range.
      if ((best == null || v.compareTo(best) > 0) && satisfies(v)) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * True if the range names one exact version, e.g. {@code 1.2.3}, {@code =1.2.3} or {@code
   * v1.2.3-rc.1} (judged on the desugared form, so {@code >=1.2.3 <=1.2.3} is not exact).
   */
  public boolean isExact() {
    return branches.size() == 1
        && branches.get(0).size() == 1
        && branches.get(0).get(0).op == Op.EQ;
  }

  /** The text this range was parsed from, unchanged. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionRange && ((VersionRange) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  // ---- range.js: Range constructor ----

  private static List<List<Comparator>> parseBranches(String text) {
    String raw = SPACES.matcher(jsTrim(text)).replaceAll(" ");
    List<List<Comparator>> set = new ArrayList<>();
    for (String part : raw.split(Pattern.quote("||"), -1)) {
      set.add(parseRange(jsTrim(part)));
    }
    if (set.size() > 1) {
      // Throw out null sets unless all are; if any branch is just "*", the range is just "*".
      // Not a no-op: "* || 1.2.3-beta" does not admit 1.2.3-beta in npm.
      List<Comparator> first = set.get(0);
      set.removeIf(branch -> branch.get(0).isNullSet());
      if (set.isEmpty()) {
        set.add(first);
      } else if (set.size() > 1) {
        for (List<Comparator> branch : set) {
          if (branch.size() == 1 && branch.get(0).isAny()) {
            set = List.of(branch);
            break;
          }
        }
      }
    }
    return List.copyOf(set);
  }

  private static List<Comparator> parseRange(String range) {
    range = BUILDSTRIP.matcher(range).replaceAll("");
    range = replaceFirst(HYPHENRANGE, range, VersionRange::hyphenReplace); // 1 - 2 => >=1 <=2
    // "> 1.2.3" => ">1.2.3". node-semver 7.8 does this step with a hand-written scanner that it
    // documents as reproducing this regex replacement; fuzzing against 7.8.6 found no difference.
    range = COMPARATORTRIM.matcher(range).replaceAll("$1$2$3");
    range = TILDETRIM.matcher(range).replaceAll("$1~"); // "~ 1.2.3" => "~1.2.3"
    range = CARETTRIM.matcher(range).replaceAll("$1^"); // "^ 1.2.3" => "^1.2.3"

    List<String> parsed = new ArrayList<>();
    for (String comp : range.split(" ", -1)) {
      parsed.add(parseComparator(comp));
    }
    List<Comparator> comparators = new ArrayList<>();
    for (String comp : SPACES.split(String.join(" ", parsed), -1)) {
      comparators.add(Comparator.parse(GTE0.matcher(jsTrim(comp)).replaceFirst(""))); // >=0.0.0 = *
    }
    // A null set wins; duplicates go; "*" goes when there is anything else.
    Map<String, Comparator> byValue = new LinkedHashMap<>();
    for (Comparator c : comparators) {
      if (c.isNullSet()) {
        return List.of(c);
      }
      byValue.put(c.value(), c);
    }
    if (byValue.size() > 1) {
      byValue.remove("");
    }
    return List.copyOf(byValue.values());
  }

  private static String parseComparator(String comp) {
    comp = replaceFirst(BUILD_RE, comp, m -> "");
    comp = eachWord(jsTrim(comp), c -> replaceFirst(CARET, c, VersionRange::caret));
    comp = eachWord(jsTrim(comp), c -> replaceFirst(TILDE, c, VersionRange::tilde));
    comp = eachWord(comp, c -> replaceFirst(XRANGE, jsTrim(c), VersionRange::xRange));
    return replaceFirst(STAR, jsTrim(comp), m -> ""); // "*" is AND-ed, so it is just dropped
  }

  // ---- range.js: the desugaring functions. M, m, p, pr are the captured parts. ----

  private static boolean isX(String id) {
    return id == null || id.isEmpty() || id.equalsIgnoreCase("x") || id.equals("*");
  }

  private static String inc(String number) {
    return new BigInteger(number).add(BigInteger.ONE).toString();
  }

  /** ~1.2.3 := >=1.2.3 <1.3.0-0; ~1.2 := >=1.2.0 <1.3.0-0; ~1 := >=1.0.0 <2.0.0-0; ~ := *. */
  private static String tilde(Matcher g) {
    String major = g.group(1);
    String minor = g.group(2);
    String patch = g.group(3);
    String pr = g.group(4);
    if (isX(major)) {
      return "";
    } else if (isX(minor)) {
      return ">=" + major + ".0.0 <" + inc(major) + ".0.0-0";
    } else if (isX(patch)) {
      return ">=" + major + "." + minor + ".0 <" + major + "." + inc(minor) + ".0-0";
    }
    String from = major + "." + minor + "." + patch + (pr != null ? "-" + pr : "");
    return ">=" + from + " <" + major + "." + inc(minor) + ".0-0";
  }

  /** ^1.2.3 := >=1.2.3 <2.0.0-0; ^0.2.3 := >=0.2.3 <0.3.0-0; ^0.0.3 := >=0.0.3 <0.0.4-0. */
  private static String caret(Matcher g) {
    String major = g.group(1);
    String minor = g.group(2);
    String patch = g.group(3);
    String pr = g.group(4);
    if (isX(major)) {
      return "";
    } else if (isX(minor)) {
      return ">=" + major + ".0.0 <" + inc(major) + ".0.0-0";
    } else if (isX(patch)) {
      String upper = major.equals("0") ? major + "." + inc(minor) + ".0-0" : inc(major) + ".0.0-0";
      return ">=" + major + "." + minor + ".0 <" + upper;
    }
    String from = major + "." + minor + "." + patch + (pr != null ? "-" + pr : "");
    String upper;
    if (!major.equals("0")) {
      upper = inc(major) + ".0.0-0";
    } else if (!minor.equals("0")) {
      upper = major + "." + inc(minor) + ".0-0";
    } else {
      upper = major + "." + minor + "." + inc(patch) + "-0";
    }
    return ">=" + from + " <" + upper;
  }

  /** 1.x := >=1.0.0 <2.0.0-0; >1.2 := >=1.3.0; <=1.x := <2.0.0-0; >* := nothing; * := any. */
  private static String xRange(Matcher g) {
    String gtlt = g.group(1);
    String major = g.group(2);
    String minor = g.group(3);
    String patch = g.group(4);
    boolean numberAfterX =
        (isX(major) && !isX(minor))
            || (isX(minor) && patch != null && !patch.isEmpty() && !isX(patch));
    if (numberAfterX) {
      return g.group(); // e.g. 1.x.3: left unchanged for the comparator to reject
    }
    boolean xMajor = isX(major);
    boolean xMinor = xMajor || isX(minor);
    boolean anyX = xMinor || isX(patch);
    if (gtlt.equals("=") && anyX) {
      gtlt = "";
    }
    if (xMajor) {
      return gtlt.equals(">") || gtlt.equals("<") ? "<0.0.0-0" : "*";
    } else if (!gtlt.isEmpty() && anyX) {
      if (xMinor) {
        minor = "0";
      }
      patch = "0";
      if (gtlt.equals(">")) {
        gtlt = ">=";
        if (xMinor) {
          major = inc(major);
        } else {
          minor = inc(minor);
        }
      } else if (gtlt.equals("<=")) {
        gtlt = "<"; // <=0.7.x is <0.8.0-0
        if (xMinor) {
          major = inc(major);
        } else {
          minor = inc(minor);
        }
      }
      return gtlt + major + "." + minor + "." + patch + (gtlt.equals("<") ? "-0" : "");
    } else if (xMinor) {
      return ">=" + major + ".0.0 <" + inc(major) + ".0.0-0";
    } else if (anyX) {
      return ">=" + major + "." + minor + ".0 <" + major + "." + inc(minor) + ".0-0";
    }
    return g.group();
  }

  /** 1.2 - 3.4.5 := >=1.2.0 <=3.4.5; 1.2.3 - 3.4 := >=1.2.3 <3.5.0-0. */
  private static String hyphenReplace(Matcher g) {
    String from = g.group(1);
    String to = g.group(7);
    if (isX(g.group(2))) {
      from = "";
    } else if (isX(g.group(3))) {
      from = ">=" + g.group(2) + ".0.0";
    } else if (isX(g.group(4))) {
      from = ">=" + g.group(2) + "." + g.group(3) + ".0";
    } else {
      from = ">=" + from;
    }
    if (isX(g.group(8))) {
      to = "";
    } else if (isX(g.group(9))) {
      to = "<" + inc(g.group(8)) + ".0.0-0";
    } else if (isX(g.group(10))) {
      to = "<" + g.group(8) + "." + inc(g.group(9)) + ".0-0";
    } else if (g.group(11) != null) {
      to = "<=" + g.group(8) + "." + g.group(9) + "." + g.group(10) + "-" + g.group(11);
    } else {
      to = "<=" + to;
    }
    return jsTrim(from + " " + to);
  }

  // ---- comparator.js ----

  private enum Op {
    ANY, EQ, LT, LE, GT, GE
  }

  /** One primitive comparison, e.g. {@code >=1.2.3}; {@link Op#ANY} matches every version. */
  private record Comparator(Op op, Version version) {
    static final Comparator ANY = new Comparator(Op.ANY, null);

    static Comparator parse(String comp) {
      comp = String.join(" ", SPACES.split(jsTrim(comp), -1));
      Matcher m = COMPARATOR.matcher(comp);
      if (!m.matches()) {
        throw new InvalidRange("'" + comp + "' is not a comparator");
      }
      if (m.group(2) == null || m.group(2).isEmpty()) {
        return ANY;
      }
      String v = m.group(2);
      if (v.length() > 256) {
        throw new InvalidRange("a version is longer than 256 characters");
      }
      Version version;
      try {
        // Build metadata never affects a comparison; npm drops it too.
        version = Version.of(new Semver(v.startsWith("v") ? v.substring(1) : v).withClearedBuild());
      } catch (SemverException e) {
        throw new InvalidRange("'" + v + "' has a number larger than " + Integer.MAX_VALUE);
      }
      Op op =
          switch (m.group(1)) {
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            case ">=" -> Op.GE;
            default -> Op.EQ; // "" or "="
          };
      return new Comparator(op, version);
    }

    /** node-semver's {@code comparator.value}, used to drop duplicates. */
    String value() {
      if (op == Op.ANY) {
        return "";
      }
      String sign =
          switch (op) {
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            default -> "";
          };
      return sign + version;
    }

    boolean isNullSet() {
      return op == Op.LT && version.toString().equals("0.0.0-0");
    }

    boolean isAny() {
      return op == Op.ANY;
    }

    boolean test(Version v) {
      if (op == Op.ANY) {
        return true;
      }
      int c = v.comparePrecedence(version);
      return switch (op) {
        case EQ -> c == 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
        default -> true;
      };
    }
  }

  /** range.js testSet: every comparator passes, and a prerelease must be named by one of them. */
  private static boolean testBranch(List<Comparator> branch, Version v) {
    for (Comparator c : branch) {
      if (!c.test(v)) {
        return false;
      }
    }
    if (!v.isPrerelease()) {
      return true;
    }
    // ^1.2.3-pr.1 admits 1.2.3-pr.2 but not 1.2.4-alpha, though both are inside its bounds.
    for (Comparator c : branch) {
      if (c.op != Op.ANY && c.version.isPrerelease() && c.version.compareRelease(v) == 0) {
        return true;
      }
    }
    return false;
  }

  // ---- JavaScript string and regex semantics ----

  /**
   * Compiles a re.js source the way re.js builds {@code safeRe}: {@code \s*}, {@code \d+} and
   * friends get upper bounds. JavaScript's {@code \s} is wider than Java's and its {@code $} does
   * not match before a final line break, so both are translated.
   */
  private static Pattern js(String source) {
    String safe = source;
    String[][] bounds = {{"\\s", "1"}, {"\\d", "256"}, {LETTERDASHNUMBER, "250"}};
    for (String[] b : bounds) {
      safe = safe.replace(b[0] + "*", b[0] + "{0," + b[1] + "}");
      safe = safe.replace(b[0] + "+", b[0] + "{1," + b[1] + "}");
    }
    return jsUnsafe(safe);
  }

  private static Pattern jsUnsafe(String source) {
    return Pattern.compile(source.replace("\\s", JS_SPACE).replace("$", "\\z"));
  }

  /** {@code String.prototype.replace} with a non-global regex and a function. */
  private static String replaceFirst(Pattern p, String s, Function<Matcher, String> f) {
    Matcher m = p.matcher(s);
    if (!m.find()) {
      return s;
    }
    return s.substring(0, m.start()) + f.apply(m) + s.substring(m.end());
  }

  /** {@code s.split(/\s+/).map(f).join(' ')}. */
  private static String eachWord(String s, Function<String, String> f) {
    List<String> out = new ArrayList<>();
    for (String word : SPACES.split(s, -1)) {
      out.add(f.apply(word));
    }
    return String.join(" ", out);
  }

  private static String jsTrim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isJsSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isJsSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isJsSpace(char ch) {
    return JS_SPACE_CHARS.indexOf(ch) >= 0 || (ch >= '\u2000' && ch <= '\u200A');
  }

  private static TankException invalid(String text, String reason) {
    boolean distTag = false; // a bare word such as "latest" somewhere in the text
    for (String word : jsTrim(text).split("\\|\\||" + JS_SPACE + "+")) {
      distTag |= DIST_TAG.matcher(word).matches() && !word.equalsIgnoreCase("x");
    }
    return new TankException(
        ErrorCode.INVALID_RANGE,
        "'" + text + "' is not a valid version range: " + reason,
        text,
        distTag ? DIST_TAG_HINT : HINT);
  }

  /** Internal signal for node-semver's {@code TypeError}; becomes a {@link TankException}. */
  private static final class InvalidRange extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidRange(String message) {
      super(message, null, false, false);
    }
  }
}
