#!/usr/bin/env python3
"""Writes bpmn/cwbi-migration.bpmn: the roadmap as one executable process, with its full diagram layout.

Why a generator: the process has ~70 elements in three lanes; computing the layout (DI) from a grid keeps every
shape and edge consistent and readable left to right by phase. The generated file opens in Camunda Modeler; small
edits can be made there, larger ones here (then run: python3 tools/generate_process.py).
"""
from xml.sax.saxutils import escape, quoteattr
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "bpmn", "cwbi-migration.bpmn")

# ---------------------------------------------------------------- layout grid
POOL_X, POOL_Y, LANE_LABEL = 120, 60, 30
COL0, COL_W = 250, 165
LANES = [  # id, name, height, rows
    ("lane_district", "District", 480),
    ("lane_hec", "HEC", 600),
    ("lane_automated_checks", "Automated checks", 240),
]
ROW0, ROW_H = 75, 110

lane_top = {}
y = POOL_Y
for lid, _, h in LANES:
    lane_top[lid] = y
    y += h
POOL_H = y - POOL_Y

SIZES = {"task": (120, 80), "gw": (50, 50), "event": (36, 36)}


def center(lane, col, row):
    return COL0 + col * COL_W, lane_top[lane] + ROW0 + row * ROW_H


# ---------------------------------------------------------------- model
elements = []  # dicts
flows = []
boundaries = []

D, H, A = "lane_district", "lane_hec", "lane_automated_checks"

ROADMAP_STEP = {}


def user_task(id, name, lane, col, row, doc, group=None, form=None, inputs=None):
    group = group or ("${districtGroup}" if lane == D else "hec")
    elements.append(dict(id=id, kind="userTask", name=name, lane=lane, col=col, row=row, doc=doc,
                         group=group, form=form or id.replace("_", "-"), inputs=inputs or {}))


def service_task(id, name, col, row, doc, env=None, delegate=None, retry="PT30S,PT2M,PT10M"):
    elements.append(dict(id=id, kind="serviceTask", name=name, lane=A, col=col, row=row, doc=doc, env=env,
                         delegate=delegate or "${verificationDelegate}", retry=retry))


def gateway(id, kind, name, lane, col, row, default=None, listener=None):
    elements.append(dict(id=id, kind=kind, name=name, lane=lane, col=col, row=row, default=default,
                         listener=listener))


def event(id, kind, name, lane, col, row, **kw):
    elements.append(dict(id=id, kind=kind, name=name, lane=lane, col=col, row=row, **kw))


def flow(src, dst, name=None, cond=None, id=None, route=None):
    flows.append(dict(id=id or f"flow_{src}_to_{dst}", src=src, dst=dst, name=name, cond=cond, route=route))


def recheck_timer(task_id, target):
    tid = "timer_recheck_" + task_id.replace("task_", "").replace("_findings", "").replace("_issues", "")
    boundaries.append(dict(id=tid, attached=task_id, name="Re-check interval",
                           duration="${timers.recheck()}"))
    flow(tid, target, id=f"flow_{tid}_to_{target}", route="down")


def recheck_wait(task_id, check_id, env):
    """Issue 13: a fix task's completion waits on a visible timer until the check may run (min interval, office rate);
    the task shows when that is (input nextCheck)."""
    wid = "wait_" + check_id
    host = by_id_now(task_id)
    host["inputs"]["nextCheck"] = "${recheckPolicy.describe(execution, '%s')}" % env
    elements.append(dict(id=wid, kind="intermediateCatchEvent", name="Wait for the next check", lane=A,
                         col=host["col"] - 55 / COL_W, row=1, date="${recheckPolicy.nextCheckAt(execution, '%s')}" % env))
    flow(task_id, wid, route="wait_in")
    flow(wid, check_id, route="wait_out")


def by_id_now(id):
    return next(e for e in elements if e["id"] == id)


# ---- Phase 1: Pre-Migration (CWBI-DEV)
event("start_migration", "startEvent", "Migration requested", D, 0, 1, form="cwbi-migration-start")
gateway("split_step_1", "inclusiveGateway", "Step 1 on T7", D, 1, 1)
user_task("task_1_1_convert_scripts", "Task 1.1 – Convert custom scripts to cwms-python/CDA/OpenDCS", D, 2, 0,
          "Convert all custom scripts running from the server to use cwms-python/CDA/OpenDCS, using the script "
          "decision flow chart as a guide (Tasks 1-5 in the Cloud Migration Checklist). List every script with what "
          "it does, how it runs and what it reads and writes; the script decision table recommends a target per "
          "script; the task repeats until every script is converted or retired.")
service_task("recommend_script_targets", "Recommend a target per script (script decision flow chart)", 3, 0,
             "Evaluates the DMN table script-decision for every script of the inventory and stores the recommended "
             "technology and the rule's reason with each script.",
             delegate="${scriptRecommendationDelegate}")
gateway("gw_scripts_done", "exclusiveGateway", "Every script converted or retired?", D, 4, 0)
user_task("task_1_2_usgs_scripts", "Task 1.2 – Use the new getUSGS scripts in cwms-cli on T7", D, 2, 2,
          "Actively use the new getUSGS scripts in cwms-cli to get time series data and ratings from the USGS on the "
          "T7 server (if applicable: only when the office uses USGS data).")
user_task("task_1_3_critimport", "Task 1.3 – Run the critimport function on T7", D, 2, 1,
          "Run the critimport function to import critical information into the database for processing SHEF files "
          "on the local T7 server.")
