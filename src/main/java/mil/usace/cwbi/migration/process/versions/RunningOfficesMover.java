package mil.usace.cwbi.migration.process.versions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the running offices to the newest version of the roadmap when the application starts (after the new model
 * was deployed): for each {@link RoadmapVersionPlan}, in order, every office on a definition of its old version.
 * One transaction per office: a failure leaves that office untouched on its version (a WARN with the reason) and
 * the others go on. Each move is an INFO line and, through {@link #NOTE_VARIABLE}, an entry of the office's audit
 * trail. Off with {@code cwbi.roadmap.migrate-running=false}.
 *
 * <p>Several nodes: on PostgreSQL it runs while the node holds the start-up lock ({@code engine.StartupLock}
 * releases it last of the ready listeners), so one node moves the offices and the next finds none left.
 */
@Component
public class RunningOfficesMover {

  private static final Logger LOG = LoggerFactory.getLogger(RunningOfficesMover.class);

  /** A process variable whose every value (in history, with its time) is one move of the office. */
  public static final String NOTE_VARIABLE = "roadmapVersionMove";
  private static final int TRIES = 3;

  private final ProcessEngine engine;
  private final ObjectProvider<RoadmapVersionPlan> plans;
  private final RoadmapVersionProperties properties;
  private final TransactionTemplate perOffice;

  public RunningOfficesMover(ProcessEngine engine, ObjectProvider<RoadmapVersionPlan> plans,
      RoadmapVersionProperties properties, PlatformTransactionManager transactions) {
    this.engine = engine;
    this.plans = plans;
    this.properties = properties;
    this.perOffice = new TransactionTemplate(transactions);
    this.perOffice.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Before the start-up lock is released (it is the last ready listener). */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE - 10)
  public void onReady() {
    if (!properties.isMigrateRunning()) {
      LOG.info("Running offices stay on their roadmap version (cwbi.roadmap.migrate-running=false)");
      return;
    }
    moveAll();
  }

  /** What one run did: offices moved (with what changed for them) and offices left where they were (why). */
  public record Report(Map<String, String> moved, Map<String, String> failed, List<Long> millis) {}

  public Report moveAll() {
    Map<String, String> moved = new LinkedHashMap<>();
    Map<String, String> failed = new LinkedHashMap<>();
    List<Long> millis = new ArrayList<>();
    plans.orderedStream().forEach(plan -> move(plan, moved, failed, millis));
    return new Report(moved, failed, millis);
  }

  private void move(RoadmapVersionPlan plan, Map<String, String> moved, Map<String, String> failed,
      List<Long> millis) {
    RepositoryService repository = engine.getRepositoryService();
    RuntimeService runtime = engine.getRuntimeService();
    ProcessDefinition target = repository.createProcessDefinitionQuery()
        .processDefinitionKey(MigrationVariables.PROCESS_KEY).versionTag(plan.toVersionTag())
        .orderByProcessDefinitionVersion().desc().listPage(0, 1).stream().findFirst().orElse(null);
    if (target == null) {
      LOG.debug("Roadmap version {} is not deployed: nothing moves to it", plan.toVersionTag());
      return;
    }
    for (ProcessDefinition source : repository.createProcessDefinitionQuery()
        .processDefinitionKey(MigrationVariables.PROCESS_KEY).versionTag(plan.fromVersionTag()).list()) {
      List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list();
      if (running.isEmpty()) {
        continue;
      }
      MigrationPlan migrationPlan;
      try {
        migrationPlan = plan.migrationPlan(runtime, source.getId(), target.getId());
      } catch (RuntimeException e) {
        String reason = reason(e); // the engine's validation report lists every instruction that does not fit
        LOG.warn("{} offices stay on roadmap version {}: no migration plan to version {}: {}", running.size(),
            RoadmapVersions.label(source), RoadmapVersions.label(target), reason);
        running.forEach(pi -> failed.put(office(pi), reason));
        continue;
      }
      String from = RoadmapVersions.label(source);
      String to = RoadmapVersions.label(target);
      for (ProcessInstance pi : running) {
        moveOne(plan, migrationPlan, from, to, pi, moved, failed, millis);
      }
    }
  }

  private void moveOne(RoadmapVersionPlan plan, MigrationPlan migrationPlan, String from, String to, ProcessInstance pi,
      Map<String, String> moved, Map<String, String> failed, List<Long> millis) {
    String office = office(pi);
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      try {
        String note = perOffice.execute(tx -> {
          String what = "Moved from roadmap version " + from + " to version " + to + ". "
              + plan.move(engine, migrationPlan, pi.getId());
          engine.getRuntimeService().setVariable(pi.getId(), NOTE_VARIABLE, what);
          return what;
        });
        long ms = (System.nanoTime() - start) / 1_000_000;
        millis.add(ms);
        moved.merge(office, note, (earlier, later) -> earlier + " " + later); // an office two versions behind
        LOG.info("Office {} moved to roadmap version {} in {} ms: {}", office, to, ms, note);
        return;
      } catch (OptimisticLockingException e) {
        if (attempt < TRIES) {
          continue; // a job of the office ran meanwhile (another node, the job executor): again, from its new state
        }
        fail(from, to, office, e, failed);
        return;
      } catch (RuntimeException e) {
        fail(from, to, office, e, failed);
        return;
      }
    }
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ").strip();
  }

  private static void fail(String from, String to, String office, RuntimeException e, Map<String, String> failed) {
    String reason = reason(e);
    failed.put(office, reason);
    LOG.warn("Office {} stays on roadmap version {} (not moved to {}): {}", office, from, to, reason);
  }

  private static String office(ProcessInstance pi) {
    return pi.getBusinessKey() != null ? pi.getBusinessKey() : pi.getId();
  }
}
