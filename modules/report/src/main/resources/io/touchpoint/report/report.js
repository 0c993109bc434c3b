/* Touchpoint report: draws every section from the inline JSON data (#tp-data) with Apache ECharts.
 * Data contract: nullable numbers may be null, lists may be empty, funnels may be absent, goals may be several.
 * Everything is built with DOM calls (textContent), never innerHTML with data. */
(function () {
  'use strict';

  // ---------------------------------------------------------------- data and formats
  var data;
  try {
    data = JSON.parse(document.getElementById('tp-data').textContent || '{}') || {};
  } catch (e) {
    console.error('Report data could not be read: ' + e.message);
    data = {};
  }

  var reduceMotion = !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';
  var PALETTE = ['#3356d6', '#f28e2b', '#17a673', '#e15759', '#8e6bd6', '#1fa2b8', '#d64d9a', '#9c7b12', '#5b6b82', '#76b7b2'];
  var TEXT = '#1b2230', MUTED = '#586174', GRID = '#eceef2';

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function obj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {}; }
  function str(v, fallback) { return v === null || v === undefined || v === '' ? (fallback === undefined ? '' : fallback) : String(v); }

  var NF0 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  var NF1 = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var NF2 = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var PF1 = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var COMPACT = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
  var CURRENCY = str(data.currency, 'USD').toUpperCase();
  var CF, CF_COMPACT;
  try {
    CF = new Intl.NumberFormat(undefined, { style: 'currency', currency: CURRENCY, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    CF_COMPACT = new Intl.NumberFormat(undefined, { style: 'currency', currency: CURRENCY, notation: 'compact', maximumFractionDigits: 1 });
  } catch (e) { // unknown currency code: plain number and the code
    CF = { format: function (v) { return NF2.format(v) + ' ' + CURRENCY; } };
    CF_COMPACT = { format: function (v) { return COMPACT.format(v) + ' ' + CURRENCY; } };
  }
  var DASH = '\u2014', MINUS = '\u2212';

  function fmtInt(v) { return isNum(v) ? NF0.format(v) : DASH; }
  /** Counts that may be fractional (attributed conversions): 1 decimal when fractional. */
  function fmtCount(v) { return isNum(v) ? (Number.isInteger(v) ? NF0.format(v) : NF1.format(v)) : DASH; }
  /** Attributed conversions: always 1 decimal so model columns line up. */
  function fmtConv(v) { return isNum(v) ? NF1.format(v) : DASH; }
  function fmtMoney(v) { return isNum(v) ? CF.format(v) : DASH; }
  /** Percentages with 1 decimal; a small non-zero share never shows as 0.0%. */
  function fmtPct(v) {
    if (!isNum(v)) { return DASH; }
    if (v > 0 && v < 0.0005) { return '< ' + PF1.format(0.001); }
    return PF1.format(v);
  }
  function fmtDec1(v) { return isNum(v) ? NF1.format(v) : DASH; }
  /** Return on ad spend: revenue per unit of cost, e.g. 2.50×. */
  function fmtRoas(v) { return isNum(v) ? NF2.format(v) + '\u00d7' : DASH; }
  function fmtMetric(metric, v) {
    return metric === 'revenue' || metric === 'cpa' ? fmtMoney(v) : metric === 'roas' ? fmtRoas(v) : fmtConv(v);
  }
  var METRIC_LABEL = { conversions: 'Conv.', revenue: 'Revenue', cpa: 'CPA', roas: 'ROAS' };
  function signed(v, f) {
    if (!isNum(v)) { return DASH; }
    var s = f(Math.abs(v));
    return v > 0 ? '+' + s : v < 0 ? MINUS + s : '\u00b1' + s;
  }
  /** Human durations: 26s, 1m 44s, 3h 05m, 2d 4h. */
  function fmtDuration(seconds) {
    if (!isNum(seconds) || seconds < 0) { return DASH; }
    if (seconds < 0.5) { return seconds === 0 ? '0s' : '< 1s'; }
    var s = Math.round(seconds);
    if (s < 60) { return s + 's'; }
    if (s < 3600) { return Math.floor(s / 60) + 'm ' + pad2(s % 60) + 's'; }
    var minutes = Math.round(s / 60);
    if (minutes < 24 * 60) { return Math.floor(minutes / 60) + 'h ' + pad2(minutes % 60) + 'm'; }
    var hours = Math.round(s / 3600);
    return Math.floor(hours / 24) + 'd ' + (hours % 24) + 'h';
  }
  function pad2(n) { return n < 10 ? '0' + n : String(n); }
  function parseDay(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(s));
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  }
  var DAY_FMT = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  var TIME_FMT = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
  function fmtDateRange(from, to) {
    var a = parseDay(from), b = parseDay(to);
    if (a && b) {
      try { return DAY_FMT.formatRange(a, b); } catch (e) { return DAY_FMT.format(a) + ' \u2013 ' + DAY_FMT.format(b); }
    }
    if (a || b) { return (a ? DAY_FMT.format(a) : '\u2026') + ' \u2013 ' + (b ? DAY_FMT.format(b) : '\u2026'); }
    return DASH;
  }
  function fmtTimestamp(s) {
    var d = s ? new Date(s) : null;
    return d && !isNaN(d.getTime()) ? TIME_FMT.format(d) : str(s, DASH);
  }

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { node.textContent = v; }
        else if (k === 'class') { node.className = v; }
        else if (k.slice(0, 2) === 'on' && typeof v === 'function') { node.addEventListener(k.slice(2), v); }
        else { node.setAttribute(k, v === true ? '' : v); }
      });
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    if (children === null || children === undefined) { return node; }
    (Array.isArray(children) ? children : [children]).forEach(function (c) {
      if (c === null || c === undefined || c === false) { return; }
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function card(title, children, extraClass) {
    return el('div', { class: 'tp-card' + (extraClass ? ' ' + extraClass : '') }, [title ? el('h3', { text: title }) : null].concat(children || []));
  }
  function empty(message) { return el('div', { class: 'tp-empty', text: message }); }
  function tableWrap(table) { return el('div', { class: 'tp-table-wrap' }, table); }
  function segmented(options, current, onChange, label) {
    var group = el('div', { class: 'tp-seg', role: 'group', 'aria-label': label });
    options.forEach(function (o) {
      group.appendChild(el('button', {
        type: 'button', 'data-value': o.value, 'aria-pressed': String(o.value === current), text: o.label,
        onclick: function () {
          Array.prototype.forEach.call(group.children, function (b) { b.setAttribute('aria-pressed', String(b === this)); }, this);
          onChange(o.value);
        }
      }));
    });
    return group;
  }
  function deltaNode(value, base, f) {
    if (!isNum(value) || !isNum(base)) { return el('span', { class: 'tp-delta tp-zero', text: DASH }); }
    var diff = value - base;
    var cls = diff > 1e-9 ? 'tp-pos' : diff < -1e-9 ? 'tp-neg' : 'tp-zero';
    var pct = base !== 0 ? signed(diff / base, function (x) { return PF1.format(x); }) : (diff === 0 ? '\u00b10.0%' : 'new');
    return el('span', { class: 'tp-delta ' + cls, title: 'Difference against the baseline model' },
      [el('span', { text: signed(diff, f) }), ' ', el('span', { text: '(' + pct + ')' })]);
  }

  // ---------------------------------------------------------------- charts
  var charts = [];
  /** A chart container (class tp-chart, data-points) with an ECharts instance, or an empty message when no data. */
  function chartBox(id, points, extraClass) {
    var box = el('div', { id: id, class: 'tp-chart' + (extraClass ? ' ' + extraClass : ''), 'data-points': String(points) });
    if (!points) { box.appendChild(empty('No data')); }
    return box;
  }
  function drawChart(box, option) {
    if (+box.getAttribute('data-points') === 0) { return null; }
    var existing = echarts.getInstanceByDom(box);
    if (existing) { existing.setOption(option, true); return existing; }
    if (!box.isConnected) { console.error('Chart ' + box.id + ' drawn before it is on the page'); }
    var chart = echarts.init(box, null, { renderer: 'svg' });
    chart.setOption(option);
    charts.push(chart);
    if (window.ResizeObserver) {
      var last = box.clientWidth + 'x' + box.clientHeight;
      new ResizeObserver(function () {
        var now = box.clientWidth + 'x' + box.clientHeight;
        if (now !== last && !chart.isDisposed()) { last = now; chart.resize(); }
      }).observe(box);
    }
    return chart;
  }
  function disposeChart(box) {
    var c = box && echarts.getInstanceByDom(box);
    if (c) { charts.splice(charts.indexOf(c), 1); c.dispose(); }
  }
  function baseOption() {
    return {
      color: PALETTE,
      animation: !reduceMotion,
      animationDuration: 500,
      textStyle: { fontFamily: FONT, color: TEXT },
      tooltip: { confine: true, textStyle: { fontFamily: FONT, fontSize: 12 } }
    };
  }
  /** Category axis labels that never overlap: every label shown, rotated and truncated when space is short. */
  function categoryLabels(names, box, reserve) {
    var width = Math.max(200, (box.clientWidth || 800) - (reserve || 80));
    var per = width / Math.max(1, names.length);
    var longest = names.reduce(function (m, n) { return Math.max(m, str(n).length); }, 0);
    var needed = longest * 7 + 12;
    var label = { interval: 0, color: MUTED, fontSize: 12, hideOverlap: false };
    if (longest <= 3 && needed > per) { // short labels (1, 2, 12...): let ECharts skip some instead of rotating
      label.interval = 'auto';
      return label;
    }
    if (needed <= per) {
      label.width = Math.max(40, per - 8);
      label.overflow = 'truncate';
    } else if (per >= 60 && longest <= 28) {
      label.width = Math.max(40, per - 6);
      label.overflow = 'break';
      label.lineHeight = 14;
    } else {
      label.rotate = per < 24 ? 90 : 35;
      label.width = 130;
      label.overflow = 'truncate';
    }
    return label;
  }
  /** Grid with room for rotated labels, which reach left of the first category. */
  function gridFor(label, top) {
    return { left: label.rotate && label.rotate < 90 ? 56 : 8, right: 16, top: top, bottom: 8, containLabel: true };
  }
  function valueAxis(formatter) {
    return { type: 'value', axisLabel: { color: MUTED, formatter: formatter }, splitLine: { lineStyle: { color: GRID } } };
  }
  function simpleBar(box, categories, values, opts) {
    var option = baseOption();
    var label = categoryLabels(categories, box, 80);
    option.grid = gridFor(label, 28);
    option.tooltip.trigger = 'axis';
    option.tooltip.axisPointer = { type: 'shadow' };
    option.tooltip.valueFormatter = opts.format;
    option.xAxis = { type: 'category', data: categories, axisLabel: label, axisTick: { alignWithLabel: true } };
    option.yAxis = valueAxis(function (v) { return COMPACT.format(v); });
    option.series = [{
      type: 'bar', name: opts.seriesName, data: values, barMaxWidth: 56, itemStyle: { color: opts.color || PALETTE[0], borderRadius: [4, 4, 0, 0] },
      label: { show: categories.length <= 16, position: 'top', color: MUTED, fontSize: 11, formatter: function (p) { return opts.format(p.value); } },
      labelLayout: { hideOverlap: true }
    }];
    var chart = drawChart(box, option);
    if (chart) {
      relabel.push(function () { var l = categoryLabels(categories, box, 80); chart.setOption({ grid: gridFor(l, 28), xAxis: { axisLabel: l } }); });
    }
  }
  var relabel = [];
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      relabel.forEach(function (f) { try { f(); } catch (e) { console.error(e); } });
      charts.forEach(function (c) { c.resize(); });
    }, 80);
  });

  // ---------------------------------------------------------------- sortable table
  /**
   * A table whose header buttons sort it. columns: {key, label, numeric, group?, value(row), cell(row), cls}.
   * state: {key, dir} kept by the caller so the order survives redraws.
   */
  function sortableTable(spec) {
    var table = el('table', { class: 'tp-table', id: spec.id });
    var thead = el('thead');
    var cols = spec.columns;
    if (spec.groups) { // first header row: groups spanning their columns
      var top = el('tr');
      top.appendChild(el('th', { rowspan: '2', class: 'tp-l', scope: 'col' }, headerButton(cols[0])));
      spec.groups.forEach(function (g) {
        top.appendChild(el('th', { colspan: String(g.span), class: 'tp-group' + (g.cls ? ' ' + g.cls : ''), scope: 'colgroup', title: g.title }, g.content));
      });
      thead.appendChild(top);
      var second = el('tr');
      cols.slice(1).forEach(function (c) { second.appendChild(el('th', { scope: 'col', class: c.cls }, headerButton(c))); });
      thead.appendChild(second);
    } else {
      var row = el('tr');
      cols.forEach(function (c, i) { row.appendChild(el('th', { scope: 'col', class: (i === 0 ? 'tp-l ' : '') + (c.cls || '') }, headerButton(c))); });
      thead.appendChild(row);
    }
    table.appendChild(thead);
    var tbody = el('tbody');
    table.appendChild(tbody);
    if (spec.footer) { table.appendChild(el('tfoot', null, spec.footer)); }

    function headerButton(c) {
      if (c.sortable === false) { return c.label; }
      return el('button', { type: 'button', 'data-sort': c.key, title: 'Sort by ' + c.title, onclick: function () { sortBy(c); } },
        [c.label, el('span', { class: 'tp-sort-arrow', 'aria-hidden': 'true' })]);
    }
    function sortBy(c) {
      var st = spec.state;
      if (st.key === c.key) { st.dir = st.dir === 'asc' ? 'desc' : 'asc'; } else { st.key = c.key; st.dir = c.numeric ? 'desc' : 'asc'; }
      draw();
      if (spec.onSort) { spec.onSort(sortedRows()); }
    }
    function sortedRows() {
      var st = spec.state;
      var col = cols.filter(function (c) { return c.key === st.key; })[0];
      var rows = spec.rows.slice();
      if (!col) { return rows; }
      var sign = st.dir === 'asc' ? 1 : -1;
      rows.sort(function (a, b) {
        var x = col.value(a), y = col.value(b);
        var xn = x === null || x === undefined || (col.numeric && !isNum(x));
        var yn = y === null || y === undefined || (col.numeric && !isNum(y));
        if (xn || yn) { return xn && yn ? 0 : xn ? 1 : -1; } // missing values last either way
        if (col.numeric) { return sign * (x - y); }
        return sign * String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: 'base' });
      });
      return rows;
    }
    function draw() {
      clear(tbody);
      sortedRows().forEach(function (r) {
        var tr = el('tr', { 'data-label': spec.label(r) });
        cols.forEach(function (c, i) {
          var v = c.value(r);
          tr.appendChild(el('td', { class: (i === 0 ? 'tp-l ' : '') + (c.cls || ''), 'data-value': isNum(v) ? String(v) : str(v) }, c.cell(r)));
        });
        if (spec.onRow) {
          tr.className = 'tp-clickable';
          tr.tabIndex = 0;
          tr.setAttribute('role', 'button');
          tr.setAttribute('aria-label', 'Show campaigns of ' + spec.label(r));
          tr.addEventListener('click', function () { spec.onRow(r, tr); });
          tr.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); spec.onRow(r, tr); } });
        }
        if (spec.isSelected && spec.isSelected(r)) { tr.classList.add('tp-selected'); }
        tbody.appendChild(tr);
      });
      Array.prototype.forEach.call(thead.querySelectorAll('button[data-sort]'), function (b) {
        var active = b.getAttribute('data-sort') === spec.state.key;
        b.querySelector('.tp-sort-arrow').textContent = active ? (spec.state.dir === 'asc' ? '\u25b2' : '\u25bc') : '';
        b.parentNode.setAttribute('aria-sort', active ? (spec.state.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      });
    }
    draw();
    table.redraw = draw;
    table.sortedRows = sortedRows;
    return table;
  }

  // ---------------------------------------------------------------- header
  function renderHeader() {
    var run = obj(data.run);
    var bits = [];
    if (data.generated_at) { bits.push('Generated ' + fmtTimestamp(data.generated_at)); }
    if (run.run_id) { bits.push('run ' + run.run_id); }
    var h = obj(data.headline);
    if (h.date_from || h.date_to) { bits.push('data ' + fmtDateRange(h.date_from, h.date_to)); }
    document.getElementById('tp-subtitle').textContent = bits.join(' \u00b7 ');
  }

  // ---------------------------------------------------------------- 1. headline
  function renderHeadline(body) {
    var h = obj(data.headline);
    var days = null, a = parseDay(h.date_from), b = parseDay(h.date_to);
    if (a && b) { days = Math.round((b - a) / 86400000) + 1; }
    var perConv = isNum(h.revenue) && isNum(h.conversions) && h.conversions > 0 ? h.revenue / h.conversions : null;
    var perPerson = isNum(h.sessions) && isNum(h.people) && h.people > 0 ? h.sessions / h.people : null;
    var goals = arr(data.goals);
    var kpis = [
      { id: 'conversions', label: 'Conversions', value: fmtCount(h.conversions), sub: goals.length ? (goals.length === 1 ? 'goal: ' : 'goals: ') + goals.join(', ') : null },
      { id: 'revenue', label: 'Revenue', value: fmtMoney(h.revenue), sub: perConv !== null ? fmtMoney(perConv) + ' per conversion' : null },
      { id: 'date-range', label: 'Date range', value: fmtDateRange(h.date_from, h.date_to), small: true, sub: days ? NF0.format(days) + (days === 1 ? ' day' : ' days') : null },
      { id: 'journeys', label: 'Journeys', value: fmtCount(h.journeys) },
      { id: 'avg-touchpoints', label: 'Avg touchpoints / conversion', value: fmtDec1(h.avg_touchpoints) },
      { id: 'people', label: 'People', value: fmtInt(h.people) },
      { id: 'sessions', label: 'Sessions', value: fmtInt(h.sessions), sub: perPerson !== null ? NF1.format(perPerson) + ' per person' : null }
    ];
    body.appendChild(el('div', { class: 'tp-kpis' }, kpis.map(function (k) {
      return el('div', { class: 'tp-kpi', 'data-kpi': k.id }, [
        el('div', { class: 'tp-kpi-label', text: k.label }),
        el('div', { class: 'tp-kpi-value' + (k.small ? ' tp-kpi-small' : k.value.length > 11 ? ' tp-kpi-long' : ''), text: k.value, title: k.value }),
        k.sub ? el('div', { class: 'tp-kpi-sub', text: k.sub }) : null
      ]);
    })));
    // What the run found empty, and why (the manifest's notes): an empty result is a state, not an error.
    var notes = arr(data.notes).filter(function (n) { return typeof n === 'string' && n; });
    if (notes.length) {
      body.appendChild(card(null, notes.map(function (n) { return el('div', { class: 'tp-empty tp-note-empty', text: n }); })));
    }
  }

  // ---------------------------------------------------------------- 2. models
  function modelLabel(m) {
    var name = str(m.name, m.key);
    var i = name.indexOf('(');
    return i > 0 ? { main: name.slice(0, i), params: name.slice(i) } : { main: name, params: '' };
  }
  function renderModels(body) {
    var models = arr(data.models).filter(function (m) { return m && m.key; });
    var comparison = arr(data.comparison);
    var campaigns = arr(data.campaigns);
    if (!models.length || !comparison.length) {
      body.appendChild(card(null, [empty(isNum(obj(data.headline).conversions) && obj(data.headline).conversions === 0
        ? 'No conversions in this run: nothing to attribute. Every table is written; see the note above for why.'
        : 'No attribution results in this run.')]));
      return;
    }
    var keys = models.map(function (m) { return m.key; });
    var baseline = keys.indexOf(data.baseline) >= 0 ? data.baseline : (keys.indexOf('last') >= 0 ? 'last' : null);
    var colorOf = {};
    models.forEach(function (m, i) { colorOf[m.key] = PALETTE[i % PALETTE.length]; });
    var goals = arr(data.goals).slice();
    comparison.forEach(function (r) { if (r.goal !== undefined && goals.indexOf(r.goal) < 0) { goals.push(r.goal); } });
    var state = {
      goal: goals.length ? goals[0] : undefined,
      metric: 'conversions',
      sort: { key: (baseline || keys[0]) + ':conversions', dir: 'desc' },
      campSort: { key: (baseline || keys[0]) + ':conversions', dir: 'desc' },
      spendSort: { key: 'cost', dir: 'desc' },
      campSpendSort: { key: 'cost', dir: 'desc' },
      drill: null,
      // Both metrics when every model's two columns fit the page width; conversions only otherwise (switchable).
      show: 'both',
      autoShow: true
    };
    function shownMetrics() { return state.show === 'both' ? ['conversions', 'revenue'] : [state.show]; }
    function ensureSort(sort) { // a sort on a hidden column falls back to the baseline's first shown metric
      var metric = sort.key.split(':')[1];
      if (metric && shownMetrics().indexOf(metric) < 0) { sort.key = (baseline || keys[0]) + ':' + shownMetrics()[0]; sort.dir = 'desc'; }
    }

    function val(row, key, metric) { var m = obj(obj(row.models)[key]); return isNum(m[metric]) ? m[metric] : null; }
    // Spend (touchpoint.spend): one entry per goal with its cost, the unspent part and each model's CPA and ROAS.
    var spendOn = Array.isArray(data.spend);
    function spendOf(goal) { return obj(arr(data.spend).filter(function (s) { return s && s.goal === goal; })[0]); }
    function rowsFor(list) { return list.filter(function (r) { return state.goal === undefined || r.goal === state.goal || r.goal === undefined; }); }

    // toolbar
    var toolbar = el('div', { class: 'tp-toolbar' });
    if (goals.length > 1) {
      var select = el('select', { id: 'tp-goal', onchange: function () { state.goal = select.value; state.drill = null; redrawAll(); } },
        goals.map(function (g) { return el('option', { value: g, text: g }); }));
      toolbar.appendChild(el('label', null, ['Goal', select]));
    } else if (goals.length === 1) {
      toolbar.appendChild(el('span', { class: 'tp-note' }, ['Goal: ', el('strong', { text: goals[0] })]));
    }
    toolbar.appendChild(el('label', null, ['Chart', segmented([{ value: 'conversions', label: 'Conversions' }, { value: 'revenue', label: 'Revenue' }],
      state.metric, function (v) { state.metric = v; drawMainChart(); if (state.drill) { drawDrill(); } }, 'Chart metric')]));
    toolbar.appendChild(el('span', { class: 'tp-spacer' }));
    if (baseline) {
      toolbar.appendChild(el('span', { class: 'tp-note' }, ['Baseline model: ', el('strong', { text: str(models[keys.indexOf(baseline)].name, baseline) })]));
    }

    var chartCard = card(null, []);
    var tableCard = card(null, []);
    var spendCard = el('div', { class: 'tp-card', id: 'models-spend', hidden: !spendOn });
    // Self-reported attribution (a CRM input's answers): what people said next to what each model credits.
    var saidOn = Array.isArray(data.self_reported);
    var saidCard = el('div', { class: 'tp-card', id: 'models-said', hidden: !saidOn });
    state.saidSort = { key: 'share', dir: 'desc' };
    var drillCard = el('div', { class: 'tp-card tp-drill', id: 'models-drill', hidden: true });
    body.appendChild(toolbar);
    body.appendChild(chartCard);
    body.appendChild(tableCard);
    body.appendChild(spendCard);
    body.appendChild(saidCard);
    body.appendChild(drillCard);

    var mainBox = null, mainTable = null;

    /** The label column, the cost column when there is spend, then each model's columns of {@code metrics}. */
    function columnsFor(labelTitle, labelKey, metrics) {
      var cols = [{
        key: labelKey, label: labelTitle, title: labelTitle.toLowerCase(), numeric: false,
        value: function (r) { return str(r[labelKey]); },
        cell: function (r) { return el('span', { class: 'tp-name', text: str(r[labelKey], '(none)') }); }
      }];
      if (spendOn) {
        cols.push({
          key: 'cost', label: 'Cost', title: 'cost', numeric: true, cls: 'tp-first-in-group',
          value: function (r) { return isNum(r.cost) ? r.cost : null; },
          cell: function (r) { return fmtMoney(r.cost); }
        });
      }
      models.forEach(function (m) {
        metrics.forEach(function (metric, j) {
          cols.push({
            key: m.key + ':' + metric, label: METRIC_LABEL[metric], title: str(m.name, m.key) + ' ' + metric, numeric: true,
            cls: j === 0 ? 'tp-first-in-group' : null,
            value: function (r) { return val(r, m.key, metric); },
            cell: function (r) {
              var v = val(r, m.key, metric);
              // Credit differs from the baseline's; cost ratios are read as they are (a lower CPA is the better one).
              var delta = baseline && m.key !== baseline && (metric === 'conversions' || metric === 'revenue');
              return [el('span', { text: fmtMetric(metric, v) }), delta ? deltaNode(v, val(r, baseline, metric), metric === 'revenue' ? fmtMoney : fmtConv) : null];
            }
          });
        });
      });
      return cols;
    }
    function groups(metrics) {
      var out = spendOn ? [{ span: 1, title: 'Ad spend (touchpoint.spend)', content: ['Spend'] }] : [];
      return out.concat(models.map(function (m) {
        var l = modelLabel(m);
        return {
          span: metrics.length, cls: m.key === baseline ? 'tp-baseline' : null, title: str(m.name, m.key),
          content: [el('span', { class: 'tp-swatch', style: 'background:' + colorOf[m.key] }), l.main,
            l.params ? el('small', { text: l.params }) : null, m.key === baseline ? el('small', { text: 'baseline' }) : null]
        };
      }));
    }
    /**
     * Totals of {@code rows}; {@code cost} is the spend to show in the cost column (a goal's comes with the data:
     * it counts the channels hidden for report.min-people too).
     */
    function footer(rows, label, metrics, cost) {
      var tr = el('tr', null, el('td', { class: 'tp-l', text: label }));
      if (spendOn) {
        tr.appendChild(el('td', { class: 'tp-first-in-group', text: fmtMoney(cost) }));
      }
      models.forEach(function (m) {
        metrics.forEach(function (metric, j) {
          var total = 0, any = false;
          rows.forEach(function (r) { var v = val(r, m.key, metric); if (v !== null) { total += v; any = true; } });
          tr.appendChild(el('td', { class: j === 0 ? 'tp-first-in-group' : null, text: any ? fmtMetric(metric, total) : DASH }));
        });
      });
      return tr;
    }
    function sumCost(rows) {
      var total = 0, any = false;
      rows.forEach(function (r) { if (isNum(r.cost)) { total += r.cost; any = true; } });
      return any ? total : null;
    }
    /** The CPA and ROAS table of {@code rows} (those with a cost); {@code total}: cost and each model's cpa and roas over all of them. */
    function spendTable(id, rows, labelTitle, labelKey, sortState, total, totalLabel, onRow) {
      var tr = el('tr', null, [el('td', { class: 'tp-l', text: totalLabel }), el('td', { class: 'tp-first-in-group', text: fmtMoney(total.cost) })]);
      models.forEach(function (m) {
        var t = obj(obj(total.models)[m.key]);
        tr.appendChild(el('td', { class: 'tp-first-in-group', text: fmtMoney(t.cpa) }));
        tr.appendChild(el('td', { text: fmtRoas(t.roas) }));
      });
      return sortableTable({
        id: id, rows: rows, columns: columnsFor(labelTitle, labelKey, ['cpa', 'roas']), groups: groups(['cpa', 'roas']), state: sortState,
        label: function (r) { return str(r[labelKey]); }, footer: tr, onRow: onRow,
        isSelected: onRow ? function (r) { return state.drill !== null && r[labelKey] === state.drill; } : null
      });
    }
    /** Cost and each model's CPA and ROAS over {@code rows}, as the data gives them per goal. */
    function totalsOf(rows) {
      var cost = sumCost(rows), t = { cost: cost, models: {} };
      models.forEach(function (m) {
        var c = 0, r = 0;
        rows.forEach(function (x) { c += val(x, m.key, 'conversions') || 0; r += val(x, m.key, 'revenue') || 0; });
        t.models[m.key] = { cpa: isNum(cost) && c > 0 ? cost / c : null, roas: isNum(cost) && cost > 0 ? r / cost : null };
      });
      return t;
    }
    function groupedBar(box, rows, labelKey, onClick) {
      var names = rows.map(function (r) { return str(r[labelKey], '(none)'); });
      var metric = state.metric;
      var f = metric === 'revenue' ? fmtMoney : fmtConv;
      var option = baseOption();
      option.legend = {
        type: 'scroll', top: 0, left: 0, right: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 12,
        textStyle: { color: TEXT, fontSize: 12 }, pageIconColor: PALETTE[0], pageTextStyle: { color: MUTED }
      };
      var label = categoryLabels(names, box, 80);
      option.grid = gridFor(label, 44);
      option.tooltip.trigger = 'axis';
      option.tooltip.axisPointer = { type: 'shadow' };
      option.tooltip.formatter = function (params) {
        var ps = Array.isArray(params) ? params : [params];
        if (!ps.length) { return ''; }
        var row = rows[ps[0].dataIndex];
        var base = baseline ? val(row, baseline, metric) : null;
        var div = el('div', null, el('div', { style: 'font-weight:600;margin-bottom:4px', text: ps[0].name }));
        ps.forEach(function (p) {
          var key = keys[p.seriesIndex];
          var line = el('div', { style: 'display:flex;gap:12px;justify-content:space-between' }, [
            el('span', null, [el('span', { class: 'tp-swatch', style: 'background:' + p.color }), p.seriesName]),
            el('span', { style: 'font-variant-numeric:tabular-nums' }, [f(p.value),
              key !== baseline && isNum(base) && isNum(p.value) && base !== 0 ? ' (' + signed((p.value - base) / base, function (x) { return PF1.format(x); }) + ')' : ''])
          ]);
          div.appendChild(line);
        });
        return div;
      };
      option.xAxis = { type: 'category', data: names, axisLabel: label, axisTick: { alignWithLabel: true } };
      option.yAxis = valueAxis(function (v) { return metric === 'revenue' ? CF_COMPACT.format(v) : COMPACT.format(v); });
      option.series = models.map(function (m) {
        return {
          type: 'bar', name: str(m.name, m.key) + (m.key === baseline ? ' \u2013 baseline' : ''), barMaxWidth: 28, barGap: '15%',
          itemStyle: { color: colorOf[m.key], borderRadius: [3, 3, 0, 0] }, cursor: onClick ? 'pointer' : 'default',
          emphasis: { focus: 'none' },
          data: rows.map(function (r) { return val(r, m.key, metric); })
        };
      });
      var chart = drawChart(box, option);
      if (chart) {
        chart.off('click');
        if (onClick) { chart.on('click', function (p) { onClick(rows[p.dataIndex]); }); }
        box._relabel = function () { var l = categoryLabels(names, box, 80); chart.setOption({ grid: gridFor(l, 44), xAxis: { axisLabel: l } }); };
      }
    }
    function countPoints(rows) {
      var n = 0;
      rows.forEach(function (r) { keys.forEach(function (k) { if (val(r, k, state.metric) !== null) { n++; } }); });
      return n;
    }

    function drawMainChart() {
      var rows = mainTable ? mainTable.sortedRows() : rowsFor(comparison);
      var points = countPoints(rows);
      if (mainBox && (+mainBox.getAttribute('data-points') === 0) !== (points === 0)) { disposeChart(mainBox); clear(chartCard); mainBox = null; }
      if (!mainBox) {
        mainBox = chartBox('chart-models', points);
        clear(chartCard).appendChild(el('h3', { id: 'models-chart-title' }));
        chartCard.appendChild(mainBox);
      }
      mainBox.setAttribute('data-points', String(points));
      chartCard.querySelector('h3').textContent = (state.metric === 'revenue' ? 'Revenue' : 'Conversions') + ' by channel and model';
      groupedBar(mainBox, rows, 'channel', function (r) { openDrill(r.channel); });
    }
    function drawTable() {
      var rows = rowsFor(comparison);
      clear(tableCard).appendChild(el('div', { class: 'tp-card-head' }, [
        el('h3', null, ['Channels ', el('span', { class: 'tp-note', text: '\u00b7 click a column to sort, a channel to drill down' })]),
        el('label', { class: 'tp-inline-label' }, ['Columns', segmented([{ value: 'both', label: 'Both' }, { value: 'conversions', label: 'Conversions' },
          { value: 'revenue', label: 'Revenue' }], state.show, function (v) {
          state.show = v;
          state.autoShow = false;
          drawTable();
          drawMainChart();
          if (state.drill) { drawDrill(); }
        }, 'Table columns')])
      ]));
      ensureSort(state.sort);
      if (!rows.length) { tableCard.appendChild(empty('No channels for this goal.')); mainTable = null; return; }
      mainTable = sortableTable({
        id: 'models-table', rows: rows, columns: columnsFor('Channel', 'channel', shownMetrics()), groups: groups(shownMetrics()), state: state.sort,
        label: function (r) { return str(r.channel); },
        footer: footer(rows, 'Total', shownMetrics(), spendOf(state.goal).cost),
        onSort: function () { drawMainChart(); },
        onRow: function (r) { openDrill(r.channel); },
        isSelected: function (r) { return state.drill !== null && r.channel === state.drill; }
      });
      var wrap = tableCard.appendChild(tableWrap(mainTable));
      if (state.autoShow) {
        state.autoShow = false;
        if (state.show === 'both' && wrap.scrollWidth > wrap.clientWidth + 2) { state.show = 'conversions'; drawTable(); }
      }
    }
    /** Spend: the goal's total and unspent part, then each channel's cost, CPA and ROAS under every model. */
    function drawSpend() {
      clear(spendCard);
      if (!spendOn) { return; }
      var s = spendOf(state.goal);
      var unspentChannels = arr(s.unspent_channels);
      spendCard.appendChild(el('h3', null, ['Cost, CPA and ROAS ', el('span', { class: 'tp-note', text: '\u00b7 CPA = cost / the model\u2019s conversions, ROAS = the model\u2019s revenue / cost' })]));
      spendCard.appendChild(el('p', { class: 'tp-spend-line', id: 'spend-summary' }, [
        'Spend ', el('strong', { id: 'spend-total', text: fmtMoney(s.cost) }), ', of which ',
        el('strong', { id: 'spend-unspent', text: fmtMoney(s.unspent) }),
        (isNum(s.cost) && s.cost > 0 && isNum(s.unspent) ? ' (' + fmtPct(s.unspent / s.cost) + ')' : '') +
          ' unspent: on channels no model credited with a conversion' + (unspentChannels.length ? ' (' + unspentChannels.join(', ') + ')' : '') + '.'
      ]));
      var rows = rowsFor(comparison).filter(function (r) { return isNum(r.cost); });
      if (!rows.length) { spendCard.appendChild(empty('No spend on the channels of this goal.')); return; }
      spendCard.appendChild(tableWrap(spendTable('spend-table', rows, 'Channel', 'channel', state.spendSort, s, 'All channels',
        function (r) { openDrill(r.channel); })));
      spendCard.appendChild(el('p', { class: 'tp-note', text: 'Cost is the spend file\u2019s cost of the channel over the report\u2019s dates, the same under every model; ' +
        'a dash: no conversion (CPA) or no cost. The totals count every channel, also those hidden for report.min-people.' }));
    }
    /**
     * Self-reported against tracked: per channel of the goal, the share of answered conversions that
     * named it and each model's share of the goal's credit; dark channels (no tracker sees them) marked.
     */
    function drawSaid() {
      clear(saidCard);
      if (!saidOn) { return; }
      var all = arr(data.self_reported).filter(function (r) { return r && (state.goal === undefined || r.goal === state.goal); });
      var rows = all.filter(function (r) { return r.channel !== null && r.channel !== undefined; });
      var answered = rows.reduce(function (n, r) { return n + (isNum(r.conversions) ? r.conversions : 0); }, 0);
      var dark = rows.filter(function (r) { return r.dark && r.conversions > 0; });
      var darkN = dark.reduce(function (n, r) { return n + r.conversions; }, 0);
      var none = all.filter(function (r) { return r.channel === null || r.channel === undefined; })[0];
      saidCard.appendChild(el('h3', null, ['What people said ', el('span', { class: 'tp-note',
        text: '\u00b7 \u201cHow did you hear about us?\u201d against each model\u2019s share of the credit' })]));
      saidCard.appendChild(el('p', { class: 'tp-spend-line', id: 'said-summary' }, answered === 0
        ? ['No conversion of this goal has a self-reported answer.']
        : [el('strong', { text: fmtInt(answered) }), ' conversion' + (answered === 1 ? '' : 's') + ' with an answer' +
          (none && none.conversions > 0 ? ' (' + fmtInt(none.conversions) + ' without)' : '') + '; ',
          el('strong', { id: 'said-dark', text: fmtPct(darkN / answered) }),
          ' named channels no tracker sees' + (dark.length ? ' (' + dark.map(function (r) { return r.channel; }).join(', ') + ')' : '') +
          ': dark social, which no touch-based model can credit (hybrid blends the answers in).']));
      if (!rows.length) { return; }
      var cols = [{
        key: 'channel', label: 'Channel', title: 'channel', numeric: false, value: function (r) { return str(r.channel); },
        cell: function (r) { return el('span', { class: 'tp-name' }, [str(r.channel), r.dark ? el('span', { class: 'tp-note', text: ' \u00b7 dark' }) : '']); }
      }, {
        key: 'answers', label: 'People', title: 'people who named it', numeric: true, cls: 'tp-first-in-group',
        value: function (r) { return r.answers; }, cell: function (r) { return fmtInt(r.answers); }
      }, {
        key: 'share', label: 'Said', title: 'share of answered conversions', numeric: true,
        value: function (r) { return isNum(r.share) ? r.share : null; }, cell: function (r) { return isNum(r.share) ? fmtPct(r.share) : '\u2013'; }
      }];
      models.forEach(function (m, i) {
        cols.push({
          key: 'm:' + m.key, label: str(m.name, m.key).replace(/\(.*$/, ''), title: str(m.name, m.key) + ' share', numeric: true,
          cls: i === 0 ? 'tp-first-in-group' : null,
          value: function (r) { var v = obj(r.models)[m.key]; return isNum(v) ? v : null; },
          cell: function (r) { var v = obj(r.models)[m.key]; return isNum(v) ? fmtPct(v) : '\u2013'; }
        });
      });
      saidCard.appendChild(tableWrap(sortableTable({ id: 'said-table', rows: rows, columns: cols, state: state.saidSort,
        label: function (r) { return str(r.channel); } })));
      saidCard.appendChild(el('p', { class: 'tp-note', text: 'Said: of the goal\u2019s conversions with an answer, the share whose answer names the channel. ' +
        'Each model: its share of the goal\u2019s credited conversions. A conversion\u2019s answer is its CRM row\u2019s, else its person\u2019s latest.' }));
    }
    function openDrill(channel) {
      state.drill = channel;
      if (mainTable) { mainTable.redraw(); }
      var spendTableNode = document.getElementById('spend-table');
      if (spendTableNode) { spendTableNode.redraw(); }
      drawDrill();
      drillCard.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
    }
    function closeDrill() {
      var was = state.drill;
      state.drill = null;
      disposeChart(document.getElementById('chart-campaigns'));
      clear(drillCard);
      drillCard.hidden = true;
      var spendTableNode = document.getElementById('spend-table');
      if (spendTableNode) { spendTableNode.redraw(); }
      if (mainTable) {
        mainTable.redraw();
        var back = Array.prototype.filter.call(mainTable.querySelectorAll('tbody tr'), function (tr) { return tr.getAttribute('data-label') === was; })[0];
        if (back) { back.focus({ preventScroll: true }); }
      }
    }
    function drawDrill() {
      disposeChart(document.getElementById('chart-campaigns'));
      clear(drillCard);
      drillCard.hidden = false;
      drillCard.setAttribute('data-channel', state.drill);
      var rows = rowsFor(campaigns).filter(function (r) { return r.channel === state.drill; });
      drillCard.appendChild(el('div', { class: 'tp-crumbs' }, [
        el('button', { type: 'button', class: 'tp-link', id: 'models-drill-back', onclick: closeDrill, text: '\u2190 All channels' }),
        el('span', { class: 'tp-sep', text: '/' }),
        el('strong', { text: state.drill }),
        el('span', { class: 'tp-note', text: '\u00b7 campaigns' })
      ]));
      if (!rows.length) {
        drillCard.appendChild(empty('No campaign breakdown for ' + state.drill + ' in this run.'));
        return;
      }
      ensureSort(state.campSort);
      var box = chartBox('chart-campaigns', countPoints(rows), 'tp-chart-short');
      drillCard.appendChild(box);
      var table = sortableTable({
        id: 'campaigns-table', rows: rows, columns: columnsFor('Campaign', 'campaign', shownMetrics()), groups: groups(shownMetrics()),
        state: state.campSort,
        label: function (r) { return str(r.campaign); },
        footer: footer(rows, 'Total ' + state.drill, shownMetrics(), sumCost(rows)),
        onSort: function (sorted) { groupedBar(box, sorted, 'campaign', null); }
      });
      drillCard.appendChild(el('div', { class: 'tp-row-gap' }, tableWrap(table)));
      var spent = rows.filter(function (r) { return isNum(r.cost); });
      if (spent.length) {
        drillCard.appendChild(el('div', { class: 'tp-row-gap' }, [el('h3', { text: 'Cost, CPA and ROAS by campaign' }),
          tableWrap(spendTable('campaigns-spend-table', spent, 'Campaign', 'campaign', state.campSpendSort, totalsOf(spent), 'Total ' + state.drill, null))]));
      }
      groupedBar(box, table.sortedRows(), 'campaign', null);
    }
    function redrawAll() {
      closeDrill();
      drawTable();
      drawSpend();
      drawSaid();
      drawMainChart();
    }
    relabel.push(function () {
      if (mainBox && mainBox._relabel) { mainBox._relabel(); }
      var c = document.getElementById('chart-campaigns');
      if (c && c._relabel) { c._relabel(); }
    });
    drawTable();
    drawSpend();
    drawSaid();
    drawMainChart();
  }

  // ---------------------------------------------------------------- 3. journeys
  function renderJourneys(body) {
    var j = obj(data.journeys);
    var tps = arr(j.touchpoints).filter(function (r) { return r && r.touchpoints !== undefined; });
    var ttc = arr(j.time_to_convert).filter(Boolean);
    var paths = arr(j.top_paths).filter(Boolean);

    var tpNames = tps.map(function (r) { return String(r.touchpoints); });
    var tpValues = tps.map(function (r) { return isNum(r.conversions) ? r.conversions : null; });
    var tpBox = chartBox('chart-touchpoints', tpValues.filter(isNum).length, 'tp-chart-short');
    var ttcNames = ttc.map(function (r) { return str(r.bucket, '?'); });
    var ttcValues = ttc.map(function (r) { return isNum(r.conversions) ? r.conversions : null; });
    var ttcBox = chartBox('chart-time-to-convert', ttcValues.filter(isNum).length, 'tp-chart-short');

    body.appendChild(el('div', { class: 'tp-grid tp-grid-2' }, [
      card('Touchpoints per conversion', [el('p', { class: 'tp-note tp-chart-note', text: 'Conversions by the number of touchpoints in their journey' }), tpBox]),
      card('Time to convert', [el('p', { class: 'tp-note tp-chart-note', text: 'Conversions by the time from first touch to conversion' }), ttcBox])
    ]));
    simpleBar(tpBox, tpNames, tpValues, { seriesName: 'Conversions', format: fmtCount, color: PALETTE[0] });
    simpleBar(ttcBox, ttcNames, ttcValues, { seriesName: 'Conversions', format: fmtCount, color: PALETTE[5] });

    var pathCard;
    if (!paths.length) {
      pathCard = card('Top channel paths', [empty('No paths in this run.')]);
    } else {
      var table = sortableTable({
        id: 'paths-table', rows: paths, state: { key: 'conversions', dir: 'desc' },
        label: function (r) { return str(r.path); },
        columns: [
          { key: 'path', label: 'Path', title: 'path', numeric: false, value: function (r) { return str(r.path); }, cell: pathNode },
          { key: 'length', label: 'Steps', title: 'number of steps', numeric: true, value: function (r) { return splitPath(r.path).length; }, cell: function (r) { return fmtInt(splitPath(r.path).length); } },
          { key: 'conversions', label: 'Conversions', title: 'conversions', numeric: true, value: function (r) { return isNum(r.conversions) ? r.conversions : null; }, cell: function (r) { return fmtCount(r.conversions); } },
          { key: 'revenue', label: 'Revenue', title: 'revenue', numeric: true, value: function (r) { return isNum(r.revenue) ? r.revenue : null; }, cell: function (r) { return fmtMoney(r.revenue); } }
        ]
      });
      pathCard = card('Top channel paths', [tableWrap(table)]);
    }
    var share = j.cross_device_share;
    var crossCard = el('div', { class: 'tp-card', 'data-kpi': 'cross-device' }, [
      el('h3', { text: 'Cross-device' }),
      el('div', { class: 'tp-kpi-value', id: 'cross-device-share', text: fmtPct(share) }),
      el('div', { class: 'tp-kpi-sub', text: 'of converting journeys used more than one device' })
    ]);
    body.appendChild(el('div', { class: 'tp-grid tp-row-gap', style: 'grid-template-columns:minmax(0,3fr) minmax(180px,1fr);align-items:start' }, [pathCard, crossCard]));
    renderAccounts(body);
  }

  // The accounts view (runs with accounts, docs/accounts.md): top accounts of the deal goal,
  // people and touchpoints per deal, time from first touch to close.
  function renderAccounts(body) {
    if (!data.accounts || typeof data.accounts !== 'object') { return; }
    var a = obj(data.accounts);
    var goal = str(a.goal, 'any goal');
    var top = arr(a.top).filter(Boolean);
    var summary = [el('strong', { id: 'accounts-converted', text: fmtInt(a.converted) }), ' of ',
      el('strong', { text: fmtInt(a.accounts) }), ' accounts with a visit reached ', el('strong', { text: goal })];
    if (isNum(a.median_days_to_first_conversion)) {
      summary.push(', a median ', el('strong', { id: 'accounts-days', text: NF1.format(a.median_days_to_first_conversion) + ' days' }),
        ' after their first touch');
    }
    if (isNum(a.deals) && a.deals > 0) {
      summary.push('. Per deal, a median ', el('strong', { id: 'accounts-people', text: fmtCount(a.median_people) }),
        ' people and ', el('strong', { text: fmtCount(a.median_touchpoints) }), ' touchpoints in its ' +
        (a.unit === 'account' ? 'account' : 'person') + ' journey');
    }
    summary.push('.');
    var children = [el('p', { class: 'tp-spend-line', id: 'accounts-summary' }, summary)];
    if (top.length) {
      children.push(tableWrap(sortableTable({
        id: 'accounts-table', rows: top, state: { key: 'revenue', dir: 'desc' }, label: function (r) { return str(r.account); },
        columns: [
          { key: 'account', label: 'Account', title: 'account', numeric: false, value: function (r) { return str(r.account); }, cell: function (r) { return el('span', { class: 'tp-name', text: str(r.account) }); } },
          { key: 'people', label: 'People', title: 'people with a session', numeric: true, value: function (r) { return r.people; }, cell: function (r) { return fmtInt(r.people); } },
          { key: 'sessions', label: 'Sessions', title: 'sessions', numeric: true, value: function (r) { return r.sessions; }, cell: function (r) { return fmtInt(r.sessions); } },
          { key: 'conversions', label: 'Conversions', title: goal + ' conversions', numeric: true, value: function (r) { return r.conversions; }, cell: function (r) { return fmtInt(r.conversions); } },
          { key: 'revenue', label: 'Revenue', title: goal + ' revenue', numeric: true, value: function (r) { return isNum(r.revenue) ? r.revenue : null; }, cell: function (r) { return fmtMoney(r.revenue); } },
          { key: 'days', label: 'Days to close', title: 'days from first touch to first ' + goal, numeric: true, value: function (r) { return isNum(r.days) ? r.days : null; }, cell: function (r) { return isNum(r.days) ? NF1.format(r.days) : DASH; } },
          { key: 'first_touch', label: 'First touch', title: 'channel of the first session', numeric: false, value: function (r) { return str(r.first_touch); }, cell: function (r) { return str(r.first_touch, DASH); } },
          { key: 'last_touch', label: 'Last touch', title: 'channel of the latest session', numeric: false, value: function (r) { return str(r.last_touch); }, cell: function (r) { return str(r.last_touch, DASH); } }
        ]
      })));
    } else {
      children.push(empty('No account had a visit in this run.'));
    }
    children.push(el('p', { class: 'tp-note', text: 'Top ' + top.length + ' accounts by ' + goal + ' revenue. ' +
      'A person belongs to their latest account claim; the accounts table has every account and goal.' }));
    var per = arr(a.people_per_deal).filter(Boolean);
    var perBox = chartBox('chart-people-per-deal', per.filter(function (r) { return r.deals > 0; }).length, 'tp-chart-short');
    body.appendChild(el('div', { class: 'tp-grid tp-row-gap', style: 'grid-template-columns:minmax(0,3fr) minmax(180px,1fr);align-items:start' }, [
      card('Accounts', children),
      card('People per deal', [el('p', { class: 'tp-note tp-chart-note', text: goal + ' conversions of an account by the people in their journey' }), perBox])
    ]));
    simpleBar(perBox, per.map(function (r) { return str(r.people); }), per.map(function (r) { return isNum(r.deals) ? r.deals : null; }),
      { seriesName: 'Deals', format: fmtCount, color: PALETTE[2] });
  }
  function splitPath(p) { return str(p).split(/\s*>\s*/).filter(function (s) { return s !== ''; }); }
  function pathNode(r) {
    var parts = splitPath(r.path);
    var node = el('div', { class: 'tp-path', title: str(r.path) });
    parts.forEach(function (p, i) { // an arrow stays with the channel it leads to when the path wraps
      node.appendChild(el('span', { class: 'tp-step' }, [i ? el('span', { class: 'tp-arrow', 'aria-hidden': 'true', text: '\u2192' }) : null,
        el('span', { class: 'tp-chip', text: p })]));
    });
    if (!parts.length) { node.appendChild(el('span', { class: 'tp-note', text: '(empty)' })); }
    return node;
  }

  // ---------------------------------------------------------------- 4. funnels
  function renderFunnels(body) {
    var funnels = arr(data.funnels).filter(Boolean);
    if (!funnels.length) {
      body.appendChild(card(null, [empty('No funnels configured.')]));
      return;
    }
    funnels.forEach(function (f, fi) { renderFunnel(body, f, fi); });
  }
  function renderFunnel(body, f, fi) {
    var steps = arr(f.steps).filter(Boolean);
    var name = str(f.name, 'Funnel ' + (fi + 1));
    var c = body.appendChild(el('div', { class: 'tp-card tp-funnel', 'data-funnel': name })); // in the page before charts measure it
    c.appendChild(el('h3', { text: name }));
    var meta = [];
    if (f.unit) { meta.push('unit: ' + f.unit); }
    if (f.window) { meta.push('window: ' + f.window); }
    arr(f.modes).forEach(function (m) { meta.push(str(m)); });
    if (f.breakdown_name) { meta.push('breakdown: ' + f.breakdown_name); }
    if (meta.length) { c.appendChild(el('div', { class: 'tp-meta' }, meta.map(function (m) { return el('span', { class: 'tp-chip', text: m }); }))); }
    if (!steps.length) {
      c.appendChild(empty('This funnel has no steps.'));
      return;
    }
    var unitWord = str(f.unit, 'unit');
    var values = steps.map(function (s) { return isNum(s.units) ? s.units : null; });
    var box = chartBox('chart-funnel-' + fi, values.filter(isNum).length);
    box.style.height = Math.max(260, Math.min(440, 70 * steps.length + 60)) + 'px';

    var rows = el('tbody', null, steps.map(function (s, i) {
      return el('tr', null, [
        el('td', { class: 'tp-l' }, [el('span', { class: 'tp-note', text: str(s.index, i + 1) + '. ' }), el('span', { class: 'tp-name', text: str(s.name, 'step ' + (i + 1)) })]),
        el('td', { text: fmtInt(s.units) }),
        el('td', { class: 'tp-first-in-group', text: i === 0 ? DASH : fmtPct(s.conversion_from_previous) }),
        el('td', { text: fmtPct(s.conversion_from_start) }),
        el('td', { class: 'tp-first-in-group', text: i === 0 ? DASH : fmtInt(s.dropped) }),
        el('td', { text: i === 0 ? DASH : fmtDuration(s.median_seconds_from_previous), title: isNum(s.mean_seconds_from_previous) ? 'Mean ' + fmtDuration(s.mean_seconds_from_previous) : null })
      ]);
    }));
    var table = el('table', { class: 'tp-table tp-funnel-steps' }, [
      el('thead', null, [
        el('tr', null, [
          el('th', { class: 'tp-l', rowspan: '2', text: 'Step' }), el('th', { rowspan: '2', text: cap(unitWord) + 's' }),
          el('th', { colspan: '2', class: 'tp-group', text: 'Conversion from' }),
          el('th', { rowspan: '2', class: 'tp-first-in-group', text: 'Dropped' }),
          el('th', { rowspan: '2', text: 'Median time', title: 'Median time from the previous step' })
        ]),
        el('tr', null, [el('th', { class: 'tp-first-in-group', text: 'previous' }), el('th', { text: 'start' })])
      ]),
      rows
    ]);
    c.appendChild(el('div', { class: 'tp-grid tp-grid-funnel' }, [box, el('div', null, [tableWrap(table),
      el('p', { class: 'tp-note', text: 'Conversion is the share of ' + unitWord + 's reaching the step; median time is from the previous step (hover for the mean).' })])]));

    var option = baseOption();
    option.tooltip.trigger = 'item';
    option.tooltip.formatter = function (p) {
      var s = steps[p.dataIndex];
      return el('div', null, [el('div', { style: 'font-weight:600', text: p.name }),
        el('div', { text: fmtInt(s.units) + ' ' + unitWord + 's' }),
        el('div', { text: fmtPct(s.conversion_from_start) + ' of start' + (p.dataIndex ? ', ' + fmtPct(s.conversion_from_previous) + ' of previous' : '') })]);
    };
    option.series = [{
      type: 'funnel', name: name, sort: 'none', left: '3%', width: '50%', top: 12, bottom: 12, gap: 3, minSize: '6%', maxSize: '100%',
      min: 0, max: Math.max.apply(null, values.filter(isNum).concat([1])),
      label: {
        show: true, position: 'right', color: TEXT, fontSize: 12, lineHeight: 16,
        overflow: 'truncate', ellipsis: '\u2026',
        formatter: function (p) {
          var s = steps[p.dataIndex];
          return '{n|' + str(p.name) + '}\n' + fmtInt(s.units) + (p.dataIndex ? '  \u00b7  ' + fmtPct(s.conversion_from_start) : '');
        },
        rich: { n: { fontWeight: 600, color: TEXT, fontSize: 12, lineHeight: 16 } }
      },
      labelLine: { show: true, length: 14, lineStyle: { color: '#c3c8d2' } },
      itemStyle: { borderColor: '#fff', borderWidth: 1 },
      data: []
    }];
    var maxUnits = option.series[0].max;
    function funnelData() {
      return steps.map(function (s, i) {
        return {
          name: str(s.name, 'step ' + (i + 1)), value: values[i],
          itemStyle: { color: mix('#3356d6', '#9fb0ee', i / Math.max(1, steps.length - 1)) },
          label: { width: funnelLabelWidth(box, isNum(values[i]) ? values[i] / maxUnits : 0) }
        };
      });
    }
    option.series[0].data = funnelData();
    var chart = drawChart(box, option);
    if (chart) { relabel.push(function () { chart.setOption({ series: [{ data: funnelData() }] }); }); }

    var breakdown = arr(f.breakdown).filter(Boolean);
    if (breakdown.length) {
      var byName = str(f.breakdown_name, 'Breakdown');
      var bt = el('table', { class: 'tp-table tp-breakdown' }, [
        el('thead', null, el('tr', null, [el('th', { class: 'tp-l', text: cap(byName) })]
          .concat(steps.map(function (s, i) { return el('th', { text: str(s.name, 'step ' + (i + 1)) }); }))
          .concat([el('th', { text: 'Start \u2192 end' })]))),
        el('tbody', null, breakdown.map(function (b) {
          var u = arr(b.units);
          var first = u[0], last = u[steps.length - 1];
          return el('tr', null, [el('td', { class: 'tp-l' }, el('span', { class: 'tp-name', text: str(b.value, '(none)') }))]
            .concat(steps.map(function (s, i) { return el('td', { text: fmtInt(u[i]) }); }))
            .concat([el('td', { text: isNum(first) && first > 0 && isNum(last) ? fmtPct(last / first) : DASH })]));
        }))
      ]);
      c.appendChild(el('div', { class: 'tp-row-gap' }, [el('h3', { text: cap(unitWord) + 's per step by ' + byName }), tableWrap(bt)]));
    }
  }
  /** Room right of a step (funnel centred at 28% of the box, 50% wide; size is units / max) for its label. */
  function funnelLabelWidth(box, size) {
    return Math.max(60, Math.floor((box.clientWidth || 300) * (0.98 - 0.28 - 0.25 * Math.max(0.06, Math.min(1, size)))) - 26);
  }
  /** Colour between a and b (#rrggbb), t in [0, 1]. */
  function mix(a, b, t) {
    var x = parseInt(a.slice(1), 16), y = parseInt(b.slice(1), 16), out = '#';
    [16, 8, 0].forEach(function (sh) {
      var c = Math.round(((x >> sh) & 255) * (1 - t) + ((y >> sh) & 255) * t);
      out += (c < 16 ? '0' : '') + c.toString(16);
    });
    return out;
  }
  function cap(s) { s = str(s); return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }

  // ---------------------------------------------------------------- 5. quality
  function renderQuality(body) {
    var q = obj(data.quality);
    var read = q.rows_read;
    function share(v) { return isNum(v) && isNum(read) && read > 0 ? fmtPct(v / read) : ''; }
    function line(label, v, sub, id) {
      return el('tr', { class: sub ? 'tp-sub-row' : null, 'data-row': id }, [el('td', { class: 'tp-l', text: label }), el('td', { text: fmtInt(v) }), el('td', { text: share(v) })]);
    }
    var trs = [line('Rows read', read, false, 'rows_read'), line('Accepted', q.accepted, false, 'accepted'), line('Quarantined', q.quarantined, false, 'quarantined')];
    Object.keys(obj(q.quarantined_by_reason)).sort().forEach(function (k) { trs.push(line(k.replace(/_/g, ' '), q.quarantined_by_reason[k], true, 'quarantined:' + k)); });
    trs.push(line('Duplicates', q.duplicates, false, 'duplicates'));
    trs.push(line('Skipped', q.skipped, false, 'skipped'));
    Object.keys(obj(q.skipped_by_reason)).sort().forEach(function (k) { trs.push(line(k.replace(/_/g, ' '), q.skipped_by_reason[k], true, 'skipped:' + k)); });
    if (isNum(q.bots) && !(obj(q.skipped_by_reason).bot === q.bots)) { trs.push(line('of which bots', q.bots, true, 'bots')); }
    var table = el('table', { class: 'tp-table', id: 'quality-table' }, [
      el('thead', null, el('tr', null, [el('th', { class: 'tp-l', text: 'Rows' }), el('th', { text: 'Count' }), el('th', { text: 'Share of read' })])),
      el('tbody', null, trs)
    ]);

    var parts = [q.accepted, q.quarantined, q.duplicates, q.skipped];
    var computed = parts.every(isNum) && isNum(read) ? parts.reduce(function (a, b) { return a + b; }, 0) : null;
    var reconciles = typeof q.reconciles === 'boolean' ? q.reconciles : (computed !== null ? computed === read : null);
    var equation = computed !== null ? fmtInt(q.accepted) + ' accepted + ' + fmtInt(q.quarantined) + ' quarantined + ' + fmtInt(q.duplicates) +
      ' duplicates + ' + fmtInt(q.skipped) + ' skipped = ' + fmtInt(computed) + (computed === read ? '' : ' (rows read: ' + fmtInt(read) + ')') : null;
    var status = el('div', { class: 'tp-status ' + (reconciles ? 'tp-ok' : 'tp-bad'), id: 'quality-reconcile', 'data-reconciles': String(reconciles) }, [
      el('span', { class: 'tp-status-icon', 'aria-hidden': 'true', text: reconciles ? '\u2713' : '!' }),
      el('div', null, [el('strong', { text: reconciles === null ? 'Counts cannot be checked' : reconciles ? 'Counts reconcile' : 'Counts do not reconcile' }),
        equation ? el('div', { text: equation }) : null])
    ]);

    var run = obj(data.run);
    var dur = null, s = Date.parse(run.started_at), e = Date.parse(run.finished_at);
    if (isFinite(s) && isFinite(e) && e >= s) { dur = fmtDuration((e - s) / 1000); }
    var dl = el('dl', { class: 'tp-dl' });
    [['Run', run.run_id], ['Command', run.command], ['Started', run.started_at ? fmtTimestamp(run.started_at) : null], ['Duration', dur],
      ['Touchpoint', run.touchpoint_version], ['Spark', run.spark_version], ['Currency', CURRENCY]].forEach(function (p) {
      if (p[1] !== null && p[1] !== undefined && p[1] !== '') { dl.appendChild(el('dt', { text: p[0] })); dl.appendChild(el('dd', { text: str(p[1]) })); }
    });

    body.appendChild(el('div', { class: 'tp-grid tp-grid-2', style: 'align-items:start' }, [
      card('Input rows', [tableWrap(table)]),
      card('Reconciliation and run', [status, dl])
    ]));
    var config = data.config;
    var configText = typeof config === 'string' ? config : (config === null || config === undefined ? '' : JSON.stringify(config, null, 2));
    body.appendChild(el('details', { class: 'tp-details tp-card', id: 'quality-config' }, [
      el('summary', { text: 'Effective configuration' }),
      el('pre', { text: configText || '(not recorded)' })
    ]));
  }

  // ---------------------------------------------------------------- run everything
  function section(id, fn) {
    var body = document.getElementById(id + '-body');
    try {
      fn(body);
    } catch (e) {
      console.error('Section "' + id + '" failed: ' + (e && e.stack ? e.stack : e));
      body.appendChild(el('div', { class: 'tp-section-error', text: 'This section could not be drawn: ' + (e && e.message ? e.message : e) }));
    }
  }
  try { renderHeader(); } catch (e) { console.error(e); }
  if (typeof echarts === 'undefined') { console.error('Apache ECharts did not load'); }
  section('headline', renderHeadline);
  section('models', renderModels);
  section('journeys', renderJourneys);
  section('funnels', renderFunnels);
  section('quality', renderQuality);
  window.__tp = { data: data, charts: charts };
  if (window.__tpErrors.length) {
    var banner = document.getElementById('tp-error-banner');
    banner.textContent = 'Parts of this report could not be drawn (' + window.__tpErrors.length + ' error' + (window.__tpErrors.length > 1 ? 's' : '') + '). Details are in the browser console.';
    banner.hidden = false;
  }
  document.body.dataset.rendered = 'true';
})();