user_task("task_1_4_shef_parser", "Task 1.4 – Test the python shef-parser package on T7", D, 3, 1,
          "Test the python shef-parser package to process SHEF files on the local T7 server (after the crit import "
          "of Task 1.3).")
gateway("join_step_1", "inclusiveGateway", "Step 1 done", D, 5, 1)
service_task("verify_t7", "Verify T7 data through CDA", 6, 0,
             "Checks through the CWMS Data API on T7 that the service answers, the office is known and the critical "
             "time series (and, when used, the USGS and SHEF acquisition groups) exist and are fresh.", env="T7")
gateway("gw_t7_passed", "exclusiveGateway", "T7 checks passed?", A, 7, 0)
user_task("task_fix_t7_findings", "Fix what the T7 check found", D, 7, 2,
          "The automated T7 check failed: the findings list each failed check with its evidence. Fix them on T7; "
          "completing this task re-runs the check (it also re-runs on its own every re-check interval).",
          form="fix-findings", inputs={"findings": "${verification_t7}", "findingsSummary": "${findingsText.markdown(verification_t7)}", "environmentLabel": "T7"})
gateway("split_step_2", "parallelGateway", "Step 2 on CWBI-DEV", D, 8, 1)
user_task("task_2_1_load_db_objects", "Task 2.1 – Load database objects into CWBI-DEV using cwms-cli", D, 9, 0,
          "Load database objects into the CWBI-DEV database using cwms-cli: locations, time series ids, ...")
user_task("task_2_2_batch_scripts_dev", "Task 2.2 – Run all custom scripts in the CWBI-DEV batch process", D, 9, 1,
          "Have all custom scripts (data processing and reporting) running in the CWBI-DEV environment batch process, "
          "fully tested that they are working as intended.")
user_task("task_2_3_ldm_products", "Task 2.3 – List all LDM data products", D, 9, 2,
          "Compile a list of all data products using LDM, received or sent, including file names or regular "
          "expressions for grabbing the correct data.")
user_task("task_2_4_custom_schema", "Task 2.4 – Identify custom database schema functions/processes", D, 9, 3,
          "Identify any custom database schema functions/processes that will be needed in CWBI.")
gateway("join_step_2", "parallelGateway", "Step 2 done", D, 10, 1)
user_task("task_3_1_modeling_ops", "Task 3.1 – Test modeling operations in CAVI/CWMS-Vue", D, 11, 1,
          "Connect to CWBI-TEST and/or CWBI-DEV database using client tools and test the district's modeling "
          "operations.")
service_task("verify_cwbi_dev", "Verify CWBI-DEV data and parity with T7", 12, 0,
             "Checks through the CWMS Data API of CWBI-DEV that the office's critical time series exist and are "
             "fresh, and that every location and time series id of T7 exists in CWBI-DEV.", env="CWBI_DEV")
gateway("gate_phase_1", "exclusiveGateway", "Phase 1 checks passed?", A, 13, 0)
user_task("task_fix_phase_1_findings", "Fix what the CWBI-DEV check found", D, 13, 2,
          "The automated CWBI-DEV check failed: Phase 2 stays closed until it passes. Fix the findings (load the "
          "missing objects, restart the stale processes); completing this task re-runs the check.",
          form="fix-findings", inputs={"findings": "${verification_cwbi_dev}", "findingsSummary": "${findingsText.markdown(verification_cwbi_dev)}", "environmentLabel": "CWBI-DEV"})

# ---- Phase 2: Migration/Testing (CWBI-TEST)
gateway("split_step_4", "inclusiveGateway", "Step 4: migrate all processes to CWBI-TEST", H, 14, 2)
user_task("task_4_schema_functions", "Step 4 – Migrate custom schema functions into the CWMS Database Schema", H, 15, 0,
          "HEC works with the District: migrate any required custom database schema functions (the Task 2.4 list) "
          "into the CWMS Database Schema.")
user_task("task_4_ldm_products", "Step 4 – Add all LDM data products to CWBI-TEST", H, 15, 1,
          "HEC works with the District: add all LDM data products (the Task 2.3 list) to CWBI-TEST.")
user_task("task_4_usgs_config", "Step 4 – Configure the office for USGS data processes in CWBI-TEST", H, 15, 2,
          "HEC works with the District: configure the office for USGS data processes in CWBI-TEST (only when the "
          "office uses USGS data).")
user_task("task_4_batch_scripts", "Step 4 – Migrate CWMS-Batch scripts to the CWBI-TEST branch", H, 15, 3,
          "HEC works with the District: migrate CWMS-Batch scripts to the CWBI-TEST branch.")
user_task("task_4_opendcs_import", "Step 4 – Import OpenDCS configurations into CWBI-TEST", H, 15, 4,
          "HEC works with the District: import OpenDCS configurations.")
gateway("join_step_4", "inclusiveGateway", "Step 4 done", H, 16, 2)
# "May vary": an item the district's own answers make empty is skipped; the event's name is the reason (audit trail).
event("skip_4_schema_functions", "intermediateThrowEvent",
      "Skipped: no custom schema functions declared in Task 2.4", H, 15.55, 0.5,
      doc="The District declared no custom schema functions in Task 2.4: nothing to migrate into the CWMS Database "
          "Schema.")
event("skip_4_ldm_products", "intermediateThrowEvent", "Skipped: no LDM products listed in Task 2.3", H, 15.55, 1.5,
      doc="The District listed no LDM data products in Task 2.3: nothing to add to CWBI-TEST.")
