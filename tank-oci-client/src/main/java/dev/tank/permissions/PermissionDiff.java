package dev.tank.permissions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * What changed between two permission sets, item by item. An item counts as added only if nothing
 * in the old set already covered it (adding {@code api.example.com} next to {@code *.example.com}
 * adds nothing), and as removed only if nothing in the new set still covers it.
 *
 * @param changes the changes in capability order, then by value
 */
public record PermissionDiff(List<Change> changes) {

  public PermissionDiff {
    changes = List.copyOf(changes);
  }

  /** How an item changed. {@code RAISED} and {@code LOWERED} are for the request rate only. */
  public enum Kind {
    ADDED,
    REMOVED,
    RAISED,
    LOWERED
  }

  /**
   * One changed item.
   *
   * @param capability which kind of permission
   * @param kind how it changed
   * @param value the item in canonical form; for a changed rate, e.g. {@code 120 (was 60)}
   * @param dangerous true if this change gives the skill new power to leak or destroy: an added
   *     host, command, secret or writable glob (see {@link Capability#dangerousWhenAdded})
   */
  public record Change(Capability capability, Kind kind, String value, boolean dangerous) {
    public Change {
      Objects.requireNonNull(capability, "capability");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
    }

    /** True for an addition or a raise: the skill can do more than before. */
    public boolean grows() {
      return kind == Kind.ADDED || kind == Kind.RAISED;
    }

    /** E.g. {@code adds network.outbound 'api.example.com' (dangerous)}. */
    public String describe() {
      String verb = switch (kind) {
        case ADDED -> "adds";
        case REMOVED -> "removes";
        case RAISED -> "raises";
        case LOWERED -> "lowers";
      };
      return verb + " " + capability.field() + " '" + value + "'" + (dangerous ? " (dangerous)" : "");
    }
  }

  /** Additions and raises. */
  public List<Change> added() {
    return changes.stream().filter(Change::grows).toList();
  }

  /** Removals and lowerings. */
  public List<Change> removed() {
    return changes.stream().filter(c -> !c.grows()).toList();
  }

  /** The dangerous changes only. */
  public List<Change> dangerous() {
    return changes.stream().filter(Change::dangerous).toList();
  }

  @JsonIgnore // not a field: Jackson would otherwise write "empty"
  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
