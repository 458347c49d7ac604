package dev.tank.analyze;

import static dev.tank.analyze.Check.Scope.ANY;
import static dev.tank.analyze.Check.Scope.CODE;
import static dev.tank.analyze.Check.Scope.MARKDOWN;
import static dev.tank.analyze.Check.Scope.PROSE;
import static dev.tank.analyze.Check.Scope.SCRIPT;
import static dev.tank.analyze.Triggers.bytes;

import java.util.List;

/**
 * How each line rule of the {@link Catalog} finds its matches: trigger literals for the
 * pre-filter and the expression run on candidate lines, plus the refinements in {@link Refinements}.
 *
 * <p>Expressions are case-insensitive where they start with {@code (?i)}. Every repetition is
 * bounded ({@code {0,200}}) or runs over a character class that cannot also match what follows, so
 * no expression backtracks catastrophically on a long line.
 */
final class LineChecks {
  private LineChecks() {}

  /** A pipe that is not half of {@code ||}, literal first so that the search skips quickly to pipes. */
  private static final String PIPE = "\\|(?<!\\|\\|)(?!\\|)";
  /**
   * A program that runs what arrives on its standard input: a shell (not with {@code -c} or a
   * script file), an interpreter without {@code -c/-m/-e} or a script file, PowerShell's {@code iex}.
   */
  private static final String STDIN_RUNNER = "\\s*(?:sudo\\s+(?:-\\S+\\s+){0,4})?(?:env\\s+(?:\\w+=\\S*\\s+){0,4})?"
      + "(?:[\\w./-]{0,40}/)?(?:"
      + "(?:ba|z|k|da|fi|a|tc|c)?sh\\b(?!\\s+-c\\b)(?!\\s+[\\w./-]+\\.sh\\b)"
      + "|(?:python[0-9.]{0,4}|pypy3?|perl|ruby|node|php|bun|deno(?:\\s+run)?|lua|osascript)\\b"
      + "(?!\\s+(?:-[a-zA-Z]*[cmenp]\\b|--eval|--print|[\\w./-]+\\.\\w+\\b))"
      + "|(?:pwsh|powershell)(?:\\.exe)?\\b(?!\\s+-(?:c|command)\\s+[^-\\s])"
      + "|(?:iex|invoke-expression)\\b)";
  /** A pipe into something that runs its input: where pipe-to-shell and decode-and-exec start looking. */
  private static final String PIPE_INTO_RUNNER = "(?i)" + PIPE + STDIN_RUNNER;
  static final String DECODE_FLAG = "(?:-[a-zA-Z]*[dD][a-zA-Z]*|--decode)\\b";
  private static final String DOWNLOADERS = "(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|bitsadmin|certutil"
      + "|start-bitstransfer)";
  private static final String BINARY_LINK_EXT = "(?:exe|msi|dmg|pkg|scr|bat|cmd|ps1|vbs|jar|appimage|apk|deb|rpm|run|bin)";
  /** The shapes of well-known tokens; also used to redact evidence. */
  static final String TOKEN_SHAPES = "\\b(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,255}"
      + "|glpat-[A-Za-z0-9_-]{20}|npm_[A-Za-z0-9]{36}|pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"
      + "|xox[abposr]-(?:[0-9]{6,}-){1,3}[A-Za-z0-9-]{10,}|(?:sk|rk)_live_[0-9A-Za-z]{24,}"
      + "|sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}|sk-(?:proj-|svcacct-|admin-)[A-Za-z0-9_-]{40,}"
      + "|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"
      + "|[0-9]{8,10}:AA[A-Za-z0-9_-]{33}|ya29\\.[0-9A-Za-z_-]{30,}|hf_[A-Za-z0-9]{34}|shpat_[0-9a-fA-F]{32}"
      + "|dop_v1_[a-f0-9]{64}|(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35})\\b";
  /** Credential stores, for {@code credential-exfiltration}. */
  private static final String CREDENTIAL_PATHS = "(?i)\\.ssh[/\\\\](?:id_|\\*)|\\bid_(?:rsa|dsa|ecdsa|ed25519)\\b(?!\\.pub)"
      + "|\\.aws[/\\\\]credentials|\\.git-credentials|\\.netrc\\b|\\.pypirc\\b|\\.kube[/\\\\]config"
      + "|\\.docker[/\\\\]config\\.json|\\bwallet\\.dat\\b|login data|logins\\.json|key4\\.db|cookies\\.sqlite"
      + "|(?<![\\w$%{.-])\\.env\\b(?![.\\w-])|\\bprintenv\\b|/etc/shadow\\b|\\blogin\\.keychain|\\bsecurity\\s+find-\\w+-password";
  private static final String NETWORK_SENDERS = "(?i)\\b(?:curl|wget|nc|ncat|netcat|scp|rsync|s?ftp|invoke-webrequest|iwr"
      + "|invoke-restmethod|irm|requests\\.(?:post|put|get)|httpx\\.(?:post|put)|urlopen|fetch|axios\\.(?:post|put)"
      + "|https?\\.request|XMLHttpRequest|sendBeacon|socket\\.send\\w*|Net\\.WebClient|Upload(?:String|File|Data)|smtplib)\\b";
  /** A write into the path that follows: redirections, tee, Add-Content, writeFile(...); bounded for a lookbehind. */
  private static final String WRITE_TO = "(?:>>?\\s{0,5}|\\btee\\s{1,5}(?:-a\\s{1,5}|--append\\s{1,5})?"
      + "|\\b(?:Add|Set)-Content\\s{1,5}(?:-Path\\s{1,5})?|\\b(?:append|write)File(?:Sync)?\\s{0,5}\\(\\s{0,5})"
      + "[\"']?[\\w~$/{}.\\\\-]{0,80}";
  /** Commands that write somewhere later on their line: cp, mv, install, ln -s, sed -i, Out-File. */
  private static final String WRITE_CMD = "(?:\\b(?:cp|mv|install)\\s|\\bln\\s{1,5}-\\w{0,5}s|\\bsed\\s{1,5}-i"
      + "|\\bOut-File\\b)[^\\n|;&]{0,160}";

  /** Something on the line writes: a cheap test before the expensive {@link #writesTo} expressions. */
  private static final String WRITE_HINT = "(?i)>|\\btee\\b|-Content\\b|File(?:Sync)?\\s*\\(|\\b(?:cp|mv|install|ln|sed)\\s"
      + "|Out-File|\\bopen\\s*\\(";

  /**
   * A write to a path ending in one of {@code targets} (an alternation of bounded length). The
   * target comes first and the write a lookbehind, so the expression only does work where a
   * target is named, not at every position of the line.
   */
  private static String writesTo(String targets) {
    return "(?:" + targets + ")(?<=(?:" + WRITE_TO + "|" + WRITE_CMD + ")(?:" + targets + "))";
  }

  private static final String RC_FILES = "(?:(?:\\.(?:bashrc|bash_profile|bash_login|profile|zshrc|zshenv"
      + "|zprofile|zlogin|kshrc|cshrc|tcshrc)|config\\.fish|/etc/profile(?:\\.d/\\S{0,40})?|/etc/bash\\.bashrc|/etc/zsh/zshrc"
      + "|Microsoft\\.PowerShell_profile\\.ps1)\\b|\\$profile\\b)";
  private static final String NETWORK_TOOLS = "(?i)(?:(?:^|[\\s;&|(`$\"'])(?:curl|wget|aria2c|ncat|netcat|scp|rsync|sftp"
      + "|telnet)\\s+[^\\s|;&]|(?:^\\s*|[;&|(`]\\s*|\\b(?:then|do|sudo|exec|time)\\s+)(?:http|xh|nc|ftp|ssh)\\s+"
      + "(?:-\\S{1,20}\\s+){0,4}(?:https?://|ftp://|git@|[\\w.-]{1,64}@|[\\w-]{1,63}(?:\\.[\\w-]{1,63}){1,6}\\b|\\$\\{?\\w))";
  private static final String NETWORK_APIS = "(?i)\\b(?:requests|httpx|aiohttp|urllib3)\\.(?:get|post|put|patch|delete|head"
      + "|request|Session|AsyncClient|Client|ClientSession|PoolManager)\\b|\\burllib\\.request\\.(?:urlopen|Request"
      + "|urlretrieve)\\b|\\burlopen\\s*\\(|\\bhttp\\.client\\.HTTPS?Connection\\b|\\bsocket\\.(?:socket"
      + "|create_connection)\\s*\\(|(?<![\\w.])fetch\\s*\\(\\s*[`\"'$\\w]|\\baxios(?:\\.\\w+)?\\s*\\("
      + "|\\b(?:https?|http2|net|tls|dgram)\\.(?:get|request|connect|createConnection|createSocket)\\s*\\("
      + "|\\bnew\\s+WebSocket\\s*\\(|\\bXMLHttpRequest\\b|\\bnavigator\\.sendBeacon\\b"
      + "|\\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm|Start-BitsTransfer)\\b"
      + "|\\bNew-Object\\s+(?:System\\.)?Net\\.(?:WebClient|Sockets\\.TcpClient)|\\[(?:System\\.)?Net\\.(?:WebClient"
      + "|Http\\.HttpClient)\\]";

