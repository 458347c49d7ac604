package dev.tank.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.events.TankEvent;
import dev.tank.events.TankListener;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.TankException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Printing helpers shared by the commands. */
final class Output {
  private Output() {}

  static void json(PrintWriter out, Object value) {
    out.print(new String(Json.writePretty(value), StandardCharsets.UTF_8));
    out.flush();
  }

  static void error(Exception ex, boolean json, PrintWriter out, PrintWriter err) {
    TankException te = ex instanceof TankException t ? t
        : new TankException(ErrorCode.INTERNAL, "unexpected error: " + ex, null,
            "this is a bug in Tank; please report it with the command you ran", ex);
    if (json) {
      ObjectNode root = Json.mapper().createObjectNode();
      ObjectNode e = root.putObject("error");
      e.put("code", te.code().id());
      e.put("message", te.what());
      if (te.where() != null) {
        e.put("where", te.where());
      }
      if (te.hint() != null) {
        e.put("hint", te.hint());
      }
      json(out, root);
    }
    err.println("error " + te.code().id() + ": " + te.what());
    if (te.where() != null) {
      err.println("  at:  " + te.where());
    }
    if (te.hint() != null) {
      err.println("  fix: " + te.hint());
    }
    if (te.code() == ErrorCode.INTERNAL) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  /** Progress lines on stderr, only when attached to a terminal and not in --json mode. */
  static TankListener progress(PrintWriter err, boolean enabled) {
    if (!enabled) {
      return TankListener.NONE;
    }
    return e -> {
      if (e instanceof TankEvent.Fetching f) {
        err.println("[" + f.index() + "/" + f.total() + "] fetching " + f.skill());
      } else if (e instanceof TankEvent.Resolving r) {
        err.println("resolving " + r.roots() + " skill(s)…");
      } else if (e instanceof TankEvent.Waiting w) {
        err.println("waiting: " + w.reason());
      } else if (e instanceof TankEvent.Pushed p) {
        err.println("pushed " + p.what() + " " + p.reference());
      }
      err.flush();
    };
  }
}
