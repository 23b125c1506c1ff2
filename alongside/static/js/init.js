import { initAll } from "../dist/govuk-frontend.min.js";

initAll();

// Progress of long work (making a rota): an aria-live region with data-poll-url asks for
// its small part every few seconds and replaces its content only when the words change, so
// a screen reader hears each change once and the page is never reloaded under the reader.
const ACTIVE = ["queued", "running"];
for (const region of document.querySelectorAll("[data-poll-url]")) {
  const url = region.getAttribute("data-poll-url");
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { "Alongside-Fragment": "1" } });
      if (response.ok) {
        const html = await response.text();
        const next = document.createElement("div");
        next.innerHTML = html;
        if (next.textContent.trim() !== region.textContent.trim()) {
          region.innerHTML = html;
        }
        const status = next.querySelector("[data-solve-status]");
        if (status && !ACTIVE.includes(status.getAttribute("data-solve-status"))) {
          return; // finished: stop asking
        }
      }
    } catch (error) {
      // A network blip: try again at the next tick.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
