package mil.usace.cwbi.migration.notification.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.dashboard.DoneBeforeEntries;
import mil.usace.cwbi.migration.dashboard.RoadmapItems;
import mil.usace.cwbi.migration.dashboard.RoadmapNotes;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.forecast.Forecasts;
import mil.usace.cwbi.migration.forecast.TargetDates;
import mil.usace.cwbi.migration.notification.MailComposer;
import mil.usace.cwbi.migration.notification.NotificationProperties;
import mil.usace.cwbi.migration.notification.Notifier;
import mil.usace.cwbi.migration.notification.Recipients;
import mil.usace.cwbi.migration.notification.SendMailDelegate;
import mil.usace.cwbi.migration.process.MigrationProperties;
import mil.usace.cwbi.migration.process.forms.FormRules;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * "Sent once even on several nodes": two process engines, each with its own running job executor, share one
 * database (an H2 file) as two nodes of a cluster do. The digest process looks every two seconds, on whichever node
 * acquires its timer job; the digest is due the whole time. GreenMail receives exactly one digest, though both
 * nodes looked several times.
 */
class DigestTwoNodesTest {

  static final String HEC_ADDRESS = "hec-lead@example.mil";

  final List<ProcessEngine> nodes = new ArrayList<>();
  final Map<String, AtomicInteger> looks = new ConcurrentHashMap<>();
  GreenMail smtp;

  @AfterEach
  void tearDown() {
    nodes.forEach(ProcessEngine::close);
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void twoNodesOnOneDatabaseSendTheDigestOnce() throws Exception {
    ClockUtil.reset();
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "digest-two-nodes")), "db");
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("cwbi") + ";DB_CLOSE_ON_EXIT=FALSE";

    ProcessEngine a = node("digest-node-a", url);
    ProcessEngine b = node("digest-node-b", url);

    User lead = a.getIdentityService().newUser("heclead");
    lead.setEmail(HEC_ADDRESS);
    a.getIdentityService().saveUser(lead);
    a.getIdentityService().saveGroup(a.getIdentityService().newGroup("hec"));
    a.getIdentityService().createMembership("heclead", "hec");
    // deployed once, as the first node of a cluster does; the timer job is in the shared database
    a.getRepositoryService().createDeployment().name("digest")
        .addClasspathResource("bpmn/hec-weekly-digest.bpmn")
        .addClasspathResource("bpmn/send-notification.bpmn")
        // the roadmap (steps, items, gates) the digest speaks of is read from the migration's model
        .addClasspathResource("bpmn/cwbi-migration.bpmn").deploy();

    long deadline = System.currentTimeMillis() + Duration.ofMinutes(3).toMillis();
    while (System.currentTimeMillis() < deadline
        && (count("digest-node-a") < 2 || count("digest-node-b") < 2 || smtp.getReceivedMessages().length == 0)) {
      Thread.sleep(250);
    }
    assertThat(count("digest-node-a")).as("node A's job executor looked").isGreaterThanOrEqualTo(2);
    assertThat(count("digest-node-b")).as("node B's job executor looked").isGreaterThanOrEqualTo(2);
    // a few more looks on both nodes after the digest went out
    int before = count("digest-node-a") + count("digest-node-b");
    while (System.currentTimeMillis() < deadline && count("digest-node-a") + count("digest-node-b") < before + 4) {
      Thread.sleep(250);
    }

    System.out.printf("Digest looks: node A %d, node B %d%n", count("digest-node-a"), count("digest-node-b"));
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(HEC_ADDRESS);
    assertThat(received[0].getSubject()).startsWith("[CWBI migration] HEC's week to ");
    assertThat(a.getHistoryService().createHistoricVariableInstanceQuery()
        .processDefinitionKey(WeeklyDigestDelegate.PROCESS_KEY).variableName(WeeklyDigestDelegate.DIGEST_FOR).count())
        .isEqualTo(1);
    assertThat(b.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(WeeklyDigestDelegate.PROCESS_KEY).count())
        .as("every look is an instance in the shared history").isGreaterThanOrEqualTo(before + 4);
  }

  int count(String node) {
    return looks.computeIfAbsent(node, k -> new AtomicInteger()).get();
  }

  /** One node: its own engine, job executor and beans, on the shared database. */
  ProcessEngine node(String name, String url) throws Exception {
    Map<Object, Object> beans = new HashMap<>();
    StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
    c.setProcessEngineName(name);
    c.setJdbcUrl(url);
    c.setJdbcUsername("sa");
    c.setJdbcPassword("");
    c.setDatabaseSchemaUpdate("true");
    c.setHistory("full");
    c.setEnforceHistoryTimeToLive(true);
    c.setMetricsEnabled(false);
    c.setJobExecutorDeploymentAware(false);
    DefaultJobExecutor executor = new DefaultJobExecutor();
    executor.setWaitTimeInMillis(300);
    executor.setMaxWait(1000);
    c.setJobExecutor(executor);
    c.setJobExecutorActivate(true);
    c.setBeans(beans);
    ProcessEngine engine = c.buildProcessEngine();
    nodes.add(engine);

    // due the whole test: the digest's day and hour is the last hour, sent up to three hours late
    ZonedDateTime lastHour = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1);
    DigestProperties digest = new DigestProperties();
    digest.setZone(ZoneOffset.UTC);
    digest.setDay(lastHour.getDayOfWeek());
    digest.setHour(lastHour.getHour());
    digest.setLateLimit(Duration.ofHours(3));
    digest.setCheckCycle("*/2 * * * * *");
    NotificationProperties notification = new NotificationProperties();
    notification.setRetryCycle("R3/PT1S");
    MigrationProperties migration = new MigrationProperties();
    migration.setOffices(List.of("SWT", "LRL"));
    Forecasts forecasts = new Forecasts(engine, migration,
        new TargetDates(new JdbcTemplate(c.getDataSource())));
    StaticListableBeanFactory risks = new StaticListableBeanFactory(Map.of("risks", new ForecastAtRisk(forecasts)));
    Roadmap roadmap = new Roadmap(engine.getRepositoryService());
    WeeklyDigestQueries queries = new WeeklyDigestQueries(
        new DashboardQueries(engine, migration, new RoadmapNotes(engine.getHistoryService(),
            engine.getRepositoryService(), new FormRules(), roadmap), roadmap, forecasts),
        engine.getHistoryService(), new RoadmapItems(roadmap), risks.getBeanProvider(AtRiskOffices.class),
        new DoneBeforeEntries(engine.getHistoryService(), engine.getRepositoryService(), roadmap));
    WeeklyDigestDelegate real = new WeeklyDigestDelegate(digest, queries, new DigestComposer(notification),
        new Recipients(engine.getIdentityService()),
        new Notifier(engine.getRuntimeService(), new MailComposer(notification, roadmap)), engine.getHistoryService());
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    StaticListableBeanFactory mail = new StaticListableBeanFactory(Map.of("sender", sender));

    beans.put("digestSettings", digest);
    beans.put("notificationSettings", notification);
    beans.put("notificationMailSender", new SendMailDelegate(mail.getBeanProvider(JavaMailSender.class),
        notification));
    beans.put("hecWeeklyDigest", (JavaDelegate) execution -> {
      looks.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      real.execute(execution);
    });
    return engine;
  }
}
