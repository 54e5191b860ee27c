// cwbi-migration: makes Camunda Forms with lists of rows (form-js dynamic lists) completable in Tasklist 7.24.
//
// Why: Tasklist's camunda-forms directive disables Complete when the form-js "changed" event carries any key in
// its errors object (cam-tasklist-form-camunda.js: hasError = !!Object.keys(evt.errors).length). form-js 1.8.7
// records a valid field of a list row as errors[fieldId][rowIndex] = undefined, so the key stays after every
// keystroke in a row and Complete stays greyed out, although no field shows an error.
//
// What: for each rendered Camunda Form this wraps Tasklist's notifyFormValidated. A reported error stands only if
// the form shows one (form-js marks a field with errors "fjs-has-errors" and renders "fjs-form-field-error").
// Complete still runs form-js's full validation (form.submit()) and the server checks every submission again, so
// nothing invalid gets through: this only stops an empty error list from blocking a valid form.
const angular = window.angular;
const PATCHED = '__cwbiListErrors';
const SHOWN_ERRORS = '.fjs-has-errors, .fjs-form-field-error';

function digest(element) {
  const injector = angular.element(element).injector();
  if (injector) {
    injector.get('$rootScope').$applyAsync();
  }
}

function patch(element) {
  const controller = angular.element(element).controller('camTasklistForm');
  if (!controller) {
    return;
  }
  const state = controller[PATCHED];
  if (state) {
    state.watch(element); // the same Tasklist form showing another task's Camunda Form
    return;
  }
  const original = controller.notifyFormValidated;
  let current = element;
  let reported = false;
  let pending = null;
  const decide = () => {
    pending = null;
    if (!current.isConnected || !current.querySelector('.fjs-container')) {
      return; // no rendered form (e.g. it failed to load): leave Tasklist's verdict alone
    }
    original.call(controller, reported && !!current.querySelector(SHOWN_ERRORS));
    digest(current);
  };
  const later = () => {
    if (pending === null) {
      // after form-js has rendered the new state (its renderer is asynchronous)
      pending = setTimeout(decide, 50);
    }
  };
  // an error shown or cleared later (e.g. on blur) re-decides too
  const observer = new MutationObserver(() => reported && later());
  let watching = null;
  const watch = el => {
    if (el === watching) {
      return;
    }
    watching = el;
    current = el;
    observer.disconnect();
    observer.observe(el, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
  };
  controller.notifyFormValidated = function(invalid) {
    reported = !!invalid;
    original.call(controller, reported);
    if (reported) {
      later();
    }
  };
  watch(element);
  controller[PATCHED] = {watch};
}

function scan() {
  document.querySelectorAll('[cam-tasklist-form-camunda]').forEach(patch);
}

if (angular) {
  new MutationObserver(scan).observe(document.documentElement, {subtree: true, childList: true});
  scan();
}

export default [];