  /** Every line check, in catalogue order. */
  static final List<Check> ALL = List.of(
      // ---------------------------------------------------------------- prompt injection
      Check.of(Catalog.INSTRUCTION_OVERRIDE).in(ANY)
          .on("ignore", "disregard", "forget", "override", "bypass", "discard")
          .regex("(?i)\\b(?:ignore|disregard|forget|override|bypass|discard)\\s+(?:(?:all|any|the|your|of|every|these"
              + "|those|my)\\s+){0,3}(?:previous|prior|above|earlier|preceding|former|existing|original|initial|system"
              + "|safety|security|developer|default)\\s+(?:instructions?|prompts?|rules|directives?|guidelines|guardrails"
              + "|constraints|messages|policies|context|programming|restrictions)\\b"),
      Check.of(Catalog.INSTRUCTION_OVERRIDE).in(ANY)
          .on("you are now", "developer mode", "god mode", "jailbreak mode", "dan mode", "unrestricted mode")
          .regex("(?i)\\byou\\s+are\\s+now\\s+(?:in\\s+)?(?:developer|god|jailbreak|dan|unrestricted|admin|root|debug"
              + "|unfiltered)\\s+mode\\b|\\b(?:enable|enter|activate)\\s+(?:developer|god|jailbreak|dan|unrestricted)\\s+mode\\b"),
      Check.of(Catalog.INSTRUCTION_OVERRIDE).in(ANY)
          .on("instructions:", "instruction:", "instructions :", "not follow", "n't follow", "never follow", "not obey",
              "n't obey", "never obey", "not listen to", "n't listen to", "not comply", "n't comply", "precedence",
              "priority over", "supersede", "replace all", "replace any", "replaces all", "replace other", "replace previous",
              "replace prior", "replace system", "replace safety", "override other", "overrides other", "override prior",
              "override all", "overrides all")
          .regex("(?i)\\b(?:new|updated|real|actual|true|revised|secret)\\s+(?:system\\s+)?instructions?\\s*:"
              + "|\\b(?:do\\s+not|don't|never)\\s+(?:follow|obey|listen\\s+to|comply\\s+with)\\s+(?:the\\s+|your\\s+|any\\s+)?"
              + "(?:system|previous|prior|safety|original)\\b"
              + "|\\b(?:these|this|the\\s+following)\\s+instructions?\\s+(?:take|takes|have|has)\\s+(?:precedence|priority)"
              + "\\s+over\\b|\\b(?:override|supersede|replace)s?\\s+(?:all\\s+|any\\s+)?(?:other|previous|prior|system|safety)"
              + "\\s+(?:instructions?|rules|prompts?|guidelines)\\b"),
      Check.of(Catalog.SECRECY).in(PROSE)
          .on("not tell", "n't tell", "never tell", "not inform", "n't inform", "never inform", "not notify", "n't notify",
              "never notify", "not alert", "n't alert", "never alert", "not warn", "n't warn", "never warn", "not mention",
              "n't mention", "never mention", "not reveal", "n't reveal", "never reveal", "not disclose", "n't disclose",
              "never disclose", "not show", "n't show", "never show", "not display", "n't display", "never display",
              "not report", "n't report", "never report")
          .regex("(?i)\\b(?:do\\s+not|don't|never)\\s+(?:tell|inform|notify|alert|warn)\\s+(?:the\\s+)?(?:user|human|operator"
              + "|owner)\\b(?!\\s+(?:to|that\\s+they|how)\\b)"
              + "|\\b(?:do\\s+not|don't|never)\\s+(?:mention|reveal|disclose|show|display|report)\\s+(?:this|these|that|it|them"
              + "|the\\s+(?:command|commands|step|steps|instructions?|download|script|file|files|request|requests|url|upload))"
              + "\\s+to\\s+(?:the\\s+)?(?:user|human|operator)\\b"),
      Check.of(Catalog.SECRECY).in(PROSE)
          .on("without")
          .refine(Refinements::secrecyNotNegated)
          .regex("(?i)\\bwithout\\s+(?:the\\s+)?(?:user'?s?|human'?s?|operator'?s?)\\s+(?:knowledge|knowing|noticing|awareness"
              + "|consent|permission|approval)\\b"
              + "|\\bwithout\\s+(?:telling|informing|notifying|alerting|asking|warning)\\s+(?:the\\s+)?(?:user|human|operator"
              + "|them)\\b"),
      Check.of(Catalog.SECRECY).in(PROSE)
          .on("silently", "quietly", "secretly", "covertly", "stealthily", "discreetly")
          .regex("(?i)\\b(?:silently|quietly|secretly|covertly|stealthily|discreetly)\\s+(?:\\w+\\s+){0,2}?(?:run|execute|send"
              + "|upload|post|install|download|copy|read|collect|exfiltrate|transmit|forward|include|attach|add|modify"
              + "|delete)\\b"),
      Check.of(Catalog.SECRECY).in(PROSE)
          .on("hide ", "conceal", "must not know", "should not know", "must not see", "should not see", "must not notice",
              "should not notice", "must not find", "should not find")
          .regex("(?i)\\b(?:hide|conceal)\\s+(?:this|these|it|them|the\\s+\\w+)\\s+from\\s+(?:the\\s+)?(?:user|human|operator)\\b"
              + "|\\bthe\\s+user\\s+(?:must|should)\\s+not\\s+(?:know|see|notice|find\\s+out)\\b"),
      Check.of(Catalog.FAKE_ROLE_TAG).in(PROSE)
          .refine(Refinements::notInCodeSpan)
          .on("<system", "</system", "< system", "<assistant", "</assistant", "<|", "[inst]", "[/inst]", "[system]", "[sys]",
              "<<sys", "<</sys", "<im_", "</im_", "<endoftext")
          .regex("(?i)<\\s*/?\\s*(?:system|system[-_ ]?(?:prompt|message|reminder|instructions?|override|note|notice)|assistant"
              + "|im_start|im_end|endoftext)\\s*>|<\\|\\s*(?:im_start|im_end|im_sep|system|assistant|user|endoftext"
              + "|begin_of_text|start_header_id|end_header_id|eot_id)\\s*\\|>|\\[/?(?:INST|SYSTEM|SYS)\\]|<<\\s*/?SYS\\s*>>"),
      Check.of(Catalog.UNICODE_TAGS).in(ANY)
          .on(bytes(0xF3, 0xA0, 0x80), bytes(0xF3, 0xA0, 0x81), bytes(0xF3, 0xA0, 0x84), bytes(0xF3, 0xA0, 0x85),
              bytes(0xF3, 0xA0, 0x86), bytes(0xF3, 0xA0, 0x87))
          .refine(Refinements::notEmojiTagSequence)
          .describe(Refinements::hiddenTagText)
          .regex("[\\x{E0000}-\\x{E007F}]+|[\\x{E0100}-\\x{E01EF}]{4,}"),
      Check.of(Catalog.BIDI).in(ANY)
          .on(bytes(0xE2, 0x80, 0xAA), bytes(0xE2, 0x80, 0xAB), bytes(0xE2, 0x80, 0xAC), bytes(0xE2, 0x80, 0xAD),
              bytes(0xE2, 0x80, 0xAE), bytes(0xE2, 0x81, 0xA6), bytes(0xE2, 0x81, 0xA7), bytes(0xE2, 0x81, 0xA8),
              bytes(0xE2, 0x81, 0xA9))
          .regex("[\\u202A-\\u202E\\u2066-\\u2069]"),
      Check.of(Catalog.ZERO_WIDTH).in(ANY)
          .on(bytes(0xE2, 0x80, 0x8B), bytes(0xE2, 0x80, 0x8C), bytes(0xE2, 0x80, 0x8D), bytes(0xE2, 0x81, 0xA0),
              bytes(0xE2, 0x81, 0xA1), bytes(0xE2, 0x81, 0xA2), bytes(0xE2, 0x81, 0xA3), bytes(0xE2, 0x81, 0xA4),
              bytes(0xE1, 0xA0, 0x8E), bytes(0xEF, 0xBB, 0xBF))
          .refine(Refinements::zeroWidthOutOfPlace)
          .regex("[\\u200B\\u200C\\u200D\\u2060-\\u2064\\u180E\\uFEFF]"),

      // ---------------------------------------------------------------- download and execute
      // Anchored on the rare part (a pipe into a runner, a substitution around curl); the refinement
      // then looks back along the line for the download, so dense text costs little.
      Check.of(Catalog.PIPE_TO_SHELL).in(ANY)
          .on("curl", "wget")
          .refine(Refinements::downloadFeedsPipe)
          .regex(PIPE_INTO_RUNNER),
      Check.of(Catalog.REMOTE_SUBSTITUTION).in(ANY)
          .on("curl", "wget")
          .refine(Refinements::substitutionIsRun)
          .regex("(?i)(?:<\\(|\\$\\(|`)\\s{0,5}(?:sudo\\s{1,5})?(?:curl|wget)\\b"),
      Check.of(Catalog.POWERSHELL_REMOTE).in(ANY)
          .on("iex", "invoke-expression", "downloadstring", "scriptblock")
          .regex("(?i)\\b(?:iex|invoke-expression)\\b\\s*(?:\\(\\s*){0,3}(?:iwr|irm|invoke-webrequest|invoke-restmethod|curl|wget"
              + "|new-object\\s+(?:-typename\\s+)?(?:system\\.)?net\\.webclient|\\[(?:system\\.)?net\\.webclient\\])"
              + "|\\b(?:iwr|irm|invoke-webrequest|invoke-restmethod)\\b[^|\\n]{0,400}+\\|\\s*(?:iex|invoke-expression)\\b"
              + "|\\.downloadstring\\s*\\([^)\\n]{0,400}+\\)[^\\n|]{0,40}\\|\\s*(?:iex|invoke-expression)\\b"
              + "|\\b(?:iex|invoke-expression)\\b[^\\n]{0,80}\\.downloadstring\\s*\\("
              + "|\\[scriptblock\\]::create\\s*\\(\\s*(?:\\(\\s*)?(?:iwr|irm|invoke-webrequest|invoke-restmethod"
              + "|\\(?\\s*new-object\\s+(?:system\\.)?net\\.webclient)"),
      Check.of(Catalog.DECODE_EXEC).in(ANY)
          .on("base64", "xxd", "certutil", "openssl")
          .refine(Refinements::decoderFeedsPipe)
          .regex(PIPE_INTO_RUNNER),
      Check.of(Catalog.DECODE_EXEC).in(ANY)
          .on("base64")
          .refine(Refinements::decoderInSubstitution)
          .regex("(?i)\\bbase64\\s+(?:-[\\w-]+\\s+){0,3}?" + DECODE_FLAG),
      Check.of(Catalog.DECODE_EXEC).in(ANY)
          .on("b64decode", "b32decode", "b16decode", "a85decode", "b85decode", "decodebytes", "decodestring",
              "zlib.decompress", "codecs.decode", "bytes.fromhex", "unhexlify", "a2b_base64", "marshal.loads", "__import__")
          .regex("\\b(?:exec|eval)\\s*\\(\\s*(?:compile\\s*\\(\\s*)?(?:base64\\.)?(?:b64decode|b32decode|b16decode|a85decode"
              + "|b85decode|decodebytes|decodestring|urlsafe_b64decode)\\s*\\("
              + "|\\b(?:exec|eval)\\s*\\(\\s*(?:compile\\s*\\(\\s*)?(?:zlib\\.decompress|codecs\\.decode|bytes\\.fromhex"
              + "|binascii\\.(?:unhexlify|a2b_base64)|marshal\\.loads)\\s*\\("
              + "|\\b(?:exec|eval)\\s*\\(\\s*__import__\\s*\\(\\s*[\"'](?:base64|zlib|codecs|binascii|marshal)[\"']"),
      Check.of(Catalog.DECODE_EXEC).in(ANY)
          .on("atob", "buffer.from", "unescape", "decodeuricomponent", "fromcharcode")
          .regex("\\b(?:eval|Function|setTimeout|setInterval|execSync|exec)\\s*\\(\\s*(?:atob|Buffer\\.from|unescape"
              + "|decodeURIComponent|String\\.fromCharCode)\\s*\\("
              + "|\\bnew\\s+Function\\s*\\([^)\\n]{0,80}(?:atob|Buffer\\.from)\\s*\\("),
      Check.of(Catalog.DECODE_EXEC).in(ANY)
          .on("powershell", "pwsh", "frombase64string")
          .regex("(?i)\\b(?:powershell|pwsh)(?:\\.exe)?\\b[^\\n]{0,100}?\\s-e[a-z]{0,14}\\s+[\"']?[a-z0-9+/]{20,}"
              + "|\\b(?:iex|invoke-expression)\\b[^\\n]{0,200}?frombase64string"
              + "|frombase64string[^\\n]{0,400}?\\|\\s*(?:iex|invoke-expression)\\b"
              + "|\\[scriptblock\\]::create\\s*\\([^\\n]{0,200}?frombase64string"),
      Check.of(Catalog.REMOTE_EVAL).in(ANY)
          .on("urlopen", "requests.get", "requests.post", "httpx.get", "httpx.post", "urllib", "http.client", "fetch(",
              "fetch (", "axios", "http.get", "https.get", "net::http", "uri.open", "got(")
          .regex("(?i)\\b(?:exec|eval)\\s*\\([^)\\n]{0,200}?\\b(?:urlopen|requests\\.(?:get|post)|httpx\\.(?:get|post)"
              + "|urllib\\.request|urllib2|http\\.client|fetch|axios(?:\\.get)?|https?\\.get|got|net::http|uri\\.open)\\s*[.(]"
              + "|\\bnew\\s+Function\\s*\\([^)\\n]{0,200}?\\bfetch\\s*\\("
              + "|\\beval\\s*\\(?\\s*(?:URI\\.open|open|Net::HTTP\\.get)\\s*\\(?\\s*[\"']https?://"),
      Check.of(Catalog.PASSWORD_ARCHIVE).in(ANY)
          .on("unzip", "7z", "unrar", "setpassword", "extractall", "expand-7zip", "password:", "password =", "password is",
              "passcode", "passphrase", "pass:", "pass =", "password :", "password=")
          .regex("(?i)\\bunzip\\b[^\\n|;&]{0,160}(?-i:\\s-P)\\s*\\S"
              + "|\\b7z[az]?(?:\\.exe)?\\s+[xe]\\b[^\\n|;&]{0,200}\\s-p\\S*"
              + "|\\bunrar(?:\\.exe)?\\s+[xe]\\b[^\\n|;&]{0,200}\\s-p\\S*"
              + "|\\.setpassword\\s*\\(|\\.extractall\\s*\\([^)\\n]{0,120}\\bpwd\\s*="
              + "|\\bExpand-7Zip\\b[^\\n]{0,200}-Password"
              + "|(?:\\bzip|\\barchive|\\b7z|\\brar|\\b7-zip|\\.zip)\\b[^\\n]{0,80}?\\b(?:(?:password|passcode|passphrase|pass)"
              + "\\s*[:=]\\s*[`\"'*]{0,2}[^\\s`\"'*]{3,}|(?:password|passcode|passphrase)\\s+is\\s+[`\"'*]{1,2}[^\\s`\"'*]{2,40}"
              + "[`\"'*]{1,2})"),
      Check.of(Catalog.DOWNLOAD_THEN_RUN).in(ANY)
          .on("curl", "wget", "iwr", "invoke-webrequest", "start-bitstransfer", "certutil", "bitsadmin")
          .regex("(?i)\\b(?:curl|wget)\\b[^\\n&;|]{0,300}+(?:&&|;|\\|\\|)\\s*(?:sudo\\s+)?(?:chmod\\s+(?:-\\w+\\s+)?"
              + "(?:[ugoa]*\\+[rw]*x\\w*|0?[75][0-7]{2})\\s|\\.{1,2}/[\\w.-]|(?:ba|z|k)?sh\\s+(?!-c\\b)[\\w./$~-]|source\\s"
              + "|\\.\\s+[\\w./$~]|python[0-9.]*\\s+[\\w./$~-]+\\.py|node\\s+[\\w./$~-]+\\.m?js|open\\s+[^\\n]{0,80}\\."
              + "(?:dmg|pkg|app)\\b|installer\\s+-pkg|msiexec\\b|start-process\\b|hdiutil\\s+attach"
              + "|[\\w./-]+\\.(?:exe|msi|appimage)\\b)"
              + "|\\b(?:iwr|invoke-webrequest|start-bitstransfer|certutil(?:\\.exe)?\\s+-urlcache|bitsadmin\\s+/transfer)\\b"
              + "[^\\n&;|]{0,300}+(?:;|&&|\\|)\\s*(?:start-process|start\\s|&\\s*[\"']?[\\w$.\\\\/]|\\.\\\\|cmd(?:\\.exe)?\\s+/c"
              + "|msiexec|[\\w.\\\\/$-]+\\.(?:exe|msi|bat|cmd|ps1)\\b)"),
      Check.of(Catalog.EXECUTABLE_LINK).in(ANY)
          .on(".exe", ".msi", ".dmg", ".pkg", ".scr", ".bat", ".cmd", ".ps1", ".vbs", ".jar", ".appimage", ".apk", ".deb",
              ".rpm", ".run", ".bin")
          .regex("(?i)\\bhttps?://[^\\s)\"'<>\\]`?#]{1,300}+(?<=\\." + BINARY_LINK_EXT + ")(?:[?#][^\\s)\"'<>\\]`]{0,200})?"
              + "(?=[\\s)\"'<>\\]`*]|$)"),
      Check.of(Catalog.PREREQUISITE).in(MARKDOWN)
          .on("curl", "wget", "iwr", "irm", "invoke-web", "invoke-rest", "certutil", "bitsadmin", "bitstransfer",
              "install git+http", "install http", "install -g http")
          .refine(Refinements::underPrerequisite)
          .regex("(?i)(?=[cwibs])\\b" + DOWNLOADERS + "\\b[^\\n]{0,300}?(?:https?://|\\$)"
              + "|\\bpip3?\\s+install\\s+(?:git\\+)?https?://|\\bnpm\\s+(?:i|install)\\s+(?:-g\\s+)?https?://"),
      Check.of(Catalog.PREREQUISITE).in(MARKDOWN)
          .on(".exe", ".msi", ".dmg", ".pkg", ".zip", ".7z", ".rar", ".sh", ".ps1", ".bat", ".jar", ".appimage")
          .also("(?i)https?://")
          .refine(Refinements::underPrerequisite)
          .regex("(?i)\\bhttps?://[^\\s)\"'<>\\]`?#]{1,300}+(?<=\\.(?:exe|msi|dmg|pkg|zip|7z|rar|sh|ps1|bat|jar"
              + "|appimage))(?=[\\s)\"'<>\\]`*?#]|$)"),

      // ---------------------------------------------------------------- credential access
      Check.of(Catalog.SSH_KEYS).in(ANY)
          .on(".ssh", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519")
          .refine(Refinements::sshPrivate)
          .regex("(?i)(?<![\\w.-])\\.ssh(?:[/\\\\]+([\\w.*-]{0,64}))?(?![\\w-])|\\b(id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?"
              + "(?:\\.pub)?)\\b"),
      Check.of(Catalog.CLOUD_CREDENTIALS).in(ANY)
          .on(".aws", ".azure", "gcloud", ".kube", ".docker", ".git-credentials", ".netrc", ".npmrc", ".pypirc", ".config/gh",
              ".terraform.d", ".vault-token", ".password-store", ".gnupg", "application_default_credentials", ".config/op")
          .regex("(?i)(?:~|\\$home|\\$\\{home\\}|%userprofile%|\\$env:userprofile|homedir\\(\\)|expanduser\\(\\s*[\"']~"
              + "|path\\.home\\(\\)|/root|/home/[\\w.-]{1,32}|/users/[\\w.-]{1,32}|[\"'])[\"']?\\s*[/\\\\,+]?\\s*[\"']?[/\\\\]?"
              + "(?:\\.aws|\\.azure|\\.config[/\\\\]gcloud|\\.kube|\\.docker[/\\\\]config\\.json|\\.git-credentials|\\.netrc"
              + "|\\.npmrc|\\.pypirc|\\.config[/\\\\]gh|\\.terraform\\.d|\\.vault-token|\\.password-store|\\.gnupg"
              + "|\\.config[/\\\\]op)(?![\\w-])"
              + "|\\bapplication_default_credentials\\.json\\b|\\.aws[/\\\\](?:credentials|config)\\b|\\.git-credentials\\b"),
      Check.of(Catalog.KEYCHAIN).in(ANY)
          .on("find-generic-password", "find-internet-password", "dump-keychain", "export -k", "unlock-keychain",
              "login.keychain", "keychain-db", "secret-tool", "kwallet", "vaultcmd", "cmdkey", "credenumerate",
              "cryptunprotectdata", "get-storedcredential", "lsass", "mimikatz", "sekurlsa")
          .regex("(?i)\\bsecurity\\s+(?:find-(?:generic|internet)-password|dump-keychain|export\\s+-k|unlock-keychain)\\b"
              + "|\\blogin\\.keychain(?:-db)?\\b|\\bsecret-tool\\s+(?:lookup|search)\\b|\\bkwallet(?:-query|cli)\\b"
              + "|\\bvaultcmd\\b|\\bcmdkey(?:\\.exe)?\\s+/list\\b|\\bCredEnumerate\\w*|\\bCryptUnprotectData\\b"
              + "|\\bGet-StoredCredential\\b|\\blsass(?:\\.exe)?\\b|\\bmimikatz\\b|\\bsekurlsa\\b"),
      Check.of(Catalog.BROWSER).in(ANY)
          .on("google/chrome", "google\\chrome", "google chrome", "chromium", "bravesoftware", "brave-browser", "microsoft/edge",
              "microsoft\\edge", "microsoft edge", "opera software", "vivaldi", ".mozilla", "firefox/profiles",
              "firefox\\profiles", "library/safari", "library\\safari", "/login data", "\\login data", "/web data",
              "\\web data", "/local state", "\\local state", "logins.json", "key4.db", "key3.db", "cookies.sqlite",
              "signons.sqlite", "binarycookies")
          .regex("(?i)(?:google[/\\\\ ]chrome|chromium|bravesoftware|brave-browser|microsoft[/\\\\ ]edge|opera software|vivaldi"
              + "|\\.mozilla[/\\\\]firefox|firefox[/\\\\]profiles|library[/\\\\]safari)[^\\n\"']{0,80}?(?:[/\\\\](?:default"
              + "|profile \\d+|[\\w]+\\.default[\\w-]*)\\b|[/\\\\](?:login data|cookies|web data|local state|history)\\b"
              + "|[/\\\\]user data\\b)"
              + "|\\b(?:logins\\.json|key[34]\\.db|cookies\\.sqlite|signons\\.sqlite|cookies\\.binarycookies)\\b"
              + "|[/\\\\](?:login data|web data|local state)\\b"),
      Check.of(Catalog.WALLET).in(ANY)
          .on("wallet.dat", "electrum", "exodus", "metamask", "keystore", "solana", "nkbihfbeogaeaoehlefnkodbefgpgknn",
              "bfnaelmomeimhlpmgjnjophhpkkoljpa", "atomic", "coinomi", "jaxx")
          .regex("(?i)\\bwallet\\.dat\\b|[/\\\\.]electrum[/\\\\]wallets?\\b|\\bexodus[/\\\\](?:exodus\\.wallet|wallet)"
              + "|\\.ethereum[/\\\\]keystore|[/\\\\]keystore[/\\\\]utc--|\\bsolana[/\\\\]id\\.json\\b"
              + "|\\bnkbihfbeogaeaoehlefnkodbefgpgknn\\b|\\bbfnaelmomeimhlpmgjnjophhpkkoljpa\\b|\\bmetamask[/\\\\]"
              + "|\\b(?:atomic|coinomi|jaxx)[/\\\\](?:local storage|wallets?)\\b"),
      Check.of(Catalog.WALLET).in(ANY)
          .on("seed phrase", "recovery phrase", "mnemonic phrase", "secret phrase", "seed words", "recovery words",
              "mnemonic words", "secret words")
          .refine(Refinements::notDirectlyNegated)
          .regex("(?i)\\b(?:enter|paste|provide|share|send|type|upload|give)\\b[^\\n.]{0,40}\\b(?:seed|recovery|mnemonic"
              + "|secret)\\s+(?:phrase|words)\\b"),
      Check.of(Catalog.DOTENV).in(ANY)
          .on(".env", "dotenv")
          .refine(Refinements::notAnIgnoreFile)
          .regex("(?i)(?<![\\w$%{.-])\\.env(?:\\.(?:local|prod|production|dev|development|staging|stage|test|secret|secrets"
              + "|private))?(?![\\w-]|(?:\\.\\w+){0,3}?\\.(?:example|sample|template|tmpl|tpl|dist|defaults?|schema|ci)\\b)"
              + "|\\bload_dotenv\\s*\\(|\\brequire\\s*\\(\\s*[\"']dotenv[\"']\\s*\\)|\\bimport\\s+[\"']dotenv/config[\"']"
              + "|\\bfrom\\s+dotenv\\s+import\\b|\\bdotenv\\.config\\s*\\("),
      Check.of(Catalog.ENV_DUMP).in(ANY)
          .on("(os.environ", "(dict(os.environ", "=os.environ", "= os.environ", "=dict(os.environ", "= dict(os.environ",
              "(process.env", ": process.env", ":process.env", "printenv |", "printenv|", "printenv >", "printenv>", "env |",
              "env|", "env >", "env>", "$(env", "$(printenv", "$(set", "set |", "set >", "export -p", "declare -x",
              "item env:", "gci env:", "dir env:", "ls env:", "getenvironmentvariables")
          .regex("(?i)\\b(?:json\\.dumps?|print|pprint|repr|str|yaml\\.(?:safe_)?dump|pickle\\.dumps?)\\s*\\(\\s*"
              + "(?:dict\\s*\\(\\s*)?os\\.environ\\s*(?:\\)|\\.(?:items|copy)\\s*\\(\\s*\\)\\s*\\))"
              + "|\\b(?:json|data|params|body|files)\\s*=\\s*(?:dict\\s*\\(\\s*)?os\\.environ\\b(?!\\s*[.\\[])"
              + "|\\bJSON\\.stringify\\s*\\(\\s*process\\.env\\s*[,)]|\\b(?:body|data|json)\\s*:\\s*process\\.env\\s*[,}]"
              + "|\\bObject\\.(?:entries|keys|values|assign)\\s*\\(\\s*(?:\\{\\s*\\}\\s*,\\s*)?process\\.env\\s*\\)"
              + "|(?:^|[;&|(`]\\s*)(?:printenv|env|set|export\\s+-p|declare\\s+-x)\\s*(?:\\|\\s*(?:curl|wget|nc|ncat|netcat"
              + "|base64|gzip|openssl|xxd|python[0-9.]*|node|socat)\\b|>>?\\s*[\\w./$~-]+)"
              + "|\\$\\(\\s*(?:printenv|env|set)\\s*\\)"
              + "|\\b(?:Get-ChildItem|gci|dir|ls)\\s+env:(?:\\s*\\||\\s*$|\\s*>|\\s*\\))"
              + "|\\[(?:System\\.)?Environment\\]::GetEnvironmentVariables\\s*\\(\\s*\\)"),
      Check.of(Catalog.CLOUD_METADATA).in(ANY)
          .on("169.254.169.254", "metadata.google.internal", "100.100.100.200", "fd00:ec2::254", "169.254.170.2")
          .regex("(?i)\\b169\\.254\\.169\\.254\\b|\\bmetadata\\.google\\.internal\\b|\\b100\\.100\\.100\\.200\\b"
              + "|\\bfd00:ec2::254\\b|\\b169\\.254\\.170\\.2\\b"),

      // ---------------------------------------------------------------- exfiltration
      Check.of(Catalog.WEBHOOK).in(ANY)
          .on("discord", "hooks.slack.com", "api.telegram.org", "webhook.site", "requestbin", "pipedream", "ngrok",
              "burpcollaborator", "oastify", ".oast.", "interact.sh", "canarytokens", "trycloudflare", "beeceptor",
              "hookb.in", "requestcatcher", "serveo", "loca.lt", "webhook.office", "hooks.zapier")
          .regex("(?i)\\b(?:discord(?:app)?\\.com/api/webhooks|hooks\\.slack\\.com/(?:services|workflows|triggers)"
              + "|api\\.telegram\\.org/bot|webhook\\.site|(?:[\\w-]+\\.)?requestbin\\.(?:com|net)|(?:[\\w-]+\\.)?m\\.pipedream\\.net"
              + "|[\\w-]+\\.ngrok(?:-free)?\\.(?:io|app|dev)|ngrok\\.io|burpcollaborator\\.net|oastify\\.com"
              + "|[\\w-]+\\.oast\\.(?:fun|me|pro|live|site|online)|interact\\.sh|canarytokens\\.com|[\\w-]+\\.trycloudflare\\.com"
              + "|[\\w-]+\\.free\\.beeceptor\\.com|hookb\\.in|requestcatcher\\.com|[\\w-]+\\.serveo\\.net|[\\w-]+\\.loca\\.lt"
              + "|[\\w-]+\\.webhook\\.office\\.com|hooks\\.zapier\\.com)\\b"),
      Check.of(Catalog.PASTE_SITE).in(ANY)
          .on("pastebin", "paste.ee", "hastebin", "ghostbin", "rentry", "termbin", "transfer.sh", "0x0.st", "file.io",
              "dpaste", "anonfiles", "gofile", "catbox.moe", "temp.sh", "bashupload", "paste.rs", "ix.io", "sprunge",
              "controlc", "privatebin", "justpaste", "ufile.io", "filebin", "oshi.at", "tmpfiles", "uguu", "pixeldrain")
          .regex("(?i)\\b(?:pastebin\\.(?:com|pl)|paste\\.ee|hastebin\\.(?:com|skyra\\.pw)|ghostbin\\.\\w+|rentry\\.(?:co|org)"
              + "|termbin\\.com|transfer\\.sh|0x0\\.st|file\\.io|dpaste\\.(?:com|org)|anonfiles\\.com|gofile\\.io"
              + "|(?:files\\.)?catbox\\.moe|temp\\.sh|bashupload\\.com|paste\\.rs|ix\\.io|sprunge\\.us|controlc\\.com"
              + "|privatebin\\.net|justpaste\\.it|ufile\\.io|filebin\\.net|oshi\\.at|tmpfiles\\.org|uguu\\.se"
              + "|pixeldrain\\.com)\\b"),
      Check.of(Catalog.RAW_IP).in(ANY)
          .on("://")
          .refine(Refinements::publicAddress)
          .regex("://(?<=\\b(?i:https?|ftp|wss?|tcp|udp)://)(?:[^/\\s@\"']{1,64}@)?(?:(\\d{1,3}(?:\\.\\d{1,3}){3})"
              + "|(0[xX][0-9a-fA-F]{8}|\\d{8,10}))(?::\\d{1,5})?(?=[/\\s\"'`)\\]>?#]|$)"),
      Check.of(Catalog.DNS_EXFIL).in(CODE)
          .on("dig ", "nslookup", "host ", "drill ", "resolve-dnsname")
          .regex("(?i)\\b(?:dig|nslookup|host|drill|resolve-dnsname)\\s[^\\n|;&]{0,120}?(?:\\$\\(|`|\\$\\{?[a-z_]\\w*\\}?\\."
              + "[\\w-]+\\.|\\$env:\\w+\\s*\\+)"),
      Check.of(Catalog.DNS_EXFIL).in(ANY)
          .on("gethostbyname", "getaddrinfo", "dns.resolve", "dns.lookup", "resolve-dnsname", "resolver.resolve",
              "resolver.query")
          .regex("(?i)\\b(?:gethostbyname(?:_ex)?|getaddrinfo|dns\\.(?:resolve\\w*|lookup)|Resolve-DnsName|resolver\\.(?:resolve"
              + "|query))\\s*\\([^)\\n]{0,160}?(?:\\+\\s*[\"'`.]|\\$\\{|%s|\\.format\\s*\\(|\\bf[\"']|\\.join\\s*\\()"),
      Check.of(Catalog.DNS_EXFIL).in(ANY)
          .on("dnscat", "iodine", "dns2tcp", "dnsexfiltrator")
          .regex("(?i)\\b(?:dnscat2?|iodine|dns2tcp|dnsexfiltrator)\\b"),
      Check.of(Catalog.REVERSE_SHELL).in(ANY)
          .on("/dev/tcp", "/dev/udp", "nc ", "ncat", "netcat", "socat", "mkfifo", "pty.spawn", "dup2", "tcpclient")
          .regex("(?i)/dev/(?:tcp|udp)/[\\w.$-]+/\\d+"
              + "|\\b(?:nc|ncat|netcat)\\b[^\\n]{0,120}?(?:\\s-[a-z]*e\\s*|\\s--exec\\s+|\\s-c\\s+)[\"']?\\S{0,20}?(?:sh|cmd"
              + "|powershell)\\b"
              + "|\\bsocat\\b[^\\n]{0,200}\\bexec:[^\\n]{0,40}(?:sh|bash|cmd)\\b"
              + "|\\bmkfifo\\b[^\\n]{0,200}\\b(?:nc|ncat|netcat|openssl\\s+s_client)\\b"
              + "|\\bpty\\.spawn\\s*\\(\\s*[\"'](?:/bin/)?(?:ba|z)?sh"
              + "|\\bos\\.dup2\\s*\\(\\s*\\w+\\.fileno\\s*\\(\\s*\\)\\s*,\\s*[012]\\s*\\)"
              + "|\\bNet\\.Sockets\\.TCPClient\\s*\\([^\\n]{0,300}(?:GetStream|iex|invoke-expression)"),
      Check.of(Catalog.CREDENTIAL_EXFIL).in(ANY)
          .on(".ssh", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".aws", ".git-credentials", ".netrc", ".pypirc", ".kube",
              ".docker", "wallet.dat", "login data", "logins.json", "key4.db", "cookies.sqlite", ".env", "printenv",
              "/etc/shadow", "keychain", "find-generic-password", "find-internet-password")
          .also(NETWORK_SENDERS)
          .regex(CREDENTIAL_PATHS),

      // ---------------------------------------------------------------- obfuscation
      Check.of(Catalog.CHAR_CODES).in(ANY)
          .on("fromcharcode", "chr(", "[char]", "\\x", "\\u00", "\\0", "\\1", "\\2", "\\3", "fromhex", "unhexlify")
          .decode(Decoding::charCodes)
          .refine(Refinements::decodesToText)
          .regex("(?i)String\\.fromCharCode\\s*\\(\\s*(?:0x[0-9a-f]{1,4}|\\d{1,5})(?:\\s*,\\s*(?:0x[0-9a-f]{1,4}|\\d{1,5}))"
              + "{7,400}\\s*\\)|(?:\\bchr\\s*\\(\\s*\\d{1,5}\\s*\\)\\s*\\+\\s*){5,400}(?:chr\\s*\\(\\s*\\d{1,5}\\s*\\))?"
              + "|(?:\\[char\\]\\s*(?:0x[0-9a-f]{1,4}|\\d{1,5})\\s*[+,]?\\s*){6,400}|(?:\\\\x[0-9a-f]{2}){16,4000}"
              + "|(?:\\\\u00[0-9a-f]{2}){12,4000}|(?:\\\\[0-3][0-7]{2}){16,4000}"
              + "|(?:bytes\\.fromhex|unhexlify)\\s*\\(\\s*b?[\"'][0-9a-f]{32,8000}[\"']"),
      Check.of(Catalog.DYNAMIC_EVAL).in(CODE)
          .on("eval(", "eval (", "exec(", "exec (", "eval \"$", "eval $", "eval '$", "function(", "function (", "runin",
              "__import__", "getattr", "iex ", "iex(", "invoke-expression", "scriptblock")
          .refine(Refinements::dynamicEval)
          .regex("(?<![\\w.$])(?:eval|exec)\\s*\\(\\s*(?![)\"'`]|[rubfRUBF]{1,2}[\"'])"
              + "|\\bnew\\s+Function\\s*\\(|(?<![\\w.$])Function\\s*\\(\\s*(?![)\"'`])|\\bvm\\.runIn(?:New|This)?Context\\s*\\("
              + "|\\b__import__\\s*\\(\\s*(?![\"'])|\\bgetattr\\s*\\(\\s*(?:__builtins__|builtins|os|subprocess|sys)\\s*,\\s*(?![\"'])"
              + "|(?:^|[;&|({]\\s*|\\b(?:then|do|else)\\s+)eval\\s+[\"']?\\$(?!\\(\\s*(?:[\\w/.-]*/)?(?:ssh-agent|pyenv|rbenv"
              + "|nodenv|jenv|goenv|direnv|starship|zoxide|fnm|conda|mise|brew|dircolors|opam|thefuck|keychain|gpg-agent"
              + "|luarocks|oh-my-posh|atuin|register-python-argcomplete|docker-machine|minikube|gh|kubectl|helm)\\b)"
              + "|(?i:\\b(?:iex|invoke-expression)\\s+(?:-command\\s+)?\\$\\w|\\b(?:iex|invoke-expression)\\s*\\(\\s*\\$"
              + "|\\[scriptblock\\]::create\\s*\\(\\s*\\$)"),
      Check.of(Catalog.PACKED_LOADER).in(ANY)
          .on("marshal", "zlib", "rot13", "rot_13", "rot-13", "pickle", "codetype", "function(p,a,c,k,e", "_0x", "pyarmor")
          .regex("(?i)\\bmarshal\\.loads\\s*\\(|\\bzlib\\.decompress\\s*\\(\\s*(?:base64\\.)?(?:b64decode|codecs|bytes\\.fromhex)"
              + "|\\bcodecs\\.decode\\s*\\([^)\\n]{0,200}[\"']rot[_-]?13[\"']"
              + "|\\bpickle\\.loads\\s*\\(\\s*(?:base64\\.|b64decode|zlib\\.|bytes\\.fromhex|requests\\.|urlopen|urllib)"
              + "|\\btypes\\.CodeType\\s*\\(|\\beval\\s*\\(\\s*function\\s*\\(\\s*p\\s*,\\s*a\\s*,\\s*c\\s*,\\s*k\\s*,\\s*e"
              + "|(?:\\b_0x[0-9a-f]{4,6}\\b[^\\n]{0,80}?){4}|\\b__pyarmor__\\b|\\bpyarmor_runtime\\b"),

      // ---------------------------------------------------------------- persistence and system modification
      Check.of(Catalog.SHELL_RC).in(ANY)
          .on("bashrc", "bash_profile", "bash_login", ".profile", "$profile", "profile.ps1", "/etc/profile", "zshrc", "zshenv",
              "zprofile", "zlogin", "kshrc", "cshrc", "config.fish")
          .regex("(?i)" + writesTo(RC_FILES)
              + "|\\bopen\\s*\\([^)\\n]{0,160}?" + RC_FILES + "[^)\\n]{0,60}?[\"'](?:a|w)\\+?b?[\"']"
              + "|" + RC_FILES + "[\"']?\\s*\\)?\\s*\\.(?:write_text|open\\s*\\(\\s*[\"']a)"),
      Check.of(Catalog.SCHEDULED_TASK).in(ANY)
          .on("crontab", "/etc/cron", "/var/spool/cron", "schtasks", "register-scheduledtask", "new-scheduledtasktrigger",
              "systemd-run")
          .regex("(?i)" + PIPE + "\\s*crontab\\s+(?:-u\\s+\\S+\\s+)?-(?:\\s|$)|\\bcrontab\\s+(?:-u\\s+\\S+\\s+)?(?!-[lr]\\b)"
              + "(?:-e\\b|[\\w./~$\"'-]+)|" + writesTo("/etc/cron") + "|/var/spool/cron"
              + "|\\bschtasks(?:\\.exe)?\\s+/create\\b|\\bRegister-ScheduledTask\\b|\\bNew-ScheduledTaskTrigger\\b"
              + "|\\bsystemd-run\\s+[^\\n]{0,60}--on-(?:calendar|boot|active)"),
      Check.of(Catalog.AUTOSTART).in(ANY)
          .on("launchagents", "launchdaemons", "launchctl", "systemctl", "/etc/systemd", ".config/systemd", "/etc/init.d",
              "rc.local", "currentversion", "programs\\startup", "shell:startup", ".config/autostart", "ld.so.preload", "login item")
          .regex("(?i)\\bLaunch(?:Agents|Daemons)\\b|\\blaunchctl\\s+(?:load|bootstrap|submit|enable)\\b"
              + "|\\bsystemctl\\s+(?:--user\\s+)?(?:enable|daemon-reload)\\b"
              + "|" + writesTo("/etc/systemd/system/|\\.config/systemd/user/|/etc/init\\.d/|/etc/rc\\.local|\\.config/autostart/")
              + "|/etc/ld\\.so\\.preload|CurrentVersion\\\\(?:Run|RunOnce|Winlogon)\\b|Start Menu\\\\Programs\\\\Startup"
              + "|\\bshell:startup\\b|\\bosascript\\b[^\\n]{0,200}login item"),
      Check.of(Catalog.AUTHORIZED_KEYS).in(ANY)
          .on("authorized_keys")
          .regex("(?i)(?:>>?|\\btee\\b|\\bcp\\b|\\bmv\\b|\\bAdd-Content\\b|\\bappendFile|\\bopen\\s*\\()[^\\n|;]{0,160}?"
              + "authorized_keys2?\\b|authorized_keys2?\\b[^\\n]{0,40}?[\"'][aw]\\+?[\"']"),
      Check.of(Catalog.AGENT_CONFIG).in(ANY)
          .on("claude.md", "agents.md", "gemini.md", ".claude", ".codex", ".cursor", ".gemini", ".agents", ".opencode",
              ".windsurfrules", "copilot-instructions", ".mcp.json")
          .also(WRITE_HINT)
          .regex("(?i)" + writesTo("CLAUDE\\.md|AGENTS\\.md|GEMINI\\.md|\\.cursorrules|\\.windsurfrules"
              + "|copilot-instructions\\.md|\\.mcp\\.json|\\.(?:claude|codex|cursor|gemini|agents|opencode)[/\\\\](?:settings"
              + "[\\w.-]{0,20}\\.json|config\\.toml|mcp\\.json|skills|commands|hooks|agents|rules)")
              + "|\\bopen\\s*\\([^)\\n]{0,160}?(?:CLAUDE\\.md|AGENTS\\.md|\\.mcp\\.json|settings[\\w.-]{0,20}\\.json)"
              + "[^)\\n]{0,60}?[\"'](?:a|w)\\+?[\"']"),
      Check.of(Catalog.AGENT_CONFIG).in(ANY)
          .on("dangerously", "bypasspermissions", "--yolo", "autoapprove", "alwaysallow", "approval-mode")
          .regex("(?i)--dangerously-skip-permissions|\\bbypassPermissions\\b|--dangerously-bypass-approvals-and-sandbox"
              + "|--yolo\\b|[\"']?(?:autoApprove|alwaysAllow)[\"']?\\s*[:=]\\s*(?:true|\\[)|--approval-mode[\\s=]+(?:full-auto|yolo)"),
      Check.of(Catalog.SECURITY_BYPASS).in(ANY)
          .on("xattr", "spctl", "csrutil", "setenforce", "ufw", "mppreference", "executionpolicy", "amsi", "wevtutil",
              "clear-eventlog", "histfile", "history -c", "iptables", "auditctl", "node_tls_reject_unauthorized",
              "sslverify", "pythonhttpsverify")
          .regex("(?i)\\bxattr\\s+(?:-\\w+\\s+){0,3}-\\w*[cd]\\w*\\b|\\bspctl\\s+(?:--master-disable|--global-disable|--add)\\b"
              + "|\\bcsrutil\\s+disable\\b|\\bsetenforce\\s+0\\b|\\bufw\\s+disable\\b"
              + "|\\bSet-MpPreference\\b[^\\n]{0,80}-Disable\\w+|\\bAdd-MpPreference\\b[^\\n]{0,40}-Exclusion\\w+"
              + "|-ExecutionPolicy\\s+(?:Bypass|Unrestricted)\\b|\\bSet-ExecutionPolicy\\s+(?:Bypass|Unrestricted)\\b"
              + "|\\bamsiInitFailed\\b|\\bAmsiUtils\\b|\\bwevtutil(?:\\.exe)?\\s+cl\\b|\\bClear-EventLog\\b"
              + "|\\bunset\\s+HISTFILE\\b|\\bhistory\\s+-c\\b|\\biptables\\s+-F\\b|\\bauditctl\\s+-D\\b"
              + "|\\bNODE_TLS_REJECT_UNAUTHORIZED\\s*=\\s*[\"']?0|\\bhttp\\.sslVerify\\s+false\\b|\\bPYTHONHTTPSVERIFY\\s*=\\s*[\"']?0"),
      Check.of(Catalog.SYSTEM_FILES).in(ANY)
          .on("/etc/", "/usr/bin", "/bin/", "/sbin/", "system32", "chmod", "visudo", "nopasswd", "ld_preload",
              "dyld_insert", "usermod", "dscl")
          .regex("(?i)" + writesTo("(?<![\\w.~-])/etc/(?:hosts|sudoers(?:\\.d/\\S{0,40})?|passwd|shadow|group|resolv\\.conf|pam\\.d/\\S{0,40}"
              + "|ssh/sshd_config|environment)\\b|(?<![\\w.~-])/usr/s?bin/|(?<![\\w.~-])/s?bin/|C:\\\\Windows\\\\System32\\\\")
              + "|\\bchmod\\s+(?:-\\w+\\s+)*(?:[ugoa]*\\+\\w*s\\w*|[2467][0-7]{3})\\s|\\bvisudo\\b|\\bNOPASSWD\\b"
              + "|\\b(?:LD_PRELOAD|DYLD_INSERT_LIBRARIES)\\s*=|\\busermod\\s+-a?G\\s+(?:sudo|wheel|admin|root)\\b"
              + "|\\bdscl\\b[^\\n]{0,80}-append\\s+/Groups/admin"),

      // ---------------------------------------------------------------- destructive
      Check.of(Catalog.RECURSIVE_DELETE).in(ANY)
          .on("rm -", "rm\t-", "rmdir /s", "rd /s", "del /", "remove-item", "rmtree", "fs.rm", "rmsync",
              "no-preserve-root", "format ")
          .regex("(?i)\\brm\\s+(?:(?:-[a-z]+|--[\\w-]+)\\s+){0,4}?(?:-[a-z]*r[a-z]*|--recursive)\\s+(?:(?:-[a-z]+|--[\\w-]+)\\s+)"
              + "{0,4}[\"']?(?:/\\*?|~/?\\*?|\\$home/?\\*?|\\$\\{home\\}/?\\*?|\\.\\./?\\*?|/(?:etc|usr|bin|sbin|var|home|boot"
              + "|lib|lib64|opt|root|srv|system|users|library|applications)/?\\*?)[\"']?(?=[\\s;&|)]|$)"
              + "|--no-preserve-root\\b"
              + "|\\b(?:rd|rmdir)\\s+/s\\s+(?:/q\\s+)?[a-z]:\\\\?(?=[\\s\"']|$)|\\bdel\\s+(?:/[a-z]\\s+){1,4}[a-z]:\\\\\\*?"
              + "|\\bRemove-Item\\b[^\\n]{0,80}-Recurse[^\\n]{0,80}?(?:\\s[a-z]:\\\\?(?=[\\s\"']|$)|\\$env:(?:USERPROFILE"
              + "|HOMEPATH|SystemRoot)\\b|\\s~\\\\?(?=\\s|$))|\\bformat\\s+[a-z]:(?=[\\s/]|$)"
              + "|\\bshutil\\.rmtree\\s*\\(\\s*(?:[\"'](?:/|~|[a-z]:\\\\\\\\?)[\"']|os\\.path\\.expanduser\\(\\s*[\"']~[\"']\\s*\\)"
              + "|Path\\.home\\(\\)|os\\.environ\\[[\"']HOME)"
              + "|\\bfs\\.(?:rm|rmdir)(?:Sync)?\\s*\\(\\s*(?:[\"']/[\"']|os\\.homedir\\(\\))"),
      Check.of(Catalog.DISK_WIPE).in(ANY)
          .on("mkfs", "of=/dev", "/dev/sd", "/dev/nvme", "/dev/disk", "wipefs", "shred", "diskutil", ":(){", ": () {",
              "format-volume", "clear-disk", "vssadmin", "shadowcopy", "bcdedit", "cipher")
          .regex("(?i)\\bmkfs(?:\\.\\w+)?\\s+(?:-\\S+\\s+){0,4}/dev/|\\bdd\\b[^\\n]{0,120}\\bof=/dev/(?:sd[a-z]|hd[a-z]|nvme\\d"
              + "|disk\\d|rdisk\\d|mmcblk\\d|vd[a-z]|xvd[a-z])|>\\s*/dev/(?:sd[a-z]|nvme\\d+n\\d+|disk\\d)\\b"
              + "|\\bwipefs\\s+(?:-\\w+\\s+){0,3}/dev/|\\bshred\\b[^\\n]{0,60}/dev/"
              + "|\\bdiskutil\\s+(?:erase\\w*|zeroDisk|randomDisk|secureErase|partitionDisk)\\b"
              + "|:\\s*\\(\\s*\\)\\s*\\{\\s*:\\s*\\|\\s*:\\s*&\\s*\\}\\s*;\\s*:|\\bFormat-Volume\\b|\\bClear-Disk\\b"
              + "|\\bvssadmin(?:\\.exe)?\\s+delete\\s+shadows|\\bwmic\\s+shadowcopy\\s+delete"
              + "|\\bbcdedit\\b[^\\n]{0,60}recoveryenabled\\s+no|\\bcipher(?:\\.exe)?\\s+/w:"),
      Check.of(Catalog.FORCE_PUSH).in(ANY)
          .on("push")
          .regex("(?i)\\bgit\\s+push\\b[^\\n;&|]{0,120}?(?:\\s--force(?![\\w-])|\\s-f\\b|\\s\\+[\\w/-]+(?::|\\s|$))"),

      // ---------------------------------------------------------------- hardcoded secrets
      Check.of(Catalog.PRIVATE_KEY).in(ANY)
          .on("-----begin", "putty-user-key-file")
          .refine(Refinements::keyBodyFollows)
          .regex("-----BEGIN (?:RSA |DSA |EC |OPENSSH |PGP |ENCRYPTED |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"
              + "|PuTTY-User-Key-File-\\d+:"),
      Check.of(Catalog.CLOUD_KEY).in(ANY)
          .on("akia", "asia", "agpa", "aida", "aroa", "anpa", "anva", "aipa", "aiza", "accountkey=", "aws_secret_access_key")
          .refine(Refinements::notExampleKey)
          .regex("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b|\\bAIza[0-9A-Za-z_-]{35}\\b"
              + "|(?i:\\bAccountKey=)[A-Za-z0-9+/]{86}=="
              + "|(?i:aws_secret_access_key)[\"']?\\s*[=:]\\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"),
      Check.of(Catalog.SERVICE_TOKEN).in(ANY)
          .on("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "npm_", "pypi-", "xoxa-", "xoxb-", "xoxp-",
              "xoxo-", "xoxs-", "xoxr-", "sk_live_", "rk_live_", "sk-", "sg.", ":aa", "ya29.", "hf_", "shpat_", "dop_v1_")
          .refine(Refinements::notPlaceholderToken)
          .regex(TOKEN_SHAPES),
      Check.of(Catalog.GENERIC_SECRET).in(ANY)
          .on("password=", "password =", "password:", "password :", "password\":", "password':", "password\" :",
              "password' :", "password\"=", "password'=", "password\" =", "password' =", "passwd=", "passwd =",
              "passwd:", "passwd :", "passwd\":", "passwd':", "passwd\" :", "passwd' :", "passwd\"=", "passwd'=",
              "passwd\" =", "passwd' =", "pwd=", "pwd =", "pwd:", "pwd :", "pwd\":", "pwd':", "pwd\" :", "pwd' :",
              "pwd\"=", "pwd'=", "pwd\" =", "pwd' =", "secret=", "secret =", "secret:", "secret :", "secret\":",
              "secret':", "secret\" :", "secret' :", "secret\"=", "secret'=", "secret\" =", "secret' =", "api_key=",
              "api_key =", "api_key:", "api_key :", "api_key\":", "api_key':", "api_key\" :", "api_key' :",
              "api_key\"=", "api_key'=", "api_key\" =", "api_key' =", "api-key=", "api-key =", "api-key:",
              "api-key :", "api-key\":", "api-key':", "api-key\" :", "api-key' :", "api-key\"=", "api-key'=",
              "api-key\" =", "api-key' =", "apikey=", "apikey =", "apikey:", "apikey :", "apikey\":", "apikey':",
              "apikey\" :", "apikey' :", "apikey\"=", "apikey'=", "apikey\" =", "apikey' =", "access_key=",
              "access_key =", "access_key:", "access_key :", "access_key\":", "access_key':", "access_key\" :",
              "access_key' :", "access_key\"=", "access_key'=", "access_key\" =", "access_key' =", "access-key=",
              "access-key =", "access-key:", "access-key :", "access-key\":", "access-key':", "access-key\" :",
              "access-key' :", "access-key\"=", "access-key'=", "access-key\" =", "access-key' =", "access_token=",
              "access_token =", "access_token:", "access_token :", "access_token\":", "access_token':",
              "access_token\" :", "access_token' :", "access_token\"=", "access_token'=", "access_token\" =",
              "access_token' =", "access-token=", "access-token =", "access-token:", "access-token :",
              "access-token\":", "access-token':", "access-token\" :", "access-token' :", "access-token\"=",
              "access-token'=", "access-token\" =", "access-token' =", "auth_token=", "auth_token =", "auth_token:",
              "auth_token :", "auth_token\":", "auth_token':", "auth_token\" :", "auth_token' :", "auth_token\"=",
              "auth_token'=", "auth_token\" =", "auth_token' =", "auth-token=", "auth-token =", "auth-token:",
              "auth-token :", "auth-token\":", "auth-token':", "auth-token\" :", "auth-token' :", "auth-token\"=",
              "auth-token'=", "auth-token\" =", "auth-token' =", "private_key=", "private_key =", "private_key:",
              "private_key :", "private_key\":", "private_key':", "private_key\" :", "private_key' :",
              "private_key\"=", "private_key'=", "private_key\" =", "private_key' =", "private-key=",
              "private-key =", "private-key:", "private-key :", "private-key\":", "private-key':", "private-key\" :",
              "private-key' :", "private-key\"=", "private-key'=", "private-key\" =", "private-key' =",
              "client_secret=", "client_secret =", "client_secret:", "client_secret :", "client_secret\":",
              "client_secret':", "client_secret\" :", "client_secret' :", "client_secret\"=", "client_secret'=",
              "client_secret\" =", "client_secret' =", "client-secret=", "client-secret =", "client-secret:",
              "client-secret :", "client-secret\":", "client-secret':", "client-secret\" :", "client-secret' :",
              "client-secret\"=", "client-secret'=", "client-secret\" =", "client-secret' =", "bearer_token=",
              "bearer_token =", "bearer_token:", "bearer_token :", "bearer_token\":", "bearer_token':",
              "bearer_token\" :", "bearer_token' :", "bearer_token\"=", "bearer_token'=", "bearer_token\" =",
              "bearer_token' =", "token=", "token =", "token:", "token :", "token\":", "token':", "token\" :",
              "token' :", "token\"=", "token'=", "token\" =", "token' =")
          .refine(Refinements::realSecretValue)
          .regex("(?i)(?<![a-z0-9])(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|access[_-]?token|auth[_-]?token"
              + "|client[_-]?secret|private[_-]?key|bearer[_-]?token|token)(?![a-z0-9])[\"']?\\s*(?::=|=>|=|:)\\s*"
              + "[\"']([^\"'\\s]{8,200})[\"']"),
      Check.of(Catalog.GENERIC_SECRET).in(ANY)
          .on("authorization")
          .refine(Refinements::realSecretValue)
          .regex("(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?(?:bearer|basic|token)\\s+([A-Za-z0-9._~+/=-]{20,400})"),
      Check.of(Catalog.GENERIC_SECRET).in(ANY)
          .on("://")
          .also("://[^\\s/@]{1,64}@")
          .refine(Refinements::realSecretValue)
          .regex("(?i)\\b[a-z][a-z0-9+.-]{1,15}://[^\\s:/@\"']{1,64}:([^\\s@/\"'$<{]{6,64})@[\\w.-]+"),

      // ---------------------------------------------------------------- declared versus observed
      Check.of(Catalog.UNDECLARED_NETWORK).in(SCRIPT)
          .on("curl ", "wget ", "aria2c", "http ", "xh ", "nc ", "ncat ", "netcat ", "telnet ", "ftp ", "sftp ", "scp ",
              "rsync ", "ssh ")
          .refine(Refinements::noNetworkDeclared)
          .describe(Refinements::networkMessage)
          .regex(NETWORK_TOOLS),
      Check.of(Catalog.UNDECLARED_NETWORK).in(SCRIPT)
          .on("requests.", "httpx.", "aiohttp.", "urllib3.", "urllib.request", "urlopen", "http.client", "socket.socket",
              "socket.create_connection", "fetch(", "fetch (", "axios", "https.", "http.", "http2.", "net.connect",
              "net.createconnection", "tls.connect", "dgram.", "websocket(", "xmlhttprequest", "sendbeacon",
              "invoke-webrequest", "invoke-restmethod", "iwr ", "irm ", "bitstransfer", "net.webclient", "tcpclient",
              "http.httpclient")
          .refine(Refinements::noNetworkDeclared)
          .describe(Refinements::networkMessage)
          .regex(NETWORK_APIS),
      Check.of(Catalog.UNDECLARED_NETWORK).in(SCRIPT)
          .on("git clone", "git fetch", "git pull", "git push", "git ls-remote", "pip install", "pip3 install",
              "npm install", "npm i ", "npm ci", "brew install", "apt install", "apt-get install")
          .refine(Refinements::noNetworkDeclared)
          .describe(Refinements::networkMessage)
          .regex("(?i)\\bgit\\s+(?:clone|fetch|pull|push|ls-remote)\\b|\\bpip3?\\s+install\\b|\\bnpm\\s+(?:install|i|ci)\\b"
              + "|\\bbrew\\s+install\\b|\\bapt(?:-get)?\\s+install\\b"),
      Check.of(Catalog.UNDECLARED_HOST).in(SCRIPT)
          .on("://")
          .refine(Refinements::hostNotDeclared)
          .describe(Refinements::hostMessage)
          .regex("(?i)\\b(?:https?|wss?|ftp)://(?:[^/\\s@\"'`<>]{1,64}@)?(\\[[0-9a-f:.]{2,45}\\]|[^/\\s:\"'`<>)\\]?#]{1,253})"),
      Check.of(Catalog.UNDECLARED_SECRET).in(SCRIPT)
          .on("environ", "getenv", "process.env", "$env:", "env[", "env.fetch", "deno.env")
          .refine(Refinements::secretNotDeclared)
          .describe(Refinements::secretMessage)
          .regex("(?:os\\.environ(?:\\.get)?\\s*[\\[(]\\s*|os\\.getenv\\s*\\(\\s*|environ\\.get\\s*\\(\\s*)[\"']([A-Za-z_]\\w{0,127})[\"']"
              + "|process\\.env\\.([A-Za-z_]\\w{0,127})|process\\.env\\[\\s*[\"'`]([A-Za-z_]\\w{0,127})[\"'`]\\s*\\]"
              + "|(?i:\\$env:)([A-Za-z_]\\w{0,127})|\\bENV\\s*(?:\\[|\\.fetch\\s*\\(\\s*)[\"']([A-Za-z_]\\w{0,127})[\"']"
              + "|Deno\\.env\\.get\\s*\\(\\s*[\"']([A-Za-z_]\\w{0,127})[\"']"),
      Check.of(Catalog.UNDECLARED_SECRET).in(SCRIPT)
          .on("token", "secret", "password", "passwd", "_pass", "$pass", "{pass", "key", "_auth", "$auth", "{auth",
              "credential", "cookie", "session", "_pat", "bearer", "webhook")
          .langs(Lang.SHELL)
          .refine(Refinements::secretNotDeclared)
          .describe(Refinements::secretMessage)
          .regex("\\$\\{?([A-Za-z_][A-Za-z0-9_]{0,127})"),
      Check.of(Catalog.UNDECLARED_SUBPROCESS).in(SCRIPT)
          .on("subprocess", "os.system", "os.popen", "os.exec", "os.spawn", "posix_spawn", "child_process", "exec(",
              "execsync", "execfile", "spawn", "fork(", "deno.run", "deno.command", "bun.spawn", "start-process",
              "runtime.getruntime", "processbuilder", "create_subprocess")
          .refine(Refinements::subprocessNotDeclared)
          .describe(Refinements::subprocessMessage)
          .regex("\\bsubprocess\\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\\s*\\(\\s*(?:\\[\\s*)?"
              + "(?:[\"']([\\w./+-]{1,64}))?"
              + "|\\bos\\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)\\s*\\(\\s*(?:[\"']([\\w./+-]{1,64}))?"
              + "|\\b(?:child_process\\.)?(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)\\s*\\(\\s*"
              + "(?:[\"'`]([\\w./+-]{1,64}))?"
              + "|\\b(?:Deno\\.(?:run|Command)|Bun\\.spawn|Start-Process|Runtime\\.getRuntime\\(\\)\\.exec|ProcessBuilder"
              + "|pty\\.spawn)\\b|\\basyncio\\.create_subprocess_(?:exec|shell)\\s*\\(\\s*(?:[\"']([\\w./+-]{1,64}))?"),
      Check.of(Catalog.UNDECLARED_FILESYSTEM).in(SCRIPT)
          .on("~/", "~\\", "\"~\"", "'~'", "$home", "${home", "userprofile", "appdata", "homedir", "expanduser",
              "path.home", "/users/", "/home/", "/root/")
          .refine(Refinements::outsideNotDeclared)
          .describe(Refinements::outsideMessage)
          .regex("(?i)(?<![\\w~])~[/\\\\]|[\"']~[\"']|\\$\\{?HOME\\}?\\b|%USERPROFILE%|%(?:LOCAL)?APPDATA%"
              + "|\\$env:(?:USERPROFILE|APPDATA|LOCALAPPDATA|HOME)\\b|\\bos\\.homedir\\s*\\(|\\bPath\\.home\\s*\\("
              + "|\\bexpanduser\\s*\\(|(?<![\\w.`])(?-i:/Users|/home|/root)/"),
      Check.of(Catalog.UNDECLARED_FILESYSTEM).in(SCRIPT)
          .on("open(", "open (", "write_text", "write_bytes", "shutil.", "os.remove", "os.unlink", "os.rename",
              "os.replace", "os.makedirs", "os.mkdir", "os.rmdir", "writefile", "appendfile", "fs.mkdir", "fs.rm",
              "fs.unlink", "fs.rename", "fs.copyfile", "fs.cp", "createwritestream", "deno.write", "deno.remove",
              "deno.mkdir", "set-content", "add-content", "out-file", "new-item", "remove-item", "copy-item", "move-item")
          .refine(Refinements::writeNotDeclared)
          .describe(Refinements::writeMessage)
          .regex("\\bopen\\s*\\([^)\\n]{0,200}?,\\s*(?:mode\\s*=\\s*)?[\"'](?:w|a|x|wb|ab|xb|w\\+|a\\+|r\\+|wt|at)[\"']"
              + "|\\.write_(?:text|bytes)\\s*\\(|\\bshutil\\.(?:copy\\w*|move|rmtree)\\s*\\("
              + "|\\bos\\.(?:remove|unlink|rename|replace|makedirs|mkdir|rmdir)\\s*\\("
              + "|\\bfs(?:\\.promises)?\\.(?:writeFile|appendFile|mkdir|rm|rmdir|unlink|rename|copyFile|cp|createWriteStream)"
              + "(?:Sync)?\\s*\\(|\\bDeno\\.(?:writeTextFile|writeFile|remove|mkdir)\\b"
              + "|(?i:\\b(?:Set-Content|Add-Content|Out-File|New-Item|Remove-Item|Copy-Item|Move-Item)\\b)"),
      Check.of(Catalog.UNDECLARED_FILESYSTEM).in(SCRIPT)
          .on(">", "tee ", "touch ", "mkdir ", "cp ", "mv ", "rm ", "install ", "truncate ", "ln ", "sed -i")
          .langs(Lang.SHELL, Lang.BATCH, Lang.POWERSHELL)
          .refine(Refinements::writeNotDeclared)
          .describe(Refinements::writeMessage)
          .regex("(?:^|[;&|]\\s*|\\b(?:then|do|sudo)\\s+)(?:tee|touch|mkdir|cp|mv|rm|install|truncate|ln)\\s|\\bsed\\s+-i"
              + "|(?:^|(?<=[\\s;&|)}\"']))>{1,2}\\s*(?!&|/dev/(?:null|stderr|stdout|tty)\\b)[\"']?[\\w.$~/{}]"));
}