# The District takes part in Step 4 ("HEC will work with the District"): comments while HEC works, then done.
user_task("task_4_district_comments", "Step 4 – Work with HEC: the District's comments", D, 15, 2,
          "HEC will work with the District to complete all tasks in Step 4. The District follows HEC's Step 4 work "
          "(shown in the form), sends comments to HEC (each one goes to the audit trail; the task comes back for the "
          "next), and says when Step 4 is complete from its side.")
gateway("gw_step_4_district_done", "exclusiveGateway", "Step 4 complete for the District?", D, 16, 2,
        listener="${participation.clear(execution, 'step4Comment')}")
user_task("task_5_set_test_period", "Step 5 – Agree the testing duration with the District", H, 17, 2,
          "HEC works with District staff to determine the appropriate duration for testing (ISO-8601, e.g. P14D).")
# The District agrees to HEC's duration or proposes another (with a reason): back to HEC, at most twice per round.
gateway("gw_test_period_final", "exclusiveGateway", "May the District still propose a duration?", H, 17.6, 2)
user_task("task_5_agree_test_period", "Step 5 – Agree the testing duration with HEC, or propose another", D, 17.6, 3,
          "HEC will work with District staff to determine the appropriate duration for testing. The District agrees "
          "to the duration HEC set, or proposes another (ISO-8601) with its reason: HEC then sets the duration again. "
          "After two proposals HEC's duration is final.")
gateway("gw_test_period_agreed", "exclusiveGateway", "District agrees to the duration?", D, 17.6, 2,
        listener="${participation.testPeriodAnswered(execution)}")
gateway("join_test_period", "exclusiveGateway", "", D, 18, 2)  # a merge: no label (it would cover its neighbour's)
gateway("split_step_5", "parallelGateway", "Step 5: fully test in CWBI-TEST", D, 18, 1,
        listener="${execution.setVariable('testPeriodEnd', timers.endOfTestPeriod(testPeriod))}")
elements[-1]["listeners"] = ["${participation.testPeriodConcluded(execution)}"]
user_task("task_5_confirm_data_processes", "Step 5 – Confirm all data processes are running successfully", D, 19, 0,
          "The District confirms that all data processes are running successfully in CWBI-TEST, or reports the "
          "issues found.")
user_task("task_5_rts_forecasts", "Step 5 – Run HEC-RTS forecasts using processes set up in CWBI-TEST", D, 19, 1,
          "The District runs HEC-RTS forecasts using the processes set up in CWBI-TEST and reports the result.")
service_task("verify_cwbi_test", "Verify CWBI-TEST data during the test period", 19, 0,
             "Checks through the CWMS Data API of CWBI-TEST, repeatedly during the test period, that the office's "
             "critical series (and USGS/SHEF acquisition groups) are there and fresh.", env="CWBI_TEST")
gateway("gw_test_period_over", "exclusiveGateway", "Test period over?", A, 20, 0)
event("timer_recheck_cwbi_test", "intermediateCatchEvent", "Re-check during the test period", A, 20, 1,
      duration="${timers.testRecheck(testPeriodEnd)}")
gateway("join_step_5", "parallelGateway", "Step 5 results in", D, 21, 1)
gateway("gate_phase_2", "exclusiveGateway", "All Step 5 results pass?", D, 22, 1)
user_task("task_6_fix_issues", "Step 6 – Fix any issues found during Step 5", H, 22, 2,
          "HEC works with the District to fix the issues found during Step 5 (the District's report, the HEC-RTS "
          "results and the automated CWBI-TEST check); then HEC and the District agree the duration of the re-test and "
          "Step 5 runs again.",
          inputs={"findings": "${verification_cwbi_test}", "findingsSummary": "${findingsText.markdown(verification_cwbi_test)}", "environmentLabel": "CWBI-TEST"})
# Step 6 with the District: it reviews HEC's fixes before the re-test, or comments back to HEC.
user_task("task_6_district_review", "Step 6 – Review HEC's fixes with HEC", D, 21.45, 2,
          "HEC will work with the District to complete all tasks in Step 6. The District reviews what HEC fixed: ready "
          "to test again (Step 5), or a comment back to HEC, who continues the fixes.")
gateway("gw_step_6_ready", "exclusiveGateway", "Ready to test again?", D, 21.45, 3)

# ---- Phase 3: Complete Migration (CWBI-PROD)
gateway("split_step_7", "inclusiveGateway", "Step 7: migrate to CWBI-PROD", H, 23, 2)
user_task("task_7_ldm_products", "Step 7 – Add all LDM data products to CWBI-PROD", H, 24, 0,
          "HEC works with the District: add all LDM data products to CWBI-PROD.")
event("skip_7_ldm_products", "intermediateThrowEvent", "Skipped: no LDM products listed in Task 2.3", H, 24.55, 0.5,
      doc="The District listed no LDM data products in Task 2.3: nothing to add to CWBI-PROD.")
user_task("task_7_usgs_config", "Step 7 – Configure the office for USGS data processes in CWBI-PROD", H, 24, 1,
          "HEC works with the District: configure the office for USGS data processes in CWBI-PROD (only when the "
          "office uses USGS data).")
user_task("task_7_batch_scripts", "Step 7 – Migrate CWMS-Batch scripts to the CWBI-PROD branch", H, 24, 2,
          "HEC works with the District: migrate CWMS-Batch scripts to the CWBI-PROD branch.")
user_task("task_7_opendcs_import", "Step 7 – Import OpenDCS configurations into CWBI-PROD", H, 24, 3,
          "HEC works with the District: import OpenDCS configurations.")
