package mil.usace.cwbi.migration.roadmap;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Group;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The roadmap as one deployed version of the model tells it (spec-v2, "Roadmap facts"): the {@code camunda:properties}
 * {@code phase}, {@code step}, {@code role}, {@code roadmapItem}, {@code lane}, {@code duePeriod} and {@code gate} on
 * the elements, the step sub-processes' names and the phase groups' labels. Nothing here knows an element id: an
 * element without a {@code step} of its own is in the step of the sub-process around it, a phase group is known by
 * the steps drawn inside it. Immutable once read.
 */
public final class RoadmapFacts {

  public static final String ROLE_STEP = "step";
  public static final String ROLE_WORK = "work";
  public static final String ROLE_FIX = "fix";

  /** "Step 4: Migrate ..." and also "Step 4 – Migrate ...": the words after the number are the step's name. */
  private static final Pattern STEP_NAME = Pattern.compile("^\\s*Step\\s+\\d+\\s*[:\\u2013\\u2014-]\\s*(.+)$");
  private static final Pattern PHASE_LABEL = Pattern.compile("^\\s*Phase\\s+(\\d+)\\b.*");

  /** One flow element's facts; null where the model says nothing. */
  record Element(String id, String name, String type, Integer step, Integer phase, String role, String lane,
      String roadmapItem, Period duePeriod, String gate) {}

  private final Map<String, Element> elements;
  private final Map<Integer, String> stepNames;
  private final Map<Integer, Integer> phaseOfStep;
  private final Map<Integer, String> phaseNames;

  private RoadmapFacts(Map<String, Element> elements, Map<Integer, String> stepNames,
      Map<Integer, Integer> phaseOfStep, Map<Integer, String> phaseNames) {
    this.elements = Map.copyOf(elements);
    this.stepNames = Map.copyOf(stepNames);
    this.phaseOfStep = Map.copyOf(phaseOfStep);
    this.phaseNames = Map.copyOf(phaseNames);
  }

  /** Reads the facts of the process {@code processId} in {@code model}. */
  public static RoadmapFacts read(BpmnModelInstance model, String processId) {
    Map<String, Element> elements = new HashMap<>();
    Map<Integer, String> stepNames = new TreeMap<>();
    Map<Integer, Integer> phaseOfStep = new TreeMap<>();
    Map<String, String> bpmnLanes = bpmnLanes(model);
    for (FlowElement e : model.getModelElementsByType(FlowElement.class)) {
      if (!processId.equals(processOf(e))) {
        continue;
      }
      Map<String, String> own = properties(e);
      Integer step = number(inherited(e, own, "step"));
      Integer phase = number(inherited(e, own, "phase"));
      String lane = own.containsKey("lane") ? own.get("lane") : bpmnLanes.get(e.getId());
      Element facts = new Element(e.getId(), e.getName(), e.getElementType().getTypeName(), step, phase,
          own.get("role"), lane, own.get("roadmapItem"), period(own.get("duePeriod")), own.get("gate"));
      elements.put(e.getId(), facts);
      if (e instanceof SubProcess && ROLE_STEP.equals(facts.role()) && step != null) {
        stepNames.put(step, stepName(e.getName()));
        if (phase != null) {
          phaseOfStep.put(step, phase);
        }
      }
    }
    // a step without a phase on its sub-process: the phase its elements say
    for (Element e : elements.values()) {
      if (e.step() != null && e.phase() != null) {
        phaseOfStep.putIfAbsent(e.step(), e.phase());
      }
    }
    return new RoadmapFacts(elements, stepNames, phaseOfStep, phaseNames(model, elements));
  }

  /** Whether this version carries roadmap properties at all (version 1, generated, carries none). */
  public boolean hasRoadmap() {
    return !stepNames.isEmpty();
  }

  /**
   * A version without roadmap properties answered by {@code later}, element by element through the ids that every
   * later version keeps (spec-v2, "Contract kept"); its own BPMN lanes where {@code later} says nothing. Offices not
   * yet moved to the new version keep their steps, lanes, fix tasks and due periods meanwhile.
   */
  public RoadmapFacts withFactsOf(RoadmapFacts later) {
    Map<String, Element> merged = new HashMap<>();
    for (Element own : elements.values()) {
      Element l = later.elements.get(own.id());
      merged.put(own.id(), l == null ? own : new Element(own.id(), own.name(), own.type(), l.step(), l.phase(),
          l.role(), l.lane() != null ? l.lane() : own.lane(), l.roadmapItem(), l.duePeriod(), l.gate()));
    }
    return new RoadmapFacts(merged, later.stepNames, later.phaseOfStep, later.phaseNames);
  }

