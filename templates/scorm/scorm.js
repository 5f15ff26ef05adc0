/* sopgen SCORM 1.2 runtime for one module.
 *
 * Finds the LMS's API adapter (window.API) by searching up the frames that hold this
 * page, then up the window that opened it; calls LMSInitialize; marks the module
 * "incomplete" on a first visit.
 *
 * A module with a quiz (form#quiz) reports each submitted attempt as
 * cmi.core.score.raw (per cent of questions right) with score.min 0 and score.max 100,
 * and sets cmi.core.lesson_status to "passed" or "failed" against the pass mark
 * (data-pass-mark), or to "completed" when there is none. The best attempt counts: a
 * lower score never replaces a higher one. A module without a quiz is "completed" when
 * the learner reaches its end (#module-end comes into view).
 *
 * When the page closes it sets cmi.core.session_time, commits and calls LMSFinish.
 * Without an LMS the page still reads normally and says progress is not being recorded.
 */
(function () {
  "use strict";

  var MAX_PARENTS = 500;
  var api = null;
  var completed = false;
  var finished = false;
  var startedAt = null;
  var bestScore = -1;

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

  function say(id, text) {
    var element = document.getElementById(id);
    if (element) {
      element.textContent = text;
    }
  }

  function quizForm() {
    var form = document.getElementById("quiz");
    return form && form.tagName === "FORM" ? form : null;
  }

  function complete() {
    if (completed) {
      return;
    }
    completed = true;
    if (api) {
      api.LMSSetValue("cmi.core.lesson_status", "completed");
      api.LMSCommit("");
      say("completion-status", "Marked as completed.");
    }
  }

  /* SCORM 1.2 CMITimespan: HHHH:MM:SS.SS, at least two digits for the hours. */
  function timespan(milliseconds) {
    var centiseconds = Math.floor(milliseconds / 10);
    var hours = Math.min(Math.floor(centiseconds / 360000), 9999);
    var minutes = Math.floor(centiseconds / 6000) % 60;
    var seconds = Math.floor(centiseconds / 100) % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return two(hours) + ":" + two(minutes) + ":" + two(seconds) + "." + two(centiseconds % 100);
  }

  function finish() {
    if (finished || !api) {
      return;
    }
    finished = true;
    api.LMSSetValue("cmi.core.session_time", timespan(Date.now() - startedAt));
    api.LMSCommit("");
    api.LMSFinish("");
  }

  function answerKey() {
    var holder = document.getElementById("quiz-key");
    return holder ? JSON.parse(holder.textContent) : [];
  }

  function mark(form) {
    var key = answerKey();
    var right = 0;
    for (var i = 0; i < key.length; i += 1) {
      var chosen = form.querySelector('input[name="q' + (i + 1) + '"]:checked');
      if (chosen && Number(chosen.value) === key[i]) {
        right += 1;
      }
    }
    return { right: right, total: key.length, score: key.length ? Math.round(100 * right / key.length) : 0 };
  }

  function report(result, passMark) {
    var status = passMark === null ? "completed" : (result.score >= passMark ? "passed" : "failed");
    var told = "You answered " + result.right + " of " + result.total + " correctly (" + result.score + "%).";
    if (passMark !== null) {
      told += result.score >= passMark ? " You passed." :
        " The pass mark is " + passMark + "%: read the SOPs again and try once more.";
    }
    if (!api) {
      say("quiz-result", told + " (Not connected to a learning system, so this is not recorded.)");
      return;
    }
    if (result.score >= bestScore) {
      bestScore = result.score;
      api.LMSSetValue("cmi.core.score.min", "0");
      api.LMSSetValue("cmi.core.score.max", "100");
      api.LMSSetValue("cmi.core.score.raw", String(result.score));
      api.LMSSetValue("cmi.core.lesson_status", status);
      api.LMSCommit("");
      completed = true;
    } else {
      told += " Your best result so far, " + bestScore + "%, is the one recorded.";
    }
    say("quiz-result", told);
  }

  function watchTheQuiz(form) {
    var passMark = form.getAttribute("data-pass-mark");
    passMark = passMark === "" || passMark === null ? null : Number(passMark);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      report(mark(form), passMark);
    });
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
    startedAt = Date.now();
    api = findAPI();
    if (!api || String(api.LMSInitialize("")) !== "true") {
      api = null;
      say("completion-status", "Not connected to a learning system, so your progress is not being recorded.");
    } else {
      var status = String(api.LMSGetValue("cmi.core.lesson_status"));
      var score = String(api.LMSGetValue("cmi.core.score.raw"));
      bestScore = score === "" || isNaN(Number(score)) ? -1 : Number(score);
      if (status === "completed" || status === "passed") {
        completed = true;
        say("completion-status", "You have already completed this module.");
      } else if (status === "not attempted" || status === "") {
        api.LMSSetValue("cmi.core.lesson_status", "incomplete");
        api.LMSCommit("");
      }
    }
    var form = quizForm();
    if (form) {
      watchTheQuiz(form);
    } else {
      watchForTheEnd();
    }
  }

  window.addEventListener("load", start);
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
}());
