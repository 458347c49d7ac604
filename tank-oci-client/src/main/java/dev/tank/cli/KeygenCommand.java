package dev.tank.cli;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.sign.CosignKeys;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
    header = "Generate a signing key pair in cosign's formats.",
    description = {
      "Writes an ECDSA P-256 key pair in cosign's formats:",
      "  PREFIX.key  ENCRYPTED SIGSTORE PRIVATE KEY (scrypt + nacl/secretbox)",
      "  PREFIX.pub  PKIX PUBLIC KEY",
      "The password comes from TANK_PASSWORD, else it is asked twice on the terminal."
    })
final class KeygenCommand extends Common implements Callable<Integer> {
  @Option(names = "--output-key-prefix", paramLabel = "PREFIX", description = "Path prefix of the files (default: cosign).")
  String prefix = "cosign";

  @Override
  public Integer call() {
    Path key = Path.of(prefix + ".key").toAbsolutePath();
    Path pub = Path.of(prefix + ".pub").toAbsolutePath();
    for (Path p : new Path[] {key, pub}) {
      if (Files.exists(p)) {
        throw new TankException(ErrorCode.VERSION_EXISTS, "file already exists", p.toString(),
            "choose another --output-key-prefix or move the old key away; Tank never overwrites keys");
      }
    }
    char[] password = password(true);
    try {
      KeyPair kp = CosignKeys.generate();
      String keyPem = CosignKeys.encryptPrivateKey(kp.getPrivate(), password);
      Files.writeString(key, keyPem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
      try {
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      Files.writeString(pub, CosignKeys.publicKeyPem(kp.getPublic()), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot write key files: " + e.getMessage(), key.toString(), null, e);
    } finally {
      Arrays.fill(password, '\0');
    }
    if (json) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("privateKey", key.toString());
      m.put("publicKey", pub.toString());
      Output.json(out(), m);
    } else {
      out().println("Private key written to " + key);
      out().println("Public key written to " + pub);
    }
    return 0;
  }
}
