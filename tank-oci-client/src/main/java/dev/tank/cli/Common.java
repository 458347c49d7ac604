package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.sign.CosignKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Options every command takes. */
class Common {
  @Option(names = "--registry", paramLabel = "REF",
      description = "Registry: https://host[:port]/prefix, http://127.0.0.1:PORT/prefix or oci-layout:PATH "
          + "(default: TANK_REGISTRY, then skills.json registries).")
  String registry;

  @Option(names = "--insecure", description = "Allow plain HTTP to a registry that is not on loopback.")
  boolean insecure;

  @Option(names = {"-C", "--project"}, paramLabel = "DIR", description = "Project folder (default: current folder).")
  Path project = Path.of("");

  @Option(names = "--json", description = "Machine-readable JSON on stdout.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  java.util.Map<String, String> env() {
    return ((Main) spec.root().userObject()).env;
  }

  /** The signing-key password: TANK_PASSWORD, else asked on the terminal ({@code confirm}: twice). */
  char[] password(boolean confirm) {
    String env = env().get("TANK_PASSWORD");
    if (env != null) {
      return env.toCharArray();
    }
    java.io.Console console = terminal();
    if (console == null) {
      throw new TankException(ErrorCode.USAGE, "no password: set TANK_PASSWORD or run on a terminal", null,
          "e.g. TANK_PASSWORD=... tank " + spec.name());
    }
    char[] a = console.readPassword("Enter password for private key: ");
    if (!confirm) {
      return a == null ? new char[0] : a;
    }
    char[] b = console.readPassword("Enter password for private key again: ");
    if (a == null || b == null || !java.util.Arrays.equals(a, b)) {
      throw new TankException(ErrorCode.USAGE, "passwords do not match", null, "run the command again");
    }
    return a;
  }

  /** A cosign-format encrypted private key from {@code file}, decrypted with {@link #password}. */
  java.security.PrivateKey privateKey(Path file) {
    Path f = file.toAbsolutePath();
    String pem;
    try {
      pem = java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new TankException(ErrorCode.KEY, "cannot read the private key: " + e.getMessage(), f.toString(),
          "pass the .key file 'tank keygen' (or 'cosign generate-key-pair') wrote", e);
    }
    char[] pw = password(false);
    try {
      return CosignKeys.decryptPrivateKey(pem, pw, f.toString());
    } finally {
      java.util.Arrays.fill(pw, '\0');
    }
  }

  /**
   * The console when standard input and output are a terminal, else null. JDK 22 to 24 return a
   * console for redirected streams too; {@code isTerminal()} (JDK 22+) tells them apart.
   */
  static java.io.Console terminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return null;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console) ? console : null;
    } catch (NoSuchMethodException e) {
      return console; // JDK 17 to 21: a console is a terminal
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  Tank tank() {
    java.io.Console console = json ? null : terminal();
    boolean terminal = console != null;
    return Tank.builder()
        .env(env())
        .projectDir(project)
        .registry(registry)
        .insecure(insecure)
        .listener(Output.progress(err(), terminal))
        .confirm(terminal ? question -> {
          String answer = console.readLine("%s [y/N] ", question);
          return answer != null && answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y");
        } : null)
        .build();
  }
}
