// What the page does without the wasm module: the crash screen, offline
// support and the theme chosen before the first paint.

// What the page does when the app's WebAssembly stops: a panic, an
// out-of-memory trap, a stack overflow or any other trap. After a trap the
// module may answer every later event with another trap, so the page must
// not look alive: this script, which needs no wasm, puts up the crash screen,
// makes the rest of the page inert (nothing more can be typed into a page
// that can no longer save), and shows the text that was being typed, if the
// field held any, so that it can be copied out rather than lost silently.
// Everything the app stored up to the trap stays: every change is saved as
// it is made (the field left as the page goes inert may still save its
// text), and nothing here writes or removes stored data.
(() => {
  const stopped = (err) =>
    (typeof WebAssembly !== "undefined" && err instanceof WebAssembly.RuntimeError) ||
    (err instanceof RangeError && /call stack/i.test(err.message)) ||
    (err != null && /^(InternalError|RuntimeError)$/.test(err.name));

  // The field being typed in when the app stopped, with its label.
  const typing = () => {
    const el = document.activeElement;
    if (!el || !("value" in el) || !el.value) return null;
    const textual = el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && /^(text|search|url|email|number|tel)$/.test(el.type));
    if (!textual) return null;
    const label = el.getAttribute("aria-label") || (el.labels && el.labels[0] ? el.labels[0].textContent.trim() : "") || "a field";
    return { label, value: el.value };
  };

  const crash = () => {
    if (document.getElementById("crash") || !document.body) return;
    const typed = typing();
    const el = (tag, cls, text) => {
      const e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      return e;
    };
    const panel = el("div", "crash");
    panel.id = "crash";
    panel.setAttribute("role", "alertdialog");
    panel.setAttribute("aria-modal", "true");
    panel.setAttribute("aria-labelledby", "crash-title");
    const title = el("h2", "", "Archbook ran into an internal error");
    title.id = "crash-title";
    const body = el(
      "p",
      "",
      "Your workbooks are kept in this browser, with everything up to your last change. " +
        "Reload the page to carry on; if this keeps happening, export the workbook from the " +
        "reloaded page and tell us what you were doing.",
    );
    panel.append(title, body);
    if (typed) {
      // It may not have been saved: shown so that it can be copied into
      // the reloaded page.
      const label = el("label", "crash-typed", `You were typing in “${typed.label}”. In case it was not saved, here it is to copy:`);
      const box = el("textarea", "");
      box.readOnly = true;
      box.value = typed.value;
      box.rows = Math.min(6, Math.max(2, typed.value.split(/\r?\n/).length));
      label.append(box);
      panel.append(label);
    }
    const link = el("a", "btn btn-primary", "Reload Archbook");
    // A link to the page with a fresh query reloads it without calling into
    // the stopped module; the fragment keeps the step.
    link.href = `${location.pathname}?reload=${Date.now()}${location.hash}`;
    panel.append(link);
    // Nothing else on the page takes input or focus any more.
    for (const child of Array.from(document.body.children)) {
      if (child !== panel) child.inert = true;
    }
    document.body.append(panel);
    link.focus();
  };

  window.archbookCrash = crash;
  window.addEventListener("error", (e) => {
    if (stopped(e.error)) crash();
  });
  window.addEventListener("unhandledrejection", (e) => {
    if (stopped(e.reason)) crash();
  });
})();

// Offline support: registers the service worker that scripts/build-wasm.mjs
// writes (sw.js, which caches every file of this version), and offers a new
// version with a "reload to update" banner instead of swapping it under an
// open session.
(() => {
  if (!("serviceWorker" in navigator)) return;
  let updating = false;
  const offer = (worker) => {
    // The first install has nothing to replace.
    if (!navigator.serviceWorker.controller || document.getElementById("update-banner")) return;
    const bar = document.createElement("div");
    bar.id = "update-banner";
    bar.className = "update-banner";
    bar.setAttribute("role", "status");
    const text = document.createElement("span");
    text.textContent = "A new version of Archbook is ready. Your workbooks are saved.";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-primary btn-small";
    button.textContent = "Reload to update";
    button.addEventListener("click", () => {
      updating = true;
      worker.postMessage("skip-waiting");
    });
    const later = document.createElement("button");
    later.type = "button";
    later.className = "btn btn-small";
    later.textContent = "Later";
    later.addEventListener("click", () => bar.remove());
    bar.append(text, button, later);
    document.body.append(bar);
  };
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updating) location.reload();
  });
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("./sw.js").then((reg) => {
      if (reg.waiting) offer(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const worker = reg.installing;
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed") offer(worker);
        });
      });
    }).catch(() => {
      // Without a service worker the app still works, only not offline.
    });
  });
})();

// The theme the user chose (app storage key archbook.theme), applied before
// the page paints; without a choice the stylesheet follows the system.
try {
  const theme = localStorage.getItem("archbook.theme");
  if (theme === "dark" || theme === "light") document.documentElement.setAttribute("data-theme", theme);
} catch {
  // Storage may be refused; the system setting applies.
}
