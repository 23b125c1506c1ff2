// While a download is being made, ask every 3 seconds how it is going and put the answer in
// the page's polite live region, so a screen reader hears "ready" once, with no reload.
const region = document.getElementById("download-status");

async function check() {
  const response = await fetch(window.location.href, { credentials: "same-origin" });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.getElementById("download-status");
  if (!fresh) return;
  if (fresh.hasAttribute("data-making")) {
    window.setTimeout(check, 3000);
    return;
  }
  region.innerHTML = fresh.innerHTML;
  region.removeAttribute("data-making");
}

if (region && region.hasAttribute("data-making")) {
  window.setTimeout(check, 3000);
}
