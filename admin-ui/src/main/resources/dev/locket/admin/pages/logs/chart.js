// <lk-logs-chart>: logs per hour from /api/logs/stats as an SVG bar chart drawn by hand (no chart library, to keep
// the dashboard small). Dragging across the plot zooms to that time range ("lk-zoom" event, detail {min, max} in
// ms, or null to reset); the list below follows.

import { html, svg, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { formatLocal, parseDate } from "../../ui/format.js";

const HOUR = 3600_000;
const HEIGHT = 150;
const PAD = { top: 10, right: 12, bottom: 24, left: 40 };

class LogsChart extends LkElement {
    static properties = {
        stats: { attribute: false },
        zoom: { attribute: false },
        loading: { type: Boolean },
        width: { state: true },
        drag: { state: true },
    };

    constructor() {
        super();
        this.stats = [];
        this.zoom = null;
        this.loading = false;
        this.width = 800;
        this.drag = null;
    }

    connectedCallback() {
        super.connectedCallback();
        this.resizer = new ResizeObserver((entries) => {
            const w = Math.floor(entries[0].contentRect.width);
            if (w > 0 && w !== this.width) {
                this.width = w;
            }
        });
        this.resizer.observe(this);
    }

    disconnectedCallback() {
        this.resizer?.disconnect();
        super.disconnectedCallback();
    }

    /** [{t (ms, hour start), total}] */
    get points() {
        return (this.stats || []).map((s) => ({ t: parseDate(s.date)?.getTime(), total: s.total || 0 }))
            .filter((p) => Number.isFinite(p.t)).sort((a, b) => a.t - b.t);
    }

    render() {
        const points = this.points;
        const total = points.reduce((n, p) => n + p.total, 0);
        // at least the last day, so a few busy hours do not fill the whole width
        const end = Math.max(points.length ? points.at(-1).t + HOUR : 0, Math.ceil(Date.now() / HOUR) * HOUR);
        const domain = this.zoom ? [this.zoom.min, this.zoom.max]
            : [Math.min(points.length ? points[0].t : end, end - 24 * HOUR), end];
        const plotW = Math.max(40, this.width - PAD.left - PAD.right);
        const plotH = HEIGHT - PAD.top - PAD.bottom;
        const x = (t) => PAD.left + ((t - domain[0]) / Math.max(1, domain[1] - domain[0])) * plotW;
        const visible = points.filter((p) => p.t + HOUR > domain[0] && p.t < domain[1]);
        const max = niceMax(Math.max(0, ...visible.map((p) => p.total)));
        const y = (v) => PAD.top + plotH - (v / max) * plotH;
        const summary = points.length === 0 ? "No logs in this range."
            : `${total} logs from ${label(points[0].t)} to ${label(points.at(-1).t + HOUR)}; the busiest hour had `
              + `${Math.max(...points.map((p) => p.total))}.`;
        const sel = this.drag && Math.abs(this.drag.to - this.drag.from) > 3 ? this.drag : null;
        return html`
          <figure class=${this.loading ? "loading" : ""}>
            <figcaption class="row">
              <span class="grow"><strong>Logs per hour</strong> <span class="muted">— ${total} in total</span></span>
              ${this.zoom ? html`<button type="button" class="btn sm" @click=${() => this.#emit(null)}>
                Reset zoom</button>` : html`<span class="field-help chart-hint">Drag across the chart to zoom in.</span>`}
            </figcaption>
            <svg width=${this.width} height=${HEIGHT} role="img" aria-label=${summary}
                 @pointerdown=${(e) => this.#down(e, plotW)} @pointermove=${(e) => this.#move(e)}
                 @pointerup=${(e) => this.#up(e, domain, plotW)} @pointercancel=${() => (this.drag = null)}>
              ${[0, 0.5, 1].map((f) => svg`
                <line class="grid" x1=${PAD.left} x2=${PAD.left + plotW} y1=${y(max * f)} y2=${y(max * f)}></line>
                <text class="axis" x=${PAD.left - 6} y=${y(max * f) + 4} text-anchor="end">${Math.round(max * f)}</text>`)}
              ${ticks(domain, plotW).map((t) => svg`
                <line class="tick" x1=${x(t)} x2=${x(t)} y1=${PAD.top + plotH} y2=${PAD.top + plotH + 4}></line>
                <text class="axis" x=${x(t)} y=${HEIGHT - 6}
                      text-anchor=${x(t) > this.width - PAD.right - 16 ? "end" : "middle"}>${tickLabel(t, domain)}</text>`)}
              ${visible.map((p) => {
                  const x0 = Math.max(PAD.left, x(p.t));
                  const x1 = Math.min(PAD.left + plotW, x(p.t + HOUR));
                  return svg`<rect class="bar" x=${x0 + 0.5} y=${y(p.total)} width=${Math.max(1, x1 - x0 - 1)}
                      height=${Math.max(0, PAD.top + plotH - y(p.total))}><title>${label(p.t)}: ${p.total}</title></rect>`;
              })}
              <line class="axis-line" x1=${PAD.left} x2=${PAD.left + plotW} y1=${PAD.top + plotH}
                    y2=${PAD.top + plotH}></line>
              ${sel ? svg`<rect class="selection" x=${Math.min(sel.from, sel.to)} y=${PAD.top}
                  width=${Math.abs(sel.to - sel.from)} height=${plotH}></rect>` : nothing}
            </svg>
          </figure>`;
    }

    #px(e) {
        const box = e.currentTarget.getBoundingClientRect();
        return Math.min(this.width - PAD.right, Math.max(PAD.left, e.clientX - box.left));
    }

    #down(e, plotW) {
        if (e.button !== 0 || plotW <= 0) {
            return;
        }
        e.currentTarget.setPointerCapture?.(e.pointerId);
        const at = this.#px(e);
        this.drag = { from: at, to: at };
    }

    #move(e) {
        if (this.drag) {
            this.drag = { ...this.drag, to: this.#px(e) };
        }
    }

    #up(e, domain, plotW) {
        const d = this.drag;
        this.drag = null;
        if (!d) {
            return;
        }
        const to = this.#px(e);
        if (Math.abs(to - d.from) < 4) {
            return; // a click, not a drag
        }
        const t = (px) => domain[0] + ((px - PAD.left) / plotW) * (domain[1] - domain[0]);
        const min = t(Math.min(d.from, to));
        const max = t(Math.max(d.from, to));
        // at least a minute, as the list filters by whole minutes
        if (max - min >= 60_000) {
            this.#emit({ min, max });
        }
    }

    #emit(zoom) {
        this.dispatchEvent(new CustomEvent("lk-zoom", { detail: zoom, bubbles: true }));
    }
}
customElements.define("lk-logs-chart", LogsChart);

