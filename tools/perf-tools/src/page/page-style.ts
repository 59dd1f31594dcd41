/** The report page's stylesheet, inlined so the page needs nothing but itself. */
export const PAGE_STYLE = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1180px;padding:1.5rem;color:#1d1d1f}
h1{font-size:1.6rem;margin:.2rem 0}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
nav a{margin-right:1rem}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.status-met{color:#1b7f2a}.status-missed{color:#c62828;font-weight:600}.status-other{color:#8a6d00}
.finding{border-left:4px solid #999;padding:.3rem .8rem;margin:.6rem 0;background:#fafafa}
.finding.critical{border-color:#b71c1c}.finding.high{border-color:#e65100}.finding.medium{border-color:#f9a825}.finding.low{border-color:#90a4ae}
.severity{font-size:11px;text-transform:uppercase;font-weight:700;margin-right:.4rem}
.finding ul{margin:.2rem 0 .2rem 1.2rem;padding:0}.finding .files{color:#666;font-size:12px}
.cases{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:1rem}
figure.case{margin:0;border:1px solid #e3e3e3;border-radius:6px;padding:.5rem .7rem}
figure.case figcaption{display:flex;flex-wrap:wrap;gap:.2rem 1rem;align-items:baseline;font-size:13px}
figure.case code.case-id{font-weight:600;font-size:13px}figure.case svg{max-width:100%;height:auto}
.legend span{margin-right:1rem;white-space:nowrap}.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:.3rem;vertical-align:middle}
.muted{color:#666}`;
