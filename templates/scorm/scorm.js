/* sopgen SCORM 1.2 runtime for one module.
 *
 * Finds the LMS's API adapter (window.API) by searching up the frames that hold this
 * page, then up the window that opened it; calls LMSInitialize; marks the module
 * "incomplete" on a first visit; sets cmi.core.lesson_status to "completed" and
 * commits when the learner reaches the end of the module (#module-end comes into
 * view); and calls LMSFinish when the page is closed. Without an LMS the page still
 * reads normally and says that progress is not being recorded.
 */
(function () {
  "use strict";

  var MAX_PARENTS = 500;
  var api = null;
  var completed = false;
  var finished = false;

  function searchUp(win) {
    var steps = 0;
    while (win && !win.API && win.parent && win.parent !== win && steps < MAX_PARENTS) {
      steps += 1;
      win = win.parent;
    }
    return win && win.API ? win.API : null;
  }

  function findAPI() {
    var candidates = [window, window.opener, window.top && window.top.opener];
    for (var i = 0; i < candidates.length; i += 1) {
      try {  /* a frame from another origin throws when read */
        var found = candidates[i] ? searchUp(candidates[i]) : null;
        if (found) {
          return found;
        }
      } catch (error) { /* keep looking */ }
    }
    return null;
  }

  function say(text) {
    var status = document.getElementById("completion-status");
    if (status) {
      status.textContent = text;
    }
  }

  function complete() {
    if (completed) {
      return;
    }
    completed = true;
    if (api) {
      api.LMSSetValue("cmi.core.lesson_status", "completed");
      api.LMSCommit("");
      say("Marked as completed.");
    }
  }

  function finish() {
    if (finished || !api) {
      return;
    }
    finished = true;
    api.LMSCommit("");
    api.LMSFinish("");
  }

  function watchForTheEnd() {
    var end = document.getElementById("module-end");
    if (!end) {
      complete();
      return;
    }
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i += 1) {
          if (entries[i].isIntersecting) {
            observer.disconnect();
            complete();
          }
        }
      });
      observer.observe(end);
      return;
    }
    var check = function () {
      if (end.getBoundingClientRect().top <= window.innerHeight) {
        window.removeEventListener("scroll", check);
        complete();
      }
    };
    window.addEventListener("scroll", check);
    check();
  }

  function start() {
    api = findAPI();
    if (!api || String(api.LMSInitialize("")) !== "true") {
      api = null;
      say("Not connected to a learning system, so your progress is not being recorded.");
    } else {
      var status = String(api.LMSGetValue("cmi.core.lesson_status"));
      if (status === "completed" || status === "passed") {
        completed = true;
        say("You have already completed this module.");
      } else if (status === "not attempted" || status === "") {
        api.LMSSetValue("cmi.core.lesson_status", "incomplete");
        api.LMSCommit("");
      }
    }
    watchForTheEnd();
  }

  window.addEventListener("load", start);
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
}());
