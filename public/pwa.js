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
