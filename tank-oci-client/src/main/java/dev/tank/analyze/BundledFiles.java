package dev.tank.analyze;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules about whole files: credential files packed into the skill ({@code bundled-credential-file}),
 * executables and archives nobody can review ({@code bundled-opaque-binary}) and encrypted zip
 * archives ({@code encrypted-archive-file}). File-level findings have line 0 unless a line says more.
 */
final class BundledFiles {
  private static final Set<String> TEMPLATE_SUFFIXES = Set.of(
      "example", "sample", "template", "tmpl", "tpl", "dist", "default", "defaults", "schema");
  private static final Set<String> KEY_FILES = Set.of(
      "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk", ".git-credentials", "wallet.dat",
      "secring.gpg", "terraform.tfstate", ".vault-token");
  private static final Set<String> KEY_EXTENSIONS = Set.of("p12", "pfx", "jks", "keystore", "kdbx", "ppk");
  private static final Set<String> NATIVE_EXTENSIONS = Set.of("exe", "dll", "so", "dylib", "pyc", "pyo", "class", "msi", "scr");
  private static final Pattern DOTENV_VALUE = Pattern.compile(
      "(?m)^[ \\t]*(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \\t]*=[ \\t]*([^\\s#][^\\r\\n]*)$");
  private static final Pattern PLACEHOLDER = Pattern.compile(
      "(?i)your|example|changeme|change_me|placeholder|xxx|todo|dummy|fake|<|\\$\\{|\\*\\*\\*");
  private static final Pattern TOKEN = Pattern.compile(LineChecks.TOKEN_SHAPES + "|://[^\\s:/@]+:[^\\s@/]+@");
  private static final Pattern TOKEN_LINE = Pattern.compile(
      "(?im)^.*(?:_authToken|_auth|_password|password|aws_secret_access_key|aws_session_token)\\s*[=\\s]\\s*\\S.*$");

  private BundledFiles() {}

  static void check(String path, byte[] data, boolean binary, List<Finding> out) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String ext = name.lastIndexOf('.') < 0 ? "" : name.substring(name.lastIndexOf('.') + 1);
    Rule cred = Catalog.BUNDLED_CREDENTIALS;
    if (isDotenv(name) && !binary) {
      String text = new String(data, StandardCharsets.UTF_8);
      Matcher m = DOTENV_VALUE.matcher(text);
      while (m.find()) {
        String v = m.group(2).strip().replaceAll("^[\"']|[\"']$", "");
        boolean secret = Refinements.SECRET_NAME.matcher(m.group(1)).find() || TOKEN.matcher(v).find();
        if (secret && !v.isEmpty() && !PLACEHOLDER.matcher(v).find()) {
          int line = lineOf(text, m.start());
          out.add(new Finding(cred.id(), cred.category(), cred.severity(), path, line,
              Evidence.of(m.group(), m.start(2) - m.start()), cred.title() + " (.env with values)"));
          break;
        }
      }
    } else if (KEY_FILES.contains(name) || KEY_EXTENSIONS.contains(ext)) {
      out.add(new Finding(cred.id(), cred.category(), cred.severity(), path, 0, name, cred.title() + " (" + name + ")"));
    } else if ((name.equals(".npmrc") || name.equals(".pypirc") || name.equals(".netrc") || name.equals("_netrc")
        || name.equals("credentials")) && !binary) {
      String text = new String(data, StandardCharsets.UTF_8);
      Matcher m = TOKEN_LINE.matcher(text);
      if (m.find()) {
        out.add(new Finding(cred.id(), cred.category(), cred.severity(), path, lineOf(text, m.start()),
            Evidence.of(m.group(), 0), cred.title() + " (" + name + " with a credential)"));
      }
    }
    if (!binary) {
      return;
    }
    if (encryptedZip(data)) {
      Rule r = Catalog.ENCRYPTED_ARCHIVE;
      out.add(new Finding(r.id(), r.category(), r.severity(), path, 0, name, r.title()));
      return;
    }
    String kind = opaqueKind(data, ext);
    if (kind != null) {
      Rule r = Catalog.OPAQUE_BINARY;
      out.add(new Finding(r.id(), r.category(), r.severity(), path, 0, name, r.title() + " (" + kind + ")"));
    }
  }

  /** {@code .env}, {@code .env.local}, {@code prod.env} and the like, but not templates. */
  static boolean isDotenv(String name) {
    if (!(name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env"))) {
      return false;
    }
    for (String part : name.split("\\.")) {
      if (TEMPLATE_SUFFIXES.contains(part)) {
        return false;
      }
    }
    return true;
  }

  private static String opaqueKind(byte[] d, String ext) {
    if (startsWith(d, 0x7f, 'E', 'L', 'F')) {
      return "ELF executable";
    }
    if (startsWith(d, 'M', 'Z') && d.length > 64) {
      return "Windows executable";
    }
    if (startsWith(d, 0xfe, 0xed, 0xfa, 0xce) || startsWith(d, 0xfe, 0xed, 0xfa, 0xcf) || startsWith(d, 0xce, 0xfa, 0xed, 0xfe)
        || startsWith(d, 0xcf, 0xfa, 0xed, 0xfe) || startsWith(d, 0xca, 0xfe, 0xba, 0xbe)) {
      return "Mach-O executable or Java class";
    }
    if (startsWith(d, 'P', 'K', 3, 4) || startsWith(d, 'P', 'K', 5, 6)) {
      return "zip archive";
    }
    if (startsWith(d, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
      return "7z archive";
    }
    if (startsWith(d, 'R', 'a', 'r', '!', 0x1a, 0x07)) {
      return "rar archive";
    }
    if (startsWith(d, 0x1f, 0x8b) || startsWith(d, 0xfd, '7', 'z', 'X', 'Z', 0) || startsWith(d, 'B', 'Z', 'h')
        || startsWith(d, 0x28, 0xb5, 0x2f, 0xfd)) {
      return "compressed data";
    }
    if (d.length > 262 && d[257] == 'u' && d[258] == 's' && d[259] == 't' && d[260] == 'a' && d[261] == 'r') {
      return "tar archive";
    }
    return NATIVE_EXTENSIONS.contains(ext) ? "." + ext + " file" : null;
  }

  /** Whether any zip local file header (the first 1000 looked at) has the encryption flag set. */
  static boolean encryptedZip(byte[] d) {
    if (!startsWith(d, 'P', 'K', 3, 4)) {
      return false;
    }
    int seen = 0;
    for (int i = 0; i + 8 <= d.length && seen < 1000; i++) {
      if (d[i] == 'P' && d[i + 1] == 'K' && d[i + 2] == 3 && d[i + 3] == 4) {
        seen++;
        if ((d[i + 6] & 1) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] d, int... magic) {
    if (d.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((d[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