gateway("join_step_7", "inclusiveGateway", "Step 7 done", H, 25, 2)
service_task("verify_cwbi_prod", "Verify CWBI-PROD components and parity with T7", 26, 0,
             "Checks through the CWMS Data API of CWBI-PROD that all components are working: the office's critical "
             "series exist and are fresh, every location and time series id of T7 exists in CWBI-PROD.",
             env="CWBI_PROD")
gateway("gw_cwbi_prod_passed", "exclusiveGateway", "CWBI-PROD checks passed?", A, 27, 0)
user_task("task_7_fix_prod_findings", "Fix what the CWBI-PROD check found", H, 27, 4,
          "The automated CWBI-PROD check failed: fix the findings; completing this task re-runs the check.",
          form="fix-findings", inputs={"findings": "${verification_cwbi_prod}", "findingsSummary": "${findingsText.markdown(verification_cwbi_prod)}", "environmentLabel": "CWBI-PROD"})
user_task("task_8_goldengate_off", "Step 8 – Turn off Goldengate from T7 to CWBI-TEST", H, 28, 2,
          "HEC turns off the Goldengate connection from T7 to the CWBI-TEST database.")
user_task("task_8_import_two_years", "Step 8 – Import the past 2 years of time series into CWBI-PROD", H, 29, 2,
          "HEC imports time series data for the past 2 years into the CWBI-PROD database.")
user_task("task_8_migrate_history", "Step 8 – Migrate all historical data into CWBI-PROD", H, 30, 2,
          "HEC migrates all historical data into the CWBI-PROD (national) database.")
service_task("verify_history", "Verify CWBI-PROD history covers T7", 31, 0,
             "Checks, for each critical series, that CWBI-PROD holds data from as far back as T7 does (at least the "
             "last two years) and is fresh. The T7 server is never switched off before this passes.", env="HISTORY")
gateway("gate_phase_3", "exclusiveGateway", "History verified on CWBI-PROD?", A, 32, 0)
user_task("task_8_fix_history_findings", "Fix what the history check found", H, 32, 4,
          "The history check failed: CWBI-PROD does not yet cover what T7 holds. Fix the findings; completing this "
          "task re-runs the check. Step 9 stays closed until it passes.",
          form="fix-findings", inputs={"findings": "${verification_history}", "findingsSummary": "${findingsText.markdown(verification_history)}", "environmentLabel": "CWBI-PROD history"})
user_task("task_9_decommission_t7", "Step 9 – Decommission T7 server", D, 33, 1,
          "District staff decommission the T7 server, now that its data is verified in CWBI-PROD.")
event("end_migration_complete", "endEvent", "Migration complete", D, 34, 1)

# ---- flows
flow("start_migration", "split_step_1")
flow("split_step_1", "task_1_1_convert_scripts")
flow("split_step_1", "task_1_3_critimport")
flow("split_step_1", "task_1_2_usgs_scripts", name="uses USGS data", cond="${usesUsgsData}")
flow("task_1_1_convert_scripts", "recommend_script_targets")
flow("recommend_script_targets", "gw_scripts_done")
flow("gw_scripts_done", "join_step_1", name="yes", cond="${scriptsAllDone}")
flow("gw_scripts_done", "task_1_1_convert_scripts", name="no", cond="${!scriptsAllDone}", route="up")
flow("task_1_3_critimport", "task_1_4_shef_parser")
flow("task_1_4_shef_parser", "join_step_1")
flow("task_1_2_usgs_scripts", "join_step_1")
flow("join_step_1", "verify_t7")
flow("verify_t7", "gw_t7_passed")
flow("gw_t7_passed", "split_step_2", name="yes", cond="${verification_t7_passed}")
flow("gw_t7_passed", "task_fix_t7_findings", name="no", cond="${!verification_t7_passed}")
recheck_wait("task_fix_t7_findings", "verify_t7", "T7")
recheck_timer("task_fix_t7_findings", "verify_t7")
for t in ["task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema"]:
    flow("split_step_2", t)
    flow(t, "join_step_2")
flow("join_step_2", "task_3_1_modeling_ops")
flow("task_3_1_modeling_ops", "verify_cwbi_dev")
flow("verify_cwbi_dev", "gate_phase_1")
flow("gate_phase_1", "split_step_4", name="yes: Phase 2", cond="${verification_cwbi_dev_passed}")
flow("gate_phase_1", "task_fix_phase_1_findings", name="no", cond="${!verification_cwbi_dev_passed}")
recheck_wait("task_fix_phase_1_findings", "verify_cwbi_dev", "CWBI_DEV")
recheck_timer("task_fix_phase_1_findings", "verify_cwbi_dev")
for t in ["task_4_batch_scripts", "task_4_opendcs_import"]:
    flow("split_step_4", t)
    flow(t, "join_step_4")
NO_SCHEMA = "${execution.getVariable('noCustomSchema') == true}"
NO_LDM = "${execution.getVariable('noLdmProducts') == true}"
flow("split_step_4", "task_4_schema_functions", name="functions declared", cond="${!(%s)}" % NO_SCHEMA[2:-1])
flow("task_4_schema_functions", "join_step_4")
flow("split_step_4", "skip_4_schema_functions", name="none declared", cond=NO_SCHEMA)
flow("skip_4_schema_functions", "join_step_4")
flow("split_step_4", "task_4_ldm_products", name="products listed", cond="${!(%s)}" % NO_LDM[2:-1])
flow("task_4_ldm_products", "join_step_4")
flow("split_step_4", "skip_4_ldm_products", name="none listed", cond=NO_LDM)
flow("skip_4_ldm_products", "join_step_4")
flow("split_step_4", "task_4_district_comments")
flow("task_4_district_comments", "gw_step_4_district_done")
DONE_4 = "participation.ticked(execution, 'step4DistrictDone')"
flow("gw_step_4_district_done", "join_step_4", name="yes", cond="${%s}" % DONE_4)
flow("gw_step_4_district_done", "task_4_district_comments", name="no: next comment", cond="${!%s}" % DONE_4,
     route="up")
