package dev.tank.cli;

import dev.tank.Tank;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true, header = "Create a skills.json in the project folder.")
final class InitCommand extends Common implements Callable<Integer> {
  @Option(names = "--name", description = "Project name (a skill-style name, optional).")
  String name;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Path f = tank.init(name);
      if (json) {
        Output.json(out(), java.util.Map.of("created", f.toString()));
      } else {
        out().println("created " + f);
      }
      return 0;
    }
  }
}
