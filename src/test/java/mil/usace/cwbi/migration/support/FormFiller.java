package mil.usace.cwbi.migration.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Fills a Camunda Form rendered in Tasklist the way a person does: typing, ticking boxes, choosing from drop-downs,
 * adding and removing rows of a list. It reads the form's own schema ({@code forms/<key>.form} on the classpath)
 * to know each field's key, type and rules, and goes through the fields the page shows:
 * <ul>
 *   <li>a field whose key is in the value table gets that value (a list's rows: a list of maps by child key);</li>
 *   <li>any other visible, required, still empty field gets a sensible value for its type and format;</li>
 *   <li>everything else stays as the form shows it (optional boxes, "not applicable", read-only text).</li>
 * </ul>
 * So a walk keeps working when forms gain fields: only the points a test is about need values.
 */
public class FormFiller {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final By CONTAINER = By.cssSelector(".fjs-container");

  private final Map<String, Object> values;

  /** @param values by field key; a dynamic list by its path, as a {@code List<Map<String, Object>>} of rows */
  public FormFiller(Map<String, Object> values) {
    this.values = values;
  }

  public static JsonNode schema(String formKey) {
    try (InputStream in = FormFiller.class.getResourceAsStream("/forms/" + formKey + ".form")) {
      if (in == null) {
        throw new IllegalArgumentException("no form " + formKey + " on the classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills the rendered form {@code formKey}; returns the keys it typed into, ticked or chose (for messages). */
  public List<String> fill(String formKey) {
    Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(CONTAINER));
    List<String> touched = new ArrayList<>();
    fillComponents(schema(formKey).path("components"), null, values, touched);
    return touched;
  }

  private void fillComponents(JsonNode components, Integer row, Map<String, Object> given, List<String> touched) {
    for (JsonNode c : components) {
      String type = c.path("type").asText();
      if ("dynamiclist".equals(type)) {
        fillList(c, touched);
        continue;
      }
      if (c.has("components")) {
        fillComponents(c.get("components"), row, given, touched);
        continue;
      }
      if (!c.hasNonNull("key") || c.path("readonly").asBoolean() || c.path("disabled").asBoolean()) {
        continue;
      }
      String key = c.get("key").asText();
      String domId = c.get("id").asText() + (row == null ? "" : "_" + row);
      WebElement input = input(type, domId);
      if (input == null) {
        continue; // not shown (a condition hides it)
      }
      Object value = given.get(key);
      if (value == null) {
        if (!required(c) || !isEmpty(type, input)) {
          continue;
        }
        value = defaultValue(c);
      }
      set(type, c, domId, input, value);
      touched.add(key);
    }
  }

  /** Required by the schema, or by "required-unless" while the box it names is not ticked in the value table. */
  private boolean required(JsonNode c) {
    if (c.path("validate").path("required").asBoolean()) {
      return true;
    }
    String unless = c.path("properties").path("required-unless").asText(null);
    return unless != null && !Boolean.TRUE.equals(values.get(unless));
  }

  @SuppressWarnings("unchecked")
  private void fillList(JsonNode list, List<String> touched) {
    String path = list.path("path").asText();
    WebElement group = displayed(By.cssSelector(".fjs-container [aria-labelledby$='-" + list.path("id").asText() + "']"));
    if (group == null || !list.path("allowAddRemove").asBoolean(true)) {
      return; // hidden, or a read-only list shown for information
    }
    int present = rows(group).size();
    List<Map<String, Object>> wanted = (List<Map<String, Object>>) values.get(path);
    if (wanted == null) {
      if (present == 0 && !required(list)) {
        return;
      }
      wanted = new ArrayList<>();
      for (int i = 0; i < Math.max(1, present); i++) {
        wanted.add(Map.of());
      }
    }
    while (present < wanted.size()) {
      Browser.click(group.findElement(By.cssSelector(".fjs-repeat-render-add")));
      int expected = ++present;
      Browser.waitFor(10).until(d -> rows(group).size() == expected);
    }
    while (present > wanted.size()) {
      removeRow(list.path("id").asText(), present - 1);
      present--;
    }
    for (int i = 0; i < wanted.size(); i++) {
      fillComponents(list.path("components"), i, wanted.get(i), touched);
    }
    touched.add(path);
  }

  /** Removes row {@code index} (0-based) of the list with component id {@code listId}, with its remove button. */
  public static void removeRow(String listId, int index) {
    WebElement group = displayed(By.cssSelector(".fjs-container [aria-labelledby$='-" + listId + "']"));
    int before = rows(group).size();
    Browser.click(rows(group).get(index).findElement(By.cssSelector(".fjs-repeat-row-remove")));
    Browser.waitFor(10).until(d -> rows(group).size() == before - 1);
  }

  public static List<WebElement> rows(WebElement group) {
    return group.findElements(By.cssSelector(".fjs-repeat-row-container"));
  }

  private static WebElement input(String type, String domId) {
    return switch (type) {
      case "select" -> displayed(By.cssSelector(".fjs-container [id$='-" + domId + "-display']"));
      case "radio", "checklist" -> displayedInput(By.cssSelector(".fjs-container [id$='-" + domId + "-0']"));
      case "datetime" -> displayed(By.cssSelector(".fjs-container input[id$='-" + domId + "-date'], "
          + ".fjs-container input[id$='-" + domId + "']"));
      default -> displayed(By.cssSelector(".fjs-container [id$='-" + domId + "']"));
    };
  }

  private static WebElement displayed(By by) {
    return Browser.driver().findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
  }

  /** Radio buttons and checklist boxes may be styled over: present and in a shown field is enough. */
  private static WebElement displayedInput(By by) {
    return Browser.driver().findElements(by).stream()
        .filter(e -> e.isDisplayed() || e.findElement(By.xpath("./ancestor::*[contains(@class,'fjs-form-field')][1]"))
            .isDisplayed())
        .findFirst().orElse(null);
  }

  private static boolean isEmpty(String type, WebElement input) {
    return switch (type) {
      case "checkbox" -> !input.isSelected();
      case "select" -> input.getAttribute("class").contains("fjs-select-placeholder");
      case "radio", "checklist" -> input.findElements(By.xpath(
          "./ancestor::*[contains(@class,'fjs-form-field')][1]//input")).stream().noneMatch(WebElement::isSelected);
      default -> input.getAttribute("value") == null || input.getAttribute("value").isEmpty();
    };
  }

  private void set(String type, JsonNode c, String domId, WebElement input, Object value) {
    WebDriver d = Browser.driver();
    switch (type) {
      case "checkbox" -> {
        if (input.isSelected() != Boolean.TRUE.equals(value)) {
          Browser.click(input);
        }
      }
      case "select" -> {
        Browser.click(input);
        String label = label(c, value);
        WebElement item = Browser.waitFor(10).until(ExpectedConditions.elementToBeClickable(By.xpath(
            "//div[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)=" + xpathLiteral(label) + "]")));
        item.click();
        Browser.waitFor(10).until(x -> label.equals(input.getText().strip()));
      }
      case "radio", "checklist" -> {
        Collection<?> wanted = value instanceof Collection<?> list ? list : List.of(value);
        JsonNode options = c.path("values");
        for (int i = 0; i < options.size(); i++) {
          String v = options.get(i).path("value").asText();
          WebElement box = d.findElement(By.cssSelector(".fjs-container [id$='-" + domId + "-" + i + "']"));
          boolean want = wanted.stream().anyMatch(w -> String.valueOf(w).equals(v));
          if (box.isSelected() != want && (want || "checklist".equals(type))) {
            Browser.click(box);
          }
        }
      }
      default -> {
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", input);
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(String.valueOf(value));
        // leaving the field hands the typing to form-js at once (it debounces text input)
        ((JavascriptExecutor) d).executeScript("arguments[0].blur();", input);
      }
    }
  }

  private static String label(JsonNode c, Object value) {
    for (JsonNode o : c.path("values")) {
      if (o.path("value").asText().equals(String.valueOf(value))) {
        return o.path("label").asText();
      }
    }
    throw new IllegalArgumentException(c.path("key").asText() + " has no option " + value);
  }

  /** A value for a required field nobody gave one: by the field's format, else by its type. */
  static Object defaultValue(JsonNode c) {
    String format = c.path("properties").path("format").asText("");
    Object value = switch (format) {
      case "url" -> "https://git.example.mil/cwbi/swt-batch";
      case "ts-id" -> "KEYS.Stage.Inst.15Minutes.0.Raw-SHEF";
      case "ts-id-lines" -> String.join("\n", MigrationDriver.CRITICAL);
      case "iso-duration" -> "P14D";
      case "regex" -> "^SWT_.*\\.shef$";
      case "office-id" -> "SWT";
      default -> null;
    };
    if (value != null) {
      return value;
    }
    JsonNode options = c.path("values");
    return switch (c.path("type").asText()) {
      case "checkbox" -> true;
      case "number" -> Math.max(1, c.path("validate").path("min").asLong(1));
      case "select", "radio" -> options.get(0).path("value").asText();
      case "checklist" -> List.of(options.get(0).path("value").asText());
      case "datetime" -> "11/20/2026";
      default -> {
        String text = "Done; the evidence is in the district's migration log.";
        int max = c.path("validate").path("maxLength").asInt(Integer.MAX_VALUE);
        yield text.length() > max ? text.substring(0, max) : text;
      }
    };
  }

  private static String xpathLiteral(String s) {
    if (!s.contains("'")) {
      return "'" + s + "'";
    }
    return "concat('" + s.replace("'", "', \"'\", '") + "')";
  }

  /** The value table plus the given entries (a copy: the table stays as it was). */
  public static Map<String, Object> with(Map<String, Object> table, Map<String, Object> more) {
    Map<String, Object> copy = new HashMap<>(table);
    copy.putAll(more);
    return copy;
  }
}