flow("split_step_4", "task_4_usgs_config", name="uses USGS data", cond="${usesUsgsData}")
flow("task_4_usgs_config", "join_step_4")
flow("join_step_4", "task_5_set_test_period")
flow("task_5_set_test_period", "gw_test_period_final")
flow("gw_test_period_final", "task_5_agree_test_period", name="yes",
     cond="${participation.mayProposeTestPeriod(execution)}")
flow("gw_test_period_final", "join_test_period", name="no: HEC's duration is final",
     cond="${!participation.mayProposeTestPeriod(execution)}")
flow("task_5_agree_test_period", "gw_test_period_agreed")
flow("join_test_period", "split_step_5")
AGREED = "participation.ticked(execution, 'testPeriodAgreed')"
flow("gw_test_period_agreed", "join_test_period", name="agreed", cond="${%s}" % AGREED)
flow("gw_test_period_agreed", "task_5_set_test_period", name="proposes another", cond="${!%s}" % AGREED,
     route=[center(D, 17.6, 2), (center(H, 17, 2)[0], center(D, 17.6, 2)[1]), (center(H, 17, 2)[0],
                                                                              center(H, 17, 2)[1] - 40)])
flow("split_step_5", "task_5_confirm_data_processes")
flow("split_step_5", "task_5_rts_forecasts")
flow("split_step_5", "verify_cwbi_test")
flow("task_5_confirm_data_processes", "join_step_5")
flow("task_5_rts_forecasts", "join_step_5")
flow("verify_cwbi_test", "gw_test_period_over")
flow("gw_test_period_over", "join_step_5", name="yes", cond="${timers.isPast(testPeriodEnd)}")
flow("gw_test_period_over", "timer_recheck_cwbi_test", name="no", cond="${!timers.isPast(testPeriodEnd)}")
flow("timer_recheck_cwbi_test", "verify_cwbi_test", route="left")
flow("join_step_5", "gate_phase_2")
flow("gate_phase_2", "split_step_7", name="yes: Phase 3",
     cond="${dataProcessesConfirmed && rtsForecastsSuccessful && verification_cwbi_test_passed}")
flow("gate_phase_2", "task_6_fix_issues", name="no: Step 6",
     cond="${!(dataProcessesConfirmed && rtsForecastsSuccessful && verification_cwbi_test_passed)}")
# Step 6 loop, left of the Phase 2 gate's own line down into the fix task
_rev6, _gw6, _fix6, _set = center(D, 21.45, 2), center(D, 21.45, 3), center(H, 22, 2), center(H, 17, 2)
flow("task_6_fix_issues", "task_6_district_review",
     route=[(_fix6[0] - 14, _fix6[1] - 40), (_fix6[0] - 14, _rev6[1]), (_rev6[0] + 60, _rev6[1])])
flow("task_6_district_review", "gw_step_6_ready")
READY_6 = "participation.ticked(execution, 'step6ReadyToRetest')"
flow("gw_step_6_ready", "task_5_set_test_period", name="ready: test again", cond="${%s}" % READY_6,
     route=[(_gw6[0] - 25, _gw6[1]), (_gw6[0] - 40, _gw6[1]), (_gw6[0] - 40, _fix6[1] + 62), (_set[0], _fix6[1] + 62),
            (_set[0], _set[1] + 40)])
flow("gw_step_6_ready", "task_6_fix_issues", name="not yet: back to HEC", cond="${!%s}" % READY_6,
     route=[(_gw6[0], _gw6[1] + 25), (_gw6[0], _fix6[1]), (_fix6[0] - 60, _fix6[1])])
for t in ["task_7_batch_scripts", "task_7_opendcs_import"]:
    flow("split_step_7", t)
    flow(t, "join_step_7")
flow("split_step_7", "task_7_ldm_products", name="products listed", cond="${!(%s)}" % NO_LDM[2:-1])
flow("task_7_ldm_products", "join_step_7")
flow("split_step_7", "skip_7_ldm_products", name="none listed", cond=NO_LDM)
flow("skip_7_ldm_products", "join_step_7")
flow("split_step_7", "task_7_usgs_config", name="uses USGS data", cond="${usesUsgsData}")
flow("task_7_usgs_config", "join_step_7")
flow("join_step_7", "verify_cwbi_prod")
flow("verify_cwbi_prod", "gw_cwbi_prod_passed")
flow("gw_cwbi_prod_passed", "task_8_goldengate_off", name="yes", cond="${verification_cwbi_prod_passed}")
flow("gw_cwbi_prod_passed", "task_7_fix_prod_findings", name="no", cond="${!verification_cwbi_prod_passed}")
recheck_wait("task_7_fix_prod_findings", "verify_cwbi_prod", "CWBI_PROD")
recheck_timer("task_7_fix_prod_findings", "verify_cwbi_prod")
flow("task_8_goldengate_off", "task_8_import_two_years")
flow("task_8_import_two_years", "task_8_migrate_history")
flow("task_8_migrate_history", "verify_history")
flow("verify_history", "gate_phase_3")
flow("gate_phase_3", "task_9_decommission_t7", name="yes: Step 9", cond="${verification_history_passed}")
flow("gate_phase_3", "task_8_fix_history_findings", name="no", cond="${!verification_history_passed}")
recheck_wait("task_8_fix_history_findings", "verify_history", "HISTORY")
recheck_timer("task_8_fix_history_findings", "verify_history")
flow("task_9_decommission_t7", "end_migration_complete")

