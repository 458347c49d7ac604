package dev.tank.permissions;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.TankException;
import dev.tank.permissions.Grants.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Tank's permission model: validation, normal form, union, the budget test and the diff between
 * versions. Every method is pure. See {@code docs/permissions.md} for the rules in prose.
 *
 * <p><b>Normal form.</b> The capability list is folded into the structured fields; host patterns
 * and globs are written canonically ({@link HostPattern}, {@link PathGlob}); lists are sorted and
 * de-duplicated; {@code subprocess: false}, an empty command list and empty parts are left out.
 * Normalising twice gives the same value.
 *
 * <p><b>Conservative.</b> {@link #fits} accepts a request item only when one budget item provably
 * covers it. When Tank cannot prove coverage it reports an excess rather than guess: a request
 * glob <code>**&#47;*.md</code> against budget globs {@code *.md} and <code>*&#47;**&#47;*.md</code>
 * is reported, though together they match the same files.
 */
public final class PermissionModel {
  private static final String BASE = "$.permissions";

  private PermissionModel() {}

  /**
   * Checks the syntax of every value and returns the normal form. Accepts everything a budget may
   * hold, including {@code *} and {@code network:outbound}.
   *
   * @throws TankException {@link ErrorCode#SCHEMA} naming the JSON path under {@code $.permissions}
   */
  public static Permissions normalise(Permissions p) {
    return grants(p, Role.BUDGET, BASE).toPermissions();
  }

  /**
   * Checks a skill's request and returns its normal form. Stricter than a budget: any host
   * ({@code *}, {@code network:outbound}) and wildcards over a public suffix ({@code *.com},
   * {@code *.co.uk}, {@code *.github.io}) are refused, because a skill must say where it connects.
   *
   * @param base JSON path of the permissions object for error messages, e.g. {@code $.permissions}
   * @throws TankException {@link ErrorCode#SCHEMA} for a malformed value, {@link ErrorCode#PERMISSION}
   *     for one too broad for a skill; both name the JSON path
   */
  public static Permissions forSkill(Permissions p, String base) {
    return grants(p, Role.REQUEST, base).toPermissions();
  }

  /** {@link #forSkill(Permissions, String)} with base {@code $.permissions}. */
  public static Permissions forSkill(Permissions p) {
    return forSkill(p, BASE);
  }

  /**
   * Checks a project's budget and returns its normal form. {@code *} means any host,
   * {@code subprocess: true} any command.
   *
   * @param base JSON path of the permissions object for error messages, e.g. {@code $.permissions}
   * @throws TankException {@link ErrorCode#SCHEMA} naming the JSON path
   */
  public static Permissions forBudget(Permissions p, String base) {
    return grants(p, Role.BUDGET, base).toPermissions();
  }

  /** {@link #forBudget(Permissions, String)} with base {@code $.permissions}. */
  public static Permissions forBudget(Permissions p) {
    return forBudget(p, BASE);
  }

  private static Grants grants(Permissions p, Role role, String base) {
    Objects.requireNonNull(base, "base");
    return Grants.read(p == null ? Permissions.NONE : p, role, base);
  }

  /**
   * The union, in normal form: every item of every set; {@code subprocess: true} wins over lists;
   * the highest request rate wins.
   *
   * @throws TankException {@link ErrorCode#SCHEMA} if one of them is malformed
   */
  public static Permissions union(Collection<Permissions> sets) {
    Permissions all = Permissions.NONE;
    for (Permissions p : sets) {
      all = all.union(normalise(p));
    }
    return normalise(all);
  }

  /**
   * What {@code request} asks for beyond {@code budget}; empty if it fits. Each host pattern,
   * glob, command and secret of the request must be covered by one item of the budget, and its
   * request rate must not exceed the budget's (a rate left out of the request asks for none; left
   * out of the budget it caps nothing). Write does not imply read. The excesses have no skill.
   *
   * <p>Both sides are checked for syntax only: call {@link #forSkill} first to refuse requests too
   * broad for a skill ({@link BudgetCheck} does).
   *
   * @throws TankException {@link ErrorCode#SCHEMA} if either is malformed
   */
  public static List<Excess> fits(Permissions request, Permissions budget) {
    return fits(grants(request, Role.BUDGET, BASE), grants(budget, Role.BUDGET, BASE));
  }

  static List<Excess> fits(Grants r, Grants b) {
    List<Excess> out = new ArrayList<>();
    for (HostPattern h : r.hosts()) {
      if (!b.coversHost(h)) {
        out.add(new Excess(null, Capability.NETWORK_OUTBOUND, h.toString(),
            b.hosts().isEmpty() ? "the budget allows no outbound network"
                : "not covered by the budget's network.outbound " + listed(b.hosts())));
      }
    }
    if (r.rate() != null && b.rate() != null && r.rate() > b.rate()) {
      out.add(new Excess(null, Capability.NETWORK_RATE, String.valueOf(r.rate()),
          "above the budget's " + b.rate() + " requests per minute"));
    }
    globExcess(r.read(), b.read(), Capability.FILESYSTEM_READ, "reads", out);
    globExcess(r.write(), b.write(), Capability.FILESYSTEM_WRITE, "writes", out);
    for (String c : r.commandItems()) {
      if (!b.coversCommand(c)) {
        String why = b.commands().isEmpty() ? "the budget allows no subprocesses"
            : "the budget allows only the commands " + listed(b.commands());
        out.add(new Excess(null, Capability.SUBPROCESS, c, c.equals(Grants.ANY_COMMAND) ? "any command: " + why : why));
      }
    }
    for (String s : r.secrets()) {
      if (!b.secrets().contains(s)) {
        out.add(new Excess(null, Capability.SECRETS, s,
            b.secrets().isEmpty() ? "the budget allows no secrets"
                : "not among the budget's secrets.required " + listed(b.secrets())));
      }
    }
    return out;
  }

  private static void globExcess(List<PathGlob> r, List<PathGlob> b, Capability cap, String verb, List<Excess> out) {
    for (PathGlob g : r) {
      if (!Grants.coversGlob(b, g)) {
        out.add(new Excess(null, cap, g.toString(),
            b.isEmpty() ? "the budget allows no file " + verb
                : "no glob in the budget's " + cap.field() + " " + listed(b) + " is known to cover it"));
      }
    }
  }

  /** {@code [a, b, c]}, at most five items shown. */
  static String listed(List<?> items) {
    List<String> shown = new ArrayList<>();
    for (Object o : items) {
      if (shown.size() == 5) {
        shown.add("... " + (items.size() - 5) + " more");
        break;
      }
      shown.add(o.toString());
    }
    return shown.toString();
  }

  /**
   * What changed from {@code before} to {@code after} (see {@link PermissionDiff} for when an item
   * counts as added or removed, and {@link Capability#dangerousWhenAdded} for danger).
   *
   * @throws TankException {@link ErrorCode#SCHEMA} if either is malformed
   */
  public static PermissionDiff diff(Permissions before, Permissions after) {
    Grants o = grants(before, Role.BUDGET, BASE);
    Grants n = grants(after, Role.BUDGET, BASE);
    List<PermissionDiff.Change> out = new ArrayList<>();
    for (HostPattern h : n.hosts()) {
      if (!o.coversHost(h)) {
        out.add(change(Capability.NETWORK_OUTBOUND, PermissionDiff.Kind.ADDED, h.toString()));
      }
    }
    for (HostPattern h : o.hosts()) {
      if (!n.coversHost(h)) {
        out.add(change(Capability.NETWORK_OUTBOUND, PermissionDiff.Kind.REMOVED, h.toString()));
      }
    }
    rateChange(o.rate(), n.rate(), out);
    globChanges(o.read(), n.read(), Capability.FILESYSTEM_READ, out);
    globChanges(o.write(), n.write(), Capability.FILESYSTEM_WRITE, out);
    for (String c : n.commandItems()) {
      if (!o.coversCommand(c)) {
        out.add(change(Capability.SUBPROCESS, PermissionDiff.Kind.ADDED, c));
      }
    }
    for (String c : o.commandItems()) {
      if (!n.coversCommand(c)) {
        out.add(change(Capability.SUBPROCESS, PermissionDiff.Kind.REMOVED, c));
      }
    }
    setChanges(o.secrets(), n.secrets(), Capability.SECRETS, out);
    return new PermissionDiff(out);
  }

  private static void rateChange(Integer o, Integer n, List<PermissionDiff.Change> out) {
    if (Objects.equals(o, n)) {
      return;
    }
    if (o == null) {
      out.add(change(Capability.NETWORK_RATE, PermissionDiff.Kind.ADDED, String.valueOf(n)));
    } else if (n == null) {
      out.add(change(Capability.NETWORK_RATE, PermissionDiff.Kind.REMOVED, String.valueOf(o)));
    } else {
      out.add(change(Capability.NETWORK_RATE, n > o ? PermissionDiff.Kind.RAISED : PermissionDiff.Kind.LOWERED,
          n + " (was " + o + ")"));
    }
  }

  private static void globChanges(List<PathGlob> o, List<PathGlob> n, Capability cap, List<PermissionDiff.Change> out) {
    for (PathGlob g : n) {
      if (!Grants.coversGlob(o, g)) {
        out.add(change(cap, PermissionDiff.Kind.ADDED, g.toString()));
      }
    }
    for (PathGlob g : o) {
      if (!Grants.coversGlob(n, g)) {
        out.add(change(cap, PermissionDiff.Kind.REMOVED, g.toString()));
      }
    }
  }

  private static void setChanges(List<String> o, List<String> n, Capability cap, List<PermissionDiff.Change> out) {
    new TreeSet<>(n).stream().filter(s -> !o.contains(s))
        .forEach(s -> out.add(change(cap, PermissionDiff.Kind.ADDED, s)));
    new TreeSet<>(o).stream().filter(s -> !n.contains(s))
        .forEach(s -> out.add(change(cap, PermissionDiff.Kind.REMOVED, s)));
  }

  private static PermissionDiff.Change change(Capability cap, PermissionDiff.Kind kind, String value) {
    boolean grows = kind == PermissionDiff.Kind.ADDED || kind == PermissionDiff.Kind.RAISED;
    return new PermissionDiff.Change(cap, kind, value, grows && cap.dangerousWhenAdded());
  }

  /** Items per capability, in canonical form ({@code *} for any command); only non-empty ones. */
  static Map<Capability, List<String>> items(Grants g) {
    Map<Capability, List<String>> out = new LinkedHashMap<>();
    put(out, Capability.NETWORK_OUTBOUND, g.hosts().stream().map(HostPattern::toString).toList());
    put(out, Capability.NETWORK_RATE, g.rate() == null ? List.of() : List.of(String.valueOf(g.rate())));
    put(out, Capability.FILESYSTEM_READ, g.read().stream().map(PathGlob::toString).toList());
    put(out, Capability.FILESYSTEM_WRITE, g.write().stream().map(PathGlob::toString).toList());
    put(out, Capability.SUBPROCESS, g.commandItems());
    put(out, Capability.SECRETS, g.secrets());
    return out;
  }

  private static void put(Map<Capability, List<String>> out, Capability c, List<String> items) {
    if (!items.isEmpty()) {
      out.put(c, items);
    }
  }
}
