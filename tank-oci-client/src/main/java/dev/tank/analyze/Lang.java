package dev.tank.analyze;

import java.util.Locale;

/**
 * What a file (or a fenced block in Markdown) is written in. Rules use it to decide whether a
 * line is code (scripts, fenced blocks) or prose and data (Markdown text, JSON, YAML, ...).
 */
enum Lang {
  MARKDOWN(false),
  SHELL(true),
  PYTHON(true),
  JAVASCRIPT(true),
  POWERSHELL(true),
  BATCH(true),
  /** Other programming languages (Ruby, Perl, PHP, Lua, Go, ...), and fenced blocks of unknown language. */
  OTHER_CODE(true),
  /** Data and configuration (JSON, YAML, TOML, XML, HTML, CSV, ...). */
  DATA(false);

  private static final java.util.regex.Pattern SHELL_NAME = java.util.regex.Pattern.compile("\\b(?:ba|z|k|da|fi|c|tc)?sh\\b");

  final boolean code;

  Lang(boolean code) {
    this.code = code;
  }

  /** By file name, then by the {@code #!} line for files without a known extension. */
  static Lang ofFile(String path, byte[] content) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    Lang byExt = switch (ext) {
      case "md", "mdx", "markdown", "rst", "txt", "text" -> MARKDOWN;
      case "sh", "bash", "zsh", "ksh", "fish", "command", "bats" -> SHELL;
      case "py", "pyw", "pyi" -> PYTHON;
      case "js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx" -> JAVASCRIPT;
      case "ps1", "psm1", "psd1" -> POWERSHELL;
      case "bat", "cmd" -> BATCH;
      case "rb", "pl", "pm", "php", "lua", "go", "rs", "java", "kt", "swift", "c", "cc", "cpp", "h", "cs", "r",
          "applescript", "scpt", "vbs", "awk" -> OTHER_CODE;
      default -> null;
    };
    if (byExt != null) {
      return byExt;
    }
    if (name.equals("makefile") || name.equals("dockerfile") || name.equals("justfile") || name.endsWith(".mk")) {
      return SHELL;
    }
    if (content.length > 2 && content[0] == '#' && content[1] == '!') {
      int end = 2;
      while (end < content.length && end < 200 && content[end] != '\n') {
        end++;
      }
      String shebang = new String(content, 2, end - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
      return ofInterpreter(shebang);
    }
    return DATA;
  }

  /** By a {@code #!} line or a fenced block's info string ({@code bash}, {@code python}, ...). */
  static Lang ofInterpreter(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("python")) {
      return PYTHON;
    }
    if (t.contains("node") || t.contains("deno") || t.contains("bun") || t.startsWith("js") || t.startsWith("ts")
        || t.startsWith("javascript") || t.startsWith("typescript")) {
      return JAVASCRIPT;
    }
    if (t.contains("pwsh") || t.contains("powershell") || t.startsWith("ps1")) {
      return POWERSHELL;
    }
    if (t.startsWith("bat") || t.startsWith("cmd") || t.startsWith("dos")) {
      return BATCH;
    }
    if (SHELL_NAME.matcher(t).find() || t.startsWith("shell") || t.startsWith("console")
        || t.startsWith("terminal")) {
      return SHELL;
    }
    return OTHER_CODE;
  }
}