PHASES = [
    ("group_phase_1", "phase_1", "Phase 1: Pre-Migration (CWBI-DEV)", 0, 13),
    ("group_phase_2", "phase_2", "Phase 2: Migration/Testing (CWBI-TEST)", 14, 22),
    ("group_phase_3", "phase_3", "Phase 3: Complete Migration (CWBI-PROD)", 23, 34),
]

# ---------------------------------------------------------------- geometry
by_id = {e["id"]: e for e in elements}


def size(e):
    k = e["kind"]
    if k.endswith("Task"):
        return SIZES["task"]
    if k.endswith("Gateway"):
        return SIZES["gw"]
    return SIZES["event"]


def bounds(e):
    cx, cy = center(e["lane"], e["col"], e["row"])
    w, h = size(e)
    return cx - w / 2, cy - h / 2, w, h


for b in boundaries:
    host = by_id[b["attached"]]
    x, y_, w, h = bounds(host)
    b["bounds"] = (x + w - 30, y_ + h - 18, 36, 36)


def box(id):
    if id in by_id:
        return bounds(by_id[id])
    return next(b["bounds"] for b in boundaries if b["id"] == id)


def _attach(points, src_box):
    """An explicit route starts on the source's edge: its first point is moved to the box's border."""
    (x0, y0), rest = points[0], points[1:]
    sx, sy, sw, sh = src_box
    if abs(x0 - (sx + sw / 2)) < 1 and abs(y0 - (sy + sh / 2)) < 1 and rest:  # from the centre: leave by the side
        nx, ny = rest[0]
        if abs(ny - y0) < 1:
            x0 = sx if nx < x0 else sx + sw
        else:
            y0 = sy if ny < y0 else sy + sh
    return [(x0, y0)] + rest


def waypoints(f):
    sx, sy, sw, sh = box(f["src"])
    tx, ty, tw, th = box(f["dst"])
    scx, scy, tcx, tcy = sx + sw / 2, sy + sh / 2, tx + tw / 2, ty + th / 2
    route = f["route"]
    if isinstance(route, list):  # an explicit path (loops that would cross other shapes)
        return _attach(route, (sx, sy, sw, sh))
    if route == "wait_in":  # fix task straight down into its wait (left of the gateway, right of the check)
        return [(tcx, sy + sh), (tcx, ty)]
    if route == "wait_out":  # wait left into the check's bottom
        return [(tx, tcy), (tcx, tcy), (tcx, ty + th)]
    if route == "down":  # back to an earlier element below/above: leave at bottom, enter from below
        low = max(sy + sh, ty + th) + 25
        if scy < tcy:  # source above target (fix task in District, check in Automated lane): go right of target
            mid = (sy + sh + ty) / 2
            return [(sx + 25, sy + sh), (sx + 25, mid), (tcx + 20, mid), (tcx + 20, ty)]
        return [(scx, sy + sh), (scx, low), (tcx, low), (tcx, ty + th)]
    if route == "up":
        top = min(sy, ty) - 25
        return [(scx, sy), (scx, top), (tcx, top), (tcx, ty)]
    if route == "left":  # loop back leftwards under the row
        low = max(sy + sh, ty + th) + 22
        return [(scx, sy + sh), (scx, low), (tcx, low), (tcx, ty + th)]
    if abs(scy - tcy) < 1:
        return [(sx + sw, scy), (tx, tcy)]
    if tcx > scx + 1:
        src = by_id.get(f["src"], {})
        same_lane = src.get("lane") == by_id.get(f["dst"], {}).get("lane")
        if src.get("kind", "").endswith("Gateway") and same_lane:  # gateways fan out vertically then right
            return [(scx, sy + sh if tcy > scy else sy), (scx, tcy), (tx, tcy)]
        return [(sx + sw, scy), (tcx, scy), (tcx, ty if tcy > scy else ty + th)] \
            if by_id.get(f["dst"], {}).get("kind", "").endswith("Gateway") else \
            [(sx + sw, scy), ((sx + sw + tx) / 2, scy), ((sx + sw + tx) / 2, tcy), (tx, tcy)]
    # same column: straight down/up
    return [(scx, sy + sh if tcy > scy else sy), (tcx, ty if tcy > scy else ty + th)]


# ---------------------------------------------------------------- XML
out = []
w = out.append
w('<?xml version="1.0" encoding="UTF-8"?>')
w('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
  'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
  'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0" '
  'id="definitions_cwbi_migration" targetNamespace="http://usace.army.mil/cwbi/migration" '
  'exporter="tools/generate_process.py" exporterVersion="1.0" '
  'modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">')
w('  <bpmn:collaboration id="collaboration_cwbi_migration">')
w('    <bpmn:participant id="participant_district_cloud_migration" name="District Cloud Migration" '
  'processRef="cwbi-migration" />')
for gid, cid, label, _, _ in PHASES:
    w(f'    <bpmn:group id="{gid}" categoryValueRef="category_value_{cid}" />')
w('  </bpmn:collaboration>')
w('  <bpmn:category id="category_phases">')
for gid, cid, label, _, _ in PHASES:
    w(f'    <bpmn:categoryValue id="category_value_{cid}" value={quoteattr(label)} />')
