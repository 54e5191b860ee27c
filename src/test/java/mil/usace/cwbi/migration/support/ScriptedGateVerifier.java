package mil.usace.cwbi.migration.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mil.usace.cwbi.migration.verification.CheckResult;
import mil.usace.cwbi.migration.verification.Environment;
import mil.usace.cwbi.migration.verification.GateVerifier;
import mil.usace.cwbi.migration.verification.MigrationSubject;
import mil.usace.cwbi.migration.verification.VerificationReport;
import org.springframework.context.ApplicationContext;

/**
 * The GateVerifier the shared test context uses: a test may decide an environment's verdict ({@link #pass},
 * {@link #fail}); otherwise the application's real verifier (CDA) answers. {@link #reset()} after each test.
 */
public class ScriptedGateVerifier implements GateVerifier {

  private final ApplicationContext context;
  private final Map<Environment, Boolean> verdicts = new ConcurrentHashMap<>();
  private final Map<Environment, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<Environment, List<CheckResult>> reports = new ConcurrentHashMap<>();
  private final Map<Environment, RuntimeException> faults = new ConcurrentHashMap<>();

  public ScriptedGateVerifier(ApplicationContext context) {
    this.context = context;
  }

  public void pass(Environment... environments) {
    for (Environment e : environments) {
      verdicts.put(e, true);
    }
  }

  public void fail(Environment... environments) {
    for (Environment e : environments) {
      verdicts.put(e, false);
    }
  }

  /** The environment's check reports exactly these lines (e.g. several failures among passing checks). */
  public void report(Environment environment, List<CheckResult> lines) {
    reports.put(environment, List.copyOf(lines));
  }

  /** The verifier breaks with {@code fault} for this environment: a bug of ours, not a CDA answer. */
  public void breakWith(Environment environment, RuntimeException fault) {
    faults.put(environment, fault);
  }

  public void passAll() {
    pass(Environment.values());
  }

  public int calls(Environment environment) {
    return calls.getOrDefault(environment, new AtomicInteger()).get();
  }

  public void reset() {
    verdicts.clear();
    calls.clear();
    reports.clear();
    faults.clear();
  }

  @Override
  public VerificationReport verify(Environment environment, MigrationSubject subject) {
    calls.computeIfAbsent(environment, e -> new AtomicInteger()).incrementAndGet();
    if (reports.containsKey(environment)) {
      return new VerificationReport(environment, subject.office(), Instant.now(), reports.get(environment));
    }
    RuntimeException fault = faults.get(environment);
    if (fault != null) {
      throw fault;
    }
    Boolean verdict = verdicts.get(environment);
    if (verdict != null) {
      // shaped like the real checks' lines, so what people see of them (findings, remedies) is what they would see
      String where = " (" + environment.label() + ")";
      Instant now = Instant.now();
      List<CheckResult> lines = verdict
          ? List.of(CheckResult.pass("CDA service answers" + where, "test decided: pass for " + subject.office()),
              CheckResult.pass("critical series fresh" + where, "test decided: pass for " + subject.office()))
          : List.of(CheckResult.pass("CDA service answers" + where, "CDA 3.1 (test)"),
              CheckResult.pass("office known" + where, subject.office()),
              CheckResult.fail("critical series fresh" + where, "test decided: fail for " + subject.office()
                  + ", stale 3 of 3: KEYS.Elev.Inst.1Hour.0.Ccp-Rev has no value since "
                  + now.minus(java.time.Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                  + " (PT240H old > limit PT3H), ..."));
      return new VerificationReport(environment, subject.office(), now, lines);
    }
    return real().verify(environment, subject);
  }

  private GateVerifier real() {
    return context.getBeansOfType(GateVerifier.class).values().stream()
        .filter(v -> v != this)
        .findFirst()
        .orElseGet(() -> (env, subject) -> new VerificationReport(env, subject.office(), Instant.now(),
            List.of(CheckResult.fail("configuration", "no CDA verifier in this build"))));
  }
}
