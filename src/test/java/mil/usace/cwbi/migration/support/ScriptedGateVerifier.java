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
    faults.clear();
  }

  @Override
  public VerificationReport verify(Environment environment, MigrationSubject subject) {
    calls.computeIfAbsent(environment, e -> new AtomicInteger()).incrementAndGet();
    RuntimeException fault = faults.get(environment);
    if (fault != null) {
      throw fault;
    }
    Boolean verdict = verdicts.get(environment);
    if (verdict != null) {
      CheckResult line = verdict
          ? CheckResult.pass("scripted", "test decided: pass for " + subject.office())
          : CheckResult.fail("scripted", "test decided: fail for " + subject.office() + ", 3 critical series stale");
      return new VerificationReport(environment, subject.office(), Instant.now(), List.of(line));
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
