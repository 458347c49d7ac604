package dev.tank.permissions;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code network.outbound}: a host, a wildcard over subdomains, an IP literal or any
 * host, with an optional port.
 *
 * <ul>
 *   <li>{@code api.example.com} matches that name only.
 *   <li>{@code *.example.com} matches every strict subdomain ({@code a.example.com},
 *       {@code a.b.example.com}), never {@code example.com} itself, {@code evilexample.com} or
 *       {@code example.com.evil.net}. The {@code *} must be the whole first label.
 *   <li>{@code 10.0.0.1}, {@code [::1]} (brackets optional without a port) match that address
 *       exactly; an IPv4-mapped IPv6 address is the same as its IPv4 form.
 *   <li>{@code *} matches any host.
 *   <li>{@code :443} after any of them restricts the port; without a port every port matches.
 * </ul>
 *
 * <p>Names are compared in lower case without a trailing dot. International names must be written
 * in punycode ({@code xn--...}); Tank does not convert Unicode names, so a look-alike cannot slip
 * through a conversion. Whether {@code *} and wildcards over a public suffix are allowed depends on
 * where the pattern is written (see {@link PermissionModel#forSkill}).
 */
public final class HostPattern {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final int MAX_NAME = 253;

  /** What kind of host a pattern names. */
  public enum Kind {
    /** One host name. */
    NAME,
    /** Every strict subdomain of {@link #host()}. */
    SUBDOMAINS,
    /** One IPv4 or IPv6 address. */
    ADDRESS,
    /** Any host. */
    ANY
  }

  private final Kind kind;
  private final String host;
  private final Integer port;

  private HostPattern(Kind kind, String host, Integer port) {
    this.kind = kind;
    this.host = host;
    this.port = port;
  }

  /**
   * Parses and normalises a pattern.
   *
   * @throws TankException {@link ErrorCode#SCHEMA} without a place (the caller knows the JSON path)
   */
  public static HostPattern parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw bad(text, "is empty", "write a host such as api.example.com");
    }
    if (text.contains("://") || text.indexOf('/') >= 0 || text.indexOf('@') >= 0 || text.indexOf('?') >= 0) {
      throw bad(text, "is a URL, not a host", "write the host only, e.g. api.example.com or api.example.com:443");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7e) {
        throw bad(text, "contains non-ASCII characters",
            "write international names in punycode (xn--...), e.g. as your browser's address bar shows them");
      }
      if (c <= ' ') {
        throw bad(text, "contains white space or control characters", "write the host alone");
      }
    }
    String s = text.toLowerCase(Locale.ROOT);
    String hostPart = s;
    Integer port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw bad(text, "has '[' without ']'", "write an IPv6 address as [::1] or [::1]:443");
      }
      hostPart = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw bad(text, "has text after ']' that is not a port", "write [::1]:443");
        }
        port = port(text, rest.substring(1));
      }
      byte[] v6 = IpAddresses.parseV6(hostPart);
      if (v6 == null) {
        throw bad(text, "is not a valid IPv6 address", "e.g. [2001:db8::1] or [::1]:8080");
      }
      return new HostPattern(Kind.ADDRESS, IpAddresses.format(v6), port);
    }
    int colons = s.length() - s.replace(":", "").length();
    if (colons > 1) {
      byte[] v6 = IpAddresses.parseV6(s);
      if (v6 == null) {
        throw bad(text, "is not a valid IPv6 address", "put IPv6 addresses in brackets: [2001:db8::1]:443");
      }
      return new HostPattern(Kind.ADDRESS, IpAddresses.format(v6), null);
    }
    if (colons == 1) {
      int colon = s.indexOf(':');
      hostPart = s.substring(0, colon);
      port = port(text, s.substring(colon + 1));
    }
    if (hostPart.equals("*")) {
      return new HostPattern(Kind.ANY, "*", port);
    }
    if (hostPart.endsWith(".")) {
      hostPart = hostPart.substring(0, hostPart.length() - 1); // the root label: "example.com." is example.com
    }
    boolean wildcard = hostPart.startsWith("*.");
    String name = wildcard ? hostPart.substring(2) : hostPart;
    if (name.indexOf('*') >= 0) {
      throw bad(text, "has '*' in a place other than the whole first label",
          "use '*.example.com' for subdomains, or list the hosts one by one");
    }
    if (name.isEmpty()) {
      throw bad(text, "names no host", "write a host such as api.example.com");
    }
    String[] labels = name.split("\\.", -1);
    if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
      // A name whose last label is a number is an IPv4 address (as in URLs), or nothing.
      byte[] v4 = IpAddresses.parseV4(name);
      if (v4 == null) {
        throw bad(text, "is not a valid IPv4 address",
            "write four decimal numbers 0-255 without leading zeros, e.g. 10.0.0.1");
      }
      if (wildcard) {
        throw bad(text, "puts a wildcard in front of an IP address", "list the address itself");
      }
      return new HostPattern(Kind.ADDRESS, IpAddresses.format(v4), port);
    }
    if (name.length() > MAX_NAME) {
      throw bad(text, "is longer than " + MAX_NAME + " characters", "check the host name");
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw bad(text, "has an invalid label '" + label + "'",
            "labels are 1-63 characters of a-z, 0-9 and inner '-', separated by single dots");
      }
    }
    return new HostPattern(wildcard ? Kind.SUBDOMAINS : Kind.NAME, name, port);
  }

  private static Integer port(String text, String digits) {
    if (!DIGITS.matcher(digits).matches() || digits.length() > 5 || digits.startsWith("0")) {
      throw bad(text, "has an invalid port '" + digits + "'", "a port is a number from 1 to 65535");
    }
    int p = Integer.parseInt(digits);
    if (p > 65535) {
      throw bad(text, "has an invalid port '" + digits + "'", "a port is a number from 1 to 65535");
    }
    return p;
  }

  private static TankException bad(String text, String what, String hint) {
    return new TankException(ErrorCode.SCHEMA, "host pattern '" + text + "' " + what, null, hint);
  }

  public Kind kind() {
    return kind;
  }

  /** The normalised host: a name, the suffix of a wildcard, an address (IPv6 without brackets) or {@code *}. */
  public String host() {
    return host;
  }

  /** The port, or null for any port. */
  public Integer port() {
    return port;
  }

  /** True for {@code *}: any host. */
  public boolean isAnyHost() {
    return kind == Kind.ANY;
  }

  /** True for a wildcard over a public suffix, such as {@code *.com} or {@code *.co.uk}. */
  public boolean isPublicSuffixWildcard() {
    return kind == Kind.SUBDOMAINS && PublicSuffixes.isPublicSuffix(host);
  }

  /**
   * True if a connection to {@code host} on {@code port} is allowed by this pattern. {@code host} is
   * normalised like a pattern (case, trailing dot, IP forms); anything that is not a valid host
   * matches nothing.
   */
  public boolean matches(String host, int port) {
    HostPattern target;
    try {
      target = parse(host);
    } catch (TankException e) {
      return false;
    }
    if (target.port != null || target.kind == Kind.ANY || target.kind == Kind.SUBDOMAINS) {
      return false; // a concrete host, not a pattern
    }
    return covers(new HostPattern(target.kind, target.host, port));
  }

  /**
   * True if every connection {@code other} allows is also allowed by this pattern: the proof
   * behind budget checks. {@code api.example.com} and {@code *.a.example.com} are covered by
   * {@code *.example.com}; a pattern without a port is covered only by one without a port.
   */
  public boolean covers(HostPattern other) {
    if (port != null && !port.equals(other.port)) {
      return false;
    }
    return switch (kind) {
      case ANY -> true;
      case NAME, ADDRESS -> other.kind == kind && other.host.equals(host);
      case SUBDOMAINS -> (other.kind == Kind.NAME || other.kind == Kind.SUBDOMAINS)
          && (other.host.endsWith("." + host) || (other.kind == Kind.SUBDOMAINS && other.host.equals(host)));
    };
  }

  /** The canonical text: {@code *.example.com:443}, {@code [::1]}, {@code 10.0.0.1}. */
  @Override
  public String toString() {
    String h = switch (kind) {
      case SUBDOMAINS -> "*." + host;
      case ADDRESS -> host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      default -> host;
    };
    return port == null ? h : h + ":" + port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostPattern p && p.kind == kind && p.host.equals(host) && Objects.equals(p.port, port);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, host, port);
  }
}