  // --- answers ------------------------------------------------------------------------------------------------

  /** The ids of every flow element this version knows (with or without roadmap facts). */
  public java.util.Set<String> activityIds() {
    return elements.keySet();
  }

  /** The roadmap step (1..stepCount) of an activity; null outside any step (start and end of the migration). */
  public Integer step(String activityId) {
    Element e = element(activityId);
    return e == null ? null : e.step();
  }

  /** The phase of an activity: its own, else its step's. */
  public Integer phase(String activityId) {
    Element e = element(activityId);
    if (e == null) {
      return null;
    }
    return e.phase() != null ? e.phase() : e.step() == null ? null : phaseOfStep(e.step());
  }

  public Integer phaseOfStep(int step) {
    return phaseOfStep.get(step);
  }

  /** The phase group's label, e.g. "Phase 1: Pre-Migration (CWBI-DEV)"; "Phase N" if no group is drawn. */
  public String phaseName(int phase) {
    return phaseNames.getOrDefault(phase, "Phase " + phase);
  }

  /** The step sub-process's name after "Step N: ", e.g. "Convert/test all data processes on T7". */
  public String stepName(int step) {
    return stepNames.getOrDefault(step, "Step " + step);
  }

  /** The number of step sub-processes ({@code role=step}). */
  public int stepCount() {
    return stepNames.size();
  }

  /** Who does a task: "District", "HEC" or "Automated checks" ({@code lane}); null if the model does not say. */
  public String lane(String activityId) {
    Element e = element(activityId);
    return e == null ? null : e.lane();
  }

  /** A failed check's fix task ({@code role=fix}): while it is open the office is held at a gate. */
  public boolean isFixTask(String activityId) {
    Element e = element(activityId);
    return e != null && ROLE_FIX.equals(e.role());
  }

  /** Roadmap work a person does ({@code role=work}): what the progress of a step counts. */
  public boolean isWork(String activityId) {
    Element e = element(activityId);
    return e != null && ROLE_WORK.equals(e.role());
  }

  /** A user task of this version (roadmap work, a fix task, a review). */
  public boolean isUserTask(String activityId) {
    Element e = element(activityId);
    return e != null && "userTask".equals(e.type());
  }

  /** The gate a fix task holds the office at, in words (its {@code gate}); else the task's name. */
  public String gate(String activityId) {
    Element e = element(activityId);
    if (e == null) {
      return activityId;
    }
    return e.gate() != null ? e.gate() : Objects.requireNonNullElse(e.name(), activityId);
  }

  /** The roadmap's number of a task ("1.3", "4.2", ...); null if the model does not say. */
  public String roadmapItem(String activityId) {
    Element e = element(activityId);
    return e == null ? null : e.roadmapItem();
  }

  /** How long a task may take by the model ({@code duePeriod}); null if the model does not say. */
  public Period duePeriod(String activityId) {
    Element e = element(activityId);
    return e == null ? null : e.duePeriod();
  }

  /** Where a task is, in the roadmap's words: "Phase 1: Pre-Migration (CWBI-DEV), Step 1: Convert/test ...". */
  public String where(String activityId) {
    Integer step = step(activityId);
    if (step == null) {
      return "Migration";
    }
    Integer phase = phase(activityId);
    String where = (phase == null ? "" : phaseName(phase) + ", ") + "Step " + step + ": " + stepName(step);
    return isFixTask(activityId) ? where + " (held at the " + gate(activityId) + ")" : where;
  }

  private Element element(String activityId) {
    return activityId == null ? null : elements.get(activityId);
  }

  // --- reading ------------------------------------------------------------------------------------------------

