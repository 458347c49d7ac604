package dev.tank.permissions;

/**
 * Strict parsing and canonical text of IP literals, without {@link java.net.InetAddress} (which
 * accepts octal, hexadecimal and shortened IPv4 forms and may consult the resolver).
 */
final class IpAddresses {
  private IpAddresses() {}

  /** Four decimal numbers 0-255 without leading zeros, or null. */
  static byte[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      boolean digits = p.chars().allMatch(c -> c >= '0' && c <= '9');
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !digits) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /** An IPv6 address (RFC 4291 text forms, an IPv4 tail allowed, no zone), or null. */
  static byte[] parseV6(String s) {
    if (s.isEmpty() || s.indexOf('%') >= 0) {
      return null;
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null; // "::" at most once
    }
    String head = gap >= 0 ? s.substring(0, gap) : s;
    String tail = gap >= 0 ? s.substring(gap + 2) : "";
    int[] h = groups(head, gap < 0);
    int[] t = gap >= 0 ? groups(tail, true) : new int[0];
    if (h == null || t == null) {
      return null;
    }
    int total = h.length + t.length;
    if (gap < 0 ? total != 8 : total > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < h.length; i++) {
      put(out, i, h[i]);
    }
    for (int i = 0; i < t.length; i++) {
      put(out, 8 - t.length + i, t[i]);
    }
    return out;
  }

  /**
   * The 16-bit groups of one side of "::"; an IPv4 tail counts as two groups and is allowed only
   * where {@code mayEndInV4} (at the end of the address).
   */
  private static int[] groups(String side, boolean mayEndInV4) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    int n = parts.length;
    boolean v4 = mayEndInV4 && parts[n - 1].indexOf('.') >= 0;
    int[] out = new int[v4 ? n + 1 : n];
    for (int i = 0; i < (v4 ? n - 1 : n); i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (char c : p.toCharArray()) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) {
          return null; // lower case only: callers lower-case first
        }
        v = v * 16 + d;
      }
      out[i] = v;
    }
    if (v4) {
      byte[] b = parseV4(parts[n - 1]);
      if (b == null) {
        return null;
      }
      out[n - 1] = (b[0] & 0xff) << 8 | (b[1] & 0xff);
      out[n] = (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }
    return out;
  }

  private static void put(byte[] out, int group, int value) {
    out[2 * group] = (byte) (value >> 8);
    out[2 * group + 1] = (byte) value;
  }

  /**
   * Canonical text: dotted decimal for IPv4 and for IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d} is the
   * same host); RFC 5952 for other IPv6 (lower-case hex, no leading zeros, the longest run of two or
   * more zero groups written as "::", the first one on a tie).
   */
  static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= a[i] == 0;
    }
    if (mapped && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
      return format(new byte[] {a[12], a[13], a[14], a[15]});
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
