package dev.tank.cli;

import dev.tank.Tank;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

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

  Tank tank() {
    boolean terminal = System.console() != null && !json;
    return Tank.builder()
        .env(((Main) spec.root().userObject()).env)
        .projectDir(project)
        .registry(registry)
        .insecure(insecure)
        .listener(Output.progress(err(), terminal))
        .build();
  }
}
