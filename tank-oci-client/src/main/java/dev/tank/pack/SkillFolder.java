package dev.tank.pack;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Frontmatter;
import dev.tank.mediatypes.SkillMd;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A validated skill folder: its frontmatter, its {@code skills.json} and the files to pack.
 *
 * <p>Validation follows the Agent Skills specification and Tank's packing rules: {@code SKILL.md}
 * must exist with valid frontmatter whose {@code name} equals the folder name; {@code skills.json},
 * when present, must name the same skill; only regular files are packed (a symlink is an error,
 * not silently followed); file names must not collide by case or Unicode normalisation, since the
 * archive must extract identically on every file system.
 */
public record SkillFolder(Path dir, Frontmatter frontmatter, SkillsJson skillsJson, List<SourceFile> files) {

  /** Folders and files never packed: VCS metadata, Tank state, OS litter. */
  static final Set<String> IGNORED = Set.of(".git", ".hg", ".svn", ".tank", ".DS_Store", "Thumbs.db");

  public static final int MAX_FILES = 10_000;
  public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  /** One file to pack: path relative to the folder with {@code /} separators. */
  public record SourceFile(String path, Path absolute, long size, boolean executable) {}

  /** Loads and validates {@code dir}. Throws {@link TankException} naming the file and field. */
  public static SkillFolder load(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new TankException(
          ErrorCode.MISSING_FILE, "skill folder not found", abs.toString(), "pass the folder that holds SKILL.md");
    }
    Path skillMd = abs.resolve(SkillMd.FILE_NAME);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(skillMd)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new TankException(
          ErrorCode.SKILL_INVALID, "SKILL.md is missing", skillMd.toString(),
          "every skill folder needs a SKILL.md with 'name' and 'description' frontmatter", e);
    } catch (CharacterCodingException e) {
      throw new TankException(ErrorCode.SKILL_INVALID, "SKILL.md is not valid UTF-8", skillMd.toString(), "save it as UTF-8", e);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read SKILL.md: " + e.getMessage(), skillMd.toString(), null, e);
    }
    Frontmatter fm = SkillMd.parse(text, skillMd.toString());
    String folderName = abs.getFileName() == null ? "" : abs.getFileName().toString();
    if (!fm.name().equals(folderName)) {
      throw new TankException(
          ErrorCode.SKILL_INVALID,
          "frontmatter name '" + fm.name() + "' differs from the folder name '" + folderName + "'",
          skillMd + " frontmatter.name",
          "rename the folder to '" + fm.name() + "' or change 'name:' to '" + folderName + "'");
    }
    SkillsJson sj = null;
    Path sjPath = abs.resolve(SkillsJson.FILE_NAME);
    if (Files.exists(sjPath)) {
      sj = SkillsJson.read(sjPath);
      if (sj.name() != null && !SkillName.parse(sj.name()).name().equals(fm.name())) {
        throw new TankException(
            ErrorCode.SKILL_INVALID,
            "skills.json name '" + sj.name() + "' does not end in the SKILL.md name '" + fm.name() + "'",
            sjPath + " at $.name",
            "use \"@<org>/" + fm.name() + "\"");
      }
    }
    return new SkillFolder(abs, fm, sj, collect(abs));
  }

  /** The registry name of this skill: {@code skills.json} name, else the unscoped frontmatter name. */
  public SkillName skillName() {
    return skillsJson != null && skillsJson.name() != null ? SkillName.parse(skillsJson.name()) : new SkillName(null, frontmatter.name());
  }

  /** The bytes of every file packing takes ({@link #files()}), by package path, in package order. */
  public Map<String, byte[]> readAll() {
    Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    for (SourceFile f : files) {
      try {
        out.put(f.path(), Files.readAllBytes(f.absolute()));
      } catch (IOException e) {
        throw new TankException(ErrorCode.IO, "cannot read file: " + e.getMessage(), f.absolute().toString(), null, e);
      }
    }
    return out;
  }

  /** The version to publish; publishing needs one in {@code skills.json}. */
  public String version() {
    if (skillsJson == null || skillsJson.version() == null) {
      throw new TankException(
          ErrorCode.SKILL_INVALID,
          "no version to publish",
          dir.resolve(SkillsJson.FILE_NAME) + " at $.version",
          "add a skills.json beside SKILL.md with \"name\": \"@org/" + frontmatter.name() + "\" and \"version\": \"1.0.0\"");
    }
    return skillsJson.version();
  }

  private static List<SourceFile> collect(Path root) {
    List<SourceFile> out = new ArrayList<>();
    Map<String, String> folded = new HashMap<>();
    long[] total = {0};
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (!d.equals(root) && IGNORED.contains(d.getFileName().toString())) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (!d.equals(root)) {
            checkName(root, d, folded);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          if (IGNORED.contains(f.getFileName().toString())) {
            return FileVisitResult.CONTINUE;
          }
          String rel = checkName(root, f, folded);
          if (attrs.isSymbolicLink()) {
            throw new TankException(
                ErrorCode.SKILL_INVALID, "symbolic links are not packed", f.toString(),
                "replace the link with the file it points to");
          }
          if (!attrs.isRegularFile()) {
            throw new TankException(
                ErrorCode.SKILL_INVALID, "only regular files can be packed", f.toString(), "remove it from the folder");
          }
          if (out.size() >= MAX_FILES) {
            throw new TankException(
                ErrorCode.TOO_LARGE, "skill has more than " + MAX_FILES + " files", root.toString(),
                "remove generated or vendored files");
          }
          total[0] += attrs.size();
          if (total[0] > MAX_TOTAL_BYTES) {
            throw new TankException(
                ErrorCode.TOO_LARGE, "skill is larger than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB", root.toString(),
                "remove large assets");
          }
          boolean exec = Files.isExecutable(f);
          out.add(new SourceFile(rel, f, attrs.size(), exec));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read skill folder: " + e.getMessage(), root.toString(), null, e);
    }
    out.sort((a, b) -> compareUtf8(a.path(), b.path()));
    return List.copyOf(out);
  }

  private static String checkName(Path root, Path p, Map<String, String> folded) {
    String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    for (int i = 0; i < rel.length(); i++) {
      char c = rel.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
        throw new TankException(
            ErrorCode.SKILL_INVALID, "file name holds a control character, backslash or colon", p.toString(),
            "rename the file; such names do not extract the same on every system");
      }
    }
    if (!Normalizer.isNormalized(rel, Normalizer.Form.NFC)) {
      throw new TankException(
          ErrorCode.SKILL_INVALID, "file name is not in Unicode NFC form", p.toString(),
          "rename the file (macOS may store decomposed names; re-type the name)");
    }
    String key = rel.toLowerCase(Locale.ROOT);
    String prev = folded.putIfAbsent(key, rel);
    if (prev != null && !prev.equals(rel)) {
      throw new TankException(
          ErrorCode.SKILL_INVALID, "'" + rel + "' and '" + prev + "' differ only in letter case", p.toString(),
          "rename one of them; they would collide on case-insensitive file systems");
    }
    // Kinds are checked by the caller from the walk's attributes (links are never followed there).
    return rel;
  }

  /** Orders paths by their UTF-8 bytes, the order every tar tool and language agrees on. */
  static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
