#!/usr/bin/env python3
"""Writes forms/*.form: the Camunda Forms (form-js schema 16) of the start event and of every user task.

Each form asks for the evidence its roadmap item needs (one checkbox per bullet, notes, links) and declares its
validation; the server reads the same files (process.forms.FormRules), so both enforce one set of rules.
Formats a pattern cannot fully express are named in the custom property "format" (see FieldFormat.java).
Run: python3 tools/generate_forms.py
"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "forms")
ISO_DURATION = r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$"
URL = r"^https?://\S+$"

_ids = set()


def _id(prefix, key):
    base = f"{prefix}_{key}".replace("-", "_")
    i, cand = 1, base
    while cand in _ids:
        i += 1
        cand = f"{base}_{i}"
    _ids.add(cand)
    return cand


def text(md):
    return {"type": "text", "text": md, "id": _id("Text", str(len(_ids)))}


def field(kind, key, label, description=None, required=False, pattern=None, fmt=None, min_length=None,
          max_length=None, minimum=None, readonly=False, values=None, required_unless=None, required_if=None,
          **extra):
    c = {"type": kind, "key": key, "label": label, "id": _id("Field", key)}
    if description:
        c["description"] = description
    v = {}
    if max_length is None and kind in ("textfield", "textarea") and not readonly:
        # every free text is bounded (the server enforces the same limit); text past 4,000 characters is stored
        # as long text (process.LongTextSerializer)
        max_length = 20000 if kind == "textarea" else 1000
    if required:
        v["required"] = True
    if pattern:
        v["pattern"] = pattern
    if min_length is not None:
        v["minLength"] = min_length
    if max_length is not None:
        v["maxLength"] = max_length
    if minimum is not None:
        v["min"] = minimum
    if v:
        c["validate"] = v
    props = {}
    if fmt:
        props["format"] = fmt
    if required_unless:
        props["required-unless"] = required_unless
    if required_if:  # required when the named checkbox is ticked (server-side: FormRules)
        props["required-if"] = required_if
    if props:
        c["properties"] = props
    if readonly:
        c["readonly"] = True
    if values:
        c["values"] = [{"label": l, "value": val} for val, l in values]
    c.update(extra)
    return c


def checkbox(key, label, required=True, description=None):
    return field("checkbox", key, label, description=description, required=required)


def notes(key, label="Notes", description=None, **kw):
    return field("textarea", key, label, description=description, **kw)


def date(key, label, required=True):
    c = field("datetime", key, label, required=required, subtype="date", dateLabel=label)
    del c["label"]
    return c


def dynamic_list(path, label, children, required_unless=None, readonly=False):
    c = {"type": "dynamiclist", "path": path, "label": label, "id": _id("List", path), "isRepeating": True,
         "allowAddRemove": not readonly, "defaultRepetitions": 0 if readonly else 1, "showOutline": True,
         "components": children}
    if required_unless:
        c["properties"] = {"required-unless": required_unless}
    return c


def form(form_id, components):
    return {"id": form_id, "type": "default", "executionPlatform": "Camunda Platform",
            "executionPlatformVersion": "7.24.0", "exporter": {"name": "tools/generate_forms.py", "version": "1.0"},
            "schemaVersion": 16, "components": components}


FORMS = {}


def add(form_id, *components):
    FORMS[form_id] = form(form_id, list(components))


HEADER = "Office **{{office}}**"

PURPOSES = [("usgs-acquisition", "Gets USGS data"), ("shef-decoding", "Decodes SHEF"),
            ("computation", "Computes (derived series, ratings)"), ("data-transfer", "Moves data between systems"),
            ("reporting", "Builds reports"), ("web-publishing", "Publishes to the web"),
            ("obsolete", "No longer needed")]
RUNS = [("schedule", "On a schedule (cron)"), ("on-data-arrival", "When new data arrives"), ("manual", "By hand"),
        ("continuous", "Continuously (daemon)")]
READS = [("cwms-database", "CWMS database"), ("usgs-web-service", "USGS web services"), ("shef-files", "SHEF files"),
         ("ldm-feed", "LDM feed"), ("other-files", "Other files")]
WRITES = [("cwms-database", "CWMS database"), ("files", "Files"), ("web-page", "Web pages"),
          ("email-or-report", "E-mail or reports")]
STATUS = [("to-convert", "To convert"), ("converting", "Converting"), ("converted", "Converted and tested"),
          ("retired", "Retired")]

add("cwbi-migration-start",
    text("## Start a District Cloud Migration\nOne migration per office: it carries the office's CWMS data processes "
         "from its T7 server to CWBI-DEV, CWBI-TEST and CWBI-PROD, with automated checks through the CWMS Data API."),
    field("textfield", "office", "Office", "Office id, 3 or 4 upper-case letters, e.g. SWT", required=True,
          pattern="^[A-Z]{3,4}$", fmt="office-id"),
    field("textfield", "t7CdaUrl", "CWMS Data API on the T7 server",
          "Base URL of CDA on the district's T7 server, e.g. https://wm.swt.ds.usace.army.mil/swt-data/",
          required=True, pattern=URL, fmt="url"),
    checkbox("usesUsgsData", "The office uses USGS data (adds the USGS tasks of Steps 1, 4 and 7)", required=False),
    notes("criticalTimeSeries", "Critical time series",
          "One time series id per line: Location.Parameter.Type.Interval.Duration.Version. Or give a group below.",
          fmt="ts-id-lines"),
    field("textfield", "tsGroup", "Or: time series group holding them",
          "Id of a CDA time series group with the critical series (optional when listed above)", max_length=64),
    )

add("task-1-1-convert-scripts",
    text("### Task 1.1 – Convert custom scripts\n" + HEADER + ". List every custom script running from the T7 "
         "server. After you complete this form the script decision table recommends a target for each script; "
         "the task comes back until every script is **converted** or **retired**."),
    # why a returning Task 1.1 came back (set by the script decision; hidden on the first visit)
    {"type": "text", "text": "{{scriptsOpenSummary}}", "id": "Text_scriptsOpenSummary",
     "conditional": {"hide": "=not(scriptsOpenSummary != null and string length(scriptsOpenSummary) > 0)"}},
    checkbox("noCustomScripts", "This server runs no custom scripts", required=False),
    dynamic_list("scriptInventory", "Scripts", [
        field("textfield", "name", "Script", required=True, max_length=200),
        field("textfield", "description", "What it does (in words)"),
        field("select", "purpose", "Purpose", required=True, values=PURPOSES),
        field("select", "runs", "How it runs", required=True, values=RUNS),
        field("select", "reads", "Main input", required=True, values=READS),
        field("select", "writes", "Main output", required=True, values=WRITES),
        field("select", "status", "Status", required=True, values=STATUS),
        field("textfield", "recommendation", "Recommended target (script decision table)", readonly=True),
        field("textarea", "reason", "Why", readonly=True),
    ], required_unless="noCustomScripts"),
    notes("scriptNotes", "Notes"),
    )

add("task-1-2-usgs-scripts",
    text("### Task 1.2 – getUSGS scripts in cwms-cli\n" + HEADER + ": actively using the new getUSGS scripts in "
         "cwms-cli to get time series data and ratings from the USGS on T7."),
    checkbox("usgsTimeseriesRunning", "cwms-cli usgs timeseries retrieves the office's USGS time series on T7"),
    checkbox("usgsRatingsRunning", "cwms-cli usgs ratings retrieves the office's USGS ratings on T7 (if used)",
             required=False),
    checkbox("usgsGroupMaintained",
             "The office's USGS series are members of the \"USGS TS Data Acquisition\" time series group"),
    notes("usgsNotes"),
    )

add("task-1-3-critimport",
    text("### Task 1.3 – Run the critimport function\n" + HEADER + ": import critical information into the database "
         "for processing SHEF files on the local T7 server."),
    field("textfield", "critFile", "Crit file used", "Path of the crit file on T7", required=True, max_length=500),
    field("number", "critLineCount", "Crit lines imported", required=True, minimum=1),
    checkbox("critImportRun", "Ran cwms-cli shef import_crit on T7 and it finished without errors"),
    notes("critNotes"),
    )

add("task-1-4-shef-parser",
    text("### Task 1.4 – Test the python shef-parser\n" + HEADER + ": process SHEF files on the local T7 server."),
    checkbox("shefParserInstalled", "shef-parser is installed and configured on T7"),
    checkbox("shefFilesProcessed", "SHEF files were processed and their values stored through CDA"),
    field("textfield", "shefSampleSeries", "A time series filled by shef-parser", "e.g. KEYS.Stage.Inst.15Minutes.0.Raw-SHEF",
          required=True, fmt="ts-id"),
    notes("shefNotes"),
    )

FIX = [
    text("### Fix the findings of the automated check\n" + HEADER + ", environment **{{environmentLabel}}**. "
         "The check failed; what failed and what to do about it is below. Fix it, then complete this task: the "
         "check runs again (it also re-runs on its own)."),
    # the findings in words (FindingsRenderer's markdown, mapped in by the BPMN), never the JSON report
    text("#### What the check found\n{{findingsSummary}}"),
    notes("fixNotes", "What was fixed", required=True),
]
# Issue 13: when the check runs next (set by the process: process.RecheckPolicy.describe)
# (built by hand: an id from _id() would renumber the text blocks of every later form)
FIX.append({"type": "textfield", "key": "nextCheck", "label": "Next check", "id": "Field_nextCheck", "readonly": True})
add("fix-findings", *FIX)

add("task-2-1-load-db-objects",
    text("### Task 2.1 – Load database objects into CWBI-DEV\n" + HEADER + ": load database objects into the "
         "CWBI-DEV database using cwms-cli."),
    checkbox("locationsLoaded", "Locations loaded into CWBI-DEV with cwms-cli"),
    checkbox("timeSeriesIdsLoaded", "Time series ids loaded into CWBI-DEV with cwms-cli"),
    notes("otherObjectsLoaded", "Other objects loaded (ratings, groups, ...)"),
    notes("loadNotes"),
    )

add("task-2-2-batch-scripts-dev",
    text("### Task 2.2 – Custom scripts in the CWBI-DEV batch process\n" + HEADER + "."),
    checkbox("devScriptsRunning", "All custom scripts (data processing and reporting) run in the CWBI-DEV batch process"),
    checkbox("devScriptsTested", "Fully tested that they are working as intended"),
    field("textfield", "batchRepositoryUrl", "Link to the scripts' branch or repository", pattern=URL, fmt="url"),
    notes("batchNotes"),
    )

add("task-2-3-ldm-products",
    text("### Task 2.3 – LDM data products\n" + HEADER + ": every data product received or sent with LDM, with the "
         "file name or the regular expression that grabs the correct data."),
    checkbox("noLdmProducts", "The office receives and sends no LDM products", required=False),
    dynamic_list("ldmProducts", "LDM products", [
        field("textfield", "productName", "Product", required=True, max_length=200),
        field("select", "direction", "Direction", required=True, values=[("receive", "Received"), ("send", "Sent")]),
        field("textfield", "filePattern", "File name or regular expression", "Must compile as a regular expression",
              required=True, fmt="regex"),
        field("textfield", "feedType", "LDM feed type (e.g. EXP)"),
    ], required_unless="noLdmProducts"),
    )

add("task-2-4-custom-schema",
    text("### Task 2.4 – Custom database schema functions/processes\n" + HEADER + ": those needed in CWBI."),
    checkbox("noCustomSchema", "No custom schema functions or processes are needed", required=False),
    dynamic_list("customSchemaFunctions", "Custom schema functions/processes", [
        field("textfield", "functionName", "Function, package or job", required=True, max_length=200),
        field("textfield", "purpose", "What it is needed for", required=True),
    ], required_unless="noCustomSchema"),
    )

add("task-3-1-modeling-ops",
    text("### Task 3.1 – Modeling operations in CAVI/CWMS-Vue\n" + HEADER + ": connect the client tools to the "
         "CWBI database and test the district's modeling operations."),
    field("radio", "modelingEnvironment", "Database tested against", required=True,
          values=[("CWBI-DEV", "CWBI-DEV"), ("CWBI-TEST", "CWBI-TEST"), ("both", "Both")]),
    field("checklist", "clientTools", "Client tools used", required=True,
          values=[("CAVI", "CAVI"), ("CWMS-Vue", "CWMS-Vue")]),
    checkbox("modelingOpsTested", "The district's modeling operations work against that database"),
    notes("modelingNotes"),
    )

SCHEMA_LIST = dynamic_list("customSchemaFunctions", "Custom schema functions (Task 2.4)", [
    field("textfield", "functionName", "Function", readonly=True),
    field("textfield", "purpose", "Needed for", readonly=True)], readonly=True)
LDM_LIST = dynamic_list("ldmProducts", "LDM products (Task 2.3)", [
    field("textfield", "productName", "Product", readonly=True),
    field("textfield", "direction", "Direction", readonly=True),
    field("textfield", "filePattern", "File name or regular expression", readonly=True)], readonly=True)


def hidden_unless_ticked(key):
    """form-js: hide a component while the checkbox `key` is not ticked (a missing value counts as not ticked)."""
    return {"hide": f"={key} != true"}


def not_applicable(box_key):
    """HEC marks a roadmap item not applicable for this office, with a reason (dashboard and audit trail show it)."""
    return [checkbox(box_key + "NotApplicable", "Not applicable for this office", required=False,
                     description="The roadmap's activities may vary by office: tick this instead of the box above, "
                                 "and say why."),
            notes(box_key + "NotApplicableReason", "Why it does not apply", required_if=box_key + "NotApplicable",
                  max_length=2000, conditional=hidden_unless_ticked(box_key + "NotApplicable"))]


def hec_task(form_id, title, box_key, box_label, extra=(), show=None):
    comps = [text(f"### {title}\n{HEADER}. HEC works with the District on this task.")]
    if show is not None:
        comps.append(show)
    # the work done, or the item marked not applicable (FormRules: required unless that box is ticked)
    comps.append(field("checkbox", box_key, box_label, required_unless=box_key + "NotApplicable"))
    comps.extend(not_applicable(box_key))
    comps.extend(extra)
    comps.append(notes(box_key + "Notes"))
    add(form_id, *comps)


for env, n in (("CWBI-TEST", 4), ("CWBI-PROD", 7)):
    suffix = "Test" if n == 4 else "Prod"
    if n == 4:
        hec_task("task-4-schema-functions", "Step 4 – Migrate custom schema functions", "schemaFunctionsMigrated",
                 "The required custom functions are migrated into the CWMS Database Schema", show=SCHEMA_LIST)
    hec_task(f"task-{n}-ldm-products", f"Step {n} – LDM data products in {env}", f"ldmProductsAdded{suffix}",
             f"All LDM data products are added to {env}", show=LDM_LIST)
    hec_task(f"task-{n}-usgs-config", f"Step {n} – USGS data processes in {env}", f"usgsConfigured{suffix}",
             f"The office is configured for USGS data processes in {env}")
    hec_task(f"task-{n}-batch-scripts", f"Step {n} – CWMS-Batch scripts to the {env} branch",
             f"batchScriptsMigrated{suffix}", f"CWMS-Batch scripts are migrated to the {env} branch",
             extra=[field("textfield", f"batchBranchUrl{suffix}", "Link to the branch", pattern=URL, fmt="url")])
    hec_task(f"task-{n}-opendcs-import", f"Step {n} – OpenDCS configurations in {env}", f"opendcsImported{suffix}",
             f"The OpenDCS configurations are imported into {env}")

add("task-5-set-test-period",
    text("### Step 5 – Testing duration\n" + HEADER + ". HEC works with District staff to determine the appropriate "
         "duration for testing in CWBI-TEST. The automated CWBI-TEST check runs repeatedly during that period. "
         "The District then agrees, or proposes another duration with its reason."),
    dict(text("**The District proposes {{proposedTestPeriod}}** instead of {{testPeriod}}. Its reason: "
              "{{proposedTestPeriodReason}}\n\nSet the duration again: the District's, or yours."),
         conditional={"hide": "=(testPeriodProposals > 0) != true"}),
    dict(text("The District has proposed another duration twice: **the duration you set now is final**."),
         conditional={"hide": "=(testPeriodProposals >= 2) != true"}),
    field("textfield", "testPeriod", "Testing duration (ISO-8601)", "e.g. P14D for 14 days, P3W for three weeks",
          required=True, pattern=ISO_DURATION, fmt="iso-duration"),
    notes("testPlanNotes", "What will be tested"),
    )

add("task-5-agree-test-period",
    text("### Step 5 – Testing duration\n" + HEADER + ". HEC proposes to test all data processes and models in "
         "CWBI-TEST for **{{testPeriod}}** (ISO-8601: P14D is 14 days, P3W three weeks)."),
    dict(text("What HEC plans to test: {{testPlanNotes}}"), conditional={"hide": "=testPlanNotes = null"}),
    checkbox("testPeriodAgreed", "We agree to this testing duration", required=False),
    field("textfield", "proposedTestPeriod", "The duration we propose (ISO-8601)",
          "e.g. P21D for 21 days, P4W for four weeks", pattern=ISO_DURATION, fmt="iso-duration",
          required_unless="testPeriodAgreed", conditional={"hide": "=testPeriodAgreed = true"}),
    notes("proposedTestPeriodReason", "Why", "e.g. the spring runoff forecasts need a longer test",
          required_unless="testPeriodAgreed", max_length=2000, conditional={"hide": "=testPeriodAgreed = true"}),
    text("A proposal goes back to HEC, who sets the duration again. After two proposals HEC's duration is final."),
    )

add("task-5-confirm-data-processes",
    text("### Step 5 – Confirm all data processes\n" + HEADER + ". The District confirms that all data processes are "
         "running successfully in CWBI-TEST, or describes what is not: then Step 6 fixes it and Step 5 runs again."),
    checkbox("dataProcessesConfirmed", "All data processes are running successfully in CWBI-TEST", required=False),
    notes("step5Issues", "Issues found", "Required when not all data processes run successfully",
          required_unless="dataProcessesConfirmed"),
    )

add("task-5-rts-forecasts",
    text("### Step 5 – HEC-RTS forecasts\n" + HEADER + ": run HEC-RTS forecasts using processes set up in CWBI-TEST."),
    notes("forecastsRun", "Forecasts run", required=True),
    checkbox("rtsForecastsSuccessful", "The HEC-RTS forecasts ran successfully in CWBI-TEST", required=False),
    notes("rtsIssues", "Issues found", "Required when the forecasts did not run successfully",
          required_unless="rtsForecastsSuccessful"),
    )

add("task-6-fix-issues",
    text("### Step 6 – Fix any issues found during Step 5\n" + HEADER + ". HEC works with the District. When this "
         "task is completed, the District reviews the fixes; then Step 5 runs again."),
    dict(text("**The District's comment on the last fixes:** {{step6DistrictComment}}"),
         conditional={"hide": "=step6DistrictComment = null"}),
    notes("step5Issues", "Data process issues reported by the District", readonly=True),
    notes("rtsIssues", "HEC-RTS issues reported by the District", readonly=True),
    text("#### Last automated CWBI-TEST check\n{{findingsSummary}}"),
    notes("fixNotes", "What was fixed", required=True),
    )


def status_line(label, done, na=None, skipped=None, skipped_text=None):
    """One line of HEC's progress, shown in a District form (form-js templating; a text is never submitted).
    `skipped` is a FEEL condition under which the item does not apply (from the District's own answers)."""
    parts = [f"- {label}: "]
    open_cond = f"{done} != true"
    if skipped:
        parts.append(f"{{{{#if {skipped}}}}}not needed ({skipped_text}){{{{/if}}}}")
        open_cond += f" and ({skipped}) != true"
    parts.append(f"{{{{#if {done} = true}}}}**done**{{{{/if}}}}")
    if na:
        parts.append(f"{{{{#if {na} = true}}}}not applicable for this office{{{{/if}}}}")
        open_cond += f" and {na} != true"
    parts.append(f"{{{{#if {open_cond}}}}}open{{{{/if}}}}")
    return "".join(parts)


add("task-4-district-comments",
    text("### Step 4 – Work with HEC\n" + HEADER + ". HEC will work with the District to complete all tasks in "
         "Step 4: migrating the processes to CWBI-TEST. Send HEC your comments (questions, priorities, contacts, "
         "anything HEC should know): each one is kept in the office's audit trail, and this task comes back for "
         "the next. Tick the box when Step 4 is complete from your side."),
    # blank lines between the items: form-js templating drops the line break after a block that renders nothing
    text("**HEC's Step 4 work** (when you opened this form)\n\n" + "\n\n".join([
        status_line("Custom schema functions into the CWMS Database Schema", "schemaFunctionsMigrated",
                    "schemaFunctionsMigratedNotApplicable", "noCustomSchema = true", "none declared in Task 2.4"),
        status_line("LDM data products in CWBI-TEST", "ldmProductsAddedTest", "ldmProductsAddedTestNotApplicable",
                    "noLdmProducts = true", "none listed in Task 2.3"),
        status_line("USGS data processes in CWBI-TEST", "usgsConfiguredTest", "usgsConfiguredTestNotApplicable",
                    "usesUsgsData != true", "the office uses no USGS data"),
        status_line("CWMS-Batch scripts to the CWBI-TEST branch", "batchScriptsMigratedTest",
                    "batchScriptsMigratedTestNotApplicable"),
        status_line("OpenDCS configurations", "opendcsImportedTest", "opendcsImportedTestNotApplicable"),
    ])),
    notes("step4Comment", "Comment for HEC", "Required unless Step 4 is complete from your side", max_length=3000,
          required_unless="step4DistrictDone"),
    checkbox("step4DistrictDone", "Step 4 is complete from the District's side", required=False),
    )

add("task-6-district-review",
    text("### Step 6 – Review HEC's fixes\n" + HEADER + ". HEC will work with the District to complete all tasks "
         "in Step 6. HEC has fixed the issues found during Step 5:\n\n{{fixNotes}}\n\nReady to test again? Or "
         "send HEC a comment: the fixes then continue."),
    checkbox("step6ReadyToRetest", "The fixes are ready: test again in CWBI-TEST (Step 5)", required=False),
    notes("step6DistrictComment", "Comment for HEC", "Required unless the fixes are ready", max_length=3000,
          required_unless="step6ReadyToRetest"),
    )

add("task-8-goldengate-off",
    text("### Step 8 – Turn off Goldengate\n" + HEADER + ": the Goldengate connection from T7 to the CWBI-TEST "
         "database."),
    checkbox("goldengateOff", "The Goldengate connection from T7 to CWBI-TEST is turned off"),
    date("goldengateOffOn", "Turned off on"),
    notes("goldengateNotes"),
    )

add("task-8-import-two-years",
    text("### Step 8 – Import the past 2 years\n" + HEADER + ": time series data for the past 2 years into the "
         "CWBI-PROD database."),
    checkbox("twoYearsImported", "Time series data of the past 2 years is imported into CWBI-PROD"),
    date("importedFrom", "Imported from (earliest date)"),
    notes("importNotes"),
    )

add("task-8-migrate-history",
    text("### Step 8 – Migrate all historical data\n" + HEADER + ": into the CWBI-PROD database. The history check "
         "runs next; Step 9 stays closed until it passes."),
    checkbox("historyMigrated", "All historical data is migrated into CWBI-PROD"),
    date("historyFrom", "Earliest data migrated"),
    notes("historyNotes"),
    )

add("task-9-decommission-t7",
    text("### Step 9 – Decommission T7 server\n" + HEADER + ". The automated history check has verified the office's "
         "data in CWBI-PROD."),
    checkbox("t7BackupArchived", "A final backup of the T7 server is archived"),
    checkbox("t7Decommissioned", "The T7 server is decommissioned"),
    date("decommissionedOn", "Decommissioned on"),
    notes("decommissionNotes"),
    )

os.makedirs(OUT, exist_ok=True)
for fid, f in FORMS.items():
    with open(os.path.join(OUT, f"{fid}.form"), "w", encoding="utf-8") as fh:
        json.dump(f, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
print(f"wrote {len(FORMS)} forms to {OUT}")
