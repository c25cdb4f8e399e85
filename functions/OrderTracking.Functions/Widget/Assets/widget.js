// <order-tracking order-key="shopify:450789469" token="…" api-base="https://…" lang="es"></order-tracking>
// A dependency-free web component: renders GET /api/tracking/{orderKey}?token=… (no PII is ever returned), or, with
// no key and token (or a link that no longer works), the "track my order" form that calls POST /api/tracking/lookup.
// Values reach the DOM only as text nodes and attributes: no HTML is ever parsed from data.
(() => {
  const STAGES = ["ordered", "shipped", "inTransit", "outForDelivery", "delivered"];
  const STAGE_OF = { notFound: 0, labelCreated: 0, unknown: 0, inTransit: 2, outForDelivery: 3, availableForPickup: 3, deliveryAttempted: 3, delivered: 4 };
  const TONE_OF = { delivered: "ok", exception: "bad", returnToSender: "bad", deliveryAttempted: "warn", availableForPickup: "warn", cancelled: "muted", expired: "muted" };
  const ICONS = { // 24x24 outline paths
    ok: "M4 12.5l5 5L20 6.5", bad: "M12 3l10 18H2L12 3zm0 6v5m0 3v.5", warn: "M12 2a10 10 0 100 20 10 10 0 000-20zm0 5v6m0 3v.5",
    info: "M2 7h12v9H2zM14 10h4l4 3v3h-8M6 19a2 2 0 100-4 2 2 0 000 4zm12 0a2 2 0 100-4 2 2 0 000 4z", muted: "M5 5l14 14M19 5L5 19",
    late: "M12 2a10 10 0 100 20 10 10 0 000-20zm0 4v6l4 2",
  };
  const T = {
    en: {
      ordered: "Ordered", shipped: "Shipped", inTransit: "In transit", outForDelivery: "Out for delivery", delivered: "Delivered",
      notFound: "Awaiting the carrier's first scan", labelCreated: "Label created", availableForPickup: "Ready for pickup",
      deliveryAttempted: "Delivery attempted", exception: "Problem with the delivery", returnToSender: "Returning to the store",
      cancelled: "Shipment cancelled", expired: "No longer tracked", unknown: "Status unknown",
      progress: "Delivery progress", done: "completed", current: "current step", todo: "not reached yet",
      eta: "Expected delivery", etaNew: "New expected delivery", history: "Tracking history", noEvents: "No carrier updates yet.",
      track: "Track on the carrier's site", order: "Order", pkg: "Package {i} of {n}", reason: "Reason: {r}.",
      late: "Running late", lateNext: "The package is taking longer than expected. We keep checking with the carrier and will email you when it moves.",
      exceptionNext: "The carrier is working on it. If nothing changes within two business days, contact the store.",
      deliveryAttemptedNext: "The carrier usually tries again on the next business day, or leaves a notice with pickup details.",
      availableForPickupNext: "Bring an ID to the carrier location named in the latest update.",
      returnToSenderNext: "The store will contact you about a refund or a new shipment.",
      cancelledNext: "If your order is still on its way, its new tracking number will appear here.",
      expiredNext: "The carrier stopped reporting on this package. Contact the store if it has not arrived.",
      notFoundNext: "Updates usually appear within a day of shipping.",
      reasons: { customsHold: "held at customs", weatherDelay: "weather", addressProblem: "the address needs attention; contact the store to correct it",
        refused: "refused at delivery", damaged: "damaged in transit", lost: "the carrier cannot locate it", recipientUnavailable: "nobody was available to receive it",
        carrierDelay: "a delay in the carrier's network", held: "held at a carrier facility" },
      error: "Tracking is not available for this link. Look up your order instead.", loading: "Loading tracking…",
      form: "Track your order", number: "Order number", numberHint: "As shown in your confirmation email, for example #1001.",
      email: "Email address", submit: "Track order", miss: "We could not find an order with this number and email. Check both and try again.",
      limited: "Too many attempts. Try again in {m} minutes.", invalid: "Enter your order number and the email address you ordered with.",
      failed: "Tracking is unavailable right now. Try again later.",
      received: "Order received", receivedNext: "Tracking appears here as soon as your order ships.",
    },
    es: {
      ordered: "Pedido", shipped: "Enviado", inTransit: "En tránsito", outForDelivery: "En reparto", delivered: "Entregado",
      notFound: "Esperando el primer escaneo del transportista", labelCreated: "Etiqueta creada", availableForPickup: "Listo para recoger",
      deliveryAttempted: "Intento de entrega", exception: "Incidencia en la entrega", returnToSender: "Volviendo a la tienda",
      cancelled: "Envío cancelado", expired: "Ya no se sigue", unknown: "Estado desconocido",
      progress: "Progreso de la entrega", done: "completado", current: "paso actual", todo: "pendiente",
      eta: "Entrega prevista", etaNew: "Nueva entrega prevista", history: "Historial de seguimiento", noEvents: "Aún no hay novedades del transportista.",
      track: "Ver en la web del transportista", order: "Pedido", pkg: "Paquete {i} de {n}", reason: "Motivo: {r}.",
      late: "Con retraso", lateNext: "El paquete está tardando más de lo previsto. Seguimos consultando al transportista y te escribiremos cuando avance.",
      exceptionNext: "El transportista está en ello. Si nada cambia en dos días laborables, contacta con la tienda.",
      deliveryAttemptedNext: "El transportista suele volver a intentarlo el siguiente día laborable o deja un aviso para recogerlo.",
      availableForPickupNext: "Lleva un documento de identidad al punto del transportista indicado en la última novedad.",
      returnToSenderNext: "La tienda se pondrá en contacto contigo para un reembolso o un nuevo envío.",
      cancelledNext: "Si tu pedido sigue en camino, su nuevo número de seguimiento aparecerá aquí.",
      expiredNext: "El transportista dejó de informar sobre este paquete. Contacta con la tienda si no ha llegado.",
      notFoundNext: "Las novedades suelen aparecer en el día siguiente al envío.",
      reasons: { customsHold: "retenido en aduanas", weatherDelay: "el tiempo", addressProblem: "la dirección necesita revisión; contacta con la tienda para corregirla",
        refused: "rechazado en la entrega", damaged: "dañado durante el transporte", lost: "el transportista no lo localiza", recipientUnavailable: "no había nadie para recibirlo",
        carrierDelay: "un retraso en la red del transportista", held: "retenido en una instalación del transportista" },
      error: "El seguimiento no está disponible para este enlace. Busca tu pedido aquí.", loading: "Cargando el seguimiento…",
      form: "Sigue tu pedido", number: "Número de pedido", numberHint: "Como aparece en el correo de confirmación, por ejemplo #1001.",
      email: "Correo electrónico", submit: "Seguir pedido", miss: "No encontramos ningún pedido con este número y correo. Revisa ambos e inténtalo de nuevo.",
      limited: "Demasiados intentos. Vuelve a intentarlo en {m} minutos.", invalid: "Escribe el número de pedido y el correo con el que compraste.",
      failed: "El seguimiento no está disponible ahora. Inténtalo más tarde.",
      received: "Pedido recibido", receivedNext: "El seguimiento aparecerá aquí en cuanto salga tu pedido.",
    },
  };
  const CSS = `:host{display:block;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a}
    .ot{max-width:40rem} section{border:1px solid #c8c8c8;border-radius:8px;padding:12px 16px;margin:0 0 16px}
    h2{font-size:1.15em;margin:0;display:flex;gap:.4em;align-items:center} h3{font-size:1em;margin:16px 0 4px}
    svg{width:1.3em;height:1.3em;flex:none;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
    .ok{color:#146c2e}.bad{color:#a50e0e}.warn{color:#7a4a00}.info{color:#0b57d0}.muted{color:#444}
    .meta{color:#555;overflow-wrap:anywhere;margin:0} .eta{margin:8px 0 0;font-weight:600}
    .progress{list-style:none;display:flex;gap:4px;padding:0;margin:12px 0 0}
    .progress li{flex:1 1 0;min-width:0;font-size:.8em;line-height:1.25;padding-top:10px;border-top:6px solid #8a8a8a;color:#555;overflow-wrap:anywhere}
    .progress li.done{border-color:#146c2e;color:#1a1a1a}.progress li[aria-current]{border-color:#0b57d0;color:#1a1a1a;font-weight:700}
    .step{display:none;margin:4px 0 0;font-weight:700}
    @media (max-width:480px){.progress li{padding-top:0}.progress .lbl{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.step{display:block}}
    .banner{border-radius:6px;padding:8px 12px;margin:12px 0 0;display:flex;gap:.5em}
    .banner.bad{background:#fce8e6}.banner.warn{background:#fef7e0}.banner.muted{background:#f1f3f4}.banner.info{background:#e8f0fe}
    .banner p{margin:0;color:#1a1a1a}.banner strong{display:block}
    ol.timeline{padding-left:1.2em;margin:0} .timeline li{margin:0 0 6px} time{color:#555}
    a{color:#0b57d0} .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    form{display:grid;gap:6px;max-width:24rem} label{font-weight:600;margin-top:6px}
    input{font:inherit;padding:8px;border:1px solid #6b6b6b;border-radius:6px;min-width:0}
    input:focus,button:focus,a:focus{outline:3px solid #0b57d0;outline-offset:2px}
    button{font:inherit;padding:10px 16px;border:0;border-radius:6px;background:#0b57d0;color:#fff;cursor:pointer;margin-top:8px;justify-self:start}
    .hint{color:#555;margin:0;font-size:.9em} .alert{color:#a50e0e;font-weight:600;margin:4px 0 0} .alert:empty{display:none}`;

  const fill = (s, v) => s.replace(/\{(\w+)\}/g, (_, k) => String(v[k]));
  let seq = 0;

  class OrderTracking extends HTMLElement {
    static get observedAttributes() { return ["order-key", "token", "api-base", "lang"]; }
    connectedCallback() { this.load(); }
    attributeChangedCallback() { if (this.isConnected) this.load(); }

    language(model) {
      const l = (this.getAttribute("lang") || (model && model.locale) || document.documentElement.lang || navigator.language || "en").slice(0, 2).toLowerCase();
      return T[l] ? l : "en";
    }

    get base() { return (this.getAttribute("api-base") || "").replace(/\/$/, ""); }

    show(lang, ...children) {
      const root = this.shadowRoot || this.attachShadow({ mode: "open" });
      root.replaceChildren(el("style", {}, CSS), el("div", { class: "ot", lang }, ...children));
      return root;
    }

    async load() {
      const key = this.getAttribute("order-key"), token = this.getAttribute("token");
      const lang = this.language(), t = T[lang];
      if (!key || !token) { this.showForm(lang); return; }
      this.show(lang, el("p", { role: "status" }, t.loading));
      let res;
      try {
        res = await fetch(`${this.base}/api/tracking/${encodeURIComponent(key)}?token=${encodeURIComponent(token)}`, { headers: { Accept: "application/json" } });
      } catch { res = null; }
      if (res && res.ok) { this.render(await res.json()); return; }
      this.showForm(lang, res && res.status === 404 ? t.error : t.failed);
    }

    showForm(lang, message) {
      const t = T[lang], id = `ot${++seq}`;
      const alert = el("p", { class: "alert", role: "alert" }, message || "");
      const number = el("input", { id: `${id}n`, name: "orderNumber", required: "", autocomplete: "off", "aria-describedby": `${id}h`, maxlength: "64" });
      const email = el("input", { id: `${id}e`, name: "email", type: "email", required: "", autocomplete: "email", maxlength: "254" });
      const form = el("form", { "aria-labelledby": `${id}t`, novalidate: "" },
        el("h2", { id: `${id}t` }, t.form),
        el("label", { for: `${id}n` }, t.number), number, el("p", { class: "hint", id: `${id}h` }, t.numberHint),
        el("label", { for: `${id}e` }, t.email), email,
        el("button", { type: "submit" }, t.submit), alert);
      form.addEventListener("submit", e => { e.preventDefault(); this.lookup(lang, number.value, email.value, alert); });
      this.show(lang, form);
    }

    async lookup(lang, orderNumber, email, alert) {
      const t = T[lang];
      if (!orderNumber.trim() || !/.@./.test(email)) { alert.textContent = t.invalid; return; }
      alert.textContent = "";
      let res;
      try {
        res = await fetch(`${this.base}/api/tracking/lookup`, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify({ orderNumber, email }) });
      } catch { alert.textContent = t.failed; return; }
      if (res.ok) {
        const found = await res.json();
        this.focusResult = true;
        this.setAttribute("token", found.token);
        this.setAttribute("order-key", found.orderKey);
        this.dispatchEvent(new CustomEvent("order-tracking-found", { detail: found, bubbles: true, composed: true }));
        return;
      }
      const wait = Math.max(1, Math.ceil(Number(res.headers.get("Retry-After") || 60) / 60));
      alert.textContent = res.status === 404 ? t.miss : res.status === 429 ? fill(t.limited, { m: wait }) : res.status === 400 ? t.invalid : t.failed;
    }

    render(model) {
      const lang = this.language(model), t = T[lang], n = model.shipments.length;
      const dates = new Intl.DateTimeFormat(lang, { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
      const times = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
      const head = model.orderNumber ? el("p", { class: "meta" }, `${t.order} ${model.orderNumber}`) : null;
      const sections = model.shipments.map((s, i) => {
        const id = `ot${++seq}`, tone = TONE_OF[s.status] || "info";
        const stage = Math.max(STAGE_OF[s.status] ?? -1, ...s.events.map(e => STAGE_OF[e.status] ?? -1), 0);
        const steps = STAGES.map((name, k) => {
          const state = k < stage || (k === stage && stage === 4) ? "done" : k === stage ? "current" : "todo";
          return el("li", { class: state === "done" ? "done" : "", ...(k === stage ? { "aria-current": "step" } : {}) },
            el("span", { class: "lbl" }, t[name]), el("span", { class: "sr" }, `, ${t[state]}`));
        });
        const eta = s.eta && !["delivered", "returnToSender", "cancelled", "expired"].includes(s.status)
          ? el("p", { class: "eta" }, `${s.delayed ? t.etaNew : t.eta}: ${dates.format(dateOnly(s.eta))}`) : null;
        const reason = s.reason && t.reasons[s.reason] ? fill(t.reason, { r: t.reasons[s.reason] }) : "";
        const next = s.delayed && tone !== "bad" ? [t.late, t.lateNext, "warn", "late"]
          : t[`${s.status}Next`] ? [t[s.status], t[`${s.status}Next`], tone === "info" ? "info" : tone, tone] : null;
        const banner = next || reason ? el("div", { class: `banner ${next ? next[2] : "info"}`, role: "status" },
          next ? icon(next[3], next[2]) : null,
          el("p", {}, next && next[0] !== t[s.status] ? el("strong", {}, next[0]) : null, [next ? next[1] : "", reason].filter(Boolean).join(" "))) : null;
        const events = s.events.length ? el("ol", { class: "timeline" }, ...s.events.map(e => el("li", {},
          el("time", { datetime: e.time }, times.format(new Date(e.time))), " — ", e.description || t[e.status] || "",
          place(e) ? ` (${place(e)})` : ""))) : el("p", { class: "meta" }, t.noEvents);
        return el("section", { "aria-labelledby": id },
          el("h2", { id, class: tone, tabindex: "-1" }, icon(s.delayed && tone === "info" ? "late" : tone, tone), el("span", {}, t[s.status] || t.unknown)),
          el("p", { class: "meta" }, `${n > 1 ? fill(t.pkg, { i: i + 1, n }) + " · " : ""}${s.carrier.toUpperCase()} · ${s.trackingNumber}`),
          el("ol", { class: "progress", "aria-label": t.progress }, ...steps),
          el("p", { class: "step", "aria-hidden": "true" }, `${stage + 1}/${STAGES.length} · ${t[STAGES[stage]]}`), // narrow screens: the labels give way to this line
          eta, banner,
          s.trackingUrl ? el("p", {}, el("a", { href: s.trackingUrl, rel: "noopener noreferrer", target: "_blank" }, t.track)) : null,
          el("h3", {}, t.history), events);
      });
      if (!n) { // an order the confirmation email links to before anything has shipped
        const id = `ot${++seq}`;
        sections.push(el("section", { "aria-labelledby": id },
          el("h2", { id, class: "info", tabindex: "-1" }, icon("info", "info"), el("span", {}, t.received)),
          el("ol", { class: "progress", "aria-label": t.progress }, ...STAGES.map((name, k) => el("li", k ? {} : { "aria-current": "step" },
            el("span", { class: "lbl" }, t[name]), el("span", { class: "sr" }, `, ${t[k ? "todo" : "current"]}`)))),
          el("p", { class: "step", "aria-hidden": "true" }, `1/${STAGES.length} · ${t.ordered}`),
          el("p", {}, t.receivedNext)));
      }
      const root = this.show(lang, head, ...sections);
      if (this.focusResult) { this.focusResult = false; const h = root.querySelector("h2"); if (h) h.focus(); }
    }
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined && c !== "") e.append(c); // strings become text nodes
    return e;
  }

  function icon(name, tone) {
    const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), path = document.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    svg.setAttribute("class", tone); path.setAttribute("d", ICONS[name] || ICONS.info); svg.append(path);
    return svg;
  }

  // An ETA is a calendar day at the destination: show the day it names, not that instant in the viewer's time zone.
  function dateOnly(iso) { const [y, m, d] = iso.slice(0, 10).split("-").map(Number); return new Date(Date.UTC(y, m - 1, d)); }

  function place(e) { return [e.city, e.region, e.country].filter(Boolean).join(", "); }

  if (!customElements.get("order-tracking")) customElements.define("order-tracking", OrderTracking);
})();
