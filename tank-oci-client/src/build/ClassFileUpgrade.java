import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of tank-oci-client, not part of Tank: rewrites the Java 5 (or older) class files of
 * the jars named as arguments as Java 8 class files, with the stack map frames that version needs,
 * in place. Everything else in the jar is copied byte for byte.
 *
 * <p>Why: the JDK's class-data-sharing archives and AOT caches (what {@code bin/tank} records on
 * JDK 25) cannot hold a class file older than version 50, and picocli 4.7 is compiled for Java 5.
 * Left as it is, picocli's 230 classes are read, parsed and verified from the jar on every start,
 * about 60 ms of a 0.45 s warm install (bench/README.md). The code of each method is unchanged: only
 * the version number and the frames (computed by ASM from that code) differ.
 *
 * <p>Run by Maven in the package phase: {@code java -cp asm.jar ClassFileUpgrade.java JAR...}. A jar
 * with no old class file is left untouched, so running it again changes nothing. A signed jar, or a
 * class ASM cannot give frames (JSR/RET subroutines), stops the build with the reason.
 */
public final class ClassFileUpgrade {
  /** Class files below this major version cannot be archived. */
  private static final int OLDEST_ARCHIVABLE = 50;
  private static final int TARGET = Opcodes.V1_8;

  private ClassFileUpgrade() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: java -cp asm.jar ClassFileUpgrade.java JAR...");
      System.exit(2);
    }
    for (String arg : args) {
      Path jar = Path.of(arg);
      int n = upgrade(jar);
      System.out.println(n == 0
          ? "class files: " + jar.getFileName() + " has none older than Java 6"
          : "class files: " + jar.getFileName() + ": " + n + " rewritten as Java 8");
    }
  }

  /** Rewrites the old class files of {@code jar}; returns how many, 0 when the jar is left as it was. */
  static int upgrade(Path jar) throws IOException {
    Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
    int rewritten = 0;
    try (ZipFile zip = new ZipFile(jar.toFile());
        URLClassLoader loader = new URLClassLoader(
            new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        String name = e.getName().toUpperCase(java.util.Locale.ROOT);
        if (name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA")
            || name.endsWith(".DSA") || name.endsWith(".EC"))) {
          throw new IllegalStateException(jar + " is signed; rewriting its classes would break the signature");
        }
      }
      try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(file)) {
        for (ZipEntry e : Collections.list(zip.entries())) {
          byte[] bytes;
          try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readAllBytes();
          }
          if (isOldClass(e.getName(), bytes)) {
            bytes = rewrite(e.getName(), bytes, loader);
            rewritten++;
          }
          ZipEntry copy = new ZipEntry(e.getName());
          copy.setTime(e.getTime());
          out.putNextEntry(copy);
          out.write(bytes);
          out.closeEntry();
        }
      }
      if (rewritten > 0) {
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
      }
      return rewritten;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean isOldClass(String name, byte[] b) {
    if (!name.endsWith(".class") || name.startsWith("META-INF/") || b.length < 8) {
      return false;
    }
    boolean magic = (b[0] & 0xff) == 0xca && (b[1] & 0xff) == 0xfe && (b[2] & 0xff) == 0xba && (b[3] & 0xff) == 0xbe;
    int major = ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    return magic && major < OLDEST_ARCHIVABLE;
  }

  private static byte[] rewrite(String name, byte[] bytes, ClassLoader loader) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      // Frames need the common superclass of two types: look them up in the jar itself, not Maven's.
      @Override
      protected ClassLoader getClassLoader() {
        return loader;
      }
    };
    ClassVisitor version = new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int v, int access, String n, String signature, String superName, String[] interfaces) {
        super.visit(TARGET, access, n, signature, superName, interfaces);
      }
    };
    try {
      new ClassReader(bytes).accept(version, ClassReader.SKIP_FRAMES);
      return writer.toByteArray();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot rewrite " + name + ": " + e.getMessage(), e);
    }
  }
}