w('  </bpmn:category>')

w('  <bpmn:process id="cwbi-migration" name="District Cloud Migration" isExecutable="true" '
  'camunda:historyTimeToLive="3650" camunda:versionTag="1.0.0" camunda:isStartableInTasklist="true">')
w('    <bpmn:documentation>District Cloud Migration Phases: the roadmap that carries one district office\'s CWMS data '
  'processes from its T7 server into CWBI (CWBI-DEV, CWBI-TEST, CWBI-PROD). One instance per office; business key '
  '= office id.</bpmn:documentation>')
w('    <bpmn:laneSet id="lane_set_cwbi_migration">')
for lid, name, _ in LANES:
    w(f'      <bpmn:lane id="{lid}" name="{name}">')
    for e in elements:
        if e["lane"] == lid:
            w(f'        <bpmn:flowNodeRef>{e["id"]}</bpmn:flowNodeRef>')
    for b in boundaries:
        if by_id[b["attached"]]["lane"] == lid:
            w(f'        <bpmn:flowNodeRef>{b["id"]}</bpmn:flowNodeRef>')
    w('      </bpmn:lane>')
w('    </bpmn:laneSet>')

incoming = {}
outgoing = {}
for f in flows:
    outgoing.setdefault(f["src"], []).append(f["id"])
    incoming.setdefault(f["dst"], []).append(f["id"])


def io(e_id, ind="      "):
    for i in incoming.get(e_id, []):
        w(f"{ind}<bpmn:incoming>{i}</bpmn:incoming>")
    for o in outgoing.get(e_id, []):
        w(f"{ind}<bpmn:outgoing>{o}</bpmn:outgoing>")


for e in elements:
    k, i, n = e["kind"], e["id"], quoteattr(e["name"])
    if k == "startEvent":
        w(f'    <bpmn:startEvent id="{i}" name={n} camunda:formRef="{e["form"]}" camunda:formRefBinding="latest" '
          f'camunda:initiator="initiator">')
        w('      <bpmn:documentation>A district (or HEC) starts the migration of one office: its id, the CDA URL of its '
          'T7 server, whether it uses USGS data, and its critical time series.</bpmn:documentation>')
        w('      <bpmn:extensionElements>')
        w('        <camunda:executionListener delegateExpression="${migrationStartListener}" event="start" />')
        w('      </bpmn:extensionElements>')
        io(i)
        w('    </bpmn:startEvent>')
    elif k == "endEvent":
        w(f'    <bpmn:endEvent id="{i}" name={n}>')
        io(i)
        w('    </bpmn:endEvent>')
    elif k == "userTask":
        w(f'    <bpmn:userTask id="{i}" name={n} camunda:formRef="{e["form"]}" camunda:formRefBinding="latest" '
          f'camunda:candidateGroups="{e["group"]}" camunda:dueDate="${{dueDates.of(\'{i}\')}}">')
        w(f'      <bpmn:documentation>{escape(e["doc"])}</bpmn:documentation>')
        if e["inputs"]:
            w('      <bpmn:extensionElements>')
            w('        <camunda:inputOutput>')
            for k2, v in e["inputs"].items():
                w(f'          <camunda:inputParameter name="{k2}">{escape(v)}</camunda:inputParameter>')
            w('        </camunda:inputOutput>')
            w('      </bpmn:extensionElements>')
        io(i)
        w('    </bpmn:userTask>')
    elif k == "serviceTask":
        w(f'    <bpmn:serviceTask id="{i}" name={n} camunda:asyncBefore="true" '
          f'camunda:delegateExpression="{e["delegate"]}">')
        w(f'      <bpmn:documentation>{escape(e["doc"])}</bpmn:documentation>')
        w('      <bpmn:extensionElements>')
        w(f'        <camunda:failedJobRetryTimeCycle>{e["retry"]}</camunda:failedJobRetryTimeCycle>')
        if e.get("env"):  # the office's log of checks, read by the wait before a re-check (issue 13)
            w(f'        <camunda:executionListener expression="${{recheckPolicy.checkStarted(execution, \'{e["env"]}\')}}" '
              f'event="start" />')
        if e.get("env"):
            w('        <camunda:inputOutput>')
            w(f'          <camunda:inputParameter name="environment">{e["env"]}</camunda:inputParameter>')
            w('        </camunda:inputOutput>')
        w('      </bpmn:extensionElements>')
        io(i)
        w('    </bpmn:serviceTask>')
    elif k.endswith("Gateway"):
        w(f'    <bpmn:{k} id="{i}" name={n}>')
        if e.get("listener"):
            w('      <bpmn:extensionElements>')
            for expr in [e["listener"]] + e.get("listeners", []):
                w(f'        <camunda:executionListener expression={quoteattr(expr)} event="start" />')
            w('      </bpmn:extensionElements>')
        elif e.get("listeners"):
            w('      <bpmn:extensionElements>')
            for expr in e["listeners"]:
                w(f'        <camunda:executionListener expression={quoteattr(expr)} event="start" />')
            w('      </bpmn:extensionElements>')
        io(i)
        w(f'    </bpmn:{k}>')
    elif k == "intermediateThrowEvent":
        w(f'    <bpmn:intermediateThrowEvent id="{i}" name={n}>')
        w(f'      <bpmn:documentation>{escape(e["doc"])}</bpmn:documentation>')
        io(i)
        w('    </bpmn:intermediateThrowEvent>')
    elif k == "intermediateCatchEvent":
        w(f'    <bpmn:intermediateCatchEvent id="{i}" name={n}>')
        io(i)
        w(f'      <bpmn:timerEventDefinition id="{i}_definition">')
        if e.get("date"):
            w(f'        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">{e["date"]}</bpmn:timeDate>')
        else:
            w(f'        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{e["duration"]}</bpmn:timeDuration>')
        w('      </bpmn:timerEventDefinition>')
        w('    </bpmn:intermediateCatchEvent>')

