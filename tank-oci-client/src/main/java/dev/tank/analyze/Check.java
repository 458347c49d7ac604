package dev.tank.analyze;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * How a line rule finds its matches: the lines it reads (a scope, optionally narrowed to some code
 * languages), the {@link Triggers} literals that make a line a candidate, the regular expression
 * run on the candidate (a logical line: continuation lines joined), an optional second expression
 * that must also match the line (a cheap gate before an expensive one), a refinement that can veto
 * a match, a message that can add detail, and a decoder that turns the match into text to scan
 * again (char-code obfuscation). Several checks may serve one rule.
 *
 * <p>Every expression in the catalogue uses bounded repetition ({@code {0,200}}, or classes that
 * cannot overlap what follows), so the work of one match attempt is bounded by the window the
 * engine gives it; the engine also caps the windows and the text per rule (see {@link Engine}).
 */
record Check(Rule rule, Scope scope, Set<Lang> langs, List<String> triggers, Pattern pattern, Pattern also,
    Refine refine, Describe describe, Decode decode) {

  Check {
    Objects.requireNonNull(rule);
    Objects.requireNonNull(scope);
    langs = langs == null ? null : Set.copyOf(langs);
    triggers = List.copyOf(triggers);
    Objects.requireNonNull(pattern);
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("check " + rule.id() + " has no triggers");
    }
  }

  /** Which lines a check looks at. */
  enum Scope {
    /** Every line of every text file. */
    ANY,
    /** Lines of scripts, and lines inside fenced code blocks of Markdown. */
    CODE,
    /** Lines of scripts only: the skill's own code, not examples in its documentation. */
    SCRIPT,
    /** Markdown outside fenced blocks, plain text and data files. */
    PROSE,
    /** Markdown files only, fenced or not. */
    MARKDOWN
  }

  /** Vetoes a match the expression alone cannot judge (a placeholder secret, a loopback address...). */
  @FunctionalInterface
  interface Refine {
    boolean accept(Candidate c, MatchResult m);
  }

  /** The message of a finding, when the rule's title alone says too little. */
  @FunctionalInterface
  interface Describe {
    String message(Candidate c, MatchResult m);
  }

  /** Text hidden in a match (char codes, escapes) to scan again; null when it decodes to nothing useful. */
  @FunctionalInterface
  interface Decode {
    String decode(MatchResult m);
  }

  static Builder of(Rule rule) {
    return new Builder(rule);
  }

  /** Keeps the catalogue readable: {@code Check.of(rule).in(CODE).on("curl").regex("...")}. */
  static final class Builder {
    private final Rule rule;
    private Scope scope = Scope.ANY;
    private Set<Lang> langs;
    private List<String> triggers = List.of();
    private Pattern also;
    private Refine refine;
    private Describe describe;
    private Decode decode;

    private Builder(Rule rule) {
      this.rule = rule;
    }

    Builder in(Scope s) {
      scope = s;
      return this;
    }

    /** Only lines in these code languages (prose and data lines never qualify). */
    Builder langs(Lang... l) {
      langs = Set.of(l);
      return this;
    }

    Builder on(String... literals) {
      triggers = List.of(literals);
      return this;
    }

    Builder also(String regex) {
      also = Pattern.compile(regex);
      return this;
    }

    Builder refine(Refine r) {
      refine = r;
      return this;
    }

    Builder describe(Describe d) {
      describe = d;
      return this;
    }

    Builder decode(Decode d) {
      decode = d;
      return this;
    }

    Check regex(String regex) {
      return new Check(rule, scope, langs, triggers, Pattern.compile(regex), also, refine, describe, decode);
    }
  }
}
