package dev.tank.cli;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the {@code tank} command. */
@Command(
    name = "tank",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Security-first package manager for AI agent skills, stored as OCI artifacts.",
    footer = {
      "",
      "Registries: https://host[:port]/prefix, http://127.0.0.1:PORT/prefix",
      "  (loopback only), oci-layout:PATH.",
      "Environment:",
      "  TANK_REGISTRY, TANK_REGISTRY_TOKEN, TANK_REGISTRY_USERNAME/PASSWORD,",
      "  TANK_CACHE, TANK_PASSWORD, TANK_ADVISORIES, CI,",
      "  TANK_READ_TIMEOUT  seconds a registry may send nothing (default 30)",
      "  TANK_CA_FILE       PEM file of extra certificate authorities for HTTPS",
      "  TANK_LINK_MODE=copy, TANK_IMPORT=extract",
      "Exit codes: 0 ok, 1 failed check, 2 usage error."
    })
public final class Main implements Runnable {
  /**
   * The subcommands, in the order help lists them. They are not in the {@code @Command} annotation:
   * picocli builds the model of every listed subcommand by reflection before parsing, which costs
   * more than the JVM's own start, so {@link #commandLine} adds only the one the arguments name.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      InitCommand.class,
      PublishCommand.class,
      InstallCommand.class,
      UpdateCommand.class,
      RemoveCommand.class,
      ListCommand.class,
      InfoCommand.class,
      KeygenCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      PermissionsCommand.class,
      DiffCommand.class,
      AuditCommand.class,
      ReviewCommand.class,
      CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment commands read ({@code TANK_*}, {@code CI}, {@code DOCKER_CONFIG}, ...). */
  final Map<String, String> env;

  Main(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    // The version alone needs no parsing: answer before picocli loads (a third of start-up).
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      System.out.println(version());
      return;
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** {@code tank <version>}. */
  static String version() {
    return "tank " + versionNumber();
  }

  /** The version from the jar manifest (a build from classes says 0.1.0-SNAPSHOT). */
  static String versionNumber() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** Runs the CLI with the given streams; returns the exit code. Used by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /** Runs the CLI with the given streams and environment; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cl = commandLine(args, env);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(t -> t instanceof TankException te ? te.code().exitCode() : 1);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean json = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--json");
      Output.error(ex, json, commandLine.getOut(), commandLine.getErr());
      return ex instanceof TankException te ? te.code().exitCode() : ErrorCode.INTERNAL.exitCode();
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine where = ex.getCommandLine();
      PrintWriter e = where.getErr();
      e.println("error " + ErrorCode.USAGE.id() + ": " + ex.getMessage());
      if (a.length == 0) {
        where.usage(e);
      }
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
      e.println("  see: " + where.getCommandName() + " --help");
      return ErrorCode.USAGE.exitCode();
    });
    return cl.execute(args);
  }

  /**
   * The command line for {@code args}: with only the subcommand the first argument names, or with
   * all of them when the arguments need the whole list (no command, top-level help, the
   * {@code help} command, an unknown word that picocli should answer with suggestions).
   */
  static CommandLine commandLine(String[] args, Map<String, String> env) {
    CommandLine cl = new CommandLine(new Main(env));
    String word = args.length == 0 ? "" : null;
    for (String a : args) {
      if (!a.equals("-V") && !a.equals("--version")) {
        word = a.startsWith("-") ? "" : a;
        break;
      }
    }
    if (word == null) {
      return cl;
    }
    for (Class<?> c : SUBCOMMANDS) {
      if (names(c).contains(word) && !word.equals("help")) {
        cl.addSubcommand(c);
        return cl;
      }
    }
    for (Class<?> c : SUBCOMMANDS) {
      cl.addSubcommand(c);
    }
    return cl;
  }

  /** The name and aliases a subcommand class declares. */
  static List<String> names(Class<?> command) {
    Command c = command.getAnnotation(Command.class);
    List<String> names = new ArrayList<>(List.of(c.aliases()));
    names.add(0, c.name());
    return names;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }
  }
}