for b in boundaries:
    w(f'    <bpmn:boundaryEvent id="{b["id"]}" name="{b["name"]}" attachedToRef="{b["attached"]}">')
    io(b["id"])
    w(f'      <bpmn:timerEventDefinition id="{b["id"]}_definition">')
    w(f'        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{b["duration"]}</bpmn:timeDuration>')
    w('      </bpmn:timerEventDefinition>')
    w('    </bpmn:boundaryEvent>')

for f in flows:
    name = f' name={quoteattr(f["name"])}' if f["name"] else ""
    if f["cond"]:
        w(f'    <bpmn:sequenceFlow id="{f["id"]}"{name} sourceRef="{f["src"]}" targetRef="{f["dst"]}">')
        w(f'      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{escape(f["cond"])}'
          f'</bpmn:conditionExpression>')
        w('    </bpmn:sequenceFlow>')
    else:
        w(f'    <bpmn:sequenceFlow id="{f["id"]}"{name} sourceRef="{f["src"]}" targetRef="{f["dst"]}" />')
w('  </bpmn:process>')

# ---- DI
w('  <bpmndi:BPMNDiagram id="diagram_cwbi_migration">')
# The plane has no id: it is optional in BPMN DI, and a plane is not an element to draw.
w('    <bpmndi:BPMNPlane bpmnElement="collaboration_cwbi_migration">')
POOL_W = COL0 + 34 * COL_W + 120 - POOL_X
w(f'      <bpmndi:BPMNShape id="participant_district_cloud_migration_di" '
  f'bpmnElement="participant_district_cloud_migration" isHorizontal="true">')
w(f'        <dc:Bounds x="{POOL_X}" y="{POOL_Y}" width="{POOL_W}" height="{POOL_H}" />')
w('      </bpmndi:BPMNShape>')
for lid, name, h in LANES:
    w(f'      <bpmndi:BPMNShape id="{lid}_di" bpmnElement="{lid}" isHorizontal="true">')
    w(f'        <dc:Bounds x="{POOL_X + LANE_LABEL}" y="{lane_top[lid]}" width="{POOL_W - LANE_LABEL}" height="{h}" />')
    w('      </bpmndi:BPMNShape>')


def label_bounds(x, y_, w_, h_, kind):
    if kind.endswith("Task"):
        return None
    if kind == "intermediateThrowEvent":  # skip events sit between two task rows: label to the right
        return (x + w_ + 4, y_ - 10, 74, 56)
    return (x - 40, y_ + h_ + 5, w_ + 80, 40)


for e in elements:
    x, y_, w_, h_ = bounds(e)
    extra = ' isMarkerVisible="true"' if e["kind"] == "exclusiveGateway" else ""
    w(f'      <bpmndi:BPMNShape id="{e["id"]}_di" bpmnElement="{e["id"]}"{extra}>')
    w(f'        <dc:Bounds x="{x:.0f}" y="{y_:.0f}" width="{w_}" height="{h_}" />')
    lb = label_bounds(x, y_, w_, h_, e["kind"])
    if lb:
        w('        <bpmndi:BPMNLabel>')
        w(f'          <dc:Bounds x="{lb[0]:.0f}" y="{lb[1]:.0f}" width="{lb[2]}" height="{lb[3]}" />')
        w('        </bpmndi:BPMNLabel>')
    w('      </bpmndi:BPMNShape>')
for b in boundaries:
    x, y_, w_, h_ = b["bounds"]
    w(f'      <bpmndi:BPMNShape id="{b["id"]}_di" bpmnElement="{b["id"]}">')
    w(f'        <dc:Bounds x="{x:.0f}" y="{y_:.0f}" width="{w_}" height="{h_}" />')
    w('      </bpmndi:BPMNShape>')
for f in flows:
    w(f'      <bpmndi:BPMNEdge id="{f["id"]}_di" bpmnElement="{f["id"]}">')
    for (px, py) in waypoints(f):
        w(f'        <di:waypoint x="{px:.0f}" y="{py:.0f}" />')
    w('      </bpmndi:BPMNEdge>')
for gid, cid, label, c0, c1 in PHASES:
    x0 = COL0 + c0 * COL_W - 62
    x1 = COL0 + c1 * COL_W + 80
    w(f'      <bpmndi:BPMNShape id="{gid}_di" bpmnElement="{gid}">')
    w(f'        <dc:Bounds x="{x0}" y="{POOL_Y + 8}" width="{x1 - x0}" height="{POOL_H - 16}" />')
    w('        <bpmndi:BPMNLabel>')
    w(f'          <dc:Bounds x="{x0 + 10}" y="{POOL_Y + 12}" width="300" height="20" />')
    w('        </bpmndi:BPMNLabel>')
    w('      </bpmndi:BPMNShape>')
w('    </bpmndi:BPMNPlane>')
w('  </bpmndi:BPMNDiagram>')
w('</bpmn:definitions>')

with open(OUT, "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
print(f"wrote {OUT}: {len(elements)} flow nodes, {len(boundaries)} boundary events, {len(flows)} flows")
