package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.process.TasklistFilters;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** In a real headless Chromium: LRL's water manager, logged in to Tasklist, sees LRL's tasks and none of SWT's. */
class DistrictTasklistBrowserTest extends IntegrationTest {

  static final By TASK_LINKS = By.xpath("//*[contains(@class,'tasks-list')]//a[contains(., 'Task 1.')]");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired MigrationDriver driver;
  @Autowired FilterService filters;

  ProcessInstance lrl;
  ProcessInstance swt;

  @BeforeEach
  void twoMigrations() {
    deleteMigrations();
    lrl = driver.start("LRL", false);
    swt = driver.start("SWT", true);
  }

  @AfterEach
  void cleanUp(TestInfo info) {
    Browser.screenshot(info.getTestMethod().map(m -> m.getName()).orElse("district-tasklist"));
    deleteMigrations();
  }

  void deleteMigrations() {
    for (String office : List.of("LRL", "SWT")) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(office).rootProcessInstances().list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  @Test
  void theLrlUserSeesLrlsTasksAndNoneOfSwts() {
    long lrlTasks = tasks.createTaskQuery().processInstanceId(lrl.getId()).count();
    long swtTasks = tasks.createTaskQuery().processInstanceId(swt.getId()).count();
    assertThat(lrlTasks).isPositive();
    assertThat(swtTasks).isPositive();
    assertThat(driver.task(swt.getId(), "task_1_2_usgs_scripts")).isNotNull(); // SWT uses USGS data, LRL not

    Browser.loginTasklist(baseUrl(), "lrl-water", "demo");
    for (String filter : List.of(TasklistFilters.ALL_OFFICES, "My group")) {
      WebElement link = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(., '" + filter + "')]")));
      // a script click: the previous filter's tooltip may lie over this link
      ((JavascriptExecutor) Browser.driver()).executeScript("arguments[0].click();", link);
      String filterId = filters.createFilterQuery().filterName(filter.equals("My group")
          ? TasklistFilters.MY_GROUPS_TASKS : filter).singleResult().getId();
      Browser.waitFor(30).until(ExpectedConditions.urlContains("filter=" + filterId));
      Browser.waitFor(30).until(d -> d.findElements(TASK_LINKS).size() >= lrlTasks);
      List<WebElement> links = Browser.driver().findElements(TASK_LINKS);
      assertThat(links).as(filter).hasSize((int) lrlTasks);
      String list = Browser.driver().findElement(By.cssSelector(".tasks-list")).getText();
      assertThat(list).as(filter).contains("LRL").doesNotContain("SWT").doesNotContain("district-swt");
      assertThat(list).as(filter).doesNotContain("Task 1.2"); // only SWT (with USGS data) has Task 1.2
    }
  }
}
