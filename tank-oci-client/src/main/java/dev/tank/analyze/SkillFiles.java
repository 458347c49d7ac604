package dev.tank.analyze;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.SkillMd;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A skill folder read for analysis: the same files packing takes (regular files; VCS folders,
 * {@code .tank} and OS litter skipped; symbolic links refused, never followed; the same size and
 * count limits) and the declared permissions from the {@code skills.json} beside {@code SKILL.md}.
 *
 * <p>The pack package's {@code SkillFolder} does the full validation for publishing; the package graph
 * keeps {@code analyze} independent of {@code pack}, so this reader repeats only the walk. It does
 * not judge the frontmatter: a folder with a bad {@code SKILL.md} can still be audited.
 */
record SkillFiles(String name, Map<String, byte[]> files, Permissions declared) {
  /** The same names SkillFolder leaves out of a package. */
  private static final Set<String> IGNORED = Set.of(".git", ".hg", ".svn", ".tank", ".DS_Store", "Thumbs.db");
  static final int MAX_FILES = 10_000;
  static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  static SkillFiles load(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new TankException(ErrorCode.MISSING_FILE, "skill folder not found", root.toString(),
          "pass the folder that holds SKILL.md");
    }
    if (!Files.isRegularFile(root.resolve(SkillMd.FILE_NAME))) {
      throw new TankException(ErrorCode.SKILL_INVALID, "SKILL.md is missing", root.resolve(SkillMd.FILE_NAME).toString(),
          "every skill folder needs a SKILL.md");
    }
    Permissions declared = Permissions.NONE;
    String folderName = root.getFileName() == null ? "" : root.getFileName().toString();
    String name = folderName;
    Path sj = root.resolve(SkillsJson.FILE_NAME);
    if (Files.exists(sj)) {
      SkillsJson json = SkillsJson.read(sj);
      declared = json.permissionsOrNone();
      if (json.name() != null) {
        name = json.name();
      }
    }
    Map<String, byte[]> files = new TreeMap<>();
    long[] total = {0};
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          return !d.equals(root) && IGNORED.contains(d.getFileName().toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          if (IGNORED.contains(f.getFileName().toString())) {
            return FileVisitResult.CONTINUE;
          }
          if (!attrs.isRegularFile() || attrs.isSymbolicLink()) {
            throw new TankException(ErrorCode.SKILL_INVALID, "only regular files can be analysed (links are not followed)",
                f.toString(), "replace the link with the file it points to, or remove it");
          }
          if (files.size() >= MAX_FILES) {
            throw new TankException(ErrorCode.TOO_LARGE, "skill has more than " + MAX_FILES + " files", root.toString(),
                "remove generated or vendored files");
          }
          total[0] += attrs.size();
          if (total[0] > MAX_TOTAL_BYTES) {
            throw new TankException(ErrorCode.TOO_LARGE,
                "skill is larger than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB", root.toString(), "remove large assets");
          }
          String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
          files.put(rel, Files.readAllBytes(f));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read skill folder: " + e.getMessage(), root.toString(), null, e);
    }
    return new SkillFiles(name, files, declared);
  }
}
