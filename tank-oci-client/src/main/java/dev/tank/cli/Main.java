package dev.tank.cli;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the {@code tank} command. */
@Command(
    name = "tank",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Security-first package manager for AI agent skills, stored as OCI artifacts.",
    subcommands = {
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
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Registries: https://host[:port]/prefix, http://127.0.0.1:PORT/prefix (loopback), oci-layout:PATH.",
      "Environment: TANK_REGISTRY, TANK_REGISTRY_TOKEN, TANK_REGISTRY_USERNAME/PASSWORD, TANK_CACHE, TANK_PASSWORD,",
      "  TANK_READ_TIMEOUT (seconds a download may stall, default 30), TANK_ADVISORIES, TANK_LINK_MODE=copy, CI.",
      "Exit codes: 0 ok, 1 failed check, 2 usage error."
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment commands read ({@code TANK_*}, {@code CI}, {@code DOCKER_CONFIG}, ...). */
  final java.util.Map<String, String> env;

  Main(java.util.Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams; returns the exit code. Used by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /** Runs the CLI with the given streams and environment; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
    CommandLine cl = new CommandLine(new Main(env));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(t -> t instanceof TankException te ? te.code().exitCode() : 1);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean json = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--json");
      Output.error(ex, json, commandLine.getOut(), commandLine.getErr());
      return ex instanceof TankException te ? te.code().exitCode() : ErrorCode.INTERNAL.exitCode();
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error " + ErrorCode.USAGE.id() + ": " + ex.getMessage());
      ex.getCommandLine().getErr().println("  see: " + ex.getCommandLine().getCommandName() + " --help");
      return ErrorCode.USAGE.exitCode();
    });
    return cl.execute(args);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"tank " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