  static Map<String, String> properties(BaseElement element) {
    Map<String, String> result = new HashMap<>();
    if (element.getExtensionElements() == null) {
      return result;
    }
    for (CamundaProperties properties : element.getExtensionElements().getElementsQuery()
        .filterByType(CamundaProperties.class).list()) {
      for (CamundaProperty p : properties.getCamundaProperties()) {
        if (p.getCamundaName() != null && p.getCamundaValue() != null && !p.getCamundaValue().isBlank()) {
          result.put(p.getCamundaName().strip(), p.getCamundaValue().strip());
        }
      }
    }
    return result;
  }

  /** The element's own value of {@code name}, else that of the nearest sub-process around it. */
  private static String inherited(FlowElement element, Map<String, String> own, String name) {
    if (own.containsKey(name)) {
      return own.get(name);
    }
    for (ModelElementInstance p = element.getParentElement(); p != null; p = p.getParentElement()) {
      if (p instanceof SubProcess sub) {
        String value = properties(sub).get(name);
        if (value != null) {
          return value;
        }
      }
    }
    return null;
  }

  private static String processOf(FlowElement element) {
    for (ModelElementInstance p = element.getParentElement(); p != null; p = p.getParentElement()) {
      if (p instanceof org.camunda.bpm.model.bpmn.instance.Process process) {
        return process.getId();
      }
    }
    return null;
  }

  /** Version 1 drew lanes: a task's lane is the BPMN lane holding it when it has no {@code lane} property. */
  private static Map<String, String> bpmnLanes(BpmnModelInstance model) {
    Map<String, String> lanes = new HashMap<>();
    for (Lane lane : model.getModelElementsByType(Lane.class)) {
      for (FlowNode node : lane.getFlowNodeRefs()) {
        lanes.put(node.getId(), lane.getName());
      }
    }
    return lanes;
  }

  /**
   * Each phase group's label, by the phase most of the step sub-processes drawn inside it have (so a group's id
   * and label are free to change); a group without such a majority by the "Phase N" its label starts with.
   */
  private static Map<Integer, String> phaseNames(BpmnModelInstance model, Map<String, Element> elements) {
    Map<String, Bounds> shapes = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() != null && shape.getBounds() != null) {
        shapes.put(shape.getBpmnElement().getId(), shape.getBounds());
      }
    }
    Map<Integer, String> names = new TreeMap<>();
    for (Group group : model.getModelElementsByType(Group.class)) {
      String label = group.getCategory() == null ? null : group.getCategory().getValue();
      if (label == null || label.isBlank()) {
        continue;
      }
      Integer phase = phaseDrawnInside(shapes.get(group.getId()), shapes, elements);
      if (phase == null) {
        Matcher m = PHASE_LABEL.matcher(label);
        phase = m.matches() ? Integer.valueOf(m.group(1)) : null;
      }
      if (phase != null) {
        names.putIfAbsent(phase, label.strip());
      }
    }
    return names;
  }

  private static Integer phaseDrawnInside(Bounds group, Map<String, Bounds> shapes, Map<String, Element> elements) {
    if (group == null) {
      return null;
    }
    Map<Integer, Integer> votes = new HashMap<>();
    for (Element e : elements.values()) {
      Bounds b = shapes.get(e.id());
      if (e.phase() == null || b == null || !ROLE_STEP.equals(e.role())) {
        continue;
      }
      double x = b.getX() + b.getWidth() / 2;
      double y = b.getY() + b.getHeight() / 2;
      if (x >= group.getX() && x <= group.getX() + group.getWidth() && y >= group.getY()
          && y <= group.getY() + group.getHeight()) {
        votes.merge(e.phase(), 1, Integer::sum);
      }
    }
    int most = votes.values().stream().max(Integer::compare).orElse(0);
    List<Integer> leaders = votes.entrySet().stream().filter(v -> v.getValue() == most).map(Map.Entry::getKey)
        .toList();
    return leaders.size() == 1 ? leaders.get(0) : null; // a tie: the label decides
  }

  private static String stepName(String name) {
    if (name == null) {
      return null;
    }
    Matcher m = STEP_NAME.matcher(name);
    return m.matches() ? m.group(1).strip() : name.strip();
  }

  private static Integer number(String value) {
    try {
      return value == null ? null : Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Period period(String value) {
    try {
      return value == null ? null : Period.parse(value);
    } catch (DateTimeParseException e) {
      return null; // the model test asserts every duePeriod parses; at run time the configured default applies
    }
  }
}
