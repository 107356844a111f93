// The plan editor of centreplan: the plan drawn as SVG, edited with the mouse and the keyboard.
//
// Python sends the centre as drawn (rooms, doors, routes of the selected room, the last refusal);
// every edit goes back as one small command through the "edit" trigger ({op: "move_room", id, dx, dy,
// ...}); Python applies it with the library (layouts/plan_edit.py), validates and re-checks it, and
// sends the new centre. Nothing is fetched from the network. Plan coordinates are metres with y up;
// the SVG uses (x, -y). Pan and zoom only change the viewBox (no re-layout of the rooms).

const instances = new WeakMap();
const views = new Map(); // view_key -> {fit_key, view}: the zoom and pan kept when the page is shown again
const SVGNS = "http://www.w3.org/2000/svg";
const HANDLE_PX = 9;
const NICE = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const DOOR_MIN_K = 4; // px a metre below which doors are not drawn (a 0.9 m door under 4 px)
// Big plans (more rooms than CULL_MIN): only the rooms, labels and doors near the view are in the
// page (the view and a quarter of it around), drawn again when the view leaves that margin; with more
// than OVERVIEW_MIN rooms in view, the rooms are drawn as one outline a colour (the same fills and
// strokes, a few elements instead of thousands), and a click finds its room by its outline.
const CULL_MIN = 800;
const OVERVIEW_MIN = 800;
const MARGIN = 0.25;

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function bounds(pts) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of pts) {
    if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

function area(pts) {
  let a = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i], [x2, y2] = pts[(i + 1) % pts.length];
    a += x1 * y2 - x2 * y1;
  }
  return Math.abs(a) / 2;
}

