// Cockpit configuration of cwbi-migration: adds HEC's "CWBI migration" dashboard (docs/dashboard.md).
// The path is relative to app/cockpit/; the plugin is a plain ES module, no build step.
export default {
  customScripts: ['cwbi-dashboard/plugin.js']
};