/** A round upper bound for the y axis whose half is a whole number too (2, 4, …, 10, 20, 50, 100, …). */
function niceMax(value) {
    if (value <= 10) {
        return Math.max(2, Math.ceil(value / 2) * 2);
    }
    const power = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 5, 10]) {
        if (value <= step * power) {
            return step * power;
        }
    }
    return 10 * power;
}

/** Tick times on whole hours (or minutes when zoomed in), about one per 110 px. */
function ticks(domain, plotW) {
    const span = domain[1] - domain[0];
    const wanted = Math.max(2, Math.floor(plotW / 110));
    const steps = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);
    const step = steps.find((s) => span / s <= wanted) || steps.at(-1);
    const out = [];
    // align to the step in local time (hours and days as the reader sees them)
    const offset = new Date(domain[0]).getTimezoneOffset() * 60_000;
    for (let t = Math.ceil((domain[0] - offset) / step) * step + offset; t <= domain[1]; t += step) {
        out.push(t);
    }
    return out;
}

function tickLabel(t, domain) {
    const d = new Date(t);
    const pad = (v) => String(v).padStart(2, "0");
    const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    const longRange = domain[1] - domain[0] > 20 * HOUR;
    return longRange && d.getHours() === 0 && d.getMinutes() === 0 ? `${d.getMonth() + 1}/${d.getDate()}` : time;
}

function label(t) {
    return formatLocal(new Date(t), { seconds: false });
}