function inside(pts, x, y) {
  let c = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function pathOf(pts) {
  return "M" + pts.map(([x, y]) => `${x} ${-y}`).join("L") + "Z";
}

function overlaps(a, b) {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

function within(a, b) {
  return a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];
}

function roomTitle(r) {
  return r.failing ? `<title>${esc(r.id + ": " + r.reason)}</title>` : `<title>${esc(r.label)}</title>`;
}

function round3(v) {
  return Math.round(v * 1000) / 1000;
}

// the same rule as layouts/plan_edit.snap_delta: an edge within tolerance wins, else the grid
function snapDelta(moving, delta, edges, step, tol) {
  let best = null;
  for (const m of moving) {
    for (const e of edges) {
      const gap = e - (m + delta);
      if (Math.abs(gap) <= tol + 1e-6 && (best === null || Math.abs(gap) < Math.abs(best))) best = gap;
    }
  }
  if (best !== null) return round3(delta + best);
  return round3(Math.round((moving[0] + delta) / step) * step - moving[0]);
}

class Editor {
  constructor(parent) {
    this.parent = parent;
    this.root = document.createElement("div");
    this.root.className = "cp-root";
    this.root.tabIndex = 0;
    this.root.setAttribute("role", "application");
    parent.appendChild(this.root);
    this.mode = "select";
    this.step = 0.1;
    this.shared = false;
    this.doorWidth = 0.9;
    this.view = null; // {x, y, k}: svg point at the top-left of the stage, pixels per metre
    this.seq = 0;
    this.drag = null;
    this.poly = [];
    this.selDoor = null;
    this.data = null;
    this.frame = 0;
    this.build();
  }

  t(key) {
    return (this.data && this.data.labels && this.data.labels[key]) || key;
  }

  num(v, digits) {
    const s = v.toFixed(digits);
    return this.data && this.data.decimal === "," ? s.replace(".", ",") : s;
  }

  build() {
    this.root.innerHTML = `
      <div class="cp-toolbar" role="toolbar"></div>
      <div class="cp-message" role="alert"></div>
      <div class="cp-stage">
        <svg xmlns="${SVGNS}" data-testid="plan-editor">
          <defs><pattern id="cp-grid-${Math.random().toString(36).slice(2)}" patternUnits="userSpaceOnUse" width="1" height="1">
            <path class="cp-grid-line" fill="none" d="M1 0L0 0 0 1"/></pattern></defs>
          <rect class="cp-grid" fill="none"/>
          <g class="cp-rooms"></g><g class="cp-labels"></g><g class="cp-doors"></g>
          <g class="cp-routes"></g><g class="cp-overlay"></g>
        </svg>
        <div class="cp-legend"></div>
        <div class="cp-info" aria-live="polite"></div>
        <div class="cp-scale"><div class="cp-scale-bar"></div><span></span></div>
      </div>
      <div class="cp-hint"></div>`;
    const q = (s) => this.root.querySelector(s);
    this.toolbar = q(".cp-toolbar");
    this.message = q(".cp-message");
    this.stage = q(".cp-stage");
    this.svg = q("svg");
    this.pattern = q("pattern");
    this.gridRect = q(".cp-grid");
    this.gridRect.setAttribute("fill", `url(#${this.pattern.id})`);
    this.gRooms = q(".cp-rooms");
    this.gLabels = q(".cp-labels");
    this.gDoors = q(".cp-doors");
    this.gRoutes = q(".cp-routes");
    this.gOverlay = q(".cp-overlay");
    this.info = q(".cp-info");
    this.legend = q(".cp-legend");
    this.scaleBar = q(".cp-scale-bar");
    this.scaleText = q(".cp-scale span");
    this.hint = q(".cp-hint");
    this.svg.addEventListener("pointerdown", (e) => this.onDown(e));
    this.svg.addEventListener("pointermove", (e) => this.onMove(e));
    this.svg.addEventListener("pointerup", (e) => this.onUp(e));
    this.svg.addEventListener("pointercancel", () => this.cancel());
    this.svg.addEventListener("dblclick", (e) => { if (this.mode === "poly") { e.preventDefault(); this.finishPoly(); } });
    this.svg.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    this.svg.addEventListener("contextmenu", (e) => e.preventDefault());
    this.root.addEventListener("keydown", (e) => this.onKey(e));
    // until the user pans or zooms, the plan is fitted again whenever the stage changes size (the
    // page is still being laid out)
    this.resizer = new ResizeObserver(() => (this.pendingFit || !this.userView ? this.fit() : this.applyView()));
    this.resizer.observe(this.stage);
  }

  // ---- data from Python ------------------------------------------------------------------
  update(data) {
    const first = !this.data;
    const refit = first || data.fit_key !== this.data.fit_key;
    // the rooms and doors are drawn again only when they changed (not on a selection or a refusal)
    const redraw = first || !data.drawing || data.drawing !== this.data.drawing;
    if (!redraw) { data.rooms = this.data.rooms; data.doors = this.data.doors; }
    this.data = data;
    if (redraw) this.rooms = new Map(data.rooms.map((r) => [r.id, r]));
    if (this.selDoor && !data.doors.some((d) => d.id === this.selDoor)) this.selDoor = null;
    this.drag = null;
    this.busy = false;
    this.buildToolbar();
    if (redraw) this.renderPlan(); else { this.renderSelection(); this.renderRoutes(); }
    this.message.textContent = data.message || "";
    this.svg.setAttribute("data-checked", data.checked || "");
    this.svg.setAttribute("data-selected", data.selected || "");
    const kept = views.get(data.view_key);
    if (!this.view && kept && kept.fit_key === data.fit_key) { this.view = kept.view; this.userView = true; }
    if (refit && !(kept && kept.fit_key === data.fit_key)) { this.userView = false; this.fit(); }
    else if (!this.view) this.fit();
    else this.applyView();
    this.renderOverlay();
    this.showHint();
  }

  buildToolbar() {
    const d = this.data;
    const modes = ["select", "rect", "poly", "split", "door"];
    const b = (id, label, extra = "") => `<button type="button" data-cmd="${id}" ${extra}>${esc(label)}</button>`;
    const selected = d.selected && this.rooms.has(d.selected);
    let html = modes.map((m) => b("mode-" + m, this.t(m), `aria-pressed="${this.mode === m}"`)).join("");
    html += `<span class="cp-sep"></span>`;
    html += b("merge", this.t("merge"), `aria-pressed="${this.mode === "merge"}" ${selected ? "" : "disabled"}`);
    html += b("delete", this.t("delete"), selected || this.selDoor ? "" : "disabled");
    html += `<span class="cp-sep"></span>`;
    html += b("undo", this.t("undo"), `title="Ctrl+Z" ${d.can_undo ? "" : "disabled"}`);
    html += b("redo", this.t("redo"), `title="Ctrl+Y" ${d.can_redo ? "" : "disabled"}`);
    html += `<span class="cp-sep"></span>`;
    html += b("zoom-in", "+", `title="${esc(this.t("zoom_in"))}" aria-label="${esc(this.t("zoom_in"))}"`);
    html += b("zoom-out", "−", `title="${esc(this.t("zoom_out"))}" aria-label="${esc(this.t("zoom_out"))}"`);
    html += b("fit", this.t("fit"));
    html += `<span class="cp-sep"></span>`;
    html += `<label>${esc(this.t("grid"))} <select data-cmd="step">` +
      d.steps.map((s) => `<option value="${s}" ${s === this.step ? "selected" : ""}>${this.num(s, 2)} m</option>`).join("") +
      `</select></label>`;
    html += `<label><input type="checkbox" data-cmd="shared" ${this.shared ? "checked" : ""}> ${esc(this.t("shared"))}</label>`;
    const door = this.selDoor ? d.doors.find((x) => x.id === this.selDoor) : null;
    const width = door ? door.width : this.doorWidth;
    html += `<label>${esc(this.t(door ? "door_width_of" : "door_width"))} <input type="number" min="0.3" max="5" step="0.05" ` +
      `data-cmd="door-width" value="${width}"> m</label>`;
    this.toolbar.innerHTML = html;
    this.toolbar.querySelectorAll("button").forEach((el) => el.addEventListener("click", () => this.onButton(el.dataset.cmd)));
    this.toolbar.querySelector("[data-cmd=step]").addEventListener("change", (e) => { this.step = parseFloat(e.target.value); });
    this.toolbar.querySelector("[data-cmd=shared]").addEventListener("change", (e) => { this.shared = e.target.checked; });
    this.toolbar.querySelector("[data-cmd=door-width]").addEventListener("change", (e) => {
      const w = parseFloat(e.target.value);
      if (!(w > 0)) return;
      if (this.selDoor) this.send({ op: "set_door_width", id: this.selDoor, width: w });
      else this.doorWidth = w;
    });
  }

  onButton(cmd) {
    if (cmd.startsWith("mode-")) return this.setMode(cmd.slice(5));
    if (cmd === "merge") return this.setMode(this.mode === "merge" ? "select" : "merge");
    if (cmd === "delete") return this.deleteSelected();
    if (cmd === "undo" || cmd === "redo") return this.send({ op: cmd });
    if (cmd === "zoom-in") return this.zoomBy(1.4);
    if (cmd === "zoom-out") return this.zoomBy(1 / 1.4);
    if (cmd === "fit") return this.fit();
  }

  setMode(mode) {
    this.mode = mode;
    this.poly = [];
    this.drag = null;
    this.gOverlay.querySelectorAll(".cp-preview").forEach((e) => e.remove());
    this.toolbar.querySelectorAll("button[data-cmd^=mode-], button[data-cmd=merge]").forEach((el) => {
      el.setAttribute("aria-pressed", String(el.dataset.cmd === "mode-" + mode || (el.dataset.cmd === "merge" && mode === "merge")));
    });
    this.svg.classList.toggle("cp-drawing", mode !== "select");
    this.gRooms.querySelectorAll(".cp-room:not(.cp-room-group)").forEach((el) =>
      el.classList.toggle("cp-merge-target", mode === "merge"));
    this.renderOverlay();
    this.showHint();
  }

  showHint() {
    this.hint.textContent = this.t("hint_" + this.mode);
  }

  send(cmd) {
    this.seq += 1;
    this.busy = true;
    this.sendCommand({ ...cmd, seq: this.seq, at_ms: Date.now() });
  }

  deleteSelected() {
    if (this.selDoor) this.send({ op: "delete_door", id: this.selDoor });
    else if (this.data.selected) this.send({ op: "delete_room", id: this.data.selected });
  }

  // ---- drawing ---------------------------------------------------------------------------
  renderPlan() {
    const d = this.data;
    this.big = d.rooms.length > CULL_MIN;
    if (this.big) {
      // what culling needs, once a drawing: each room's and door's box in SVG coordinates (y down)
      for (const r of d.rooms) { const [x0, y0, x1, y1] = bounds(r.pts); r.box = [x0, -y1, x1, -y0]; }
      for (const door of d.doors) { const [x0, y0, x1, y1] = bounds(door.seg); door.box = [x0, -y1, x1, -y0]; }
      this.overviewHtml = null;
      this.shownRect = null;
      this.cull(true);
    } else {
      this.overview = false;
      this.svg.setAttribute("data-mode", "all");
      this.drawRooms(d.rooms, d.doors);
    }
    this.svg.setAttribute("data-rooms", String(d.rooms.length));
    this.renderRoutes();
    this.edges = null;
  }

  // the rooms, labels and doors given, each its own element (what a person hovers, clicks and drags)
  drawRooms(rooms, doors) {
    const d = this.data;
    const paths = [], labels = [];
    for (const r of rooms) {
      const cls = "cp-room" + (r.failing ? " cp-fail" : "") + (r.id === d.selected ? " cp-sel" : "") +
        (this.mode === "merge" ? " cp-merge-target" : "");
      paths.push(`<path class="${cls}" d="${pathOf(r.pts)}" fill="${r.fill}" data-room-id="${esc(r.id)}"` +
        ` data-failing="${r.failing ? "true" : "false"}">${roomTitle(r)}</path>`);
      labels.push(`<text x="${r.c[0]}" y="${-r.c[1]}" font-size="${r.fs}">${esc(r.id)}</text>`);
    }
    this.gRooms.innerHTML = paths.join("");
    this.gLabels.innerHTML = labels.join("");
    const lines = [];
    for (const door of doors) {
      const [[x1, y1], [x2, y2]] = door.seg;
      const cls = "cp-door" + (door.exit ? " cp-exit" : "") + (door.id === this.selDoor ? " cp-sel" : "");
      lines.push(`<g data-door-id="${esc(door.id)}"><line class="${cls}" x1="${x1}" y1="${-y1}" x2="${x2}" y2="${-y2}"/>` +
        `<line class="cp-door-hit" x1="${x1}" y1="${-y1}" x2="${x2}" y2="${-y2}"><title>${esc(door.title)}</title></line></g>`);
    }
    this.gDoors.innerHTML = lines.join("");
  }

  // a big plan seen whole: one path a fill colour, the failing rooms' outlines, the selected room on top
  drawOverview() {
    const d = this.data;
    if (!this.overviewHtml) {
      const byFill = new Map();
      const failing = [];
      for (const r of d.rooms) {
        const p = pathOf(r.pts);
        if (!byFill.has(r.fill)) byFill.set(r.fill, []);
        byFill.get(r.fill).push(p);
        if (r.failing) failing.push(p);
      }
      let html = "";
      for (const [fill, ps] of byFill) html += `<path class="cp-room cp-room-group" d="${ps.join("")}" fill="${fill}"/>`;
      if (failing.length) html += `<path class="cp-room cp-fail cp-room-group" d="${failing.join("")}" fill="none"/>`;
      this.overviewHtml = html;
    }
    const sel = d.selected && this.rooms.get(d.selected);
    this.gRooms.innerHTML = this.overviewHtml + (sel ? `<path class="cp-room cp-sel${sel.failing ? " cp-fail" : ""}" ` +
      `d="${pathOf(sel.pts)}" fill="${sel.fill}" data-room-id="${esc(sel.id)}" data-failing="${sel.failing}">${roomTitle(sel)}</path>` : "");
    this.gLabels.innerHTML = "";
    this.gDoors.innerHTML = "";
  }

  // a big plan: draw what is near the view again when the view has left what is drawn
  cull(force) {
    if (!this.big || !this.view || !this.stage.clientWidth) return;
    const w = this.stage.clientWidth / this.view.k, h = this.stage.clientHeight / this.view.k;
    const view = [this.view.x, this.view.y, this.view.x + w, this.view.y + h];
    let inView = 0;
    for (const r of this.data.rooms) if (overlaps(r.box, view)) inView += 1;
    const overview = inView > OVERVIEW_MIN;
    if (!force && overview === this.overview && (overview || (this.shownRect && within(view, this.shownRect)))) return;
    this.overview = overview;
    this.svg.setAttribute("data-mode", overview ? "overview" : "detail");
    if (overview) { this.shownRect = null; this.drawOverview(); return; }
    const rect = [view[0] - MARGIN * w, view[1] - MARGIN * h, view[2] + MARGIN * w, view[3] + MARGIN * h];
    this.shownRect = rect;
    const d = this.data;
    this.drawRooms(d.rooms.filter((r) => overlaps(r.box, rect) || r.id === d.selected),
      d.doors.filter((door) => overlaps(door.box, rect)));
  }

  // the selection changed, the rooms did not: move the selection's mark
  renderSelection() {
    const d = this.data;
    if (this.big && this.overview) { this.drawOverview(); return; }
    if (this.big && d.selected && this.rooms.has(d.selected) &&
        !this.gRooms.querySelector(`[data-room-id="${CSS.escape(d.selected)}"]`)) { this.cull(true); return; }
    this.gRooms.querySelectorAll(".cp-room.cp-sel").forEach((el) => el.classList.remove("cp-sel"));
    if (d.selected) {
      const el = this.gRooms.querySelector(`[data-room-id="${CSS.escape(d.selected)}"]`);
      if (el) el.classList.add("cp-sel");
    }
    this.gDoors.querySelectorAll(".cp-door").forEach((el) =>
      el.classList.toggle("cp-sel", el.parentNode.dataset.doorId === this.selDoor));
  }

  // the routes of the selected room, their legend and the selected room's size
  renderRoutes() {
    const d = this.data;
    const routes = [], legend = [];
    for (const kind of ["exit", "wc"]) {
      const route = d.routes && d.routes[kind];
      if (!route) continue;
      const pts = route.points.map(([x, y]) => `${x},${-y}`).join(" ");
      routes.push(`<polyline class="cp-route cp-route-${kind}" points="${pts}" data-route="${kind}"/>`);
      legend.push(`<span><i class="cp-route-${kind}" style="border-color:${kind === "exit" ? "#1a7f37" : "#7b3fb5"}"></i>` +
        `${esc(this.t("route_" + kind))} ${this.num(route.distance, 1)} m</span>`);
    }
    this.gRoutes.innerHTML = routes.join("");
    this.legend.innerHTML = legend.join("");
    this.legend.style.display = legend.length ? "" : "none";
    this.setInfo(d.selected && this.rooms.has(d.selected) ? this.rooms.get(d.selected).pts : null, d.selected);
  }

  // the room under a pointer event: its element, or on a big plan seen whole, its outline
  roomAt(e, p) {
    const el = e.target.closest("[data-room-id]");
    if (el) return this.rooms.get(el.dataset.roomId);
    if (!this.big || !this.overview) return null;
    const [x, y] = p;
    const at = [x, -y, x, -y];
    for (const r of this.data.rooms) if (overlaps(r.box, at) && inside(r.pts, x, y)) return r;
    return null;
  }

  setInfo(pts, id) {
    if (!pts) { this.info.textContent = ""; return; }
    const [x0, y0, x1, y1] = bounds(pts);
    this.info.textContent = `${id} · ${this.num(x1 - x0, 2)} × ${this.num(y1 - y0, 2)} m · ${this.num(area(pts), 1)} m²`;
  }

  renderOverlay() {
    if (!this.view) return;
    const d = this.data;
    const parts = [];
    const room = d.selected && this.rooms.get(d.selected);
    if (room && this.mode === "select") {
      const pts = this.drag && this.drag.preview ? this.drag.preview : room.pts;
      const [x0, y0, x1, y1] = bounds(pts);
      const s = HANDLE_PX / this.view.k;
      const xm = (x0 + x1) / 2, ym = (y0 + y1) / 2;
      const at = { n: [xm, y1], s: [xm, y0], e: [x1, ym], w: [x0, ym], ne: [x1, y1], nw: [x0, y1], se: [x1, y0], sw: [x0, y0] };
      for (const [h, [x, y]] of Object.entries(at)) {
        parts.push(`<rect class="cp-handle" data-handle="${h}" x="${x - s / 2}" y="${-y - s / 2}" width="${s}" height="${s}"/>`);
      }
    }
    if (this.drag && this.drag.preview) parts.unshift(`<path class="cp-preview" d="${pathOf(this.drag.preview)}"/>`);
    if (this.drag && this.drag.line) {
      const [[ax, ay], [bx, by]] = this.drag.line;
      parts.unshift(`<line class="cp-preview" x1="${ax}" y1="${-ay}" x2="${bx}" y2="${-by}"/>`);
    }
    if (this.mode === "poly" && this.poly.length) {
      const pts = this.cursor ? [...this.poly, this.cursor] : this.poly;
      parts.unshift(`<polyline class="cp-preview" points="${pts.map(([x, y]) => `${x},${-y}`).join(" ")}"/>`);
    }
    this.gOverlay.innerHTML = parts.join("");
  }

  // ---- view: pan and zoom change the viewBox only ----------------------------------------
  fit() {
    const w = this.stage.clientWidth, h = this.stage.clientHeight;
    this.pendingFit = !w || !h; // not laid out yet: fit once it is
    if (this.pendingFit) return;
    const all = this.data.rooms.flatMap((r) => r.pts);
    const [x0, y0, x1, y1] = all.length ? bounds(all) : [0, 0, 20, 20];
    const pad = 24;
    const k = Math.max(0.01, Math.min((w - 2 * pad) / Math.max(x1 - x0, 1), (h - 2 * pad) / Math.max(y1 - y0, 1)));
    this.view = { x: (x0 + x1) / 2 - w / 2 / k, y: -(y0 + y1) / 2 - h / 2 / k, k };
    this.applyView();
    this.renderOverlay();
  }

  zoomBy(f, px, py) {
    if (!this.view) return;
    const w = this.stage.clientWidth, h = this.stage.clientHeight;
    if (px === undefined) { px = w / 2; py = h / 2; }
    const v = this.view;
    const sx = v.x + px / v.k, sy = v.y + py / v.k;
    const k = Math.min(2000, Math.max(0.01, v.k * f));
    this.view = { x: sx - px / k, y: sy - py / k, k };
    this.userView = true;
    this.schedule(true);
  }

  schedule(overlay) {
    this.needOverlay = this.needOverlay || overlay;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.applyView();
      if (this.needOverlay) { this.needOverlay = false; this.renderOverlay(); }
    });
  }

  applyView() {
    if (!this.view || !this.stage.clientWidth) return;
    const w = this.stage.clientWidth, h = this.stage.clientHeight;
    const { x, y, k } = this.view;
    if (this.data) views.set(this.data.view_key, { fit_key: this.data.fit_key, view: this.view });
    this.svg.setAttribute("viewBox", `${x} ${y} ${w / k} ${h / k}`);
    // grid: the smallest nice spacing at least 12 px apart
    const g = NICE.find((s) => s * k >= 12) || 1000;
    if (g !== this.gridStep) {
      this.gridStep = g;
      this.pattern.setAttribute("width", g);
      this.pattern.setAttribute("height", g);
      this.pattern.firstElementChild.setAttribute("d", `M${g} 0L0 0 0 ${g}`);
    }
    this.gridRect.setAttribute("x", x);
    this.gridRect.setAttribute("y", y);
    this.gridRect.setAttribute("width", w / k);
    this.gridRect.setAttribute("height", h / k);
    const bar = NICE.find((s) => s * k >= 60) || 1000;
    this.scaleBar.style.width = `${bar * k}px`;
    this.scaleText.textContent = `${bar >= 1 ? bar : this.num(bar, 2)} m`;
    // level of detail: labels and doors only where they are big enough to read or hit (a plan of
    // thousands of rooms seen whole repaints only its rooms when panned or zoomed)
    this.gLabels.classList.toggle("cp-hidden", k < 9);
    this.gDoors.classList.toggle("cp-hidden", k < DOOR_MIN_K);
    this.cull(false);
  }

  point(e) {
    const r = this.svg.getBoundingClientRect();
    const v = this.view;
    return [v.x + (e.clientX - r.left) / v.k, -(v.y + (e.clientY - r.top) / v.k)];
  }

  snapPoint([x, y]) {
    const s = this.step;
    return [round3(Math.round(x / s) * s), round3(Math.round(y / s) * s)];
  }

  edgesWithout(id) {
    const xs = new Set(), ys = new Set();
    for (const r of this.data.rooms) {
      if (r.id === id) continue;
      for (const [x, y] of r.pts) { xs.add(x); ys.add(y); }
    }
    return [[...xs], [...ys]];
  }

  // ---- pointer ---------------------------------------------------------------------------
  onDown(e) {
    this.root.focus({ preventScroll: true });
    if (this.busy || !this.view) return;
    const p = this.point(e);
    const handle = e.target.closest("[data-handle]");
    const doorEl = e.target.closest("[data-door-id]");
    const hit = this.roomAt(e, p);
    const start = { x: e.clientX, y: e.clientY, p, moved: false };
    this.svg.setPointerCapture(e.pointerId);
    if (e.button === 1 || e.button === 2) {
      this.drag = { kind: "pan", ...start, view: { ...this.view } };
      return;
    }
    if (this.mode === "rect" || this.mode === "split") {
      this.drag = { kind: this.mode, ...start, p: this.snapPoint(p) };
      return;
    }
    if (this.mode === "poly" || this.mode === "door" || this.mode === "merge") {
      this.drag = { kind: "click", ...start, room: hit && hit.id };
      return;
    }
    if (handle && this.data.selected) {
      const room = this.rooms.get(this.data.selected);
      const [ex, ey] = this.edgesWithout(room.id);
      this.drag = { kind: "resize", ...start, handle: handle.dataset.handle, room, ex, ey, bounds: bounds(room.pts) };
      return;
    }
    if (doorEl) {
      this.selDoor = doorEl.dataset.doorId;
      this.gDoors.querySelectorAll(".cp-door").forEach((el) =>
        el.classList.toggle("cp-sel", el.parentNode.dataset.doorId === this.selDoor));
      this.buildToolbar();
      this.drag = { kind: "door", ...start, id: this.selDoor };
      return;
    }
    if (this.selDoor) { this.selDoor = null; this.buildToolbar(); this.renderSelection(); }
    if (hit) {
      const room = hit;
      const [ex, ey] = this.edgesWithout(room.id);
      this.drag = { kind: "move", ...start, room, ex, ey, bounds: bounds(room.pts) };
      return;
    }
    this.drag = { kind: "pan", ...start, view: { ...this.view }, background: true };
  }

  onMove(e) {
    if (!this.view) return;
    const p = this.point(e);
    if (this.mode === "poly") { this.cursor = this.snapPoint(p); this.renderOverlay(); }
    const d = this.drag;
    if (!d) return;
    if (Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 3) d.moved = true;
    if (!d.moved) return;
    const dx = p[0] - d.p[0], dy = p[1] - d.p[1];
    const tol = Math.max(0.05, 8 / this.view.k);
    if (d.kind === "pan") {
      this.view = { ...d.view, x: d.view.x - (e.clientX - d.x) / this.view.k, y: d.view.y - (e.clientY - d.y) / this.view.k };
      this.userView = true;
      this.svg.classList.add("cp-panning");
      this.schedule(false);
    } else if (d.kind === "move") {
      const [x0, y0, x1, y1] = d.bounds;
      d.dx = snapDelta([x0, x1], dx, d.ex, this.step, tol);
      d.dy = snapDelta([y0, y1], dy, d.ey, this.step, tol);
      d.tol = tol;
      d.preview = d.room.pts.map(([x, y]) => [x + d.dx, y + d.dy]);
      this.setInfo(d.preview, d.room.id);
      this.renderOverlay();
    } else if (d.kind === "resize") {
      const [x0, y0, x1, y1] = d.bounds;
      const h = d.handle;
      d.dx = h.includes("e") ? snapDelta([x1], dx, d.ex, this.step, tol) : h.includes("w") ? snapDelta([x0], dx, d.ex, this.step, tol) : 0;
      d.dy = h.includes("n") ? snapDelta([y1], dy, d.ey, this.step, tol) : h.includes("s") ? snapDelta([y0], dy, d.ey, this.step, tol) : 0;
      d.tol = tol;
      const ex = h.includes("e") ? x1 : h.includes("w") ? x0 : null;
      const ey = h.includes("n") ? y1 : h.includes("s") ? y0 : null;
      d.preview = d.room.pts.map(([x, y]) => [
        ex !== null && Math.abs(x - ex) < 1e-6 ? x + d.dx : x,
        ey !== null && Math.abs(y - ey) < 1e-6 ? y + d.dy : y]);
      this.setInfo(d.preview, d.room.id);
      this.renderOverlay();
    } else if (d.kind === "rect") {
      const q = this.snapPoint(p);
      const [ax, ay] = d.p;
      d.preview = [[ax, ay], [q[0], ay], [q[0], q[1]], [ax, q[1]]];
      this.setInfo(d.preview, this.t("new_room"));
      this.renderOverlay();
    } else if (d.kind === "split") {
      d.line = [d.p, this.snapPoint(p)];
      this.renderOverlay();
    } else if (d.kind === "door") {
      d.to = p;
    }
  }

  onUp(e) {
    const d = this.drag;
    this.drag = null;
    this.svg.classList.remove("cp-panning");
    if (!d) return;
    const p = this.point(e);
    const keep = (drag) => { this.drag = drag; }; // keep the preview until Python answers
    if (d.kind === "pan") {
      if (!d.moved && d.background && this.data.selected) this.send({ op: "select", id: null });
      return;
    }
    if (d.kind === "move") {
      if (!d.moved) {
        if (d.room.id !== this.data.selected) this.send({ op: "select", id: d.room.id });
        return;
      }
      if (d.dx || d.dy) {
        keep(d);
        this.send({ op: "move_room", id: d.room.id, dx: round3(p[0] - d.p[0]), dy: round3(p[1] - d.p[1]),
          step: this.step, tolerance: d.tol });
      } else this.renderOverlay();
      return;
    }
    if (d.kind === "resize") {
      if (d.moved && (d.dx || d.dy)) {
        keep(d);
        this.send({ op: "resize_room", id: d.room.id, handle: d.handle, dx: round3(p[0] - d.p[0]),
          dy: round3(p[1] - d.p[1]), step: this.step, tolerance: d.tol, shared: this.shared });
      } else this.renderOverlay();
      return;
    }
    if (d.kind === "door") {
      if (d.moved) this.send({ op: "move_door", id: d.id, x: round3(p[0]), y: round3(p[1]) });
      return;
    }
    if (d.kind === "rect") {
      if (d.preview) {
        const [x0, y0, x1, y1] = bounds(d.preview);
        if (x1 - x0 > 0 && y1 - y0 > 0) {
          keep(d);
          this.send({ op: "add_room", points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], level: this.data.level });
          return;
        }
      }
      this.renderOverlay();
      return;
    }
    if (d.kind === "split") {
      if (d.line) {
        const [[ax, ay], [bx, by]] = d.line;
        // the selected room when the line's middle lies in it, else the room under the line's middle
        const mx = (ax + bx) / 2, my = (ay + by) / 2;
        let id = this.data.selected;
        if (!id || !this.rooms.has(id) || !inside(this.rooms.get(id).pts, mx, my)) {
          const hit = this.data.rooms.find((r) => inside(r.pts, mx, my));
          id = hit ? hit.id : id;
        }
        if (id) { keep(d); this.send({ op: "split_room", id, a: [ax, ay], b: [bx, by] }); return; }
      }
      this.renderOverlay();
      return;
    }
    if (d.kind === "click" && !d.moved) {
      if (this.mode === "poly") {
        const q = this.snapPoint(p);
        const first = this.poly[0];
        if (first && this.poly.length >= 3 && Math.hypot(q[0] - first[0], q[1] - first[1]) * this.view.k < 10) this.finishPoly();
        else { this.poly.push(q); this.renderOverlay(); }
      } else if (this.mode === "door") {
        this.send({ op: "add_door", x: round3(p[0]), y: round3(p[1]), width: this.doorWidth,
          tolerance: Math.max(0.15, 8 / this.view.k), level: this.data.level });
      } else if (this.mode === "merge" && d.room && this.data.selected && d.room !== this.data.selected) {
        const other = d.room;
        this.setMode("select");
        this.send({ op: "merge_rooms", id: this.data.selected, other });
      }
    }
  }

  finishPoly() {
    const pts = this.poly.filter((q, i, a) => i === 0 || q[0] !== a[i - 1][0] || q[1] !== a[i - 1][1]);
    this.poly = [];
    this.cursor = null;
    if (pts.length >= 3) this.send({ op: "add_room", points: pts, level: this.data.level });
    this.renderOverlay();
  }

  cancel() {
    this.drag = null;
    this.poly = [];
    this.renderSelection();
    this.renderOverlay();
  }

  onWheel(e) {
    e.preventDefault();
    if (!this.view) return;
    const r = this.svg.getBoundingClientRect();
    this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }

  onKey(e) {
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (ctrl && key === "z" && !e.shiftKey) { e.preventDefault(); this.send({ op: "undo" }); return; }
    if (ctrl && (key === "y" || (key === "z" && e.shiftKey))) { e.preventDefault(); this.send({ op: "redo" }); return; }
    if (e.key === "Escape") { e.preventDefault(); this.setMode("select"); return; }
    if (e.key === "Enter" && this.mode === "poly") { e.preventDefault(); this.finishPoly(); return; }
    if ((e.key === "Delete" || e.key === "Backspace") && this.mode === "poly") {
      e.preventDefault(); this.poly.pop(); this.renderOverlay(); return;
    }
    if (e.key === "Delete") { e.preventDefault(); this.deleteSelected(); return; }
    const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (arrows[e.key] && this.data.selected && !this.busy) {
      e.preventDefault();
      const [sx, sy] = arrows[e.key];
      this.send({ op: "move_room", id: this.data.selected, dx: round3(sx * this.step), dy: round3(sy * this.step),
        step: this.step, snap: false });
    }
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let editor = instances.get(parentElement);
  if (!editor || !editor.root.isConnected) {
    editor = new Editor(parentElement);
    instances.set(parentElement, editor);
  }
  editor.sendCommand = (cmd) => setTriggerValue("edit", cmd);
  if (data) editor.update(typeof data.json === "string" ? JSON.parse(data.json) : data); // JSON text from Python
}
