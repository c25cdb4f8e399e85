// <order-tracking order-key="shopify:450789469" token="…" api-base="https://…"></order-tracking>
// A dependency-free web component that renders GET /api/tracking/{orderKey}?token=… (no PII is ever returned).
(() => {
  const labels = {
    en: { notFound: "Awaiting carrier scan", labelCreated: "Label created", inTransit: "In transit", outForDelivery: "Out for delivery",
          availableForPickup: "Ready for pickup", deliveryAttempted: "Delivery attempted", delivered: "Delivered", exception: "Problem reported",
          returnToSender: "Returning to sender", cancelled: "Cancelled", expired: "No longer tracked", unknown: "Status unknown",
          eta: "Estimated delivery", delayed: "Delayed", track: "Track on carrier site", error: "Tracking is not available for this link." },
    es: { notFound: "Esperando el primer escaneo", labelCreated: "Etiqueta creada", inTransit: "En tránsito", outForDelivery: "En reparto",
          availableForPickup: "Listo para recoger", deliveryAttempted: "Intento de entrega", delivered: "Entregado", exception: "Incidencia",
          returnToSender: "Devolviéndose al remitente", cancelled: "Cancelado", expired: "Ya no se sigue", unknown: "Estado desconocido",
          eta: "Entrega estimada", delayed: "Con retraso", track: "Ver en la web del transportista", error: "El seguimiento no está disponible para este enlace." },
  };

  class OrderTracking extends HTMLElement {
    static get observedAttributes() { return ["order-key", "token", "api-base", "lang"]; }
    connectedCallback() { this.load(); }
    attributeChangedCallback() { if (this.isConnected) this.load(); }

    get texts() {
      const lang = (this.getAttribute("lang") || document.documentElement.lang || navigator.language || "en").slice(0, 2);
      return labels[lang] || labels.en;
    }

    async load() {
      const key = this.getAttribute("order-key"), token = this.getAttribute("token");
      if (!key || !token) return;
      const base = (this.getAttribute("api-base") || "").replace(/\/$/, "");
      const root = this.shadowRoot || this.attachShadow({ mode: "open" });
      try {
        const res = await fetch(`${base}/api/tracking/${encodeURIComponent(key)}?token=${encodeURIComponent(token)}`, { headers: { Accept: "application/json" } });
        if (!res.ok) throw new Error(String(res.status));
        this.render(root, await res.json());
      } catch {
        root.replaceChildren(this.el("p", { role: "alert" }, this.texts.error));
      }
    }

    el(tag, attrs, ...children) {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
      for (const c of children) if (c !== null && c !== undefined) e.append(c); // text nodes: no HTML injection
      return e;
    }

    render(root, model) {
      const t = this.texts;
      const style = this.el("style", {}, `:host{display:block;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a}
        section{border:1px solid #c8c8c8;border-radius:8px;padding:12px 16px;margin:0 0 12px}
        h3{margin:0 0 4px;font-size:1.1em} .muted{color:#555} ol{padding-left:1.2em;margin:8px 0 0}
        .delayed{color:#8a1c00;font-weight:600} a{color:#0b57d0}`);
      const sections = model.shipments.map(s => this.el("section", { "aria-label": `${s.carrier} ${s.trackingNumber}` },
        this.el("h3", {}, t[s.status] || t.unknown),
        this.el("div", { class: "muted" }, `${s.carrier.toUpperCase()} · ${s.trackingNumber}`),
        s.delayed ? this.el("div", { class: "delayed" }, t.delayed) : null,
        s.eta && s.status !== "delivered" ? this.el("div", {}, `${t.eta}: ${new Date(s.eta).toLocaleDateString()}`) : null,
        s.trackingUrl ? this.el("a", { href: s.trackingUrl, rel: "noopener noreferrer", target: "_blank" }, t.track) : null,
        this.el("ol", {}, ...s.events.map(e => this.el("li", {},
          this.el("time", { datetime: e.time }, new Date(e.time).toLocaleString()), " — ", e.description,
          [e.city, e.region, e.country].filter(Boolean).length ? ` (${[e.city, e.region, e.country].filter(Boolean).join(", ")})` : "")))));
      root.replaceChildren(style, ...sections);
    }
  }

  if (!customElements.get("order-tracking")) customElements.define("order-tracking", OrderTracking);
})();
